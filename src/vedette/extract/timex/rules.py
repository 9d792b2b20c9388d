"""The rules: one compiled pattern and one normaliser per kind of temporal expression."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from vedette.extract.timex import calendar as cal
from vedette.extract.timex.calendar import Tense
from vedette.extract.timex.grammar import (
    DAY,
    FREQUENCY,
    FUZZY,
    LEFT,
    MOD,
    MONTH,
    NUMBER,
    PART,
    SHIFT,
    UNIT,
    WEEKDAY,
    YEAR,
)
from vedette.extract.timex.lexicon import (
    DAY_PARTS,
    FREQUENCY_ADVERBS,
    MONTHS,
    NUMBER_WORDS,
    ORDINALS,
    REFERENCE_WORDS,
    SEASONS,
    UNIT_GRANULARITY,
    UNITS,
    WEEKDAYS,
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


def _mod(m: re.Match[str]) -> str | None:
    word = m.groupdict().get("mod")
    if not word:
        return None
    return next((code for key, code in MODS.items() if key in word.lower()), None)


def _g(m: re.Match[str], name: str) -> str:
    return (m.groupdict().get(name) or "").lower()


def _month(m: re.Match[str]) -> int:
    return MONTHS[_g(m, "mon").rstrip(".")]


def _number(text: str) -> int | None:
    text = re.sub(r"\s+", " ", text.lower())
    if text.replace(".", "", 1).isdigit():
        return int(float(text)) if float(text).is_integer() else None
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    parts = re.split(r"[- ]", text)
    if len(parts) == 2 and all(p in NUMBER_WORDS for p in parts):
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]]
    return None


def _year(m: re.Match[str]) -> int | None:
    text = _g(m, "year")
    return int(text) if text else None


# --- absolute and partial calendar dates -------------------------------------------------

def iso_date(m: re.Match[str], ctx: Context) -> Norm | None:
    try:
        d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return Norm("date", cal.day(d), "day")


def month_day(m: re.Match[str], ctx: Context) -> Norm | None:
    mon, day = _month(m), int(m["day"])
    if not m["mon"][0].isupper() or not 1 <= day <= 31:
        return None
    year = _year(m)
    if year is None:
        anchor = ctx.need(Norm("date", f"XXXX-{mon:02d}-{day:02d}", "day"))
        year = cal.year_for(anchor, (mon, day), (anchor.month, anchor.day), ctx.tense)
    try:
        return Norm("date", cal.day(dt.date(year, mon, day)), "day")
    except ValueError:
        return None


def month_year(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m["mon"]
    mon, shift, year = _month(m), _g(m, "shift"), _year(m)
    if not word[0].isupper() or (word.lower() not in FULL_MONTHS and year is None):
        return None  # "may" the verb, "Jan" the name
    mod = _mod(m)
    if year is None and not shift and not mod and mon in (3, 5):
        if ctx.before.split()[-1:] and ctx.before.split()[-1].lower() not in MONTH_CUES:
            return None
    if year is None:
        anchor = ctx.need(Norm("date", f"XXXX-{mon:02d}", "month", mod))
        if _g(m, "yshift"):
            year = anchor.year + YEAR_SHIFTS[_g(m, "yshift")]
        elif shift in ("last", "past", "previous"):
            year = anchor.year if mon < anchor.month else anchor.year - 1
        elif shift in ("next", "coming", "following"):
            year = anchor.year if mon > anchor.month else anchor.year + 1
        elif shift in ("this", "current"):
            year = anchor.year
        else:
            year = cal.year_for(anchor, (mon,), (anchor.month,), ctx.tense)
    return Norm("date", cal.month(year, mon), "month", mod)


def year_only(m: re.Match[str], ctx: Context) -> Norm | None:
    year = _year(m)
    if year is None:
        return None
    return Norm("date", f"{year:04d}", "year", _mod(m))


def decade(m: re.Match[str], ctx: Context) -> Norm | None:
    digits = m["dec"].lstrip("'")
    if len(digits) == 2:
        if not m[0].lower().startswith(("the", "'")) and "'" not in m[0]:
            return None  # "in their 60s" is an age
        tens = int(digits[0])
        century = "20" if tens < CENTURY_PIVOT // 10 else "19"
        digits = century + digits
    return Norm("date", digits[:3], "decade", _mod(m) or _mod2(m))


def _mod2(m: re.Match[str]) -> str | None:
    word = _g(m, "mod2")
    return MODS.get(word.rstrip("-")) if word else None


def century(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("date", f"{int(m['cent']) - 1:02d}", "century", _mod(m))


def season(m: re.Match[str], ctx: Context) -> Norm | None:
    code, shift, year = SEASONS[_g(m, "season")], _g(m, "shift"), _year(m)
    if year is None and not shift:
        if _g(m, "season") == "fall" or not ctx.before.lower().rstrip().endswith(
                ("in", "during", "this", "by", "until", "since", "the")):
            return None
    if year is None:
        anchor = ctx.need(Norm("date", f"XXXX-{code}", "season", _mod(m)))
        year = anchor.year
        if shift in ("last", "past", "previous"):
            year -= 1
        elif shift in ("next", "coming", "following"):
            year += 1
        elif code == "WI" and anchor.month <= 2 and shift in ("this", "current"):
            year -= 1  # January's "this winter" began last December
    return Norm("date", f"{year:04d}-{code}", "season", _mod(m))


def quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    word, year = _g(m, "ord"), _year(m)
    yshift = _g(m, "yshift")
    q = int(m["q"]) if m.groupdict().get("q") else ORDINALS.get(word)
    if q is None and word not in QUARTER_SHIFTS:
        return None
    if word == "final":
        q = 4
    if year is None:
        partial = Norm("date", f"XXXX-Q{q or 'X'}", "quarter")
        anchor = ctx.need(partial)
        aq = cal.quarter_of(anchor)
        if yshift:
            year = anchor.year + YEAR_SHIFTS[yshift]
        elif q is None:
            delta = QUARTER_SHIFTS.get(word, 0)
            if word == "" and ctx.tense == "past":
                delta = -1  # "the quarter" in a results story is the one just reported
            year, q = cal.shift_quarters(anchor.year, aq, delta)
        else:
            year = cal.year_for(anchor, (q,), (aq,), ctx.tense, cal.MONTHS_PER_QUARTER)
    return Norm("date", f"{year:04d}-Q{q}", "quarter")


def half(m: re.Match[str], ctx: Context) -> Norm | None:
    n = 1 if _g(m, "ord") == "first" else 2
    year = _year(m)
    if year is None:
        year = ctx.need(Norm("date", f"XXXX-H{n}", "half")).year
    return Norm("date", f"{year:04d}-H{n}", "half")


# --- expressions relative to the anchor --------------------------------------------------

def relative_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    unit, shift = _g(m, "unit"), _g(m, "shift")
    if shift == "past" and m[0].lower().startswith("the"):
        return duration_of(1, unit)  # "the past year" is a stretch of time
    delta = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1,
             "following": 1}.get(shift, 0)
    mod = _mod(m) or {"earlier": "START", "later": "END"}.get(_g(m, "edge"))
    gran = UNIT_GRANULARITY.get(unit, unit)
    partial = Norm("date", _unknown(unit), gran, mod)
    anchor = ctx.need(partial)
    return Norm("date", _shift_value(anchor, unit, delta), gran, mod)


def _unknown(unit: str) -> str:
    return {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
            "quarter": "XXXX-QX", "decade": "XXX", "century": "XX"}.get(unit, "XXXX")


def _shift_value(anchor: dt.date, unit: str, delta: int) -> str:
    if unit in ("day", "night"):
        return cal.day(anchor + dt.timedelta(days=delta))
    if unit in ("week", "weekend", "fortnight"):
        week = cal.iso_week(anchor + dt.timedelta(weeks=delta))
        return week + "-WE" if unit == "weekend" else week
    if unit == "month":
        return cal.month(*cal.shift_months(anchor.year, anchor.month, delta))
    if unit == "quarter":
        year, q = cal.shift_quarters(anchor.year, cal.quarter_of(anchor), delta)
        return f"{year:04d}-Q{q}"
    if unit == "decade":
        return f"{anchor.year // 10 + delta:03d}"
    if unit in ("century", "centurie"):
        return f"{anchor.year // 100 + delta:02d}"
    if unit in ("hour", "minute", "second"):
        return cal.day(anchor)
    return f"{anchor.year + delta:04d}"


def same_period(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = _g(m, "unit")
    anchor = ctx.need(Norm("date", "XXXX", "year"))
    if unit == "quarter":
        return Norm("date", f"{anchor.year - 1:04d}-Q{cal.quarter_of(anchor)}", "quarter")
    if unit == "month":
        return Norm("date", cal.month(anchor.year - 1, anchor.month), "month")
    return Norm("date", f"{anchor.year - 1:04d}", "year")


def ago(m: re.Match[str], ctx: Context) -> Norm | None:
    n, unit = _number(_g(m, "num")), _g(m, "unit")
    if n is None:
        return None
    sign = 1 if re.sub(r"\s+", " ", _g(m, "dir")) in ("from now", "hence", "later") else -1
    gran = UNIT_GRANULARITY.get(unit, "year")
    anchor = ctx.need(Norm("date", _unknown(unit), gran))
    letter, _, mult = UNITS.get(unit, ("Y", False, 1))
    steps = sign * n * mult
    if unit in ("hour", "minute", "second"):
        return Norm("date", cal.day(anchor), "day")
    if unit in ("day", "night"):
        return Norm("date", cal.day(anchor + dt.timedelta(days=steps)), "day")
    if letter == "W":
        return Norm("date", cal.iso_week(anchor + dt.timedelta(weeks=steps)), "week")
    if letter == "M":
        return Norm("date", cal.month(*cal.shift_months(anchor.year, anchor.month, steps)),
                    "month")
    return Norm("date", f"{anchor.year + steps:04d}", "year")


def weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    wd = WEEKDAYS[_g(m, "wd")]
    part = DAY_PARTS.get(_g(m, "part"))
    kind: TimexType = "time" if part else "date"
    suffix = f"T{part}" if part else ""
    anchor = ctx.need(Norm(kind, f"XXXX-WXX-{wd}{suffix}", "time" if part else "day"))
    shift = _g(m, "shift") or None
    tense: Tense = "present" if shift else ctx.tense
    d = cal.weekday_date(anchor, wd, tense, "coming" if shift == "this" and tense != "past"
                         else shift)
    return Norm(kind, cal.day(d) + suffix, "time" if part else "day")


DEICTIC_DAYS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                                "last night": -1, "this": 0}


def deictic(m: re.Match[str], ctx: Context) -> Norm | None:
    word, part = _g(m, "deixis"), DAY_PARTS.get(_g(m, "part"))
    if word == "this" and not part:
        return None
    if word == "tonight" or word == "last night":
        part = "NI"
    offset = DEICTIC_DAYS[re.sub(r"\s+", " ", word)]
    kind: TimexType = "time" if part else "date"
    suffix = f"T{part}" if part else ""
    anchor = ctx.need(Norm(kind, f"XXXX-XX-XX{suffix}", "time" if part else "day"))
    return Norm(kind, cal.day(anchor + dt.timedelta(days=offset)) + suffix,
                "time" if part else "day")


def clock(m: re.Match[str], ctx: Context) -> Norm | None:
    word = _g(m, "word")
    hour, minute = (12, 0) if word in ("noon", "midday") else (0, 0) if word else (0, 0)
    if not word:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        ampm = _g(m, "ampm").replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59 or (not ampm and not m["min"]):
            return None
    time = f"T{hour:02d}:{minute:02d}"
    day_word = _g(m, "wd") or _g(m, "deixis")
    anchor = ctx.need(Norm("time", f"XXXX-XX-XX{time}", "time"))
    d = anchor
    if day_word in WEEKDAYS:
        d = cal.weekday_date(anchor, WEEKDAYS[day_word], ctx.tense, None)
    elif day_word:
        d = anchor + dt.timedelta(days=DEICTIC_DAYS[day_word])
    return Norm("time", cal.day(d) + time, "time")


def reference(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("date", REFERENCE_WORDS[re.sub(r"\s+", " ", m[0].lower())], None)


# --- durations and sets ------------------------------------------------------------------

def duration_of(n: int | None, unit: str) -> Norm:
    letter, is_time, mult = UNITS.get(unit.rstrip("s"), UNITS["century"])
    amount = "X" if n is None else str(n * mult)
    if unit == "quarter" and n is not None:
        amount = str(n * mult)
    return Norm("duration", ("PT" if is_time else "P") + amount + letter,
                UNIT_GRANULARITY.get(unit, unit))


def duration(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = _g(m, "unit")
    if unit == "centurie":
        unit = "century"
    num = _g(m, "num")
    n = _number(num) if num else None
    if num and (n is None or n >= MAX_DURATION_AMOUNT):
        return None
    if num.strip() == "a" and unit == "second":
        return None  # "a second time" is an ordinal
    if num.strip() in ("a", "an") and re.search(r"(?:\d|\btimes|\bonce|\btwice)\s*$",
                                                ctx.before):
        return Norm("set", duration_of(1, unit).value, UNIT_GRANULARITY.get(unit, unit))
    return duration_of(n, unit)


def fuzzy_duration(m: re.Match[str], ctx: Context) -> Norm | None:
    return duration_of(None, _g(m, "unit"))


def bare_units(m: re.Match[str], ctx: Context) -> Norm | None:
    words = ctx.before.lower().split()
    if not words or words[-1] not in BARE_UNIT_CUES:
        return None
    return duration_of(None, _g(m, "unit"))


def frequency(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("set", FREQUENCY_ADVERBS[_g(m, "freq")], None)


def every(m: re.Match[str], ctx: Context) -> Norm | None:
    unit, num = _g(m, "unit"), _g(m, "num")
    n = (_number(num) or 1) if num else 1
    if "other" in m[0].lower():
        n *= 2
    if unit in WEEKDAYS:
        return Norm("set", f"XXXX-WXX-{WEEKDAYS[unit]}", "day")
    if unit in DAY_PARTS:
        return Norm("set", f"XXXX-XX-XXT{DAY_PARTS[unit]}", "time")
    return Norm("set", duration_of(n, unit).value, UNIT_GRANULARITY.get(unit, unit))


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(LEFT + pattern + r"(?!\w)", re.IGNORECASE)


REF_WORDS = "|".join(sorted((w.replace(" ", r"\s+") for w in REFERENCE_WORDS), key=len,
                            reverse=True))
SEASON = r"(?P<season>" + "|".join(SEASONS) + ")"
DEIXIS = r"(?P<deixis>today|tonight|yesterday|tomorrow|last\s+night|this)"
QUARTER_ORD = (r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|final|last|latest|current|"
               r"this|next|previous|past|same)")
YEAR_TAIL = (r"(?:(?:\s+of|,?)\s+(?:fiscal\s+)?(?:" + YEAR
             + r"|(?P<yshift>last|this|next)\s+year))?")
CLOCK = (r"(?:(?P<h>[01]?\d|2[0-3])(?::(?P<min>[0-5]\d))?(?::[0-5]\d)?\s*"
         r"(?P<ampm>[ap]\.\s?m\.?|[ap]m\b)?|(?P<word>noon|midnight|midday))"
         r"(?:\s+(?:GMT|UTC|EST|EDT|ET|CST|PST|PDT|BST|CET|local\s+time))?"
         r"(?:\s+(?:on\s+)?(?:" + WEEKDAY + r"|(?P<deixis>today|yesterday|tomorrow)))?")

RULES: tuple[Rule, ...] = (
    Rule("iso", _c(r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)"), iso_date),
    Rule("month_day", _c(r"(?:" + WEEKDAY + r",?\s+)?" + MONTH + r"\.?\s+" + DAY
                         + r"(?:,?\s+" + YEAR + ")?"), month_day),
    Rule("day_month", _c(r"(?:" + WEEKDAY + r",?\s+)?(?:the\s+)?" + DAY + r"\s+(?:of\s+)?"
                         + MONTH + r"\.?(?:,?\s+" + YEAR + ")?"), month_day),
    Rule("month_year", _c(MOD + SHIFT + MONTH + r"(?:,?\s+(?:of\s+)?" + YEAR
                          + r"|\s+(?P<yshift>last|this|next)\s+year)?"),
         month_year),
    Rule("season", _c(MOD + SHIFT + SEASON + r"(?:\s+(?:of\s+)?" + YEAR + ")?"), season),
    Rule("quarter", _c(r"(?:the\s+)?" + QUARTER_ORD + r"[-\s]+(?:fiscal[-\s]+)?quarter"
                       + YEAR_TAIL), quarter),
    Rule("the_quarter", _c(r"the\s+(?:fiscal\s+)?quarter(?!s)" + YEAR_TAIL), quarter),
    Rule("q_code", _c(r"Q(?P<q>[1-4])(?:\s+" + YEAR + ")?"), quarter),
    Rule("half", _c(r"(?:the\s+)?(?P<ord>first|second)\s+half(?:\s+of\s+" + YEAR + ")?"),
         half),
    Rule("decade", _c(MOD + r"(?:the\s+)?(?P<mod2>early|mid-?|late)?\s?"
                      r"(?P<dec>(?:1[6-9]|20)\d0|'\d0|\d0)'?s"), decade),
    Rule("century", _c(MOD + r"(?:the\s+)?(?P<cent>[12]?\d)(?:st|nd|rd|th)\s+century"),
         century),
    Rule("same_period", _c(r"the\s+same\s+(?P<unit>period|time|quarter|month|week)\s+"
                           r"(?:of\s+)?(?:last|a|the\s+previous|the\s+prior)\s+year"),
         same_period),
    Rule("relative", _c(MOD + r"(?:(?P<edge>earlier|later)\s+)?(?:the\s+)?"
                        r"(?P<shift>last|this|next|past|coming|previous|current|following)"
                        r"\s+(?P<unit>week|weekend|month|year|quarter|decade|century)"),
         relative_unit),
    Rule("ago", _c(NUMBER + r"[-\s]+" + UNIT + r"s?\s+(?P<dir>ago|from\s+now|hence|earlier)"), ago),
    Rule("weekday", _c(SHIFT + WEEKDAY + r"(?:\s+" + PART + ")?"), weekday),
    Rule("deictic", _c(DEIXIS + r"(?:\s+" + PART + r")?"), deictic),
    Rule("clock", _c(CLOCK), clock),
    Rule("reference", _c(r"(?:" + REF_WORDS + r")"), reference),
    Rule("year", _c(MOD + r"(?:fiscal\s+(?:year\s+)?)?" + YEAR), year_only),
    Rule("every", _c(r"(?:every|each)\s+(?:other\s+)?(?:" + NUMBER + r"\s+)?(?P<unit>"
                     + "|".join(UNITS) + r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
                     + "|".join(DAY_PARTS) + r")s?"), every),
    Rule("frequency", _c(FREQUENCY), frequency),
    Rule("duration", _c(r"(?:(?:the|an?)\s+)?(?:(?:past|last|next|first|coming|previous|"
                        r"following|final|entire|full|whole)\s+)?" + NUMBER + r"[-\s]+"
                        + UNIT + r"s?(?![-\s]+(?:ago|from\s+now|hence|earlier|old)\b)"), duration),
    Rule("range_head", _c(NUMBER + r"(?=\s*(?:to|-|–|or|and)\s*\d[\d.]*\s*" + UNIT + r"s?\b)"),
         duration),
    Rule("fuzzy", _c(FUZZY + r"\s+" + UNIT + r"s"), fuzzy_duration),
    Rule("bare_units", _c(r"(?P<unit>minute|hour|day|week|month|year|decade)s"), bare_units),
)
