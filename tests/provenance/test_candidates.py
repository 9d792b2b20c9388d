"""The array form of the candidate rule (`Grouped.pairs`) against the per-bucket rule."""

from __future__ import annotations

import numpy as np
import pytest

from vedette.provenance.candidates import Grouped, buckets, candidate_pairs
from vedette.provenance.fingerprint import key_kinds
from vedette.provenance.thresholds import MAX_BUCKET

_WINDOW, _BAND = np.uint64(1 << 61), np.uint64(1 << 62)


def _postings(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Keys of the three kinds, some lists past MAX_BUCKET, a few rows filed twice."""
    rng = np.random.default_rng(seed)
    n = 6000
    key = rng.integers(0, 60, n).astype(np.uint64)
    kind = rng.integers(0, 3, n)
    key = np.where(kind == 1, key | _WINDOW, np.where(kind == 2, key | _BAND, key))
    long = rng.random(n) < 0.2  # two long lists, one band and one sample
    key = np.where(long, np.where(rng.random(n) < 0.5, _BAND | np.uint64(999), np.uint64(999)),
                   key)
    docs = rng.integers(1, 400, n).astype(np.int64)
    return np.concatenate((key, key[:50])), np.concatenate((docs, docs[:50]))


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("new_from", [1, 150, 390])
def test_array_pairs_are_the_rule(seed: int, new_from: int) -> None:
    keys, docs = _postings(seed)
    want = sorted(candidate_pairs(buckets(keys, docs), new_from))
    got = Grouped(keys, docs).pairs(new_from)
    assert got == want
    assert want  # the data makes pairs of both kinds...
    sizes = [len(b.members) for b in buckets(keys, docs)]
    assert max(sizes) > MAX_BUCKET  # ... and lists long enough for the star-and-chain rule


def test_buckets_by_kind_keep_their_members() -> None:
    keys, docs = _postings(4)
    grouped = Grouped(keys, docs)
    every = list(grouped.buckets())
    assert all(len(b.members) > 1 and b.members == sorted(set(b.members)) for b in every)
    for kind in range(3):
        assert list(grouped.buckets(kind)) == [b for b in every if b.kind == kind]
    lists: dict[int, set[int]] = {}
    for k, d in zip(keys.tolist(), docs.tolist(), strict=True):
        lists.setdefault(k, set()).add(d)
    assert {b.key: b.members for b in every} == {
        k: sorted(m) for k, m in lists.items() if len(m) > 1}
    assert {b.kind for b in every} == set(key_kinds(keys).tolist())


def test_nothing_filed_gives_nothing() -> None:
    empty = Grouped(np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64))
    assert list(empty.buckets()) == [] and empty.pairs(1) == []
