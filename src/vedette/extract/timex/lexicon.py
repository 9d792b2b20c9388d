"""Words of the temporal grammar and the TIMEX3 codes they stand for."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}
SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI",
}
# Parts of the day and their TIMEX3 suffixes ("this morning" -> 2021-12-08TMO).
DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12,
    "a couple of": 2, "a couple": 2, "couple of": 2,
}
# Quantities with no number: "several days" -> PXD.
FUZZY_NUMBERS: frozenset[str] = frozenset(
    {"several", "few", "a few", "some", "many", "recent", "the past few", "the last few",
     "the next few", "the coming", "coming", "the past several", "numerous"}
)
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}
# Duration units: (TIMEX3 letter, is a time unit (after "T"), multiplier into that letter).
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "night": ("D", False, 1), "week": ("W", False, 1),
    "fortnight": ("W", False, 2), "month": ("M", False, 1), "quarter": ("M", False, 3),
    "year": ("Y", False, 1), "decade": ("Y", False, 10), "century": ("Y", False, 100),
}
# Granularity a unit gives to a point in time ("two weeks ago" is a week).
UNIT_GRANULARITY: dict[str, str] = {
    "second": "time", "minute": "time", "hour": "time", "day": "day", "night": "day",
    "week": "week", "fortnight": "week", "month": "month", "quarter": "quarter",
    "year": "year", "decade": "decade", "century": "century",
}
# Adverbs of frequency: "weekly" is a set with period P1W.
FREQUENCY_ADVERBS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M",
    "quarterly": "P3M", "annually": "P1Y", "yearly": "P1Y",
}
# Sentence-level clues that a bare reference points forward ("is expected to ... Thursday").
FUTURE_AUXILIARIES: frozenset[str] = frozenset({"will", "shall", "'ll", "wo", "’ll"})
FUTURE_LEMMAS: frozenset[str] = frozenset(
    {"expect", "plan", "schedule", "due", "intend", "aim", "hope", "prepare", "propose",
     "promise", "vow", "pledge", "threaten", "set", "going", "seek", "want", "await"}
)
# Fixed expressions whose value needs no calendar arithmetic.
REFERENCE_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF", "at present": "PRESENT_REF", "the present": "PRESENT_REF",
    "right now": "PRESENT_REF", "presently": "PRESENT_REF", "recently": "PAST_REF",
    "the past": "PAST_REF", "lately": "PAST_REF",
    "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
}
