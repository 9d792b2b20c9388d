"""Normalisers for durations (five years -> P5Y) and sets (every week -> P1W)."""

from __future__ import annotations

import re

from vedette.extract.timex.base import (
    BARE_UNIT_CUES,
    MAX_DURATION_AMOUNT,
    Context,
    Norm,
    g,
    number_of,
)
from vedette.extract.timex.lexicon import (
    DAY_PARTS,
    FREQUENCY_ADVERBS,
    UNIT_GRANULARITY,
    UNITS,
    WEEKDAYS,
)


def duration_of(n: int | None, unit: str) -> Norm:
    letter, is_time, mult = UNITS.get(unit.rstrip("s"), UNITS["century"])
    amount = "X" if n is None else str(n * mult)
    if unit == "quarter" and n is not None:
        amount = str(n * mult)
    return Norm("duration", ("PT" if is_time else "P") + amount + letter,
                UNIT_GRANULARITY.get(unit, unit))


def duration(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = g(m, "unit")
    if unit == "centurie":
        unit = "century"
    num = g(m, "num")
    n = number_of(num) if num else None
    if num and (n is None or n >= MAX_DURATION_AMOUNT):
        return None
    if num.strip() == "a" and unit == "second":
        return None  # "a second time" is an ordinal
    if num.strip() in ("a", "an") and re.search(r"(?:\d|\btimes|\bonce|\btwice)\s*$",
                                                ctx.before):
        return Norm("set", duration_of(1, unit).value, UNIT_GRANULARITY.get(unit, unit))
    return duration_of(n, unit)


def fuzzy_duration(m: re.Match[str], ctx: Context) -> Norm | None:
    return duration_of(None, g(m, "unit"))


def bare_units(m: re.Match[str], ctx: Context) -> Norm | None:
    words = ctx.before.lower().split()
    if not words or words[-1] not in BARE_UNIT_CUES:
        return None
    return duration_of(None, g(m, "unit"))


def frequency(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("set", FREQUENCY_ADVERBS[g(m, "freq")], None)


def every(m: re.Match[str], ctx: Context) -> Norm | None:
    unit, num = g(m, "unit"), g(m, "num")
    n = (number_of(num) or 1) if num else 1
    if "other" in m[0].lower():
        n *= 2
    if unit in WEEKDAYS:
        return Norm("set", f"XXXX-WXX-{WEEKDAYS[unit]}", "day")
    if unit in DAY_PARTS:
        return Norm("set", f"XXXX-XX-XXT{DAY_PARTS[unit]}", "time")
    return Norm("set", duration_of(n, unit).value, UNIT_GRANULARITY.get(unit, unit))


