"""The date of the event a document records, when the document states it.

A transcript or statement is often published a day or more after the meeting it records, and
its "today" and "tomorrow" mean the meeting's days, not the publication's. The date counts
only where the document states it as the event's date: a dateline (a short line near the top
that is a date, maybe with a weekday, time or place, as under a title), a date at the end of
the title ("Press Briefing by ..., November 19, 2021"), or, in a transcript (speaker turns),
"held on 7 February" near the top.
A date merely mentioned in the body ("my address on February 21") never counts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from vedette.extract.timex.calendar import Tense
from vedette.extract.timex.engine import Found, scan

# A dateline sits near the top of the text ...
HEAD_CHARS = 800
# ... on a line this short (a date, a weekday, a time, a place) ...
DATELINE_MAX_CHARS = 90
# ... with at most this much before the date on its line ("Moscow, ", "Monday, ").
DATELINE_PREFIX_CHARS = 40
# A stated event date is believed only this long before publication (never after it).
MAX_EVENT_LAG_DAYS = 31
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Read without an anchor, a written date keeps its month and day ("XXXX-02-07" for "7 February").
_CALENDAR_VALUE = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}$")
# "... was held on", "the talks took place on", "met on": the date that follows is the event's.
_HELD_ON = re.compile(
    r"\b(?:held|took place|convened|met|meets|hosted|spoke|was signed|were signed)\b"
    r"[^.\n]{0,40}\bon\s+$",
    re.IGNORECASE,
)
# What may stand before the date on a dateline: a weekday, a place, a bullet, "Date:".
_DATELINE_PREFIX = re.compile(r"^[\s\W]*(?:(?:[A-Z][\w.'’-]*\s?){1,4}[,:]\s*|\w+day,?\s*)?$")
# A dateline holds no sentence after its date.
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-Z]")
TenseAt = Callable[[int], Tense]


def event_date(text: str, title: str | None, published: dt.date | None,
               tense_at: TenseAt) -> dt.date | None:
    """The stated date of the recorded event, or None when the document states none."""
    transcript: bool | None = None
    for found in _head_dates(text, published, tense_at):
        stated = _is_dateline(text, found)
        if not stated and _HELD_ON.search(text, max(0, found.start - 60), found.start):
            # In a news story "the talks held on Monday" is not the story's own day.
            transcript = _is_transcript(text) if transcript is None else transcript
            stated = transcript
        day = dt.date.fromisoformat(found.norm.value)
        if stated and _plausible(day, published):
            return day
    if title:
        return _title_date(title, published)
    return None


def _is_transcript(text: str) -> bool:
    from vedette.extract.transcripts import find_turns

    return bool(find_turns(text))


def _head_dates(text: str, published: dt.date | None, tense_at: TenseAt) -> list[Found]:
    """Calendar days written as such (a month and a day, the year maybe left to the
    publication date) in the first HEAD_CHARS of the text; never "yesterday" or "Monday"."""
    end = min(len(text), HEAD_CHARS)
    written = {(f.start, f.end) for f in scan(text, None, tense_at, 0, end)
               if _CALENDAR_VALUE.match(f.norm.value)}
    found = scan(text, published, tense_at, 0, end)
    return [f for f in found if (f.start, f.end) in written and f.resolved
            and _DAY_VALUE.match(f.norm.value)]


def _is_dateline(text: str, found: Found) -> bool:
    line_start = text.rfind("\n", 0, found.start) + 1
    line_end = text.find("\n", found.end)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start > DATELINE_MAX_CHARS:
        return False
    prefix = text[line_start:found.start]
    if _SENTENCE_BREAK.search(text, found.end, line_end):
        return False
    return len(prefix) <= DATELINE_PREFIX_CHARS and bool(_DATELINE_PREFIX.match(prefix))


def _title_date(title: str, published: dt.date | None) -> dt.date | None:
    """A calendar day that ends the title ("..., November 19, 2021")."""
    found = scan(title, published, lambda _: "present")
    days = [f for f in found if f.resolved and _DAY_VALUE.match(f.norm.value)]
    if not days or title[days[-1].end:].strip(" .)"):
        return None
    day = dt.date.fromisoformat(days[-1].norm.value)
    return day if _plausible(day, published) else None


def _plausible(day: dt.date, published: dt.date | None) -> bool:
    if published is None:
        return True
    return dt.timedelta(0) <= published - day <= dt.timedelta(days=MAX_EVENT_LAG_DAYS)
