"""Normalisers for calendar dates: full, partial (no year) and coarse (decades, quarters)."""

from __future__ import annotations

import datetime as dt
import re

from vedette.extract.timex import calendar as cal
from vedette.extract.timex.base import (
    CENTURY_PIVOT,
    FULL_MONTHS,
    MODS,
    MONTH_CUES,
    QUARTER_SHIFTS,
    YEAR_SHIFTS,
    Context,
    Norm,
    g,
    mod_of,
    month_of,
    year_of,
)
from vedette.extract.timex.lexicon import (
    ORDINALS,
    SEASONS,
)


def iso_date(m: re.Match[str], ctx: Context) -> Norm | None:
    try:
        d = dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return Norm("date", cal.day(d), "day")


def month_day(m: re.Match[str], ctx: Context) -> Norm | None:
    mon, day = month_of(m), int(m["day"])
    if not m["mon"][0].isupper() or not 1 <= day <= 31:
        return None
    year = year_of(m)
    if year is None:
        anchor = ctx.need(Norm("date", f"XXXX-{mon:02d}-{day:02d}", "day"))
        year = cal.year_for(anchor, (mon, day), (anchor.month, anchor.day), ctx.tense)
    try:
        return Norm("date", cal.day(dt.date(year, mon, day)), "day")
    except ValueError:
        return None


def month_year(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m["mon"]
    mon, shift, year = month_of(m), g(m, "shift"), year_of(m)
    if not word[0].isupper() or (word.lower() not in FULL_MONTHS and year is None):
        return None  # "may" the verb, "Jan" the name
    mod = mod_of(m)
    if year is None and not shift and not mod and mon in (3, 5):
        words = ctx.before.split()
        if not words or words[-1].lower() not in MONTH_CUES:
            return None
    if year is None:
        anchor = ctx.need(Norm("date", f"XXXX-{mon:02d}", "month", mod))
        if g(m, "yshift"):
            year = anchor.year + YEAR_SHIFTS[g(m, "yshift")]
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
    year = year_of(m)
    if year is None:
        return None
    return Norm("date", f"{year:04d}", "year", mod_of(m))


def decade(m: re.Match[str], ctx: Context) -> Norm | None:
    digits = m["dec"].lstrip("'")
    if len(digits) == 2:
        if not m[0].lower().startswith(("the", "'")) and "'" not in m[0]:
            return None  # "in their 60s" is an age
        tens = int(digits[0])
        century = "20" if tens < CENTURY_PIVOT // 10 else "19"
        digits = century + digits
    return Norm("date", digits[:3], "decade", mod_of(m) or _mod2(m))


def _mod2(m: re.Match[str]) -> str | None:
    word = g(m, "mod2")
    return MODS.get(word.rstrip("-")) if word else None


def century(m: re.Match[str], ctx: Context) -> Norm | None:
    return Norm("date", f"{int(m['cent']) - 1:02d}", "century", mod_of(m))


def season(m: re.Match[str], ctx: Context) -> Norm | None:
    code, shift, year = SEASONS[g(m, "season")], g(m, "shift"), year_of(m)
    if year is None and not shift:
        if g(m, "season") == "fall" or not ctx.before.lower().rstrip().endswith(
                ("in", "during", "this", "by", "until", "since", "the")):
            return None
    if year is None:
        anchor = ctx.need(Norm("date", f"XXXX-{code}", "season", mod_of(m)))
        year = anchor.year
        if shift in ("last", "past", "previous"):
            year -= 1
        elif shift in ("next", "coming", "following"):
            year += 1
        elif code == "WI" and anchor.month <= 2 and shift in ("this", "current"):
            year -= 1  # January's "this winter" began last December
    return Norm("date", f"{year:04d}-{code}", "season", mod_of(m))


def quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    word, year = g(m, "ord"), year_of(m)
    yshift = g(m, "yshift")
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
    n = 1 if g(m, "ord") == "first" else 2
    year = year_of(m)
    if year is None:
        year = ctx.need(Norm("date", f"XXXX-H{n}", "half")).year
    return Norm("date", f"{year:04d}-H{n}", "half")


