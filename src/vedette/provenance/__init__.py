"""Provenance: copies, spun rewrites, origin outlets, independent confirmations."""

from vedette.provenance.article import article_provenance
from vedette.provenance.confirm import ConfirmationItem, independent_confirmations
from vedette.provenance.corpus import (
    ArticleProvenance,
    CorpusProvenance,
    Family,
    Link,
    corpus_provenance,
)
from vedette.provenance.render import render_provenance

__all__ = [
    "ArticleProvenance",
    "ConfirmationItem",
    "CorpusProvenance",
    "Family",
    "Link",
    "article_provenance",
    "corpus_provenance",
    "independent_confirmations",
    "render_provenance",
]
