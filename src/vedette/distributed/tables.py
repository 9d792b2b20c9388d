"""Rows of the output tables, with the store's columns (what `vedette export` writes).

A report becomes its rows through the store's own row builders, so a table written here and
a table read from a store by `export` hold the same columns with the same values; `places`
(not a store table) has its own columns. Arrow schemas are derived from the store schema so
an empty part file still carries every column.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa
from sqlalchemy import Boolean, Float, Integer

from vedette.config import EXTRACTOR_VERSION, config_hash
from vedette.records import Rejection, Report
from vedette.store import schema
from vedette.store.convert import report_rows as store_rows

Row = dict[str, Any]
# Columns written by the engines but not compared across runs (wall-clock stamps).
CLOCK_COLUMNS = frozenset({"ingested_at", "rejected_at"})
PLACES_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("pid", pa.int64()), ("name", pa.string()),
    ("country", pa.string()), ("lat", pa.float64()), ("lon", pa.float64()),
    ("kind", pa.string()), ("geonameid", pa.int64()), ("text", pa.string()),
    ("start", pa.int64()), ("end", pa.int64()),
])


@dataclass(slots=True)
class TableRows:
    """Rows per table for one unit of work (a partition, or the families stage)."""

    rows: dict[str, list[Row]] = field(default_factory=dict)

    def add(self, table: str, items: Iterable[Row]) -> None:
        self.rows.setdefault(table, []).extend(items)

    def count(self, table: str) -> int:
        return len(self.rows.get(table, []))


def arrow_schema(table: str) -> pa.Schema:
    if table == "places":
        return PLACES_SCHEMA
    columns = schema.metadata.tables[table].columns
    return pa.schema([(c.name, _arrow_type(c.type)) for c in columns])


def _arrow_type(sql_type: Any) -> pa.DataType:
    if isinstance(sql_type, Boolean):
        return pa.bool_()
    if isinstance(sql_type, Integer):
        return pa.int64()
    if isinstance(sql_type, Float):
        return pa.float64()
    return pa.string()


def to_arrow(table: str, rows: list[Row]) -> pa.Table:
    """Rows as an Arrow table with exactly the table's columns (missing ones are null)."""
    target = arrow_schema(table)
    columns = {name: [r.get(name) for r in rows] for name in target.names}
    return pa.Table.from_pydict(columns, schema=target)


def report_rows(report: Report) -> TableRows:
    """The rows one analysed article adds to each table."""
    data = report.to_json()
    article_id = data["article"]["id"]
    rows = store_rows(report, EXTRACTOR_VERSION, config_hash())
    out = TableRows()
    out.add("articles", [rows.article])
    out.add("quotes", rows.quotes)
    out.add("claims", rows.claims)
    out.add("events", rows.events)
    out.add("places", [_place_row(article_id, n, p) for n, p in enumerate(data["places"], 1)])
    return out


def _place_row(article_id: str, pid: int, place: Row) -> Row:
    return {"article_id": article_id, "pid": pid, **{k: place.get(k) for k in PLACES_SCHEMA.names
                                                      if k not in ("article_id", "pid")}}


def rejection_row(rejection: Rejection) -> Row:
    return {"path": rejection.path, "code": rejection.code, "message": rejection.message,
            "rejected_at": now()}


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def report_json(row: Row) -> dict[str, Any]:
    """The full report of an `articles` row (the stored report omits the text)."""
    report: dict[str, Any] = json.loads(row["report"])
    report["article"]["text"] = row["text"]
    return report
