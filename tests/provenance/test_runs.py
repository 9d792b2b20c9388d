"""Posting rows held in sorted runs: a lookup finds exactly the rows added for its keys, and
merging gives every row back once, in order."""

from __future__ import annotations

import numpy as np
import pytest

from vedette.provenance.runs import FROZEN_RUN, PostingRuns


def _naive(added: list[tuple[int, int]], keys: np.ndarray) -> list[tuple[int, int]]:
    wanted = set(keys.tolist())
    return sorted((k, d) for k, d in added if k in wanted)


@pytest.mark.parametrize("frozen", [FROZEN_RUN, 500])
def test_lookup_finds_the_rows_of_each_key_in_every_run(frozen: int) -> None:
    rng = np.random.default_rng(7)
    runs, added = PostingRuns(frozen), []
    for first in range(0, 1600, 100):  # docs rise from run to run, as in a rebuild
        keys = rng.integers(-50, 50, size=300).astype(np.int64)  # signed: band keys are < 0
        docs = rng.integers(first, first + 100, size=300).astype(np.int64)
        runs.add(keys, docs)
        added.extend(zip(keys.tolist(), docs.tolist(), strict=True))
    wanted = np.unique(rng.integers(-60, 60, size=40).astype(np.int64))
    found = runs.lookup(wanted)
    assert found.shape[1] == 2
    assert sorted(map(tuple, found.tolist())) == _naive(added, wanted)
    assert runs.lookup(np.array([1000], dtype=np.int64)).shape == (0, 2)
    assert runs.rows == len(added)
    # Runs are merged like a binary counter (16 slices: one run), but not past `frozen` rows.
    sizes = [len(k) for k in runs._keys]
    assert sizes == ([4800] if frozen == FROZEN_RUN else [600] * 8)
    merged = [row for keys, docs in runs.merged(pieces=5)
              for row in zip(keys.tolist(), docs.tolist(), strict=True)]
    assert merged == sorted(added)  # every row once, in (key, doc) order across the pieces
    assert runs.rows == 0 and runs.lookup(wanted).shape == (0, 2)
    assert list(runs.merged()) == []


def test_a_capped_lookup_keeps_each_lists_head_and_last() -> None:
    runs = PostingRuns()
    runs.add(np.array([5] * 6 + [9], dtype=np.int64), np.arange(7, dtype=np.int64))
    runs.add(np.array([5] * 4, dtype=np.int64), np.arange(10, 14, dtype=np.int64))
    wanted = np.array([5, 9], dtype=np.int64)
    head = sorted(map(tuple, runs.lookup(wanted, head=2).tolist()))
    assert head == [(5, 0), (5, 1), (5, 10), (5, 11), (9, 6)]
    ends = sorted(map(tuple, runs.lookup(wanted, head=2, keep_last=True).tolist()))
    assert ends == [(5, 0), (5, 1), (5, 5), (5, 10), (5, 11), (5, 13), (9, 6)]
