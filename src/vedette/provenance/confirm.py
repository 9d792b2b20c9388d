"""Independent confirmations: distinct (origin, underlying source) chains once copies collapse.

Fifty copies of one CNN report citing the Ukrainian Defense Ministry are one chain.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from vedette.provenance.corpus import ArticleProvenance, CorpusProvenance, Family
from vedette.provenance.families import canonical_outlet

_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")


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
    chains: dict[ConfirmationKey, set[tuple[str, str]]] = defaultdict(set)
    for item in items:
        key = (normalise(item.counted), item.value)
        origin = _origin_key(item.article_id, by_id.get(item.article_id), family_of)
        chains[key].add((origin, normalise(item.source or "")))
    return {key: len(found) for key, found in chains.items()}


def normalise(name: str) -> str:
    return _LEADING_THE.sub("", _SPACE.sub(" ", name.strip().casefold()))


def _origin_key(
    article_id: str, record: ArticleProvenance | None, family_of: dict[str, Family]
) -> str:
    """The outlet a report goes back to, or the text itself when nothing names one."""
    if record is None:
        return f"article:{article_id}"
    family = family_of.get(record.path)
    if family is not None and len(family.members) > 1:
        if family.origin_outlet:
            return f"outlet:{normalise(family.origin_outlet)}"
        return f"article:{family.origin}"
    outlet = record.origin_outlet or canonical_outlet(record.publisher)
    return f"outlet:{normalise(outlet)}" if outlet else f"article:{article_id}"
