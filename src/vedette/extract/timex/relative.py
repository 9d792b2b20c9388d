"""Normalisers for expressions relative to the anchor: weekdays, last week, ago, today."""

from __future__ import annotations

import datetime as dt
import re

from vedette.extract.timex import calendar as cal
from vedette.extract.timex.base import (
    Context,
    Norm,
    TimexType,
    g,
    mod_of,
    number_of,
)
from vedette.extract.timex.calendar import Tense
from vedette.extract.timex.durations import duration_of
from vedette.extract.timex.lexicon import (
    DAY_PARTS,
    REFERENCE_WORDS,
    UNIT_GRANULARITY,
    UNITS,
    WEEKDAYS,
)


def relative_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    unit, shift = g(m, "unit"), g(m, "shift")
    if shift == "past" and m[0].lower().startswith("the"):
        return duration_of(1, unit)  # "the past year" is a stretch of time
    delta = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1,
             "following": 1}.get(shift, 0)
    mod = mod_of(m) or {"earlier": "START", "later": "END"}.get(g(m, "edge"))
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
    unit = g(m, "unit")
    anchor = ctx.need(Norm("date", "XXXX", "year"))
    if unit == "quarter":
        return Norm("date", f"{anchor.year - 1:04d}-Q{cal.quarter_of(anchor)}", "quarter")
    if unit == "month":
        return Norm("date", cal.month(anchor.year - 1, anchor.month), "month")
    return Norm("date", f"{anchor.year - 1:04d}", "year")


def ago(m: re.Match[str], ctx: Context) -> Norm | None:
    n, unit = number_of(g(m, "num")), g(m, "unit")
    if n is None:
        return None
    sign = 1 if re.sub(r"\s+", " ", g(m, "dir")) in ("from now", "hence", "later") else -1
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
    wd = WEEKDAYS[g(m, "wd")]
    part = DAY_PARTS.get(g(m, "part"))
    kind: TimexType = "time" if part else "date"
    suffix = f"T{part}" if part else ""
    anchor = ctx.need(Norm(kind, f"XXXX-WXX-{wd}{suffix}", "time" if part else "day"))
    shift = g(m, "shift") or None
    tense: Tense = "present" if shift else ctx.tense
    d = cal.weekday_date(anchor, wd, tense, "coming" if shift == "this" and tense != "past"
                         else shift)
    return Norm(kind, cal.day(d) + suffix, "time" if part else "day")


DEICTIC_DAYS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                                "last night": -1, "this": 0}


def deictic(m: re.Match[str], ctx: Context) -> Norm | None:
    word, part = g(m, "deixis"), DAY_PARTS.get(g(m, "part"))
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
    word = g(m, "word")
    hour, minute = (12, 0) if word in ("noon", "midday") else (0, 0) if word else (0, 0)
    if not word:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        ampm = g(m, "ampm").replace(".", "").replace(" ", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 23 or minute > 59 or (not ampm and not m["min"]):
            return None
    time = f"T{hour:02d}:{minute:02d}"
    day_word = g(m, "wd") or g(m, "deixis")
    anchor = ctx.need(Norm("time", f"XXXX-XX-XX{time}", "time"))
    d = anchor
    if day_word in WEEKDAYS:
        d = cal.weekday_date(anchor, WEEKDAYS[day_word], ctx.tense, None)
    elif day_word:
        d = anchor + dt.timedelta(days=DEICTIC_DAYS[day_word])
    return Norm("time", cal.day(d) + time, "time")


def reference(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("date", REFERENCE_WORDS[re.sub(r"\s+", " ", m[0].lower())], None)


