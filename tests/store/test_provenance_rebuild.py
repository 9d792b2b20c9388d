"""`provenance --rebuild` streams the stored articles in slices: whatever the slice size,
however many postings it holds in memory before writing them, and after a rebuild cut short
and finished by `update_index`, the families, links and postings are those of the incremental
index (SQLite and PostgreSQL); long band lists read in part link as the whole lists do."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest
from sqlalchemy import func, select

from tests.provenance.test_index import _corpus, _story, _vocabulary
from vedette.provenance.corpus import make_doc
from vedette.provenance.fingerprint import posting_keys
from vedette.provenance.index import add_batch
from vedette.provenance.memory import MemoryIndex
from vedette.provenance.records import LinkRecord
from vedette.provenance.stored import rebuild_index, stored_doc, update_index
from vedette.provenance.thresholds import MAX_BUCKET
from vedette.records import Article
from vedette.store import Store, schema
from vedette.store.provenance_index import BAND_KEY, SqlIndex


def _fill_incrementally(store: Store, articles: list[Article] | None = None) -> None:
    """Articles saved 40 at a time, the index updated after each save (as `ingest` does)."""
    distinct = {a.id: a for a in articles or _corpus(23, 110)}  # one row per distinct text
    rows = [{"id": a.id, "path": a.path, "title": None, "publisher": a.publisher, "url": None,
             "published": a.published, "text": a.text, "report": "{}",
             "extractor_version": "t", "config_hash": "t", "ingested_at": f"2024-01-01T{n:05d}"}
            for n, a in enumerate(distinct.values())]
    for start in range(0, len(rows), 40):
        with store.engine.begin() as conn:
            conn.execute(schema.articles.insert(), rows[start : start + 40])
        update_index(store)


def _snapshot(store: Store) -> tuple[list[tuple[Any, ...]], ...]:
    with store.engine.connect() as conn:
        return tuple(sorted(tuple(r) for r in conn.execute(table.select()))
                     for table in (schema.families, schema.provenance_links,
                                   schema.provenance_families))


class _Cut(Exception):
    pass


def _posting_rows(store: Store) -> list[tuple[int, int]]:
    postings = schema.provenance_postings
    with store.engine.connect() as conn:
        return sorted((k, d) for k, d in conn.execute(select(postings.c.key, postings.c.doc)))


def _pending(store: Store) -> list[int]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(schema.provenance_pending.c.key)).scalars())


@pytest.mark.parametrize("held", [1, 3000])
def test_postings_held_in_memory_give_the_incremental_index(store: Store, held: int) -> None:
    """The rebuild writes its postings each time `held` rows are held: its lookups read the
    table's rows and the held ones together, and it leaves the incremental path's tables."""
    _fill_incrementally(store)
    incremental = _snapshot(store), _posting_rows(store)
    rebuild_index(store, slice_size=17, held_postings=held)
    assert (_snapshot(store), _posting_rows(store)) == incremental
    assert _pending(store) == []


def _cut_late(done: int, total: int) -> None:
    if done >= 90:
        raise _Cut  # killed after its third slice, postings written and held


def test_postings_held_by_a_rebuild_cut_short_are_restored(store: Store) -> None:
    _fill_incrementally(store)
    incremental = _snapshot(store), _posting_rows(store)
    with pytest.raises(_Cut):
        rebuild_index(store, slice_size=30, held_postings=3000, progress=_cut_late)
    written = _posting_rows(store)
    assert _pending(store) and 0 < len(written) < len(incremental[1])
    update_index(store)
    assert (_snapshot(store), _posting_rows(store)) == incremental
    assert _pending(store) == []


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


def test_long_band_lists_read_in_part_give_the_links_of_the_whole_lists(store: Store) -> None:
    """130 near-copies of one story share their band keys: past MAX_BUCKET members the store
    reads only a list's head and last member; the links are those of the in-memory index."""
    rng = random.Random(41)
    vocab = _vocabulary(rng)
    story = _story(rng, vocab)
    texts = [f"{story}\n\nLine {i} of site {i}: {_story(rng, vocab, sentences=1)}"
             for i in range(130)] + [_story(rng, vocab) for _ in range(30)]
    rng.shuffle(texts)
    articles = [Article(text=t, path=f"b/{n}.txt", publisher=f"Site {n}", published="2024-03-01")
                for n, t in enumerate(texts)]
    whole = MemoryIndex()
    add_batch(whole, [stored_doc(k, a.id, a) for k, a in enumerate(articles, start=1)])
    _fill_incrementally(store, articles)
    links = schema.provenance_links
    with store.engine.connect() as conn:
        stored = {(r.a, r.b): LinkRecord(*r) for r in conn.execute(links.select())}
        postings = schema.provenance_postings
        longest = conn.execute(select(func.count()).select_from(postings).group_by(postings.c.key)
                               .order_by(func.count().desc()).limit(1)).scalar()
    assert len(stored) > 130 and stored == whole.links
    band_keys = np.unique(posting_keys(make_doc(1, articles[0], None, False).fp))
    read = SqlIndex(store).postings(band_keys[band_keys >= np.uint64(BAND_KEY)])[0]
    assert longest >= 130 and np.unique(read, return_counts=True)[1].max() <= MAX_BUCKET + 2
    rebuild_index(store, slice_size=40)  # long lists held in memory, read in part there too
    with store.engine.connect() as conn:
        rebuilt = {(r.a, r.b): LinkRecord(*r) for r in conn.execute(links.select())}
    assert rebuilt == whole.links
