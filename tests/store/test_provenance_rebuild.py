"""`provenance --rebuild` streams the stored articles in slices: whatever the slice size, and
after a rebuild cut short and finished by `update_index`, the families and links are those of
the incremental index (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.provenance.test_index import _corpus
from vedette.provenance.stored import rebuild_index, update_index
from vedette.store import Store, schema


def _fill_incrementally(store: Store) -> None:
    """Articles saved 40 at a time, the index updated after each save (as `ingest` does)."""
    articles = {a.id: a for a in _corpus(23, 110)}  # one row per distinct text
    rows = [{"id": a.id, "path": a.path, "title": None, "publisher": a.publisher, "url": None,
             "published": a.published, "text": a.text, "report": "{}",
             "extractor_version": "t", "config_hash": "t", "ingested_at": f"2024-01-01T{n:05d}"}
            for n, a in enumerate(articles.values())]
    for start in range(0, len(rows), 40):
        with store.engine.begin() as conn:
            conn.execute(schema.articles.insert(), rows[start : start + 40])
        update_index(store)


def _snapshot(store: Store) -> tuple[list[tuple[Any, ...]], ...]:
    with store.engine.connect() as conn:
        return tuple(sorted(tuple(r) for r in conn.execute(table.select()))
                     for table in (schema.families, schema.provenance_links,
                                   schema.provenance_families))


def test_a_sliced_rebuild_equals_the_incremental_index(store: Store) -> None:
    _fill_incrementally(store)
    incremental = _snapshot(store)
    assert incremental[0], "the corpus has families"
    seen: list[tuple[int, int]] = []
    summary = rebuild_index(store, slice_size=17, progress=lambda done, total:
                            seen.append((done, total)))
    assert _snapshot(store) == incremental
    assert seen[-1] == (summary.added, summary.added) and len(seen) == -(-summary.added // 17)
    rebuild_index(store, slice_size=10_000)  # one slice: the batch of the former rebuild
    assert _snapshot(store) == incremental


class _Cut(Exception):
    pass


def _cut(done: int, total: int) -> None:
    if done < total:
        raise _Cut  # a rebuild killed after its first slice


def test_a_rebuild_cut_short_is_completed_by_the_next_update(store: Store) -> None:
    _fill_incrementally(store)
    incremental = _snapshot(store)
    with pytest.raises(_Cut):
        rebuild_index(store, slice_size=30, progress=_cut)
    assert _snapshot(store) != incremental
    assert update_index(store).added > 0
    assert _snapshot(store) == incremental
