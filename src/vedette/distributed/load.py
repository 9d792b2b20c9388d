"""`vedette load DIR --db URL`: batch tables into a store, idempotently.

PostgreSQL gets each part file by COPY into a temporary table and one INSERT ... ON CONFLICT
DO NOTHING; SQLite gets batched INSERT OR IGNORE. Loading the same folder twice adds
nothing. Families hold for the batch's own articles: they replace the store's families when
the store holds exactly those articles, otherwise they are recomputed over the whole store.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pyarrow.parquet as pq
from sqlalchemy import Table

from vedette.distributed.layout import MANIFEST, Layout
from vedette.distributed.run import BatchError
from vedette.distributed.settings import LOAD_BATCH_ROWS
from vedette.distributed.tables import Row
from vedette.store import SqlStore, schema
from vedette.store.backfill import backfill_revisions
from vedette.store.rows import FamilyRow

# Loaded in this order (articles first: the other tables refer to them).
LOADED = ("articles", "quotes", "claims", "events", "rejections")


@dataclass(slots=True)
class LoadSummary:
    rows: dict[str, int] = field(default_factory=dict)  # rows read per table
    families: str = ""  # "replaced" or "recomputed"


def load_tables(uri: str, store: SqlStore) -> LoadSummary:
    layout = Layout(uri)
    if not layout.exists(layout.path(MANIFEST)):
        raise BatchError(f"{uri} is not the output of a finished `vedette batch` (no {MANIFEST})")
    summary = LoadSummary()
    for name in LOADED:
        table = schema.metadata.tables[name]
        summary.rows[name] = sum(_load_part(store, table, layout, part)
                                 for part in layout.parts(name))
    # Each loaded text becomes a revision of its source (the latest, for a new source), so
    # the queries that read latest revisions see it.
    store.writer.run(backfill_revisions)
    summary.families = _load_families(store, layout, summary)
    return summary


def _load_part(store: SqlStore, table: Table, layout: Layout, part: str) -> int:
    with layout.fs.open_input_file(part) as fh:
        data = pq.read_table(fh)
    columns = [c for c in data.column_names if c in table.c]
    rows = data.select(columns).to_pylist()
    if store.backend == "postgresql":
        _copy_postgres(store, table, columns, rows)
    else:
        _insert_batches(store, table, rows)
    return len(rows)


def _insert_batches(store: SqlStore, table: Table, rows: list[Row]) -> None:
    for chunk in _chunks(rows, LOAD_BATCH_ROWS):
        store.writer.run(partial(store.writer.insert_ignore, table=table, rows=chunk))


def _copy_postgres(store: SqlStore, table: Table, columns: list[str], rows: list[Row]) -> None:
    """COPY into a temporary table, then insert what is not there yet, in one transaction."""
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    with store.engine.begin() as conn:
        cur = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        cur.execute(f'CREATE TEMP TABLE batch_load (LIKE "{table.name}" INCLUDING DEFAULTS) '
                    "ON COMMIT DROP")
        with cur.copy(f"COPY batch_load ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
        cur.execute(f'INSERT INTO "{table.name}" ({names}) SELECT {names} FROM batch_load '
                    "ON CONFLICT DO NOTHING")


def _load_families(store: SqlStore, layout: Layout, summary: LoadSummary) -> str:
    batch_ids = set(_column(layout, "articles", "id"))
    stored = set(store.known_ids(batch_ids))
    if len(stored) == store.count() == len(batch_ids):
        rows = [FamilyRow(r["article_id"], r["family"], r["origin_id"], r["origin_outlet"],
                          r["relation"])
                for r in _rows(layout, "families") if r["article_id"] in stored]
        store.replace_families(rows)
        summary.rows["families"] = len(rows)
        return "replaced"
    from vedette.batch import update_families

    update_families(store)
    summary.rows["families"] = store.count("families")
    return "recomputed"


def _rows(layout: Layout, table: str) -> Iterator[Row]:
    for part in layout.parts(table):
        with layout.fs.open_input_file(part) as fh:
            yield from pq.read_table(fh).to_pylist()


def _column(layout: Layout, table: str, column: str) -> Iterator[Any]:
    for part in layout.parts(table):
        with layout.fs.open_input_file(part) as fh:
            yield from pq.read_table(fh, columns=[column]).column(column).to_pylist()


def _chunks(rows: list[Row], size: int) -> Iterator[list[Row]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]
