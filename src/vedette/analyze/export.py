"""Export the store: full reports as JSON Lines, or one table as CSV / JSON Lines / Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from vedette.errors import VedetteError
from vedette.store import Store
from vedette.store.rows import Revisions

FORMATS = ("jsonl", "csv", "parquet")
TABLES = ("articles", "quotes", "claims", "events", "rejections", "families", "revisions")


class ExportError(VedetteError):
    code = "V050"
    reason = "export_error"


def rows(store: Store, table: str, revisions: Revisions = "latest") -> Iterator[dict[str, Any]]:
    """Rows of one table; for `articles`, the full report of each article. Articles and
    their items are those of the latest revision of each source unless `revisions="all"`."""
    if table not in TABLES:
        raise ExportError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    for data in store.export_rows(table, revisions):
        if table == "articles":
            report = json.loads(data["report"])
            report["article"]["text"] = data["text"]
            yield report
        else:
            yield data


def export(store: Store, fmt: str, table: str, out: TextIO | Path,
           revisions: Revisions = "latest") -> int:
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    data = rows(store, table, revisions)
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ExportError("parquet needs --out FILE")
        with _writable(out):
            return _parquet(data, out)
    if isinstance(out, Path):
        with _writable(out), out.open("w", encoding="utf-8", newline="") as fh:
            return _write_text(data, fmt, fh, table)
    return _write_text(data, fmt, out, table)


@contextmanager
def _writable(path: Path) -> Iterator[None]:
    """An OSError writing `path` (a folder, a missing folder, no permission, a full disk)
    becomes one coded line."""
    if path.is_dir():
        raise ExportError(f"--out {path} is a folder; give a file name")
    try:
        yield
    except OSError as err:
        raise ExportError(f"cannot write {path}: {err.strerror or err}") from None


def _write_text(data: Iterator[dict[str, Any]], fmt: str, fh: TextIO, table: str) -> int:
    n = 0
    if fmt == "jsonl":
        for row in data:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer: csv.DictWriter[str] | None = None
    for row in data:
        n += 1
        flat = {k: _cell(v) for k, v in row.items()}
        if writer is None:
            writer = csv.DictWriter(fh, fieldnames=list(flat))
            writer.writeheader()
        writer.writerow(flat)
    return n


def _cell(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def _parquet(data: Iterator[dict[str, Any]], path: Path) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise ExportError("parquet needs pyarrow: pip install 'vedette[parquet]'") from err
    records = [{k: _cell(v) for k, v in r.items()} for r in data]
    pq.write_table(pa.Table.from_pylist(records), path)
    return len(records)


__all__ = ["export", "rows", "FORMATS", "TABLES", "asdict"]
