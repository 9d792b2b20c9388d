"""Contradictions: the same counted thing in the same window, different sources, numbers that
disagree beyond their qualifiers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from vedette.analyze.estimates import same_number
from vedette.store import Store
from vedette.store.rows import ClaimRow

# Claims this many days apart or less are about the same moment.
WINDOW_DAYS = 14
# Qualified numbers ("about", "more than") are widened by this share before comparing.
QUALIFIER_TOLERANCE = 0.10
# Only firm statements contradict each other; questions and plans do not.
COMPARABLE_MODALITIES = frozenset({"reported", "estimate"})


@dataclass(frozen=True, slots=True)
class Contradiction:
    cluster: str
    a: ClaimRow
    b: ClaimRow
    days_apart: int


def contradictions(store: Store, *, counted: str | None = None) -> list[Contradiction]:
    """Pairs compared within each cluster only, after collapsing repeats of the same
    (source, number, date): copies of one report do not multiply the comparisons."""
    return conflicts_among(store.claims(counted=counted))


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


def _by_cluster(rows: list[ClaimRow]) -> dict[str, list[ClaimRow]]:
    groups: dict[str, dict[tuple[object, ...], ClaimRow]] = {}
    for r in rows:
        if r.cluster is None or r.modality not in COMPARABLE_MODALITIES or not r.source:
            continue
        key = (r.source.lower(), r.bucket, r.as_of or r.published)
        groups.setdefault(r.cluster, {}).setdefault(key, r)
    return {cluster: list(unique.values()) for cluster, unique in groups.items()}


def _conflict(a: ClaimRow, b: ClaimRow) -> Contradiction | None:
    if a.cluster != b.cluster or a.cluster is None:
        return None
    if not a.source or not b.source or a.source.lower() == b.source.lower():
        return None
    days = _days_apart(a.as_of or a.published, b.as_of or b.published)
    if days is None or days > WINDOW_DAYS:
        return None
    if same_number(a, b, tolerance=QUALIFIER_TOLERANCE):
        return None
    if a.value is None or b.value is None:
        return None
    return Contradiction(a.cluster, a, b, days)


def _days_apart(x: str | None, y: str | None) -> int | None:
    try:
        dx, dy = date.fromisoformat((x or "")[:10]), date.fromisoformat((y or "")[:10])
    except ValueError:
        return None
    return abs((dx - dy).days)
