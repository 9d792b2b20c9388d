"""Verification of an LSH candidate pair: containment both ways, local alignment, relation.

Shared runs that the index calls boilerplate are taken out first: overlap is measured on
what remains, so two strangers sharing a footer are not copies.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

import numpy as np

from vedette.provenance.boilerplate import Mask, boilerplate_positions, runs
from vedette.provenance.fingerprint import EMPTY, U32, Fingerprint, member
from vedette.provenance.thresholds import (
    COPY_CONTAINMENT,
    EDGE_MAX_GAP,
    EDGE_SLACK_WORDS,
    MAX_ALIGN_TOKENS,
    MIN_BLOCK,
    MIN_PARTIAL_CONTAINMENT,
    MIN_PARTIAL_TOKENS,
    MIN_QUOTE_SHINGLES,
    MIN_RUN_TOKENS,
    MIN_TOKENS,
    QUOTES_ONLY_CONTAINMENT,
    RELATED_ANCHORS,
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
    boilerplate: int = 0  # shared shingles left out as boilerplate


@dataclass(frozen=True, slots=True)
class Verdict:
    relation: Relation
    score: float
    evidence: PairEvidence


@dataclass(frozen=True, slots=True)
class Overlap:
    """Shared shingle positions of the shorter text, split into evidence and boilerplate."""

    seq: U32  # the shorter text's own shingles in order
    kept: Mask
    boiler: Mask


def overlap(short: Fingerprint, long: Fingerprint, boiler: U32 = EMPTY) -> Overlap:
    seq = short.sequence()
    return _split(short, seq, member(seq, long.own()), boiler)


def _split(short: Fingerprint, seq: U32, shared: Mask, boiler: U32) -> Overlap:
    removed = boilerplate_positions(seq, short.window_sequence(), shared, boiler)
    return Overlap(seq, shared & ~removed, removed)


def verify(a: Fingerprint, b: Fingerprint, boiler: U32 = EMPTY) -> Verdict | None:
    """The relation between two texts, or None when they are independent. `boiler`: the
    sorted window hashes the index has learned are boilerplate."""
    if min(a.size, b.size) < MIN_TOKENS:
        return None
    short, long = (a, b) if a.size <= b.size else (b, a)
    seq = short.sequence()
    shared = member(seq, long.own())
    anchors = containment(a.anchors, b.anchors)
    quotes = containment(a.quoted, b.quoted)
    if _hopeless(short, long, shared, anchors, quotes):
        return None
    ov = _split(short, seq, shared, boiler)
    kept = np.unique(seq[ov.kept])
    removed = len(np.setdiff1d(np.unique(seq[ov.boiler]), kept, assume_unique=True))
    a_in_b = _share(len(kept), len(a.own()) - removed)
    b_in_a = _share(len(kept), len(b.own()) - removed)
    aligned = 0.0
    if max(a_in_b, b_in_a) < COPY_CONTAINMENT and anchors >= SPUN_ANCHORS:
        aligned = alignment(a.words, b.words)
    passages = passage_words(ov.kept)
    verdict = _decide(PairEvidence(a_in_b, b_in_a, passages, anchors, aligned, quotes, removed))
    if verdict is not None and verdict.relation == "partial" and anchors < RELATED_ANCHORS:
        if page_template(ov, long):
            return None
    return verdict


def _hopeless(short: Fingerprint, long: Fingerprint, shared: Mask, anchors: float,
              quotes: float) -> bool:
    """No relation is possible even before boilerplate is taken out (taking it out only
    lowers every measure): most candidate pairs stop here."""
    if anchors >= SPUN_ANCHORS or quotes >= QUOTES_ONLY_CONTAINMENT:
        return False
    common = len(np.unique(short.sequence()[shared]))
    contained = common / max(1, min(len(short.own()), len(long.own())))
    if contained >= COPY_CONTAINMENT:
        return False
    return contained < MIN_PARTIAL_CONTAINMENT or passage_words(shared) < MIN_PARTIAL_TOKENS


def page_template(ov: Overlap, long: Fingerprint) -> bool:
    """The shared passage of a partial pair is one block at the same edge of both texts: the
    shape of a footer or header that only these two pages carry (see EDGE_SLACK_WORDS)."""
    kept = np.unique(ov.seq[ov.kept])
    short_edge = _edge(ov.kept)
    return short_edge is not None and short_edge == _edge(member(long.sequence(), kept))


def _edge(shared: Mask) -> str | None:
    """'start' or 'end' when the passage runs of `shared` form one block at that edge."""
    blocks = [(s, e + WORD_SHINGLE - 1) for s, e in runs(shared)
              if e - s + WORD_SHINGLE - 1 >= MIN_RUN_TOKENS]
    if not blocks:
        return None
    if any(nxt[0] - prev[1] > EDGE_MAX_GAP for prev, nxt in zip(blocks, blocks[1:], strict=False)):
        return None
    if blocks[0][0] <= EDGE_SLACK_WORDS:
        return "start"
    if blocks[-1][1] >= len(shared) + WORD_SHINGLE - 1 - EDGE_SLACK_WORDS:
        return "end"
    return None


def _share(part: int, whole: int) -> float:
    return part / whole if whole > 0 else 0.0


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


def containment(x: U32, y: U32) -> float:
    """Share of the smaller sorted set found in the other (0 below MIN_QUOTE_SHINGLES)."""
    small, large = (x, y) if len(x) <= len(y) else (y, x)
    if len(small) < MIN_QUOTE_SHINGLES:
        return 0.0
    return float(member(small, large).sum()) / len(small)


def alignment(a: U32, b: U32) -> float:
    """Share of the shorter word list aligned in order with the other, in blocks of MIN_BLOCK+.

    A spinner swaps single words, so the text around each swap still aligns in short blocks;
    independent texts on the same story align only in chance pairs like "of the".
    """
    x, y = a[:MAX_ALIGN_TOKENS].tolist(), b[:MAX_ALIGN_TOKENS].tolist()
    shorter = min(len(x), len(y))
    if not shorter:
        return 0.0
    matcher = SequenceMatcher(None, x, y, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks() if block.size >= MIN_BLOCK)
    return matched / shorter


def passage_words(kept: Mask) -> int:
    """Words inside verbatim runs of MIN_RUN_TOKENS or more (stock phrases are shorter)."""
    total = 0
    for start, end in runs(kept):
        words = end - start + WORD_SHINGLE - 1
        total += words if words >= MIN_RUN_TOKENS else 0
    return total


def reuse_score(a: Fingerprint, b: Fingerprint) -> float:
    """A graded reuse score for ranking (evaluations): verbatim containment or in-order
    alignment of the smaller text, whichever is higher."""
    own_a, own_b = a.own(), b.own()
    shared = len(np.intersect1d(own_a, own_b, assume_unique=True))
    contained = shared / min(len(own_a), len(own_b)) if len(own_a) and len(own_b) else 0.0
    return max(contained, alignment(a.words, b.words))
