"""Quote-mark passages, robust to stray and unbalanced marks (the seed has an odd count)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from vedette.config import MAX_QUOTE_CHARS

OPENERS = "“„«"
CLOSERS = "”»"
STRAIGHT = '"'


@dataclass(frozen=True, slots=True)
class Passage:
    """Text between a pair of double quote marks; `start`/`end` exclude the marks."""

    start: int
    end: int

    @property
    def outer(self) -> tuple[int, int]:
        return self.start - 1, self.end + 1


def find_passages(text: str) -> list[Passage]:
    """Pair opening and closing double quotes left to right.

    An opener seen while another is open restarts the passage (the first was stray);
    a closer with nothing open is ignored. One broken mark never loses the others.
    """
    passages: list[Passage] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch in OPENERS or (ch == STRAIGHT and _opens(text, i, open_at)):
            open_at = i
        elif (ch in CLOSERS or ch == STRAIGHT) and open_at is not None:
            if i - open_at <= MAX_QUOTE_CHARS and text[open_at + 1 : i].strip():
                passages.append(Passage(open_at + 1, i))
            open_at = None
    return passages


def _opens(text: str, i: int, open_at: int | None) -> bool:
    """A straight quote opens when nothing is open and it precedes a word."""
    if open_at is not None:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:,") and not after.isspace()


def passage_at(passages: list[Passage], start: int, end: int) -> Passage | None:
    """The passage that contains [start, end), if any (binary search: passages are disjoint
    and in text order, so a text of a million quote marks costs no more than a short one)."""
    i = bisect_right(passages, start, key=_start) - 1
    if i >= 0 and end <= passages[i].end:
        return passages[i]
    return None


def passages_within(passages: list[Passage], start: int, end: int) -> list[Passage]:
    """The passages that overlap or touch [start, end], in text order."""
    first = bisect_left(passages, start, key=_end)
    last = bisect_right(passages, end, key=_start)
    return passages[first:last]


def _start(p: Passage) -> int:
    return p.start


def _end(p: Passage) -> int:
    return p.end
