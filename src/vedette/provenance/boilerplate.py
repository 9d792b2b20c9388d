"""Boilerplate learned from the corpus: passages many unrelated documents share.

A footer, a newsletter box or a wire's stock paragraph recurs verbatim in documents that
otherwise share nothing; a copied report recurs in documents that share most of their text.
So a window of BOILER_WINDOW words at a sampled position becomes boilerplate once
BOILERPLATE_DOCS mutually unrelated documents contain it (or BOILERPLATE_SAME_OUTLET_DOCS
of one outlet). The unrelated ones are picked greedily in index order, so adding documents
can only turn the verdict on, and an index built batch by batch reaches the verdict a
rebuild reaches. (Short notices carrying an
obvious cue are masked before this, by the prior in `tokens`.)

In verification, a position of a shared run is boilerplate when its nearest sampled window
in that run is: a copy that also carries the footer keeps its body, a footer alone goes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from vedette.provenance.fingerprint import U32, member
from vedette.provenance.thresholds import (
    BOILERPLATE_DOCS,
    BOILERPLATE_SAME_OUTLET_DOCS,
    MIN_RELATED_ANCHORS,
    RELATED_ANCHORS,
    RELATED_SAMPLES,
    SAMPLE_MOD,
)

Mask = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Profile:
    """What the relatedness test needs about one document."""

    key: int
    samples: U32  # sorted
    anchors: U32  # sorted
    outlet: str | None


def related(a: Profile, b: Profile) -> bool:
    """Copies of one report, not strangers that share a notice."""
    if _containment(a.samples, b.samples, 1) >= RELATED_SAMPLES:
        return True
    return _containment(a.anchors, b.anchors, MIN_RELATED_ANCHORS) >= RELATED_ANCHORS


def _containment(x: U32, y: U32, floor: int) -> float:
    small, large = (x, y) if len(x) <= len(y) else (y, x)
    if len(small) < floor:
        return 0.0
    return float(member(small, large).sum()) / len(small)


def admit(kept: list[Profile], doc: Profile) -> bool:
    """Greedy step: keep `doc` when it is unrelated to every document kept so far."""
    if any(related(k, doc) for k in kept):
        return False
    kept.append(doc)
    return True


def is_boilerplate(kept: Sequence[Profile]) -> bool:
    if len(kept) >= BOILERPLATE_DOCS:
        return True
    per_outlet = Counter(k.outlet for k in kept if k.outlet)
    return max(per_outlet.values(), default=0) >= BOILERPLATE_SAME_OUTLET_DOCS


def boilerplate_positions(seq: U32, windows: U32, shared: Mask, boiler: U32) -> Mask:
    """Positions of shared runs whose nearest sampled position (in the same run) starts a
    boilerplate window. `windows`: the window hash at each position of `seq`."""
    out = np.zeros(len(seq), dtype=np.bool_)
    if len(boiler) == 0 or not shared.any():
        return out
    sampled = shared & (seq % np.uint32(SAMPLE_MOD) == 0)
    flagged = sampled & member(windows, boiler)
    if not flagged.any():
        return out
    for start, end in runs(shared):
        pos = np.flatnonzero(sampled[start:end])
        if len(pos) and flagged[start:end][pos].any():
            out[start:end] = _nearest_flag(end - start, pos, flagged[start:end][pos])
    return out


def _nearest_flag(n: int, pos: npt.NDArray[np.intp], flags: Mask) -> Mask:
    """For each of n positions, the flag of the nearest sample (ties go to boilerplate)."""
    idx = np.arange(n)
    right = np.clip(np.searchsorted(pos, idx), 0, len(pos) - 1)
    left = np.clip(right - 1, 0, len(pos) - 1)
    d_left, d_right = np.abs(idx - pos[left]), np.abs(pos[right] - idx)
    tie = d_left == d_right
    nearest = np.where(d_left < d_right, flags[left], flags[right])
    return np.where(tie, flags[left] | flags[right], nearest)


def runs(mask: Mask) -> list[tuple[int, int]]:
    """(start, end) of the maximal True runs of a mask."""
    if not mask.any():
        return []
    padded = np.concatenate(([False], mask, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    return list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
