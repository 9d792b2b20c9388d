"""Word tokens with offsets, quoted passages masked, and names/numbers marked as anchors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from vedette.provenance.thresholds import PRIOR_MAX_LINE_WORDS

_WORD = re.compile(r"[^\W_]+(?:[’'.,\-][^\W_]+)*")
# Curly double quotes pair reliably; straight ones are paired left to right within a paragraph.
_CURLY_QUOTE = re.compile(r"“[^“”\n]{1,3000}”")
_STRAIGHT_QUOTE = re.compile(r"\"[^\"\n]{1,3000}\"")
# The built-in boilerplate prior: cues of notices, footers, newsletter boxes and wire credit
# lines. Only short lines carrying one are masked, so a news paragraph that mentions a
# newsletter keeps its words.
_NOTICE_CUE = re.compile(
    r"(?i)all rights reserved|©|\(c\)\s*\d{4}|\bcopyright\b|\bsubscribe\b|\bnewsletters?\b"
    r"|\bcookies?\b|\bprivacy (?:policy|notice|statement)\b|\bterms (?:of|and) (?:use|service)"
    r"|\b(?:additional )?(?:reporting|writing|editing) by\b|\bmay not be (?:published|reproduced"
    r"|redistributed|rewritten|broadcast)|\bfollow us\b|\brelated (?:posts|articles|stories)\b"
    r"|\bread more\b|\bclick here\b|\bdisclaimer\b|\bsign up (?:for|to|here)\b|\binbox\b"
    r"|\bour standards\b|\bsponsored content\b"
)
_CUE_WORDS = ("rights reserved", "©", "(c)", "copyright", "subscribe", "newsletter", "cookie",
              "privacy", "terms ", "ing by", "may not be", "follow us", "related ", "read more",
              "click here", "disclaimer", "sign up", "inbox", "our standards", "sponsored")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = frozenset(".!?:;\n\"“”")
# Function words: capitalised at a sentence start they are not names.
FUNCTION_WORDS = frozenset(
    """a an the and or but if of in on at by for to from with as is was are were be been it its
    this that these those he she they we you i his her their our your not no so than then there
    here when where who which what while after before over under about into during since until
    also however according said says""".split()
)


@dataclass(frozen=True, slots=True)
class Tokens:
    """Parallel arrays over the words of a text (lists, not objects: this runs on every text)."""

    words: list[str]  # lower-cased
    starts: list[int]
    ends: list[int]
    quoted: list[bool]  # inside a quoted passage
    anchor: list[bool]  # a name or a number: kept by spinners, swapped by no synonym table
    boiler: list[bool]  # inside a line the built-in prior calls boilerplate (a notice, a credit)

    def __len__(self) -> int:
        return len(self.words)


def quote_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of quoted passages (curly first, straight quotes outside them)."""
    ranges = [(m.start(), m.end()) for m in _CURLY_QUOTE.finditer(text)]
    if '"' in text:
        ranges.extend((m.start(), m.end()) for m in _STRAIGHT_QUOTE.finditer(text))
        ranges.sort()
    return ranges


def prior_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of short lines that carry a boilerplate cue."""
    lower = text.lower()
    if not any(word in lower for word in _CUE_WORDS):  # a plain scan first: most texts
        return []
    return [
        (m.start(), m.end()) for m in _LINE.finditer(text)
        if _NOTICE_CUE.search(m.group()) and len(m.group().split()) <= PRIOR_MAX_LINE_WORDS
    ]


def tokenize(text: str) -> Tokens:
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    quoted: list[bool] = []
    anchor: list[bool] = []
    boiler: list[bool] = []
    ranges = quote_ranges(text)
    notices = prior_ranges(text)
    r = n = 0
    for m in _WORD.finditer(text):
        start, end = m.span()
        while r < len(ranges) and ranges[r][1] <= start:
            r += 1
        word = m.group()
        lower = word.lower()
        words.append(lower)
        starts.append(start)
        ends.append(end)
        quoted.append(r < len(ranges) and ranges[r][0] <= start)
        anchor.append(_is_anchor(text, start, word, lower))
        while n < len(notices) and notices[n][1] <= start:
            n += 1
        boiler.append(n < len(notices) and notices[n][0] <= start)
    return Tokens(words, starts, ends, quoted, anchor, boiler)


def _is_anchor(text: str, start: int, word: str, lower: str) -> bool:
    if not word.isalpha() and any(c.isdigit() for c in word):
        return True
    if not word[0].isupper() or lower in FUNCTION_WORDS:
        return False
    before = text[max(0, start - 3) : start].rstrip(" \t")
    # A capital after a sentence end may just be the sentence start.
    return bool(before) and before[-1] not in _SENTENCE_END
