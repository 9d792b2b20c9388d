"""A Bloom filter over posting keys: which keys can have a stored posting list at all.

Most posting keys are filed once and never met again (at 874,000 articles, 61.6 M postings
formed 52.4 M lists), yet a batch looks up every key of its texts. A
rebuild starts from an empty index and files every key itself, so it can keep this filter
and ask the store only for keys that may be there. A Bloom filter has no false negatives:
the lists read, and so the families, are the same as without it.
"""

from __future__ import annotations

import numpy as np

from vedette.provenance.fingerprint import U64

# Bits of filter per expected key and hash functions per key: about 2% false positives.
BITS_PER_KEY = 8
HASHES = 4
_SEEDS = (0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9, 0x94D049BB133111EB, 0xD6E8FEB86659FD93)
_FMIX = (np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))
_SHIFT = np.uint64(33)


class KeyFilter:
    """Keys added so far; `may_contain` is False only for keys never added."""

    def __init__(self, expected_keys: int) -> None:
        bits = max(1 << 16, int(expected_keys) * BITS_PER_KEY)
        self.size = 1 << (bits - 1).bit_length()  # a power of two: positions are masked
        self.bits = np.zeros(self.size // 8, dtype=np.uint8)

    def add(self, keys: U64) -> None:
        for pos in self._positions(keys):
            np.bitwise_or.at(self.bits, pos >> np.uint64(3),
                             np.left_shift(1, (pos & np.uint64(7)).astype(np.uint8)))

    def may_contain(self, keys: U64) -> np.ndarray:
        found = np.ones(len(keys), dtype=bool)
        for pos in self._positions(keys):
            byte = self.bits[pos >> np.uint64(3)]
            found &= (byte >> (pos & np.uint64(7)).astype(np.uint8)) & 1 == 1
        return found

    def _positions(self, keys: U64) -> list[U64]:
        mask = np.uint64(self.size - 1)
        return [_mix(keys.astype(np.uint64) ^ np.uint64(seed)) & mask for seed in _SEEDS[:HASHES]]


def _mix(h: U64) -> U64:
    """murmur3's 64-bit finaliser: posting keys are hashes already, but band keys share
    their high bits (fingerprint._BAND_BIT), so they are mixed again per hash function."""
    with np.errstate(over="ignore"):
        h = h ^ (h >> _SHIFT)
        h = h * _FMIX[0]
        h = h ^ (h >> _SHIFT)
        h = h * _FMIX[1]
        return h ^ (h >> _SHIFT)
