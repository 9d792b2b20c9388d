"""LSH candidate pairs over two MinHash signatures per text.

Plain word shingles find copies; shingles of consecutive names and numbers find spun copies,
whose ordinary words were swapped but whose names were not. A passage embedded in a longer
text barely moves either Jaccard, so a third index holds a content-defined sample of each
text's shingles (those whose hash is 0 mod SAMPLE_MOD, as in winnowing) and pairs texts
that share at least MIN_SHARED_SAMPLES of them.
Signatures are datasketch MinHashes; the banding is done on a numpy matrix rather than in
`datasketch.MinHashLSH`, whose per-band dicts of byte keys cost ~1 GB at 100,000 texts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from vedette.provenance.fingerprint import Fingerprint, signature
from vedette.provenance.thresholds import (
    ANCHOR_LSH_PARAMS,
    MAX_BUCKET,
    MIN_SHARED_SAMPLES,
    MIN_TOKENS,
    NUM_PERM,
    SAMPLE_MOD,
    WORD_LSH_PARAMS,
)

Matrix = npt.NDArray[np.uint64]


@dataclass(slots=True)
class SignatureIndex:
    """One row per text: word-shingle and anchor-shingle signatures; short texts not indexed."""

    words: Matrix
    anchors: Matrix
    indexed: npt.NDArray[np.bool_]
    sample_hashes: npt.NDArray[np.uint32]  # (hash, text) postings of the sampled shingles
    sample_texts: npt.NDArray[np.uint32]

    @classmethod
    def build(cls, prints: Iterable[Fingerprint], n: int) -> SignatureIndex:
        words = np.zeros((n, NUM_PERM), dtype=np.uint64)
        anchors = np.zeros((n, NUM_PERM), dtype=np.uint64)
        indexed = np.zeros(n, dtype=np.bool_)
        hashes: list[int] = []
        texts: list[int] = []
        for i, fp in enumerate(prints):
            if fp.size < MIN_TOKENS:
                continue
            indexed[i] = True
            sampled = [h for h in fp.own | fp.quoted if h % SAMPLE_MOD == 0]
            hashes.extend(sampled)
            texts.extend([i] * len(sampled))
            words[i] = signature(fp.own | fp.quoted).hashvalues
            if fp.anchors:
                anchors[i] = signature(fp.anchors).hashvalues
        return cls(words, anchors, indexed, np.array(hashes, dtype=np.uint32),
                   np.array(texts, dtype=np.uint32))

    def candidate_pairs(self) -> set[tuple[int, int]]:
        """Index pairs (i < j) that agree on every row of at least one band."""
        pairs: set[tuple[int, int]] = set()
        has_anchors = self.indexed & self.anchors.any(axis=1)
        for matrix, mask, params in ((self.words, self.indexed, WORD_LSH_PARAMS),
                                     (self.anchors, has_anchors, ANCHOR_LSH_PARAMS)):
            rows = np.flatnonzero(mask)
            for key in _band_keys(matrix[rows], params):
                pairs.update(_bucket_pairs(rows, key))
        pairs.update(self._passage_pairs())
        return pairs

    def _passage_pairs(self) -> set[tuple[int, int]]:
        """Pairs sharing MIN_SHARED_SAMPLES sampled shingles; a shingle in more than MAX_BUCKET
        texts is a stock phrase and is skipped, not chained."""
        shared: Counter[tuple[int, int]] = Counter()
        keys = self.sample_hashes.astype(np.uint64)
        for members in _buckets(self.sample_texts, keys):
            if len(members) <= MAX_BUCKET:
                shared.update(_pairs_in(members))
        return {pair for pair, n in shared.items() if n >= MIN_SHARED_SAMPLES}


def _band_keys(matrix: Matrix, params: tuple[int, int]) -> Iterator[Matrix]:
    bands, width = params
    for b in range(bands):
        band = matrix[:, b * width : (b + 1) * width]
        key = np.zeros(len(band), dtype=np.uint64)
        for c in range(width):  # values are < 2**32: fold the rows into one 64-bit key
            key = key * np.uint64(4294967311) + band[:, c]
        yield key


def _bucket_pairs(rows: npt.NDArray[np.intp], key: Matrix) -> Iterator[tuple[int, int]]:
    for members in _buckets(rows, key):
        yield from _pairs_in(members)


def _buckets(
    rows: npt.NDArray[np.intp] | npt.NDArray[np.uint32], key: Matrix
) -> Iterator[list[int]]:
    """Groups of two or more distinct rows with equal keys."""
    if len(key) < 2:
        return
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    edges = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    starts = np.concatenate(([0], edges))
    ends = np.concatenate((edges, [len(ordered)]))
    many = ends - starts > 1
    for s, e in zip(starts[many], ends[many], strict=True):
        members = sorted({int(rows[k]) for k in order[s:e]})
        if len(members) > 1:
            yield members


def _pairs_in(members: list[int]) -> Iterator[tuple[int, int]]:
    """All pairs of a bucket; a huge bucket (boilerplate, templates) only as a star and a chain,
    which keeps families connected without a quadratic number of checks."""
    if len(members) <= MAX_BUCKET:
        for x, i in enumerate(members):
            for j in members[x + 1 :]:
                yield (i, j)
        return
    for x in range(1, len(members)):
        yield (members[0], members[x])
        yield (members[x - 1], members[x])
