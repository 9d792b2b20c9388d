"""The rule table: one compiled pattern and one normaliser per kind of expression."""

from __future__ import annotations

import re

from vedette.extract.timex.base import Rule
from vedette.extract.timex.dates import (
    century,
    decade,
    half,
    iso_date,
    month_day,
    month_year,
    quarter,
    season,
    year_only,
)
from vedette.extract.timex.durations import (
    bare_units,
    duration,
    every,
    frequency,
    fuzzy_duration,
)
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
    REFERENCE_WORDS,
    SEASONS,
    UNITS,
)
from vedette.extract.timex.relative import (
    ago,
    clock,
    deictic,
    reference,
    relative_unit,
    same_period,
    weekday,
)


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
    Rule("ago", _c(NUMBER + r"[-\s]+" + UNIT + r"s?\s+(?P<dir>ago|from\s+now|hence|earlier)"),
         ago),
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
                        + UNIT + r"s?(?![-\s]+(?:ago|from\s+now|hence|earlier|old)\b)"),
         duration),
    Rule("range_head", _c(NUMBER + r"(?=\s*(?:to|-|–|or|and)\s*\d[\d.]*\s*" + UNIT
                          + r"s?\b)"),
         duration),
    Rule("fuzzy", _c(FUZZY + r"\s+" + UNIT + r"s"), fuzzy_duration),
    Rule("bare_units", _c(r"(?P<unit>minute|hour|day|week|month|year|decade)s"),
         bare_units),
)

