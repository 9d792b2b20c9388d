"""Two batch outputs compared table by table (the determinism test and the benchmark)."""

from __future__ import annotations

import json
from typing import Any

import pyarrow.parquet as pq

from vedette.distributed.layout import TABLES, Layout
from vedette.distributed.tables import CLOCK_COLUMNS


def table_rows(uri: str, table: str) -> list[tuple[Any, ...]]:
    """Every row of one table, sorted, without the wall-clock columns."""
    layout = Layout(uri)
    rows: list[tuple[Any, ...]] = []
    for part in layout.parts(table):
        with layout.fs.open_input_file(part) as fh:
            for row in pq.read_table(fh).to_pylist():
                kept = {k: v for k, v in sorted(row.items()) if k not in CLOCK_COLUMNS}
                rows.append(tuple(json.dumps(v, sort_keys=True) for v in kept.values()))
    return sorted(rows)


def differences(a: str, b: str, tables: tuple[str, ...] = TABLES) -> list[str]:
    """Tables whose rows differ between the outputs `a` and `b` (empty: the same)."""
    return [t for t in tables if table_rows(a, t) != table_rows(b, t)]
