"""Per-article provenance: publisher, the outlet the text credits, and the spin verdict."""

from __future__ import annotations

from vedette.provenance.origin import find_origin
from vedette.provenance.spin import detect_spin
from vedette.records import Article, Provenance


def article_provenance(article: Article) -> Provenance:
    """Regexes only: this runs on every analysed article."""
    hint = find_origin(article.text)
    return Provenance(
        publisher=article.publisher,
        origin_outlet=hint.outlet,
        origin_evidence=hint.evidence,
        spun=detect_spin(article).to_json(),
    )
