"""Calendar arithmetic on the anchor date, written as TIMEX3 values."""

from __future__ import annotations

import datetime as dt
from typing import Literal

Tense = Literal["past", "present", "future"]
DAYS_PER_WEEK = 7
HALF_YEAR_MONTHS = 6  # an untensed month further than this from the anchor is the other year
MONTHS_PER_QUARTER = 3
SEASON_BY_MONTH: dict[int, str] = {
    12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
    9: "FA", 10: "FA", 11: "FA",
}


def day(d: dt.date) -> str:
    return d.isoformat()


def month(year: int, mon: int) -> str:
    return f"{year:04d}-{mon:02d}"


def iso_week(d: dt.date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(d: dt.date) -> int:
    return (d.month - 1) // MONTHS_PER_QUARTER + 1


def shift_months(year: int, mon: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (mon - 1) + delta
    return index // 12, index % 12 + 1


def shift_quarters(year: int, quarter: int, delta: int) -> tuple[int, int]:
    index = year * 4 + (quarter - 1) + delta
    return index // 4, index % 4 + 1


def weekday_date(anchor: dt.date, weekday: int, tense: Tense, shift: str | None) -> dt.date:
    """The weekday meant relative to the anchor.

    "last"/past tense/no future clue: the most recent one, the anchor itself included (news
    reports mostly what happened); "next"/future: the coming one, the anchor included.
    """
    back = (anchor.isoweekday() - weekday) % DAYS_PER_WEEK
    ahead = (weekday - anchor.isoweekday()) % DAYS_PER_WEEK
    if shift == "last":
        return anchor - dt.timedelta(days=back or DAYS_PER_WEEK)
    if shift == "next":
        return anchor + dt.timedelta(days=ahead or DAYS_PER_WEEK)
    if tense == "future" or shift == "coming":
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def year_for(anchor: dt.date, key: tuple[int, ...], anchor_key: tuple[int, ...],
             tense: Tense, months_per_step: int = 1) -> int:
    """The year of a month/day/quarter given without one: by tense, around the anchor.

    Past tense and later in the year than the anchor -> last year; future tense and earlier
    -> next year; no tense -> the anchor's year unless the other side is nearer (a January
    article's "late November" is two months back, not ten ahead). `key[0]` counts in steps
    of `months_per_step` months (1 for months, 3 for quarters).
    """
    if tense == "past":
        return anchor.year - 1 if key > anchor_key else anchor.year
    if tense == "future":
        return anchor.year + 1 if key < anchor_key else anchor.year
    gap = (key[0] - anchor_key[0]) * months_per_step
    if gap > HALF_YEAR_MONTHS:
        return anchor.year - 1
    if gap < -HALF_YEAR_MONTHS:
        return anchor.year + 1
    return anchor.year
