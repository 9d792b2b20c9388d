"""JSON (one object or a list) and JSON Lines records -> Articles, one rejection per bad record."""

from __future__ import annotations

import json
import re
from typing import Any

from vedette.errors import BadJson, EmptyText, InputRejected, MissingText, TooLarge
from vedette.ingest.dates import normalise_date
from vedette.ingest.limits import MAX_JSON_DEPTH, MAX_RECORDS_PER_FILE
from vedette.ingest.repair import repair_text, split_site_suffix
from vedette.ingest.text import locate_title, split_byline
from vedette.records import Article

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
# A JSON string literal, escapes included: its brackets do not nest.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_DEPTH_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


def parse_json(text: str, *, path: str, raw: bool) -> tuple[list[Article], list[InputRejected]]:
    """A JSON document holding one record or a list of records (path#N, N from 1)."""
    data = load_json(text, where=path)
    if not isinstance(data, list):
        return _collect([(path, data)], raw)
    if len(data) > MAX_RECORDS_PER_FILE:
        raise TooLarge(f"{len(data)} records, limit {MAX_RECORDS_PER_FILE}", path=path)
    return _collect([(f"{path}#{n}", item) for n, item in enumerate(data, start=1)], raw)


def load_json(text: str, *, where: str) -> Any:
    """json.loads within the nesting budget: BadJson, never a RecursionError."""
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise BadJson(f"nested deeper than {MAX_JSON_DEPTH} levels", path=where)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadJson(f"line {exc.lineno}: {exc.msg}", path=where) from None


def json_depth(text: str) -> int:
    """How deep objects and lists nest (strings skipped), counted up to MAX_JSON_DEPTH + 1."""
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", text))
    depth = deepest = 0
    for ch in brackets:
        depth += _DEPTH_STEP[ch]
        deepest = max(deepest, depth)
        if deepest > MAX_JSON_DEPTH:
            break
    return deepest


def json_lines(text: str) -> list[str]:
    """Lines split at \\n only: U+2028, U+0085 and friends are valid inside a JSON string,
    and `str.splitlines` would cut records there (and shift every record number after)."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def parse_jsonl(text: str, *, path: str, raw: bool) -> tuple[list[Article], list[InputRejected]]:
    """One record per line (path#LINE); a bad line is rejected, the good ones are kept."""
    records: list[tuple[str, Any]] = []
    errors: list[InputRejected] = []
    lines = json_lines(text)
    if sum(1 for line in lines if line.strip()) > MAX_RECORDS_PER_FILE:
        raise TooLarge(f"more than {MAX_RECORDS_PER_FILE} records", path=path)
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}#{lineno}"
        try:
            records.append((where, load_json(line, where=where)))
        except BadJson as exc:
            exc.message = exc.message.removeprefix("line 1: ")
            errors.append(exc)
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
