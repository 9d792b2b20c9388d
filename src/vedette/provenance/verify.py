"""Verification of an LSH candidate pair: containment both ways, local alignment, relation."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from vedette.provenance.fingerprint import Fingerprint, shingles
from vedette.provenance.thresholds import (
    COPY_CONTAINMENT,
    MAX_ALIGN_TOKENS,
    MIN_BLOCK,
    MIN_PARTIAL_CONTAINMENT,
    MIN_PARTIAL_TOKENS,
    MIN_QUOTE_SHINGLES,
    MIN_RUN_TOKENS,
    MIN_TOKENS,
    QUOTES_ONLY_CONTAINMENT,
    SPUN_ALIGNED,
    SPUN_ANCHORS,
    WORD_SHINGLE,
)

Relation = Literal["copy", "partial", "spun", "quotes_only"]
# Relations that make two texts one report (quotes_only does not).
FAMILY_RELATIONS: frozenset[str] = frozenset({"copy", "partial", "spun"})


@dataclass(frozen=True, slots=True)
class PairEvidence:
    """Measures of one pair; `a_in_b` is the share of a's own shingles found in b."""

    a_in_b: float
    b_in_a: float
    passages: int  # words of the shorter text in verbatim runs of MIN_RUN_TOKENS or more
    anchors: float  # share of the smaller anchor set found in the other
    aligned: float  # in-order aligned share of the shorter text (0 when not computed)
    quotes: float  # share of the smaller quoted set found in the other


@dataclass(frozen=True, slots=True)
class Verdict:
    relation: Relation
    score: float
    evidence: PairEvidence


def verify(a: Fingerprint, b: Fingerprint) -> Verdict | None:
    """The relation between two texts, or None when they are independent."""
    if min(a.size, b.size) < MIN_TOKENS:
        return None
    shared = len(a.own & b.own)
    a_in_b = shared / len(a.own) if a.own else 0.0
    b_in_a = shared / len(b.own) if b.own else 0.0
    anchors = _containment(a.anchors, b.anchors)
    contained = max(a_in_b, b_in_a)
    aligned = 0.0
    if contained < COPY_CONTAINMENT and anchors >= SPUN_ANCHORS:
        aligned = alignment(a.words, b.words)
    passages = passage_words(*((a, b) if a.size <= b.size else (b, a))) if shared else 0
    quotes = _containment(a.quoted, b.quoted)
    return _decide(PairEvidence(a_in_b, b_in_a, passages, anchors, aligned, quotes))


def _decide(ev: PairEvidence) -> Verdict | None:
    contained = max(ev.a_in_b, ev.b_in_a)
    if contained >= COPY_CONTAINMENT:
        return Verdict("copy", round(contained, 3), ev)
    if ev.aligned >= SPUN_ALIGNED:
        return Verdict("spun", round(ev.aligned, 3), ev)
    if ev.passages >= MIN_PARTIAL_TOKENS and contained >= MIN_PARTIAL_CONTAINMENT:
        return Verdict("partial", round(contained, 3), ev)
    if ev.quotes >= QUOTES_ONLY_CONTAINMENT:
        return Verdict("quotes_only", round(ev.quotes, 3), ev)
    return None


def _containment(x: frozenset[int], y: frozenset[int]) -> float:
    small, large = (x, y) if len(x) <= len(y) else (y, x)
    if len(small) < MIN_QUOTE_SHINGLES:
        return 0.0
    return len(small & large) / len(small)


def alignment(a: list[str], b: list[str]) -> float:
    """Share of the shorter word list aligned in order with the other, in blocks of MIN_BLOCK+.

    A spinner swaps single words, so the text around each swap still aligns in short blocks;
    independent texts on the same story align only in chance pairs like "of the".
    """
    a, b = a[:MAX_ALIGN_TOKENS], b[:MAX_ALIGN_TOKENS]
    shorter = min(len(a), len(b))
    if not shorter:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks() if block.size >= MIN_BLOCK)
    return matched / shorter


def passage_words(short: Fingerprint, long: Fingerprint) -> int:
    """Words of `short` inside verbatim runs shared with `long` (stock phrases are shorter)."""
    total = run = 0
    for h in shingles(short.words, WORD_SHINGLE):
        if h in long.own:
            run += 1
            continue
        total += _run_words(run)
        run = 0
    return total + _run_words(run)


def _run_words(shingle_run: int) -> int:
    words = shingle_run + WORD_SHINGLE - 1 if shingle_run else 0
    return words if words >= MIN_RUN_TOKENS else 0


def reuse_score(a: Fingerprint, b: Fingerprint) -> float:
    """A graded reuse score for ranking (evaluations): verbatim containment or in-order
    alignment of the smaller text, whichever is higher."""
    shared = len(a.own & b.own)
    contained = shared / min(len(a.own), len(b.own)) if a.own and b.own else 0.0
    return max(contained, alignment(a.words, b.words))
