"""Provenance for a store: index the articles not indexed yet, or rebuild the index."""

from __future__ import annotations

from dataclasses import dataclass

from vedette.provenance.corpus import make_doc
from vedette.provenance.index import add_batch
from vedette.provenance.origin import find_origin
from vedette.provenance.records import Doc
from vedette.provenance.spin import detect_spin
from vedette.records import Article
from vedette.store import Store
from vedette.store.provenance_index import SqlIndex, articles_to_index

# New articles are added in batches of this many (memory: their fingerprints and partners).
BATCH_SIZE = 5000


@dataclass(slots=True)
class IndexSummary:
    added: int = 0
    links: int = 0
    families_changed: int = 0


def update_index(store: Store, *, batch_size: int = BATCH_SIZE) -> IndexSummary:
    """Add every stored article the provenance index lacks (work grows with their number)."""
    index = SqlIndex(store)
    summary = IndexSummary()
    key = index.next_key()
    batch: list[Doc] = []
    for article_id, _, article in articles_to_index(store, only_new=True):
        batch.append(stored_doc(key, article_id, article))
        key += 1
        if len(batch) >= batch_size:
            _add(index, batch, summary)
            batch = []
    _add(index, batch, summary)
    return summary


def rebuild_index(store: Store) -> IndexSummary:
    """Everything recomputed from the stored texts in one batch; index order is kept."""
    index = SqlIndex(store)
    order = index.indexed_ids()
    fresh = max(order.values(), default=0)
    docs: list[Doc] = []
    for article_id, _, article in articles_to_index(store, only_new=False):
        key = order.get(article_id)
        if key is None:
            fresh += 1
            key = fresh
        docs.append(stored_doc(key, article_id, article))
    docs.sort(key=lambda doc: doc.key)
    index.clear()
    summary = IndexSummary()
    _add(index, docs, summary)
    return summary


def stored_doc(key: int, article_id: str, article: Article) -> Doc:
    return make_doc(key, article, find_origin(article.text).outlet, detect_spin(article).flag,
                    offsets=False, article_id=article_id)


def _add(index: SqlIndex, batch: list[Doc], summary: IndexSummary) -> None:
    if not batch:
        return
    change = add_batch(index, batch)
    summary.added += len(batch)
    summary.links += len(change.links)
    summary.families_changed += len(change.families)
