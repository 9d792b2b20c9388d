"""The history of a source: its revisions and what changed in claims and quotes between them
("troops: 100,000 → 120,000" is what an analyst wants to see)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal, TypeVar

from vedette.errors import VedetteError
from vedette.store import Store
from vedette.store.rows import ClaimRow, QuoteRow, RevisionRow

# A removed and an added quote of one speaker at least this similar are one quote reworded.
SIMILAR_QUOTE_RATIO = 0.5
Change = Literal["revised", "added", "removed"]
T = TypeVar("T")


class UnknownSource(VedetteError):
    code = "V041"
    reason = "unknown_source"


@dataclass(frozen=True, slots=True)
class ClaimChange:
    change: Change
    before: ClaimRow | None
    after: ClaimRow | None


@dataclass(frozen=True, slots=True)
class QuoteChange:
    change: Change
    speaker: str | None
    before: str | None
    after: str | None


@dataclass(frozen=True, slots=True)
class RevisionChanges:
    """From one revision of a source to the next."""

    before: int
    after: int
    claims: list[ClaimChange]
    quotes: list[QuoteChange]


@dataclass(frozen=True, slots=True)
class SourceHistory:
    source: str
    revisions: list[RevisionRow]
    changes: list[RevisionChanges]


def history(store: Store, source: str) -> list[SourceHistory]:
    """The history of every stored source named (or ended) by `source`."""
    found = store.find_sources(source)
    if not found:
        raise UnknownSource(f"no stored article comes from {source!r}")
    return [_history(store, name) for name in found]


def _history(store: Store, source: str) -> SourceHistory:
    revisions = store.history(source)
    changes = [
        RevisionChanges(old.revision, new.revision,
                        claim_changes(store.claims_of(old.article_id),
                                      store.claims_of(new.article_id)),
                        quote_changes(store.quotes_of(old.article_id),
                                      store.quotes_of(new.article_id)))
        for old, new in zip(revisions, revisions[1:], strict=False)
    ]
    return SourceHistory(source, revisions, changes)


def claim_changes(before: Sequence[ClaimRow], after: Sequence[ClaimRow]) -> list[ClaimChange]:
    """Claims about the same thing on the same authority whose number changed are revised;
    the others that are not in both are added or removed."""
    old, new = _unmatched(before, after, _claim_value), _unmatched(after, before, _claim_value)
    changes: list[ClaimChange] = []
    for row in old:
        partner = next((n for n in new if _claim_topic(n) == _claim_topic(row)), None)
        if partner is not None:
            new.remove(partner)
        changes.append(ClaimChange("revised" if partner else "removed", row, partner))
    return changes + [ClaimChange("added", None, row) for row in new]


def quote_changes(before: Sequence[QuoteRow], after: Sequence[QuoteRow]) -> list[QuoteChange]:
    """Quotes of one speaker reworded are revised; the others not in both are added or
    removed."""
    old, new = _unmatched(before, after, _quote_key), _unmatched(after, before, _quote_key)
    changes: list[QuoteChange] = []
    for row in old:
        partner = _closest(row, new)
        if partner is not None:
            new.remove(partner)
            changes.append(QuoteChange("revised", row.speaker, row.content, partner.content))
        else:
            changes.append(QuoteChange("removed", row.speaker, row.content, None))
    return changes + [QuoteChange("added", q.speaker, None, q.content) for q in new]


def _unmatched(rows: Sequence[T], others: Sequence[T],
               key: Callable[[T], Hashable]) -> list[T]:
    """`rows` less those with an equal (by `key`) row in `others`, counting repeats."""
    left = Counter(key(o) for o in others)
    kept = []
    for row in rows:
        k = key(row)
        if left[k] > 0:
            left[k] -= 1
        else:
            kept.append(row)
    return kept


def _claim_topic(row: ClaimRow) -> tuple[str | None, str, str | None]:
    return (row.cluster, (row.source or "").casefold(), row.unit)


def _claim_value(row: ClaimRow) -> tuple[object, ...]:
    return (*_claim_topic(row), row.value, row.low, row.high)


def _quote_key(row: QuoteRow) -> tuple[str | None, str]:
    return (row.speaker, row.content)


def _closest(row: QuoteRow, candidates: Sequence[QuoteRow]) -> QuoteRow | None:
    scored = [(SequenceMatcher(None, row.content, c.content).ratio(), c) for c in candidates
              if c.speaker == row.speaker]
    best = max(scored, key=lambda pair: pair[0], default=None)
    return best[1] if best is not None and best[0] >= SIMILAR_QUOTE_RATIO else None
