"""Contradictions an analyst would act on (issue 9): two claims that count the same thing of
the same actor in the same region, as of dates at most two weeks apart, from independent
sources, whose ranges do not overlap even after widening each by 10%."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vedette.analyze.estimates import same_number
from vedette.store import Store
from vedette.store.rows import ClaimRow, Revisions

# Claims this many days apart or less are about the same moment.
WINDOW_DAYS = 14
# Ranges are widened by this share before comparing: 100,000 and 108,000 agree.
OVERLAP_TOLERANCE = 0.10
# Only firm statements contradict each other; questions, plans and denials do not.
COMPARABLE_MODALITIES = frozenset({"reported", "estimate"})
# A hypothetical number contradicts nothing.
COMPARABLE_KINDS = frozenset({"force", "casualty"})


@dataclass(frozen=True, slots=True)
class Contradiction:
    cluster: str
    a: ClaimRow
    b: ClaimRow
    days_apart: int


def contradictions(store: Store, *, counted: str | None = None,
                   revisions: Revisions = "latest") -> list[Contradiction]:
    """Pairs compared within each cluster (counted thing, `of`, region, unit, kind) only, after
    collapsing repeats of one (source, number, date): copies do not multiply the pairs."""
    return conflicts_among(store.claims(counted=counted, revisions=revisions))


def conflicts_among(claims: list[ClaimRow]) -> list[Contradiction]:
    """Every conflicting pair within each cluster of `claims`."""
    found: list[Contradiction] = []
    for rows in _by_cluster(claims).values():
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                conflict = _conflict(a, b)
                if conflict is not None:
                    found.append(conflict)
    return found


def comparable(r: ClaimRow) -> bool:
    """A firm, attributed, dated number of someone's forces."""
    has_number = r.value is not None or r.low is not None or r.high is not None
    return bool(r.cluster and r.of and r.source and has_number
                and r.kind in COMPARABLE_KINDS and r.modality in COMPARABLE_MODALITIES)


def _by_cluster(rows: list[ClaimRow]) -> dict[str, list[ClaimRow]]:
    groups: dict[str, dict[tuple[object, ...], ClaimRow]] = {}
    for r in rows:
        if not comparable(r):
            continue
        key = (_who(r), r.bucket, r.as_of or r.published)
        groups.setdefault(r.cluster or "", {}).setdefault(key, r)
    return {cluster: list(unique.values()) for cluster, unique in groups.items()}


def independent(a: ClaimRow, b: ClaimRow) -> bool:
    """Not the same document, copy family, speaker or underlying source."""
    if a.article_id == b.article_id:
        return False
    if (a.family or a.article_id) == (b.family or b.article_id):
        return False
    return _who(a) != _who(b) and (a.underlying or _who(a)) != (b.underlying or _who(b))


def _who(r: ClaimRow) -> str:
    return (r.source or "").lower()


def _conflict(a: ClaimRow, b: ClaimRow) -> Contradiction | None:
    if a.cluster != b.cluster or a.cluster is None or not independent(a, b):
        return None
    days = _days_apart(a.as_of or a.published, b.as_of or b.published)
    if days is None or days > WINDOW_DAYS:
        return None
    if same_number(a, b, tolerance=OVERLAP_TOLERANCE):
        return None
    return Contradiction(a.cluster, a, b, days)


def _days_apart(x: str | None, y: str | None) -> int | None:
    try:
        dx, dy = date.fromisoformat((x or "")[:10]), date.fromisoformat((y or "")[:10])
    except ValueError:
        return None
    return abs((dx - dy).days)
