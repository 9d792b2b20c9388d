"""Families as rows of the `families` table (the rows `ingest` stores after each run)."""

from __future__ import annotations

from collections.abc import Sequence

from vedette.distributed.layout import Layout
from vedette.distributed.tables import Row, to_arrow
from vedette.provenance import Family

FAMILIES = "families"  # table and marker stage


def family_rows(families: Sequence[Family]) -> list[Row]:
    """One row per member; members and origins are article ids."""
    return [{"article_id": member, "family": f.id, "origin_id": f.origin,
             "origin_outlet": f.origin_outlet, "relation": None}
            for f in families for member in f.members]


def write_families(layout: Layout, rows: list[Row]) -> None:
    layout.write_table(layout.part(FAMILIES, "00000"), to_arrow(FAMILIES, rows))
    layout.mark(FAMILIES, FAMILIES)
