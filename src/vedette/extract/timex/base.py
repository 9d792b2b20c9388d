"""Records and helpers shared by the normalisers: the normalised value, the context."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from vedette.extract.timex.calendar import Tense
from vedette.extract.timex.lexicon import (
    MONTHS,
    NUMBER_WORDS,
)

TimexType = Literal["date", "time", "duration", "set"]
NO_ANCHOR = "no publication date"
# Words before a bare "May"/"March" that make it the month, not the verb.
MONTH_CUES: frozenset[str] = frozenset(
    {"in", "since", "by", "until", "of", "through", "from", "during", "before", "after",
     "early", "late", "mid", "last", "next", "this", "till", "to", "and", "between", "or",
     "that", "for", "on", "in late", "in early"}
)
MODS: dict[str, str] = {"early": "START", "start": "START", "beginning": "START",
                        "mid": "MID", "middle": "MID", "late": "END", "end": "END"}
FULL_MONTHS: frozenset[str] = frozenset(w for w in MONTHS if len(w) > 3 or w == "may")
# A bare plural unit is a duration only after one of these ("for years", "in days").
BARE_UNIT_CUES: frozenset[str] = frozenset(
    {"for", "within", "over", "after", "in", "took", "take", "takes", "lasted", "spent",
     "than", "last", "lasts"}
)
# "the latest quarter" is the last one reported, i.e. the one before the anchor's.
QUARTER_SHIFTS: dict[str, int] = {"last": -1, "previous": -1, "past": -1, "latest": -1,
                                  "next": 1, "this": 0, "current": 0, "same": 0, "final": 0,
                                  "": 0}
YEAR_SHIFTS: dict[str, int] = {"last": -1, "this": 0, "next": 1}
MAX_DURATION_AMOUNT = 1000  # "the 1988 second quarter": a year, not 1,988 seconds
CENTURY_PIVOT = 30  # "'20s" is the 2020s, "'40s" the 1940s


@dataclass(frozen=True, slots=True)
class Norm:
    """A normalised expression: TIMEX3 type, value, granularity and modifier."""

    type: TimexType
    value: str
    granularity: str | None
    mod: str | None = None


class NeedsAnchor(Exception):  # noqa: N818 - a signal, not an error
    """A relative expression met without an anchor; carries the underspecified value."""

    def __init__(self, partial: Norm) -> None:
        super().__init__(partial.value)
        self.partial = partial


@dataclass(slots=True)
class Context:
    """What a normaliser may consult: the anchor, the clause tense, the text before the match."""

    anchor: dt.date | None
    tense_of: Callable[[], Tense]
    before: str = ""

    def need(self, partial: Norm) -> dt.date:
        if self.anchor is None:
            raise NeedsAnchor(partial)
        return self.anchor

    @property
    def tense(self) -> Tense:
        return self.tense_of()


Handler = Callable[[re.Match[str], Context], Norm | None]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: re.Pattern[str]
    handle: Handler


def mod_of(m: re.Match[str]) -> str | None:
    word = m.groupdict().get("mod")
    if not word:
        return None
    return next((code for key, code in MODS.items() if key in word.lower()), None)


def g(m: re.Match[str], name: str) -> str:
    return (m.groupdict().get(name) or "").lower()


def month_of(m: re.Match[str]) -> int:
    return MONTHS[g(m, "mon").rstrip(".")]


def number_of(text: str) -> int | None:
    text = re.sub(r"\s+", " ", text.lower())
    if text.replace(".", "", 1).isdigit():
        return int(float(text)) if float(text).is_integer() else None
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    parts = re.split(r"[- ]", text)
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def year_of(m: re.Match[str]) -> int | None:
    text = g(m, "year")
    return int(text) if text else None


