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
    """Groups of two or more distinct documents filed under one key (of one kind, if given).
    Grouped with numpy, one Python object per bucket: hundreds of thousands a batch."""
    if len(keys) < 2:
        return
    order = np.lexsort((docs, keys))
    k, d = keys[order], docs[order]
    first = np.ones(len(k), dtype=np.bool_)  # a document filed twice under a key counts once
    first[1:] = (k[1:] != k[:-1]) | (d[1:] != d[:-1])
    k, d = k[first], d[first]
    edges = np.flatnonzero(k[1:] != k[:-1]) + 1
    starts = np.concatenate(([0], edges))
    ends = np.concatenate((edges, [len(k)]))
    many = ends - starts > 1
    starts, ends = starts[many], ends[many]
    kinds = key_kinds(k[starts])
    if kind is not None:
        wanted = kinds == kind
        starts, ends, kinds = starts[wanted], ends[wanted], kinds[wanted]
    members = d.tolist()
    for key, s, e, kd in zip(k[starts].tolist(), starts.tolist(), ends.tolist(), kinds.tolist(),
                             strict=True):
        yield Bucket(key, members[s:e], kd)


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
    """Pairs sharing MIN_SHARED_BANDS bands or MIN_SHARED_SAMPLES sampled windows."""
    samples: Counter[Pair] = Counter()
    bands: Counter[Pair] = Counter()
    for bucket in found:
        (bands if bucket.kind == BAND_KIND else samples).update(bucket_pairs(bucket, new_from))
    pairs = {pair for pair, n in samples.items() if n >= MIN_SHARED_SAMPLES}
    pairs.update(pair for pair, n in bands.items() if n >= MIN_SHARED_BANDS)
    return pairs
