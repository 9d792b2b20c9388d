"""The JSON edge of the API: records to JSON, NDJSON and CSV, one page or a whole view."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, is_dataclass
from typing import Any

from vedette.service import MAX_PAGE_SIZE, Page, PageRequest

Fetch = Callable[[PageRequest], Page[Any]]


def to_json(item: Any) -> Any:
    """A record (dataclass) as the CLI's `--json` prints it."""
    if is_dataclass(item) and not isinstance(item, type):
        return asdict(item)
    return item


def every_item(fetch: Fetch, page: PageRequest) -> Iterator[Any]:
    """Every item of a filtered view from `page.cursor` on, following the cursors."""
    request = PageRequest(page.cursor, MAX_PAGE_SIZE, page.descending)
    while True:
        found = fetch(request)
        yield from found.items
        if found.next is None:
            return
        request = PageRequest(found.next, MAX_PAGE_SIZE, page.descending)


def ndjson_lines(items: Iterable[Any]) -> Iterator[str]:
    for item in items:
        yield json.dumps(to_json(item), ensure_ascii=False) + "\n"


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """Nested objects become dotted columns; lists become JSON text in one cell."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, name + "."))
        elif isinstance(value, list | tuple):
            out[name] = json.dumps(list(value), ensure_ascii=False)
        else:
            out[name] = value
    return out


def csv_lines(rows: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV text, header first; the header is the first row's columns, plus any later new one
    at the end of its row (combined exports mix views)."""
    buffer = io.StringIO()
    writer: csv.DictWriter[str] | None = None
    for row in rows:
        if writer is None:
            writer = csv.DictWriter(buffer, fieldnames=list(row), extrasaction="ignore")
            writer.writeheader()
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def csv_rows(items: Iterable[Any]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield flatten(to_json(item))
