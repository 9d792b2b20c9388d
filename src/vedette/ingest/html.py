"""HTML pages: trafilatura finds the article text and metadata; htmldate backs up the date."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vedette.errors import NoArticleText
from vedette.ingest.dates import normalise_date
from vedette.ingest.repair import repair_text, split_site_suffix
from vedette.ingest.text import locate_title
from vedette.records import Article

if TYPE_CHECKING:  # trafilatura and htmldate load in ~0.5 s: only pages that are HTML pay it
    from trafilatura.settings import Document

# Enough to decide whether a file of unknown type is HTML.
_HTML_SNIFF_CHARS = 2048
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_AUTHOR_SEPARATOR = re.compile(r"\s*;\s*")
# Elements whose text is never article text (a script's source, a no-script notice).
_NOT_TEXT_TAGS = ("script", "noscript", "template")
_TAG_NAME_ENDS = frozenset({">", "/", " ", "\t", "\n", "\r", ""})


def looks_like_html(text: str) -> bool:
    """True when the text starts with an HTML doctype or an html/head/body tag."""
    return _HTML_START.match(text[:_HTML_SNIFF_CHARS]) is not None


def parse_html(html: str, *, path: str) -> Article:
    """Extract the main article text and its metadata; NoArticleText when there is none."""
    doc = _extract(drop_blocks(html, _NOT_TEXT_TAGS), path)
    text = repair_text(doc.text) if isinstance(doc.text, str) else ""
    # Debris of broken markup ("<<") is not article text: require a letter or digit.
    if not any(ch.isalnum() for ch in text):
        raise NoArticleText("no main text found", path=path)
    split = split_site_suffix(repair_text(doc.title)) if doc.title else None
    title = split.title if split else None
    located = locate_title(text, title)
    return Article(
        text=text,
        path=path,
        title=title,
        publisher=doc.sitename or (split.site if split else None),
        url=doc.url,
        published=normalise_date(doc.date) or _fallback_date(html),
        byline=[a for a in _AUTHOR_SEPARATOR.split(doc.author or "") if a],
        body_start=located.body_start,
        title_span=located.span,
    )


def drop_blocks(html: str, tags: tuple[str, ...]) -> str:
    """`html` without the elements `tags` (unclosed ones run to the end), in linear time.

    A <noscript> block ("Enable JavaScript to read this page") is not the article; trafilatura
    would take it for one on a page whose article is rendered by scripts.
    """
    lowered = html.lower()
    for tag in tags:
        kept: list[str] = []
        at = 0
        while (start := lowered.find(f"<{tag}", at)) >= 0:
            if lowered[start + len(tag) + 1 : start + len(tag) + 2] not in _TAG_NAME_ENDS:
                kept.append(html[at : start + 1])  # <scripts>, another element
                at = start + 1
                continue
            kept.append(html[at:start])
            end = lowered.find(f"</{tag}", start)
            close = lowered.find(">", end) if end >= 0 else -1
            at = close + 1 if close >= 0 else len(html)
        kept.append(html[at:])
        html = "".join(kept)
        lowered = html.lower()
    return html


def _extract(html: str, path: str) -> Document:
    import trafilatura
    from trafilatura.settings import Document

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    # Broken markup can fail deep inside lxml in many ways; a page is rejected, never a crash.
    except Exception as exc:  # noqa: BLE001
        raise NoArticleText(f"extraction failed ({type(exc).__name__})", path=path) from None
    if not isinstance(doc, Document):
        raise NoArticleText("no main text found", path=path)
    return doc


def _fallback_date(html: str) -> str | None:
    """Any date htmldate can find, including a last-modified one trafilatura passed over."""
    import htmldate

    try:
        found = htmldate.find_date(html, extensive_search=True, original_date=False)
    except Exception:  # noqa: BLE001 - a missing date never rejects a page
        return None
    return normalise_date(found)
