"""Candidate pairs from the posting lists of the provenance index.

Each text is filed under its LSH band keys (word shingles find copies; shingles of
consecutive names and numbers find spun copies, whose ordinary words were swapped) and under
a content-defined sample of its shingles (hash = 0 mod SAMPLE_MOD, as in winnowing), which
finds a passage embedded in a longer text: two texts sharing MIN_SHARED_SAMPLES samples are
candidates, as are two texts sharing MIN_SHARED_BANDS bands.

The rule is prefix-consistent, so that a batch added to the index finds exactly the pairs a
rebuild finds: in a bucket sorted by index key, the member at position p pairs with every
earlier member while p < MAX_BUCKET, and beyond that (boilerplate, templates) with the first
and the previous member only for band buckets, with nobody for sample buckets. A batch fetches
the complete buckets of its keys and keeps the pairs whose later member is new.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from vedette.provenance.fingerprint import BAND_KIND, U64, key_kinds
from vedette.provenance.thresholds import MAX_BUCKET, MIN_SHARED_BANDS, MIN_SHARED_SAMPLES

Keys = npt.NDArray[np.int64]
Pair = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Bucket:
    key: int
    members: list[int]  # index keys, ascending
    kind: int  # SAMPLE_KIND, WINDOW_KIND or BAND_KIND (fingerprint.key_kinds)


def buckets(keys: U64, docs: Keys, kind: int | None = None) -> Iterator[Bucket]:
    """Groups of two or more distinct documents filed under one key (of one kind, if given)."""
    return Grouped(keys, docs).buckets(kind)


class Grouped:
    """Posting rows grouped by key once, kept only for keys with two or more documents: a
    batch walks its buckets several times (by kind, for pairs), and sorting its rows each
    time cost more at a large store, whose lists are longer, than the walks."""

    def __init__(self, keys: U64, docs: Keys) -> None:
        order = np.lexsort((docs, keys))
        k, d = keys[order], docs[order]
        first = np.ones(len(k), dtype=np.bool_)  # a document filed twice under a key counts once
        first[1:] = (k[1:] != k[:-1]) | (d[1:] != d[:-1])
        k, d = k[first], d[first]
        edges = np.flatnonzero(k[1:] != k[:-1]) + 1
        starts = np.concatenate(([0], edges)).astype(np.int64)
        ends = np.concatenate((edges, [len(k)])).astype(np.int64)
        many = ends - starts > 1
        starts, ends = starts[many], ends[many]
        rows = _ranges(starts, ends)
        self.keys = k[starts]  # one per bucket
        self.kinds = key_kinds(self.keys)
        self.members = d[rows]  # the buckets' members, bucket after bucket, ascending
        self.ends = np.cumsum(ends - starts)
        self.starts = self.ends - (ends - starts)

    def buckets(self, kind: int | None = None) -> Iterator[Bucket]:
        """One Python object per bucket (of one kind): hundreds of thousands a batch."""
        chosen = np.arange(len(self.keys)) if kind is None else np.flatnonzero(self.kinds == kind)
        starts, ends = self.starts[chosen], self.ends[chosen]
        members = self.members[_ranges(starts, ends)].tolist()
        at = 0
        for key, size, kd in zip(self.keys[chosen].tolist(), (ends - starts).tolist(),
                                 self.kinds[chosen].tolist(), strict=True):
            yield Bucket(key, members[at : at + size], kd)
            at += size

    def pairs(self, new_from: int) -> list[Pair]:
        """`candidate_pairs` of these buckets, sorted, computed over arrays: the rule of
        `bucket_pairs`, each pair counted once per bucket, then the counts thresholded."""
        size = self.ends - self.starts
        bucket = np.repeat(np.arange(len(size)), size)
        position = np.arange(len(self.members)) - self.starts[bucket]
        band = self.kinds[bucket] == BAND_KIND
        later = (position > 0) & (self.members >= new_from)
        full = later & (position < MAX_BUCKET)  # pairs with every earlier member
        ends_only = later & (position >= MAX_BUCKET) & band  # with the first and previous
        rows = np.flatnonzero(full)
        counts = position[rows]
        earlier = _ranges(self.starts[bucket[rows]], self.starts[bucket[rows]] + counts)
        late = np.repeat(rows, counts)
        star = np.flatnonzero(ends_only)
        late = np.concatenate((late, star, star))
        earlier = np.concatenate((earlier, self.starts[bucket[star]], star - 1))
        code = (self.members[earlier].astype(np.int64) << 32) | self.members[late]
        chosen = [_at_least(code[band[late]], MIN_SHARED_BANDS),
                  _at_least(code[~band[late]], MIN_SHARED_SAMPLES)]
        codes = np.union1d(*chosen)
        return list(zip((codes >> 32).tolist(), (codes & 0xFFFFFFFF).tolist(), strict=True))


def _ranges(starts: Keys, ends: Keys) -> Keys:
    """The indices start..end-1 of each range, ranges concatenated."""
    sizes = ends - starts
    return np.repeat(starts - (np.cumsum(sizes) - sizes), sizes) + np.arange(int(sizes.sum()))


def _at_least(codes: Keys, n: int) -> Keys:
    values, counts = np.unique(codes, return_counts=True)
    return values[counts >= n]


def bucket_pairs(bucket: Bucket, new_from: int) -> Iterator[Pair]:
    """Pairs (earlier, later) of one bucket whose later member is at least `new_from`."""
    m = bucket.members
    for p in range(1, len(m)):
        if m[p] < new_from:
            continue
        if p < MAX_BUCKET:
            yield from ((e, m[p]) for e in m[:p])
        elif bucket.kind == BAND_KIND:
            yield (m[0], m[p])
            yield (m[p - 1], m[p])


def candidate_pairs(found: Iterator[Bucket], new_from: int) -> set[Pair]:
    """Pairs sharing MIN_SHARED_BANDS bands or MIN_SHARED_SAMPLES sampled windows, bucket by
    bucket: the reference form of the rule (a batch uses `Grouped.pairs`; tests compare)."""
    samples: Counter[Pair] = Counter()
    bands: Counter[Pair] = Counter()
    for bucket in found:
        (bands if bucket.kind == BAND_KIND else samples).update(bucket_pairs(bucket, new_from))
    pairs = {pair for pair, n in samples.items() if n >= MIN_SHARED_SAMPLES}
    pairs.update(pair for pair, n in bands.items() if n >= MIN_SHARED_BANDS)
    return pairs
