"""Plain-text documents: an optional `Key: value` header block, then a headline and a body."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from vedette.errors import EmptyText
from vedette.ingest.dates import normalise_date
from vedette.ingest.limits import MAX_HEADER_LINES, MAX_HEADLINE_WORDS
from vedette.ingest.repair import drop_leading_blank_lines, repair_text, split_site_suffix
from vedette.records import Article, Span

_HEADER_LINE = re.compile(r"([A-Za-z][A-Za-z ]{0,30}):(?:[ \t]+(.*))?")
_HEADER_END = "---"
# Header keys and the Article field each fills; other keys (License, Topic, ...) are kept out.
_TITLE_KEYS = frozenset({"title", "headline"})
_PUBLISHER_KEYS = frozenset({"outlet", "publisher", "site", "source"})
_DATE_KEYS = frozenset({"date published", "published", "date"})
_URL_KEYS = frozenset({"url", "link"})
_BYLINE_KEYS = frozenset({"byline", "author", "authors"})
_KNOWN_KEYS = _TITLE_KEYS | _PUBLISHER_KEYS | _DATE_KEYS | _URL_KEYS | _BYLINE_KEYS
_BYLINE_PREFIX = re.compile(r"^\s*by\s+", re.I)
_BYLINE_SEPARATORS = re.compile(r"\s*(?:[,;&]|\band\b)\s*")
# A line ending like a sentence is body text, not a headline.
_SENTENCE_END = (".", ",", ";", ":")
_NON_SPACE = re.compile(r"\S")


@dataclass(slots=True)
class Header:
    """The `Key: value` block at the top of a text file; `end` is where the body begins."""

    end: int
    fields: list[tuple[str, str]] = field(default_factory=list)

    def first(self, keys: frozenset[str]) -> str | None:
        for key, value in self.fields:
            if key in keys and value:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Headline:
    """Where the headline sits in the text, and where the body after it starts."""

    span: Span | None
    body_start: int


def parse_text(text: str, *, path: str) -> Article:
    """Build an Article from decoded text: header block if any, headline, repaired body."""
    repaired = repair_text(text)
    header = parse_header(repaired)
    if header is None:
        return _headerless_article(repaired, path)
    body = drop_leading_blank_lines(repaired[header.end :])
    if not body.strip():
        raise EmptyText("header without body text", path=path)
    title = header.first(_TITLE_KEYS)
    located = locate_title(body, title)
    return Article(
        text=body,
        path=path,
        title=title,
        publisher=header.first(_PUBLISHER_KEYS),
        url=header.first(_URL_KEYS),
        published=normalise_date(header.first(_DATE_KEYS)),
        byline=split_byline(header.first(_BYLINE_KEYS)),
        body_start=located.body_start,
        title_span=located.span,
    )


def parse_header(text: str) -> Header | None:
    """Return the header block, or None when the text does not start with one."""
    header = Header(end=0)
    for start, line in _lines(text, MAX_HEADER_LINES + 1):
        if line.strip() == _HEADER_END:
            header.end = start + len(line) + 1
            known = any(key in _KNOWN_KEYS for key, _ in header.fields)
            return header if known else None
        if not line.strip():
            continue
        match = _HEADER_LINE.fullmatch(line.rstrip())
        if match is not None:
            key, value = match.group(1).strip().casefold(), (match.group(2) or "").strip()
            header.fields.append((key, value))
        elif line[:1] in " \t" and header.fields:
            # An indented line continues the previous value.
            key, value = header.fields[-1]
            header.fields[-1] = (key, f"{value} {line.strip()}")
        else:
            return None
    return None


def locate_title(text: str, title: str | None) -> Headline:
    """Find `title` as the first line of `text` (alone or with a site suffix)."""
    first = next(_lines(text, 1), None)
    if title is None or first is None:
        return Headline(None, 0)
    start, line = first
    stripped = line.strip()
    if title.strip() not in (stripped, split_site_suffix(stripped).title):
        return Headline(None, 0)
    return _headline_at(text, start, line, title.strip())


def split_byline(value: str | None) -> list[str]:
    """Split a byline: "By Jane Roe and John Doe" -> ["Jane Roe", "John Doe"]."""
    if not value:
        return []
    names = _BYLINE_SEPARATORS.split(_BYLINE_PREFIX.sub("", value))
    return [name.strip() for name in names if name.strip()]


def _headerless_article(text: str, path: str) -> Article:
    if not text.strip():
        raise EmptyText("no text", path=path)
    article = Article(text=text, path=path)
    first = next(_lines(text, 1), None)
    if first is None or not _is_headline(text, first[1]):
        return article
    start, line = first
    split = split_site_suffix(line)
    located = _headline_at(text, start, line, split.title)
    article.title = split.title
    article.publisher = split.site
    article.title_span = located.span
    article.body_start = located.body_start
    return article


def _is_headline(text: str, line: str) -> bool:
    """A short first line, not ending like a sentence, with more text after it."""
    stripped = line.strip()
    has_body = bool(text[len(line) :].strip())
    short = len(stripped.split()) <= MAX_HEADLINE_WORDS
    return has_body and short and not stripped.endswith(_SENTENCE_END)


def _headline_at(text: str, start: int, line: str, title: str) -> Headline:
    lead = len(line) - len(line.lstrip())
    span = Span.of(text, start + lead, start + lead + len(title))
    return Headline(span, _next_line_start(text, start + len(line)))


def _next_line_start(text: str, offset: int) -> int:
    """Offset of the first non-blank line after `offset` (len(text) when there is none)."""
    match = _NON_SPACE.search(text, offset)
    if match is None:
        return len(text)
    return text.rfind("\n", 0, match.start()) + 1


def _lines(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """Yield (offset, line) for the first `limit` lines, without their newline."""
    start = 0
    for _ in range(limit):
        if start > len(text) or (start == len(text) and start > 0):
            return
        end = text.find("\n", start)
        if end < 0:
            yield start, text[start:]
            return
        yield start, text[start:end]
        start = end + 1
