"""Why two texts are linked: the shared passages, with character offsets in both texts, and
the shared passages left out as boilerplate."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from vedette.provenance.boilerplate import Mask, runs
from vedette.provenance.fingerprint import EMPTY, U32, Fingerprint
from vedette.provenance.thresholds import MIN_RUN_TOKENS, WORD_SHINGLE
from vedette.provenance.verify import Verdict, overlap, verify


@dataclass(frozen=True, slots=True)
class Passage:
    """A verbatim run in both texts: [a_start, a_end) in a, [b_start, b_end) in b."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    words: int


@dataclass(frozen=True, slots=True)
class Explanation:
    verdict: Verdict
    passages: list[Passage]
    boilerplate: list[Passage]  # shared, but learned or known to be boilerplate

    def to_json(self) -> dict[str, Any]:
        return {
            "evidence": {k: round(v, 3) if isinstance(v, float) else v
                         for k, v in asdict(self.verdict.evidence).items()},
            "passages": [asdict(p) for p in self.passages],
            "boilerplate": [asdict(p) for p in self.boilerplate],
        }


def explain(a: Fingerprint, b: Fingerprint, boiler: U32 = EMPTY) -> Explanation | None:
    """The verdict of a pair with its passages; None when the pair is not linked."""
    verdict = verify(a, b, boiler)
    if verdict is None:
        return None
    swap = b.size < a.size
    short, long = (b, a) if swap else (a, b)
    ov = overlap(short, long, boiler)
    kept = _passages(ov.seq, ov.kept, short, long, swap)
    dropped = _passages(ov.seq, ov.boiler, short, long, swap)
    return Explanation(verdict, kept, dropped)


def _passages(seq: U32, mask: Mask, short: Fingerprint, long: Fingerprint,
              swap: bool) -> list[Passage]:
    long_seq = long.sequence()
    out = []
    for start, end in runs(mask):
        words = end - start + WORD_SHINGLE - 1
        if words < MIN_RUN_TOKENS or not len(short.starts):
            continue
        at = np.flatnonzero(long_seq == seq[start])
        if not len(at):
            continue
        q = int(at[0])
        span_s = (int(short.starts[start]), int(short.ends[end + WORD_SHINGLE - 2]))
        last = min(q + end - start + WORD_SHINGLE - 2, len(long.ends) - 1)
        span_l = (int(long.starts[q]), int(long.ends[last]))
        sa, sb = (span_l, span_s) if swap else (span_s, span_l)
        out.append(Passage(sa[0], sa[1], sb[0], sb[1], words))
    return out
