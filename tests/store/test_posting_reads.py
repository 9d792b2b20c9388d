"""A rebuild reads posting lists by plain lookups and trims them in numpy (`trim_lists`),
an incremental batch with SQL window functions: both give the same rows, long lists
included, and the KeyFilter skips only keys that were never filed."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from vedette.provenance.thresholds import MAX_BUCKET
from vedette.store import open_store, schema
from vedette.store.provenance_index import BAND_KEY, WINDOW_KEY, SqlIndex

LISTS = {  # key -> list length: short and long lists of every kind
    BAND_KEY + 1: 1, BAND_KEY + 2: MAX_BUCKET + 1, BAND_KEY + 3: MAX_BUCKET + 2,
    BAND_KEY + 4: 3 * MAX_BUCKET, WINDOW_KEY + 5: 2, WINDOW_KEY + 6: 2 * MAX_BUCKET,
    7: 1, 8: MAX_BUCKET + 2, 9: 2 * MAX_BUCKET,
}


def _index(tmp_path: Path, name: str, *, rebuild: bool) -> SqlIndex:
    index = SqlIndex(open_store(str(tmp_path / name)))
    index.clear(expected_keys=1000 if rebuild else 0)
    rows = [{"key": k, "doc": 10 * d + k % 7} for k, n in LISTS.items() for d in range(n)]
    with index.engine.begin() as conn:
        conn.execute(schema.provenance_postings.insert(), rows)
    if index._filed is not None:
        index._filed.add(np.array(list(LISTS), dtype=np.uint64))
    return index


def _read(index: SqlIndex, keys: list[int]) -> list[tuple[int, int]]:
    got_keys, docs = index.postings(np.array(keys, dtype=np.uint64))
    return sorted(zip(got_keys.astype(np.int64).tolist(), docs.tolist(), strict=True))


def test_rebuild_reads_equal_incremental_reads(tmp_path: Path) -> None:
    keys = [*LISTS, BAND_KEY + 99, 98]  # and two keys never filed
    incremental = _read(_index(tmp_path, "i.db", rebuild=False), keys)
    rebuild = _index(tmp_path, "r.db", rebuild=True)
    first = _read(rebuild, keys)
    assert rebuild._long == {k for k, n in LISTS.items() if n > MAX_BUCKET + 1 and
                             not WINDOW_KEY <= k < BAND_KEY}
    assert first == incremental == _read(rebuild, keys)  # again, long lists known
    lengths = {k: sum(1 for key, _ in first if key == k) for k in LISTS}
    assert lengths[BAND_KEY + 4] == MAX_BUCKET + 2  # head and last
    assert lengths[9] == MAX_BUCKET + 1  # head only
    assert lengths[WINDOW_KEY + 6] == 2 * MAX_BUCKET  # a window list is read whole
