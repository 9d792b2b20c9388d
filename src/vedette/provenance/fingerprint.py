"""Per-text fingerprints: shingle sets for verification and MinHash signatures for LSH."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from datasketch import LeanMinHash, MinHash

from vedette.provenance.thresholds import ANCHOR_SHINGLE, NUM_PERM, WORD_SHINGLE
from vedette.provenance.tokens import Tokens, tokenize

# One permutation table for every signature (datasketch would rebuild it per MinHash).
_TEMPLATE = MinHash(num_perm=NUM_PERM, hashfunc=int)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What verification needs about one text; signatures are built from the same shingles."""

    words: list[str]  # own words: quoted passages masked out, in text order
    own: frozenset[int]  # WORD_SHINGLE-grams of own words
    quoted: frozenset[int]  # WORD_SHINGLE-grams inside quoted passages
    anchors: frozenset[int]  # ANCHOR_SHINGLE-grams of consecutive names and numbers

    @property
    def size(self) -> int:
        return len(self.words)


def fingerprint(text: str) -> Fingerprint:
    tokens = tokenize(text)
    own_words = [w for w, q in zip(tokens.words, tokens.quoted, strict=True) if not q]
    quoted = [w if q else "" for w, q in zip(tokens.words, tokens.quoted, strict=True)]
    return Fingerprint(
        words=own_words,
        own=frozenset(shingles(own_words, WORD_SHINGLE)),
        quoted=frozenset(h for h in _quoted_shingles(quoted)),
        anchors=frozenset(shingles(_anchor_words(tokens), ANCHOR_SHINGLE)),
    )


def shingles(words: Sequence[str], k: int) -> list[int]:
    """Stable 32-bit hashes of k-word shingles (crc32: same value in every process)."""
    if len(words) < k:
        return [zlib.crc32(" ".join(words).encode())] if words else []
    return [zlib.crc32(" ".join(words[i : i + k]).encode()) for i in range(len(words) - k + 1)]


def _quoted_shingles(words: list[str]) -> list[int]:
    """Shingles wholly inside quotes ("" marks an own word, which breaks a shingle)."""
    return [
        zlib.crc32(" ".join(words[i : i + WORD_SHINGLE]).encode())
        for i in range(len(words) - WORD_SHINGLE + 1)
        if all(words[i : i + WORD_SHINGLE])
    ]


def _anchor_words(tokens: Tokens) -> list[str]:
    return [
        w for w, a, q in zip(tokens.words, tokens.anchor, tokens.quoted, strict=True) if a and not q
    ]


def signature(hashes: frozenset[int]) -> LeanMinHash:
    """A MinHash over precomputed 32-bit shingle hashes (datasketch, shared permutations)."""
    m = _TEMPLATE.copy()
    if hashes:
        m.update_batch(list(hashes))
    return LeanMinHash(m)
