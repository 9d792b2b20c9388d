"""Per-text fingerprints as compact numpy arrays: word hashes, shingle sets, LSH keys.

Everything is a 32-bit hash (crc32 of a word, a mix of consecutive word hashes for a
shingle), so a fingerprint is a few kilobytes of uint32, the same in every process, and can be
stored in the provenance index and reloaded without the text.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from vedette.provenance.thresholds import (
    ANCHOR_LSH_PARAMS,
    ANCHOR_SHINGLE,
    BOILER_WINDOW,
    MIN_TOKENS,
    NUM_PERM,
    SAMPLE_MOD,
    WORD_LSH_PARAMS,
    WORD_SHINGLE,
)
from vedette.provenance.tokens import tokenize

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]

EMPTY = np.zeros(0, dtype=np.uint32)
_MIX = (np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F), np.uint64(0x165667B19E3779F9))
# MinHash permutations: h*a + b (mod 2**64, a odd) through murmur3's 64-bit finaliser, one
# (a, b) per permutation. The former (a*h + b) mod (2**61 - 1) with a, b < 2**31 never wrapped
# for small h, so about half the permutations picked the set's smallest hash: unrelated texts
# sharing a few shingles collided in most bands (at 120,000 articles 38 candidates per new
# text, 0.24% of them copies; bench figures in docs/benchmarks.md).
_PERMS = np.random.default_rng(20261207).integers(0, 1 << 63, size=(2, NUM_PERM), dtype=np.uint64)
_PERMS[0] |= np.uint64(1)
_FMIX = (np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))
_SHIFT = np.uint64(33)
# Band keys live above 2**62, boilerplate windows in [2**61, 2**62), sampled shingles below
# 2**32: one posting table holds all three.
_BAND_BIT = np.uint64(1 << 62)
_WINDOW_BIT = np.uint64(1 << 61)


@dataclass(slots=True, eq=False)
class Fingerprint:
    """What verification needs about one text. `starts`/`ends` (character offsets of the own
    words) are kept when the text is at hand, so links can point at shared passages. The
    derived arrays are cached while a batch verifies its pairs (`forget` drops them)."""

    words: U32  # hashes of own words in text order: quoted passages and notices masked out
    quoted: U32  # sorted unique WORD_SHINGLE-grams inside quoted passages
    anchors: U32  # sorted unique ANCHOR_SHINGLE-grams of consecutive names and numbers
    starts: U32 = field(default_factory=lambda: EMPTY)
    ends: U32 = field(default_factory=lambda: EMPTY)
    _cache: dict[str, U32] = field(default_factory=dict, init=False, repr=False)

    @property
    def size(self) -> int:
        return len(self.words)

    def forget(self) -> None:
        self._cache.clear()

    def sequence(self) -> U32:
        """Own shingles in text order (position i starts at own word i)."""
        if "seq" not in self._cache:
            self._cache["seq"] = shingle_hashes(self.words, WORD_SHINGLE)
        return self._cache["seq"]

    def own(self) -> U32:
        if "own" not in self._cache:
            self._cache["own"] = np.unique(self.sequence())
        return self._cache["own"]

    def window_sequence(self) -> U32:
        """At each own position, the hash of the BOILER_WINDOW words it starts (fewer at the end
        of the text): the unit boilerplate is learned on. A common three-word phrase recurs in
        unrelated texts; eight words of a footer recur, eight of a report do not."""
        if "win" not in self._cache:
            padded = np.concatenate((self.words, np.zeros(BOILER_WINDOW - 1, dtype=np.uint32)))
            wide = shingle_hashes(padded, BOILER_WINDOW)
            self._cache["win"] = wide[: len(self.sequence())]
        return self._cache["win"]

    def windows(self) -> U32:
        """Window hashes at the sampled own positions."""
        return self.window_sequence()[self.sequence() % np.uint32(SAMPLE_MOD) == 0]

    def samples(self) -> U32:
        """The content-defined sample of own and quoted shingles (hash = 0 mod SAMPLE_MOD)."""
        both = np.concatenate((self.sequence(), self.quoted))
        return np.unique(both[both % np.uint32(SAMPLE_MOD) == 0])

    @property
    def indexed(self) -> bool:
        return self.size >= MIN_TOKENS


def member(x: U32, sorted_y: U32) -> npt.NDArray[np.bool_]:
    """x[i] in sorted_y, by binary search (np.isin sorts both sides on every call)."""
    if len(sorted_y) == 0:
        return np.zeros(len(x), dtype=np.bool_)
    at = np.minimum(np.searchsorted(sorted_y, x), len(sorted_y) - 1)
    return sorted_y[at] == x


def word_hash(word: str) -> int:
    return zlib.crc32(word.encode())


def fingerprint(text: str) -> Fingerprint:
    tokens = tokenize(text)
    hashes = np.fromiter((word_hash(w) for w in tokens.words), dtype=np.uint32,
                         count=len(tokens.words))
    quoted = np.array(tokens.quoted, dtype=np.bool_)
    own = ~quoted & ~np.array(tokens.boiler, dtype=np.bool_)
    anchor = own & np.array(tokens.anchor, dtype=np.bool_)
    return Fingerprint(
        words=hashes[own],
        quoted=np.unique(_masked_shingles(hashes, quoted)),
        anchors=np.unique(shingle_hashes(hashes[anchor], ANCHOR_SHINGLE)),
        starts=np.array(tokens.starts, dtype=np.uint32)[own],
        ends=np.array(tokens.ends, dtype=np.uint32)[own],
    )


def shingle_hashes(words: U32, k: int) -> U32:
    """32-bit hashes of the k-word windows of a word-hash sequence (one for a shorter text)."""
    if len(words) == 0:
        return EMPTY
    w = words.astype(np.uint64)
    if len(w) < k:
        return _fold(np.array([np.bitwise_xor.reduce(w * _MIX[0])], dtype=np.uint64))
    n = len(w) - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    for i in range(k):
        acc = acc * _MIX[2] + w[i : i + n] * _MIX[i % 2]
    return _fold(acc)


def _fold(x: U64) -> U32:
    return ((x >> np.uint64(32)) ^ (x & np.uint64(0xFFFFFFFF))).astype(np.uint32)


def _masked_shingles(words: U32, inside: npt.NDArray[np.bool_]) -> U32:
    """Shingles wholly inside quotes (an own word breaks a shingle)."""
    if len(words) < WORD_SHINGLE:
        return EMPTY
    seq = shingle_hashes(words, WORD_SHINGLE)
    n = len(seq)
    whole = np.ones(n, dtype=np.bool_)
    for i in range(WORD_SHINGLE):
        whole &= inside[i : i + n]
    return seq[whole]


def signature(hashes: U32) -> U32:
    """A NUM_PERM MinHash of a set of 32-bit hashes (all ones for an empty set)."""
    if len(hashes) == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    x = hashes.astype(np.uint64)[:, None] * _PERMS[0] + _PERMS[1]  # wraps mod 2**64
    for mult in _FMIX:
        x ^= x >> _SHIFT
        x *= mult
    x ^= x >> _SHIFT
    return (x.min(axis=0) >> np.uint64(32)).astype(np.uint32)


def band_keys(fp: Fingerprint) -> U64:
    """LSH keys: one per band of the word signature, and of the anchor signature if any."""
    words = np.concatenate((fp.own(), fp.quoted))
    keys = [_bands(signature(np.unique(words)), WORD_LSH_PARAMS, 0)]
    if len(fp.anchors):
        keys.append(_bands(signature(fp.anchors), ANCHOR_LSH_PARAMS, WORD_LSH_PARAMS[0]))
    return np.concatenate(keys)


def _bands(sig: U32, params: tuple[int, int], offset: int) -> U64:
    bands, width = params
    rows = sig[: bands * width].astype(np.uint64).reshape(bands, width)
    key = (np.arange(bands, dtype=np.uint64) + np.uint64(offset + 1)) * _MIX[1]
    for c in range(width):
        key = key * _MIX[2] + rows[:, c] * _MIX[c % 2]
    return (key >> np.uint64(2)) | _BAND_BIT


def posting_keys(fp: Fingerprint) -> U64:
    """Every key a text is filed under: its band keys and its sampled windows (these find
    shared passages and learn boilerplate; three-word samples collided too often), and the
    sampled shingles of its quoted passages (which find quote-only overlap)."""
    if not fp.indexed:
        return np.zeros(0, dtype=np.uint64)
    windows = np.unique(fp.windows()).astype(np.uint64) | _WINDOW_BIT
    quoted = fp.quoted[fp.quoted % np.uint32(SAMPLE_MOD) == 0].astype(np.uint64)
    return np.concatenate((band_keys(fp), windows, quoted))


# What `key_kinds` says a posting key is.
SAMPLE_KIND, WINDOW_KIND, BAND_KIND = 0, 1, 2


def key_kinds(keys: U64) -> npt.NDArray[np.int8]:
    """SAMPLE_KIND: a sampled shingle, WINDOW_KIND: a boilerplate window, BAND_KIND: a band."""
    return (keys >= _WINDOW_BIT).astype(np.int8) + (keys >= _BAND_BIT).astype(np.int8)


def window_hashes(keys: list[int]) -> U32:
    """Posting keys of boilerplate windows -> their sorted 32-bit window hashes."""
    return np.array(sorted(k & 0xFFFFFFFF for k in keys), dtype=np.uint32)
