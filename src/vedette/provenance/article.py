"""Per-article provenance (issue 4): being written; fills the publisher only until it lands."""

from __future__ import annotations

from vedette.records import Article, Provenance


def article_provenance(article: Article) -> Provenance:
    return Provenance(publisher=article.publisher)
