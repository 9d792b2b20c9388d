"""LSH candidate pairs (datasketch MinHashLSH) over two signatures per text.

Plain word shingles find copies and partial copies; shingles of consecutive names and
numbers find spun copies, whose ordinary words were swapped but whose names were not.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from datasketch import MinHashLSH

from vedette.provenance.fingerprint import Fingerprint, signature
from vedette.provenance.thresholds import LSH_PARAMS, MIN_TOKENS, NUM_PERM


def candidate_pairs(prints: Sequence[Fingerprint]) -> set[tuple[int, int]]:
    """Index pairs (i < j) that share a band in either signature."""
    pairs: set[tuple[int, int]] = set()
    for field in ("words", "anchors"):
        pairs.update(_pairs_for(prints, field))
    return pairs


def _pairs_for(prints: Sequence[Fingerprint], field: str) -> Iterator[tuple[int, int]]:
    lsh = MinHashLSH(num_perm=NUM_PERM, params=LSH_PARAMS)
    for i, fp in enumerate(prints):
        hashes = (fp.own | fp.quoted) if field == "words" else fp.anchors
        if fp.size < MIN_TOKENS or not hashes:
            continue
        sig = signature(hashes)
        # Query before insert: every pair is found once, from its later member.
        for j in lsh.query(sig):
            yield (j, i)
        lsh.insert(i, sig, check_duplication=False)
