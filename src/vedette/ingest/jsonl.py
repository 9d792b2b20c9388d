"""JSON (one object or a list) and JSON Lines records -> Articles, one rejection per bad record."""

from __future__ import annotations

import json
from typing import Any

from vedette.errors import BadJson, EmptyText, InputRejected, MissingText
from vedette.ingest.dates import normalise_date
from vedette.ingest.repair import repair_text, split_site_suffix
from vedette.ingest.text import locate_title, split_byline
from vedette.records import Article

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})


def parse_json(text: str, *, path: str, raw: bool) -> tuple[list[Article], list[InputRejected]]:
    """A JSON document holding one record or a list of records (path#N, N from 1)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadJson(f"line {exc.lineno}: {exc.msg}", path=path) from None
    if not isinstance(data, list):
        return _collect([(path, data)], raw)
    return _collect([(f"{path}#{n}", item) for n, item in enumerate(data, start=1)], raw)


def parse_jsonl(text: str, *, path: str, raw: bool) -> tuple[list[Article], list[InputRejected]]:
    """One record per line (path#LINE); a bad line is rejected, the good ones are kept."""
    records: list[tuple[str, Any]] = []
    errors: list[InputRejected] = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}#{lineno}"
        try:
            records.append((where, json.loads(line)))
        except json.JSONDecodeError as exc:
            errors.append(BadJson(exc.msg, path=where))
    articles, record_errors = _collect(records, raw)
    return articles, sorted(errors + record_errors, key=lambda e: _line_of(e.path))


def looks_like_json(text: str) -> bool:
    """True when the text starts like a JSON object or list."""
    return text.lstrip()[:1] in ("{", "[")


def record_to_article(record: Any, *, path: str, raw: bool) -> Article:
    """One JSON object with a `text` field. Metadata is kept in raw mode: it is not in the text."""
    if not isinstance(record, dict):
        raise BadJson(f"record is a {type(record).__name__}, not an object", path=path)
    value = record.get("text")
    if not isinstance(value, str):
        raise MissingText("no string field 'text'", path=path)
    text = value if raw else repair_text(value)
    if not text.strip():
        raise EmptyText("field 'text' is blank", path=path)
    title = _string(record, "title", raw)
    publisher = _string(record, "outlet", raw) or _string(record, "publisher", raw)
    if title and not publisher and not raw:
        split = split_site_suffix(title)
        title, publisher = split.title, split.site
    located = locate_title(text, title)
    return Article(
        text=text,
        path=path,
        title=title,
        publisher=publisher,
        url=_string(record, "url", raw),
        published=normalise_date(record.get("published")),
        byline=_byline(record.get("byline", record.get("author"))),
        body_start=located.body_start,
        title_span=located.span,
    )


def _collect(
    records: list[tuple[str, Any]], raw: bool
) -> tuple[list[Article], list[InputRejected]]:
    articles: list[Article] = []
    errors: list[InputRejected] = []
    for where, record in records:
        try:
            articles.append(record_to_article(record, path=where, raw=raw))
        except InputRejected as exc:
            errors.append(exc)
    return articles, errors


def _string(record: dict[str, Any], key: str, raw: bool) -> str | None:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip() if raw else repair_text(value)


def _byline(value: Any) -> list[str]:
    if isinstance(value, list):
        return [v.strip() for v in value if isinstance(v, str) and v.strip()]
    return split_byline(value) if isinstance(value, str) else []


def _line_of(path: str) -> int:
    return int(path.rpartition("#")[2] or 0)
