"""The rebuild's KeyFilter: never a false negative (the lists read are the same), few false
positives (the lookups it saves)."""

from __future__ import annotations

import numpy as np

from vedette.provenance.keyfilter import KeyFilter


def _keys(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    keys = rng.integers(0, 1 << 63, size=n, dtype=np.uint64)
    keys[: n // 3] |= np.uint64(1 << 62)  # band keys share their high bits
    return keys


def test_every_added_key_is_found() -> None:
    f = KeyFilter(100_000)
    added = _keys(100_000, 1)
    for part in np.array_split(added, 7):  # added batch by batch, as a rebuild does
        f.add(part)
    assert f.may_contain(added).all()


def test_false_positives_are_few() -> None:
    f = KeyFilter(100_000)
    f.add(_keys(100_000, 1))
    others = _keys(100_000, 2)
    assert f.may_contain(others).mean() < 0.05


def test_empty_filter_contains_nothing() -> None:
    assert not KeyFilter(10).may_contain(_keys(1000, 3)).any()
