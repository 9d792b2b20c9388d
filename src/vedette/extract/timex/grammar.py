"""Regular-expression building blocks of the temporal grammar (HeidelTime-style)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from vedette.extract.timex.lexicon import FREQUENCY_ADVERBS, NUMBER_WORDS, UNITS


def _alt(words: Iterable[str]) -> str:
    """An alternation, longest first so that "a couple of" wins over "a"."""
    items = sorted((str(w) for w in words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


MONTH = (
    r"(?P<mon>jan(?:uary|\.)?|feb(?:ruary|\.)?|march|mar\.|april|apr\.?|may|june?|july?|"
    r"aug(?:ust|\.)?|sep(?:tember|t\.?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
WEEKDAY = r"(?P<wd>(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?![\d%])"
LEFT = r"(?<![\w$£€.,/:-])"  # no number or word glued on the left
MOD = (
    r"(?:(?P<mod>early|mid|late|the\s+(?:start|beginning|end|middle)\s+of(?:\s+the)?|"
    r"(?:the\s+)?(?:start|beginning|end|middle)\s+of)[-\s]?)?"
)
SHIFT = r"(?:(?P<shift>last|this|next|past|coming|previous|current|following)\s+)?"
UNIT = r"(?P<unit>" + "|".join(sorted(UNITS, key=len, reverse=True)) + r"|centurie)"
TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
NUMBER = (
    r"(?P<num>\d+(?:\.\d+)?|" + TENS + r"[-\s]" + ONES + "|" + _alt(NUMBER_WORDS) + r")"
)
FUZZY = (
    r"(?P<fuzzy>the\s+(?:past|last|next|coming|first|previous)(?:\s+(?:few|several|many))?|"
    r"recent|several|a\s+few|few|many|some|numerous|coming)"
)
PART = r"(?P<part>morning|afternoon|evening|night)"
FREQUENCY = r"(?P<freq>" + _alt(FREQUENCY_ADVERBS) + r")"
