"""Provenance for a store: index the articles not indexed yet, or rebuild the index."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from vedette.provenance.candidates import Keys
from vedette.provenance.corpus import make_doc
from vedette.provenance.fingerprint import Fingerprint, fingerprint
from vedette.provenance.index import add_batch
from vedette.provenance.origin import find_origin
from vedette.provenance.records import Doc
from vedette.provenance.spin import detect_spin
from vedette.records import Article
from vedette.store import Store
from vedette.store.provenance_index import (
    SqlIndex,
    articles_by_id,
    rebuild_order,
    unindexed_ids,
)

# New articles are added in batches of this many (memory: their fingerprints and partners).
BATCH_SIZE = 5000
# A rebuild adds the stored articles in key order, this many at a time (memory: the slice and
# its partners). Posting keys are hashes, so every slice's inserts touch nearly every page of
# the posting table: fewer, larger slices rewrite it fewer times (at 500,000 articles a slice
# of 10,000 spent 4.4 s writing postings that took 1.4 s into a 130,000-article table).
REBUILD_SLICE = 25_000
# Posting rows a rebuild holds in memory before it writes them (runs.py): 12 bytes a row, so
# 100,000,000 rows are 1.2 GB, about 1,400,000 articles' worth. Held rows are read from memory
# and written once, in key order; rows written earlier are read back from the table, which
# cost a late slice at 1,000,000 articles ~3 s, and each write of 8,000,000 rows into the
# growing table ~16 s (measured with 8,000,000 here).
REBUILD_HELD_POSTINGS = 100_000_000
# Posting keys per article a rebuild sizes its KeyFilter for (72 on average at 874,000
# synthetic articles: up to 48 band keys, then sampled windows and quoted shingles).
KEYS_PER_ARTICLE = 80


@dataclass(slots=True)
class IndexSummary:
    added: int = 0
    links: int = 0  # link records written (a link changed by a later batch counts again)
    families_changed: int = 0


def update_index(store: Store, *, batch_size: int = BATCH_SIZE,
                 known: Mapping[str, TextPrint] | None = None) -> IndexSummary:
    """Add every stored article the provenance index lacks (work grows with their number);
    `known`: text prints computed already, by text hash (`Article.id`)."""
    index = SqlIndex(store)
    index.restore()
    summary = IndexSummary()
    ids = unindexed_ids(store)
    first = index.next_key()
    for start in range(0, len(ids), batch_size):
        part = ids[start : start + batch_size]
        keys = np.arange(first + start, first + start + len(part), dtype=np.int64)
        _add(index, _slice_docs(store, keys, part, known), summary)
    return summary


def rebuild_index(store: Store, *, slice_size: int = REBUILD_SLICE,
                  held_postings: int = REBUILD_HELD_POSTINGS,
                  progress: Callable[[int, int], None] | None = None) -> IndexSummary:
    """Everything recomputed from the stored texts, index order kept: the articles go through
    `add_batch` in key order, `slice_size` at a time, which gives the families of one batch
    (index.py) in memory bounded by a slice and its partners. A rebuild cut short leaves a
    consistent index of its first slices (the postings it held are derived again from the
    stored fingerprints, `SqlIndex.restore`); `update_index` adds the rest."""
    index = SqlIndex(store)
    keys, ids = rebuild_order(store)
    index.clear(expected_keys=KEYS_PER_ARTICLE * len(keys), hold_rows=held_postings)
    summary = IndexSummary()
    for start in range(0, len(keys), slice_size):
        end = start + slice_size
        _add(index, _slice_docs(store, keys[start:end], ids[start:end]), summary)
        if progress is not None:
            progress(summary.added, len(keys))
    index.finish()
    return summary


def _slice_docs(store: Store, keys: Keys, ids: Sequence[bytes],
                known: Mapping[str, TextPrint] | None = None) -> list[Doc]:
    names = [i.decode() for i in ids]
    articles = articles_by_id(store, names)
    return [stored_doc(int(k), name, articles[name], known.get(articles[name].id) if known
                       else None) for k, name in zip(keys, names, strict=True)]


@dataclass(frozen=True, slots=True)
class TextPrint:
    """What the index derives from a text alone, so it can be computed where the text was
    analysed (an ingest worker) and reused here: looked up by the text's hash, it is the
    same as computing it again."""

    fp: Fingerprint
    credits: str | None  # the outlet the text credits (origin.find_origin)


def text_print(text: str) -> TextPrint:
    fp = fingerprint(text)
    return TextPrint(Fingerprint(fp.words, fp.quoted, fp.anchors), find_origin(text).outlet)


def stored_doc(key: int, article_id: str, article: Article,
               known: TextPrint | None = None) -> Doc:
    known = known or text_print(article.text)
    return make_doc(key, article, known.credits, detect_spin(article).flag,
                    offsets=False, article_id=article_id, fp=known.fp)


def _add(index: SqlIndex, batch: list[Doc], summary: IndexSummary) -> None:
    if not batch:
        return
    change = add_batch(index, batch)
    summary.added += len(batch)
    summary.links += len(change.links)
    summary.families_changed += len(change.families)
