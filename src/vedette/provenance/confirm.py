"""Independent confirmations over a corpus of files, by the one definition in
`vedette.confirmation` (the store's `estimates` uses the same)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vedette.confirmation import (
    Chain,
    article_outlet,
    chain_key,
    count_independent,
    family_origin,
    normalise,
)
from vedette.provenance.corpus import ArticleProvenance, CorpusProvenance, Family


@dataclass(frozen=True, slots=True)
class ConfirmationItem:
    """One claim-like statement: an article reports `value` of `counted` on `source`'s word."""

    article_id: str
    value: float | None
    counted: str
    source: str | None = None


ConfirmationKey = tuple[str, float | None]


def independent_confirmations(
    items: Iterable[ConfirmationItem], result: CorpusProvenance
) -> dict[ConfirmationKey, int]:
    """(counted, value) -> number of distinct (origin, source) chains behind it."""
    by_id = {a.id: a for a in result.articles}
    family_of = result.family_of()
    return count_independent(
        ((normalise(item.counted), item.value),
         _chain(item, by_id.get(item.article_id), family_of))
        for item in items
    )


def _chain(item: ConfirmationItem, record: ArticleProvenance | None,
           family_of: dict[str, Family]) -> Chain:
    if record is None:
        return Chain(item.article_id, item.source)
    family = family_of.get(record.path)
    copies = None
    if family is not None and len(family.members) > 1:
        copies = family_origin(family.origin_outlet, family.origin, family.id)
    return Chain(item.article_id, item.source,
                 article_outlet(record.origin_outlet, record.publisher), copies)


__all__ = ["Chain", "ConfirmationItem", "ConfirmationKey", "article_outlet", "chain_key",
           "count_independent", "family_origin", "independent_confirmations", "normalise"]
