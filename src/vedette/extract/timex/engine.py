"""Scan a document with the rules, keep the longest non-overlapping matches, normalise them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from vedette.extract.doctext import doc_text
from vedette.extract.timex.base import NO_ANCHOR, Context, NeedsAnchor, Norm
from vedette.extract.timex.calendar import Tense
from vedette.extract.timex.rules import RULES
from vedette.extract.timex.tense import clause_tense
from vedette.records import Span, TimeRef

CONTEXT_CHARS = 24  # text before a match that a rule may consult ("in May", "twice a year")


@dataclass(frozen=True, slots=True)
class Found:
    """One accepted match: its offsets, its normalised value, whether the anchor was needed."""

    start: int
    end: int
    norm: Norm
    resolved: bool
    priority: int


def parse_anchor(anchor: str | None) -> dt.date | None:
    if not anchor:
        return None
    try:
        return dt.date.fromisoformat(anchor[:10])
    except ValueError:
        return None


def scan(text: str, anchor: dt.date | None, tense_at: Callable[[int], Tense],
         lo: int = 0, hi: int | None = None) -> list[Found]:
    """Every rule's accepted matches in text[lo:hi], overlaps resolved longest first."""
    found: list[Found] = []
    hi = len(text) if hi is None else hi
    for priority, rule in enumerate(RULES):
        for m in rule.pattern.finditer(text, lo, hi):
            start = m.start()
            ctx = Context(anchor, _lazy(tense_at, start), text[max(0, start - CONTEXT_CHARS):start])
            try:
                norm = rule.handle(m, ctx)
                resolved = True
            except NeedsAnchor as missing:
                norm, resolved = missing.partial, False
            if norm is not None:
                found.append(Found(start, m.end(), norm, resolved, priority))
    return _longest(found)


def _lazy(tense_at: Callable[[int], Tense], char: int) -> Callable[[], Tense]:
    return lambda: tense_at(char)


def _longest(found: list[Found]) -> list[Found]:
    kept: list[Found] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(found, key=lambda f: (f.start - f.end, f.priority)):
        if all(f.end <= s or f.start >= e for s, e in taken):
            kept.append(f)
            taken.append((f.start, f.end))
    return sorted(kept, key=lambda f: f.start)


def _to_ref(text: str, f: Found) -> TimeRef:
    return TimeRef(
        span=Span.of(text, f.start, f.end),
        type=f.norm.type,
        value=f.norm.value,
        granularity=f.norm.granularity,
        resolved=f.resolved,
        reason=None if f.resolved else NO_ANCHOR,
        mod=f.norm.mod,
    )


def find_times(doc: Doc, anchor: str | None, title: str | None = None) -> list[TimeRef]:
    """Every date, time, duration and set in the document, valued relative to `anchor` (the
    publication date), or to the date of the event the document records where it states one
    (a transcript's dateline, "held on 7 February", a date ending the title).

    Relative expressions without an anchor keep an underspecified value ("XXXX-WXX-2"),
    `resolved=False` and the reason, never a guessed date.
    """
    from vedette.extract.timex.event_date import event_date

    text = doc_text(doc)
    published = parse_anchor(anchor)
    tense_at = _tense_of(doc)
    date = event_date(text, title, published, tense_at) or published
    return [_to_ref(text, f) for f in scan(text, date, tense_at)]


def _tense_of(doc: Doc) -> Callable[[int], Tense]:
    return lambda c: clause_tense(doc, c)


def normalize_expression(doc: Doc, start: int, end: int, anchor: str | None) -> Norm | None:
    """The value of a given span (e.g. a gold annotation), read in its sentence context."""
    text = doc_text(doc)
    found = scan(text, parse_anchor(anchor), lambda c: clause_tense(doc, c), start, end)
    if not found:
        return None
    return max(found, key=lambda f: f.end - f.start).norm
