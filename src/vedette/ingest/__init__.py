"""Ingest: files, directories and globs -> repaired `Article` records, or coded rejections.

`read_articles` raises an `InputRejected` subclass when a file yields nothing;
`read_articles_with_rejections` never does and reports each bad file or record instead.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from vedette.errors import EmptyText, InputRejected, TooLarge, UnsupportedInput
from vedette.guard import guarded, seconds_for
from vedette.ingest.decode import decode_bytes, read_bytes
from vedette.ingest.feed import FEED_SUFFIXES, XML_SUFFIXES, looks_like_feed, parse_feed
from vedette.ingest.html import looks_like_html, parse_html
from vedette.ingest.inputs import display_path, expand_inputs, to_rejection
from vedette.ingest.jsonl import (
    JSON_SUFFIXES,
    JSONL_SUFFIXES,
    json_depth,
    json_lines,
    looks_like_json,
    parse_json,
    parse_jsonl,
)
from vedette.ingest.limits import MAX_JSON_DEPTH, MAX_TEXT_BYTES, MAX_TEXT_CHARS
from vedette.ingest.repair import repair_text, split_site_suffix
from vedette.ingest.text import parse_text
from vedette.ingest.warc import has_warc_name, read_warc, starts_like_warc
from vedette.records import Article, Rejection

__all__ = [
    "MAX_TEXT_BYTES",
    "InputRead",
    "display_path",
    "expand_inputs",
    "is_blank",
    "may_hold_several",
    "read_articles",
    "read_articles_with_rejections",
    "read_input",
    "repair_text",
    "split_site_suffix",
]

_SURROGATE = re.compile("[\ud800-\udfff]")
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
# Suffixes whose content is plain text even when it starts with "{" or "<".
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
# Suffixes that name their kind: their content is never sniffed for a feed or an archive.
_NAMED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES


class Kind(Enum):
    TEXT = "text"
    HTML = "html"
    JSON = "json"
    JSONL = "jsonl"


def read_articles(path: Path, *, raw: bool = False) -> list[Article]:
    """Read one file into Articles (several for JSON lists and JSON Lines).

    Raises the first InputRejected only when nothing in the file was readable; bad records
    beside good ones are dropped here, use `read_articles_with_rejections` to see them.
    """
    articles, errors = _read(path, raw)
    if not articles and errors:
        raise errors[0]
    return articles


def read_articles_with_rejections(
    path: Path, *, raw: bool = False
) -> tuple[list[Article], list[Rejection]]:
    """Read one file; every rejected file or record comes back as a Rejection, never raised."""
    found = read_input(path, raw=raw)
    return found.articles, found.rejections


@dataclass(slots=True)
class InputRead:
    """One input file read inside its guard: articles, rejections, library notes."""

    articles: list[Article] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    notes: list[Rejection] = field(default_factory=list)


def read_input(path: Path, *, raw: bool = False) -> InputRead:
    """Read one file within its budgets; whatever goes wrong is a coded rejection.

    Every article is also checked against the per-text budgets here: a text of format
    characters only (zero-width spaces) is empty, one over MAX_TEXT_CHARS too large.
    """
    where = display_path(path)
    size = _size(path)
    guard = guarded(where, seconds_for(size), lambda: _read(path, raw))
    found: InputRead = InputRead()
    if guard.rejection is not None:
        found.rejections.append(to_rejection(guard.rejection))
    articles, errors = guard.value or ([], [])
    for article in articles:
        _scrub_surrogates(article)
        problem = _text_problem(article)
        if problem is None:
            found.articles.append(article)
        else:
            errors.append(problem)
    found.rejections.extend(to_rejection(e) for e in errors)
    note = guard.note(where)
    if note is not None:
        found.notes.append(to_rejection(note))
    if where != str(path):
        _printable_paths(found, str(path), where)
    return found


def _printable_paths(found: InputRead, name: str, shown: str) -> None:
    """A file name that is not valid UTF-8 (surrogate escapes in `name`) shown escaped, so it
    can be printed and stored."""
    for article in found.articles:
        article.path = article.path.replace(name, shown)
    for items in (found.rejections, found.notes):
        items[:] = [Rejection(r.path.replace(name, shown), r.code,
                              r.message.replace(name, shown)) for r in items]


def is_blank(text: str) -> bool:
    """True when `text` holds nothing but whitespace and invisible format characters
    (zero-width spaces and joiners, direction marks, byte-order marks)."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def _scrub_surrogates(article: Article) -> None:
    """Lone surrogates ("\\ud800" in a JSON string) cannot be printed or stored: each becomes
    "?", one character for one, so offsets already taken stay right."""
    for name in ("text", "title", "publisher", "url"):
        value = getattr(article, name)
        if value is not None and _SURROGATE.search(value):
            setattr(article, name, value.encode("utf-8", "replace").decode("utf-8"))
    article.byline = [b.encode("utf-8", "replace").decode("utf-8") for b in article.byline]


def _text_problem(article: Article) -> InputRejected | None:
    if len(article.text) > MAX_TEXT_CHARS:
        return TooLarge(f"{len(article.text)} characters, limit {MAX_TEXT_CHARS}",
                        path=article.path)
    if is_blank(article.text):
        return EmptyText("only invisible characters", path=article.path)
    return None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def may_hold_several(path: Path) -> bool:
    """True for container files (JSON, JSON Lines, feeds, WARC) that can give several reports."""
    containers = JSON_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | XML_SUFFIXES
    return path.suffix.lower() in containers or has_warc_name(path)


def detect_kind(path: Path, text: str) -> Kind:
    """By suffix first, then by content for files of unknown type."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return Kind.JSONL
    if suffix in JSON_SUFFIXES:
        return Kind.JSON
    if suffix in HTML_SUFFIXES or looks_like_html(text):
        return Kind.HTML
    if suffix not in TEXT_SUFFIXES and looks_like_json(text):
        return _sniff_json(text)
    return Kind.TEXT


def _read(path: Path, raw: bool) -> tuple[list[Article], list[InputRejected]]:
    try:
        articles, errors = _read_by_kind(path, raw)
        if not articles and not errors:
            raise EmptyText("no records", path=str(path))
    except InputRejected as exc:
        return [], [exc]
    return articles, errors


def _read_by_kind(path: Path, raw: bool) -> tuple[list[Article], list[InputRejected]]:
    # An archive is streamed record by record: it may be far larger than one article.
    if _is_warc(path):
        return read_warc(path, raw=raw)
    data = read_bytes(path)
    if _is_feed(path, data):
        # Bytes, not decoded text: a feed declares its own encoding in its XML declaration.
        return parse_feed(data, path=str(path), raw=raw)
    text = decode_bytes(data, where=str(path))
    if path.suffix.lower() in XML_SUFFIXES and not looks_like_html(text):
        raise UnsupportedInput("XML that is not an RSS or Atom feed", path=str(path))
    return _parse(path, text, raw)


def _is_warc(path: Path) -> bool:
    if has_warc_name(path):
        return True
    return path.suffix.lower() not in _NAMED_SUFFIXES and starts_like_warc(path)


def _is_feed(path: Path, data: bytes) -> bool:
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        return True
    return suffix not in _NAMED_SUFFIXES and looks_like_feed(data)


def _parse(path: Path, text: str, raw: bool) -> tuple[list[Article], list[InputRejected]]:
    where = str(path)
    kind = detect_kind(path, text)
    if kind is Kind.JSONL:
        return parse_jsonl(text, path=where, raw=raw)
    if kind is Kind.JSON:
        return parse_json(text, path=where, raw=raw)
    if raw:
        # Offsets must be offsets into the file: the decoded text exactly, nothing parsed.
        return [Article(text=text, path=where)], []
    if kind is Kind.HTML:
        return [parse_html(text, path=where)], []
    return [parse_text(text, path=where)], []


def _sniff_json(text: str) -> Kind:
    if json_depth(text) > MAX_JSON_DEPTH:
        return Kind.JSON  # rejected by the JSON reader, with its reason
    try:
        json.loads(text)
    except json.JSONDecodeError:
        lines = [line for line in json_lines(text) if line.strip()]
        starts_like_records = all(line.lstrip().startswith("{") for line in lines)
        return Kind.JSONL if starts_like_records else Kind.TEXT
    return Kind.JSON
