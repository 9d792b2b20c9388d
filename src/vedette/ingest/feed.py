"""RSS and Atom feeds: one Article per entry (path#N, N from 1), one rejection per bad entry."""

from __future__ import annotations

import codecs
import email.utils
import io
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

from vedette.errors import BadFeed, EmptyText, InputRejected, MissingText, NoArticleText
from vedette.ingest.dates import normalise_date
from vedette.ingest.repair import repair_text
from vedette.ingest.text import locate_title, split_byline
from vedette.records import Article

# Always read as feeds; `.xml` only when its root element says so.
FEED_SUFFIXES = frozenset({".rss", ".atom"})
XML_SUFFIXES = frozenset({".xml"})

# Enough bytes to get past an XML declaration, stylesheet instructions and comments.
_FEED_SNIFF_BYTES = 4096
_FEED_ROOT = re.compile(
    r"\s*(?:<\?.*?\?>\s*|<!--.*?-->\s*|<!DOCTYPE[^>]*>\s*)*<(?:[\w.-]+:)?(?:rss|feed|RDF)\b",
    re.I | re.S,
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Elements whose text is not article text.
_DROPPED_TAGS = ("script", "style", "noscript", "template", "iframe", "object")
# Elements that start a paragraph of their own in the plain text.
_BLOCK_TAGS = (
    "p", "div", "section", "article", "header", "footer", "aside", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "table", "tr", "figure", "figcaption", "hr",
)  # fmt: skip
_PARAGRAPH_BREAK = "\n\n"
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")
_MAX_ERROR_CHARS = 120

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class EntryBody:
    """The text an entry carries, and whether it is markup to reduce to text."""

    value: str
    is_html: bool


def looks_like_feed(data: bytes) -> bool:
    """True when the bytes start with an RSS, Atom or RSS 1.0 (RDF) root element."""
    head = data[:_FEED_SNIFF_BYTES]
    encoding = "utf-16" if head.startswith(_UTF16_BOMS) else "utf-8"
    text = head.decode(encoding, errors="ignore").lstrip("\ufeff")
    return _FEED_ROOT.match(text) is not None


def parse_feed(data: bytes, *, path: str, raw: bool) -> tuple[list[Article], list[InputRejected]]:
    """Every entry of a feed; BadFeed when the bytes are no feed, EmptyText when it has none.

    In raw mode an entry's text is its content exactly as the feed gives it (markup included),
    like a raw HTML file; metadata is kept since it is not part of the text.
    """
    if not data.strip():
        raise EmptyText("no text", path=path)
    parsed = _parse(data, path)
    entries = parsed.get("entries") or []
    if not entries:
        raise _no_entries(parsed, path)
    if parsed.get("bozo"):
        # feedparser's lenient parser still found entries: keep them, as a browser would.
        logger.warning("%s: malformed feed read leniently (%s)", path, _bozo_reason(parsed))
    publisher = _clean(parsed.get("feed", {}).get("title"), raw)
    articles: list[Article] = []
    errors: list[InputRejected] = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}#{number}"
        try:
            articles.append(entry_to_article(entry, path=where, publisher=publisher, raw=raw))
        except InputRejected as exc:
            errors.append(exc)
    return articles, errors


def entry_to_article(entry: Any, *, path: str, publisher: str | None, raw: bool) -> Article:
    """One feed entry: content (else summary) reduced to text, with its metadata."""
    body = entry_body(entry)
    if body is None:
        raise MissingText("entry has no content or summary", path=path)
    text = body.value if raw else repair_text(_plain(body))
    if not any(ch.isalnum() for ch in text):
        if body.is_html:
            raise NoArticleText("entry markup holds no text", path=path)
        raise EmptyText("entry text is blank", path=path)
    title = _clean(entry.get("title"), raw)
    located = locate_title(text, title)
    return Article(
        text=text,
        path=path,
        title=title,
        publisher=publisher,
        url=_clean(entry.get("link"), raw=True),
        published=entry_date(entry),
        byline=_byline(entry),
        body_start=located.body_start,
        title_span=located.span,
    )


def entry_body(entry: Any) -> EntryBody | None:
    """The full content when there is one (Atom content, RSS content:encoded), else the summary."""
    for detail in [*entry.get("content", []), entry.get("summary_detail")]:
        value = detail.get("value") if detail else None
        if isinstance(value, str) and value.strip():
            return EntryBody(value, detail.get("type", "text/html") in _HTML_TYPES)
    return None


def entry_date(entry: Any) -> str | None:
    """YYYY-MM-DD in the publisher's own time zone, as the article's weekdays are.

    feedparser's `*_parsed` fields are in UTC, which moves late-evening dates to the next day,
    so they are only the last resort.
    """
    for key in ("published", "updated", "created"):
        value = entry.get(key)
        found = normalise_date(value) or _rfc822_date(value)
        if found:
            return found
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return time.strftime("%Y-%m-%d", parsed)
    return None


def html_to_text(html: str) -> str:
    """Markup of an entry -> text, one paragraph per block element.

    Feed content is already the article body, so trafilatura's boilerplate removal (tuned for
    whole pages) would only risk dropping short entries; a plain reduction is enough.
    """
    from lxml import etree

    root = _parse_fragment(html)
    if root is None:
        return ""
    for element in list(root.iter(*_DROPPED_TAGS)):
        element.drop_tree()
    for element in root.iter(etree.Element):
        # Source line breaks inside a paragraph are spaces; block boundaries are breaks.
        element.text = _SPACES.sub(" ", element.text or "")
        element.tail = _SPACES.sub(" ", element.tail or "")
        if element.tag in _BLOCK_TAGS:
            element.text = _PARAGRAPH_BREAK + element.text
            element.tail = _PARAGRAPH_BREAK + element.tail
        elif element.tag == "br":
            element.tail = "\n" + element.tail
    lines = (line.strip(" ") for line in str(root.text_content()).split("\n"))
    return _BLANK_LINES.sub(_PARAGRAPH_BREAK, "\n".join(lines)).strip()


def _parse(data: bytes, path: str) -> Any:
    import feedparser  # loaded only when a feed is read (it is slow to import)

    try:
        # A stream, never bytes or str: feedparser opens those as a file name or URL if it can.
        return feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - a broken feed is rejected, never a crash
        raise BadFeed(f"parser failed ({type(exc).__name__})", path=path) from None


def _no_entries(parsed: Any, path: str) -> InputRejected:
    if parsed.get("bozo"):
        return BadFeed(f"not well-formed ({_bozo_reason(parsed)})", path=path)
    if not parsed.get("version"):
        return BadFeed("no RSS or Atom root element", path=path)
    return EmptyText("feed without entries", path=path)


def _bozo_reason(parsed: Any) -> str:
    lines = str(parsed.get("bozo_exception") or "malformed").splitlines() or ["malformed"]
    return lines[0][:_MAX_ERROR_CHARS]


def _plain(body: EntryBody) -> str:
    return html_to_text(body.value) if body.is_html else body.value


def _parse_fragment(html: str) -> Any:
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(html)
    # Empty or hopeless markup, or a str with an encoding declaration: no text, not a crash.
    except (ValueError, etree.LxmlError):
        return None


def _rfc822_date(value: object) -> str | None:
    """RSS dates ("Wed, 08 Dec 2021 23:30:00 -0500") as the local calendar date."""
    if not isinstance(value, str):
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None


def _byline(entry: Any) -> list[str]:
    names = [a.get("name") for a in entry.get("authors", []) if isinstance(a, dict)]
    found = [n for name in names if isinstance(name, str) for n in split_byline(name)]
    return found or split_byline(entry.get("author"))


def _clean(value: object, raw: bool) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip() if raw else repair_text(value)
