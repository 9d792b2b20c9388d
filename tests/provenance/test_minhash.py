"""MinHash signatures: the share of agreeing permutations estimates Jaccard similarity, and
texts that merely share their smallest hashes do not collide in the LSH bands."""

from __future__ import annotations

import numpy as np

from vedette.provenance.fingerprint import _bands, signature
from vedette.provenance.thresholds import NUM_PERM, WORD_LSH_PARAMS


def _pair(rng: np.random.Generator, size: int, jaccard: float) -> tuple[np.ndarray, np.ndarray]:
    pool = np.unique(rng.integers(0, 1 << 32, size=4 * size, dtype=np.uint64)).astype(np.uint32)
    rng.shuffle(pool)
    common = round(2 * size * jaccard / (1 + jaccard))
    a = np.unique(pool[:size])
    b = np.unique(np.concatenate((pool[:common], pool[size : 2 * size - common])))
    return a, b


def test_agreement_estimates_jaccard_without_bias() -> None:
    rng = np.random.default_rng(7)
    for jaccard in (0.05, 0.2, 0.5, 0.8):
        errors = []
        for _ in range(120):
            a, b = _pair(rng, 300, jaccard)
            true = len(np.intersect1d(a, b)) / len(np.union1d(a, b))
            errors.append(float((signature(a) == signature(b)).mean()) - true)
        # Mean of 120 estimates, each with sd sqrt(j(1-j)/64) <= 0.0625: bias well under 0.02.
        assert abs(np.mean(errors)) < 0.02, (jaccard, np.mean(errors))


def test_sharing_the_smallest_hashes_is_not_similarity() -> None:
    """The old permutations, (a*h + b) mod 2**61-1 with a < 2**31, never wrapped for small h:
    half of them picked the set's smallest hash, and two texts sharing it collided in most
    bands. 200 hashes each, sharing only their four smallest: Jaccard 0.01."""
    rng = np.random.default_rng(11)
    collided = []
    for _ in range(50):
        rest = rng.integers(1 << 20, 1 << 32, size=400, dtype=np.uint64).astype(np.uint32)
        small = np.array([1, 2, 3, 4], dtype=np.uint32)
        a = np.unique(np.concatenate((small, rest[:196])))
        b = np.unique(np.concatenate((small, rest[196:])))
        sa, sb = signature(a), signature(b)
        assert (sa == sb).mean() < 0.15
        collided.append(len(np.intersect1d(_bands(sa, WORD_LSH_PARAMS, 0),
                                           _bands(sb, WORD_LSH_PARAMS, 0))))
    # At Jaccard 0.01 a band collides with probability 1e-4: 32 bands, 50 pairs, ~0.16 expected.
    assert sum(collided) <= 3
    assert len(signature(np.zeros(0, dtype=np.uint32))) == NUM_PERM


def test_one_shared_band_is_chance_two_make_a_candidate() -> None:
    from vedette.provenance.candidates import Bucket, candidate_pairs

    band, window = 2, 1
    found = [Bucket(101, [1, 2, 3], band), Bucket(102, [1, 2], band),  # 1-2 share two bands
             Bucket(201, [3, 4], window), Bucket(202, [3, 4], window),  # 3-4 two windows
             Bucket(203, [2, 4], window)]  # 1-3, 2-3 and 2-4 share one key each
    assert candidate_pairs(iter(found), new_from=1) == {(1, 2), (3, 4)}
    # Prefix-consistent: a batch starting at key 3 keeps the pairs whose later member is new.
    assert candidate_pairs(iter(found), new_from=3) == {(3, 4)}
