"""Posting rows held in memory, in sorted runs, until a rebuild writes them in one go.

The posting table is keyed by hash, so a slice's postings land on nearly every page of it:
writing each slice's postings made every slice rewrite the whole table, and a rebuild's
later slices cost more the larger the store (at 1,000,000 articles a 25,000-article slice
spent 6.6 s writing and committing postings against 2.6 s at 100,000). Held here, they are
written once, in key order, at the rebuild's end (or each time a memory budget is held),
and a slice reads its lists from memory instead of the table. Lookups are binary searches
in each run.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from vedette.provenance.candidates import Keys

# Rows from which a run is merged no further: merging two runs briefly takes about 2.7 times
# their memory, and searching a few more runs costs less than that.
FROZEN_RUN = 8_000_000


class PostingRuns:
    """(key, doc) rows in runs sorted by key then doc; keys as stored (signed int64)."""

    def __init__(self, frozen: int = FROZEN_RUN) -> None:
        self._keys: list[Keys] = []
        self._docs: list[np.ndarray] = []
        self.rows = 0
        self._frozen = frozen

    def add(self, keys: Keys, docs: Keys) -> None:
        if not len(keys):
            return
        order = np.lexsort((docs, keys))
        self._keys.append(np.ascontiguousarray(keys[order], dtype=np.int64))
        self._docs.append(np.ascontiguousarray(docs[order], dtype=np.int32))  # doc keys: INTEGER
        self.rows += len(keys)
        # A binary counter of runs: a run is merged into the one before it while that one is
        # no larger (and not frozen), so a lookup searches about log2(slices) runs, plus the
        # frozen ones, and each row is merged about as many times (searching one run per
        # slice cost more than the merges).
        while (len(self._keys) > 1 and len(self._keys[-2]) <= len(self._keys[-1])
               and len(self._keys[-2]) < self._frozen):
            self._merge_last()

    def _merge_last(self) -> None:
        keys = np.concatenate(self._keys[-2:])
        docs = np.concatenate(self._docs[-2:])
        order = np.argsort(keys, kind="stable")  # the later run's docs are all larger: a merge
        del self._keys[-2:], self._docs[-2:]
        self._keys.append(keys[order])
        self._docs.append(docs[order])

    def lookup(self, keys: Keys, head: int | None = None, keep_last: bool = False) -> Keys:
        """The held (key, doc) rows of `keys` (unique), as an (n, 2) int64 array: every row,
        or with `head` each run's first `head` rows of a key (and its last, `keep_last`). A
        list's first rows are among its runs' first, its last is the last run's last: so the
        rows a trimmed read needs are there, and long lists are not copied whole."""
        parts = [np.zeros((0, 2), dtype=np.int64)]
        for run_keys, run_docs in zip(self._keys, self._docs, strict=True):
            lo = np.searchsorted(run_keys, keys, side="left")
            sizes = np.searchsorted(run_keys, keys, side="right") - lo
            hit = sizes > 0
            lo, sizes = lo[hit], sizes[hit]
            if not len(lo):
                continue
            taken = sizes if head is None else np.minimum(sizes, head)
            at = np.repeat(lo - (np.cumsum(taken) - taken), taken) + np.arange(int(taken.sum()))
            if keep_last:
                at = np.concatenate((at, (lo + sizes - 1)[sizes > taken]))
            parts.append(np.stack((run_keys[at], run_docs[at].astype(np.int64)), axis=1))
        return np.concatenate(parts)

    def merged(self, pieces: int = 16) -> Iterator[tuple[Keys, Keys]]:
        """Every held row once, as (keys, docs) pieces sorted by (key, doc), in that order,
        then nothing held. Merged a key range at a time: sorting all rows at once took three
        times their memory (a rebuild's peak at 100,000 articles rose by 300 MiB)."""
        if self._keys:
            largest = max(self._keys, key=len)
            cuts = np.unique(largest[np.linspace(0, len(largest), pieces, endpoint=False)
                                     .astype(np.int64)][1:])
            for low, high in zip([None, *cuts.tolist()], [*cuts.tolist(), None], strict=True):
                yield self._range(low, high)
        self._keys, self._docs, self.rows = [], [], 0

    def _range(self, low: int | None, high: int | None) -> tuple[Keys, Keys]:
        """The rows with low <= key < high (None: unbounded), sorted by (key, doc): runs hold
        rising docs, so a stable sort by key of their slices in run order is a merge."""
        keys, docs = [], []
        for run_keys, run_docs in zip(self._keys, self._docs, strict=True):
            lo = 0 if low is None else int(np.searchsorted(run_keys, low))
            hi = len(run_keys) if high is None else int(np.searchsorted(run_keys, high))
            keys.append(run_keys[lo:hi])
            docs.append(run_docs[lo:hi])
        all_keys, all_docs = np.concatenate(keys), np.concatenate(docs)
        order = np.argsort(all_keys, kind="stable")
        return all_keys[order], all_docs[order].astype(np.int64)
