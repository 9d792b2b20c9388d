"""The estimate tracker: every reported number over time, with independent confirmations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from vedette.store import Store
from vedette.store.rows import ClaimRow

# Ranges count as the same number when they overlap after widening by this share.
SAME_NUMBER_TOLERANCE = 0.05


@dataclass(frozen=True, slots=True)
class Estimate:
    date: str | None
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    counted: str
    place: str | None
    modality: str
    source: str | None
    chain: tuple[str, ...]
    path: str
    publisher: str | None
    evidence: str
    cluster: str | None
    confirmations: int


def estimates(store: Store, *, counted: str | None = None, near: str | None = None,
              since: str | None = None) -> list[Estimate]:
    rows = store.claims(counted=counted, near=near, since=since)
    counts = confirmations(rows)
    return [_estimate(r, counts[i]) for i, r in enumerate(rows)]


def value_range(row: ClaimRow) -> tuple[float, float] | None:
    low = row.low if row.low is not None else row.value
    high = row.high if row.high is not None else row.value
    if low is None or high is None:
        return None
    return (min(low, high), max(low, high))


def same_number(a: ClaimRow, b: ClaimRow, tolerance: float = SAME_NUMBER_TOLERANCE) -> bool:
    ra, rb = value_range(a), value_range(b)
    if ra is None or rb is None:
        return False
    return ra[0] * (1 - tolerance) <= rb[1] * (1 + tolerance) and rb[0] * (
        1 - tolerance
    ) <= ra[1] * (1 + tolerance)


def confirmations(rows: Sequence[ClaimRow]) -> list[int]:
    """For each claim: distinct (origin family, underlying source) chains reporting the same
    number about the same thing. Fifty copies of one report count once."""
    by_cluster: dict[str | None, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        by_cluster[r.cluster].append(i)
    out = [0] * len(rows)
    for members in by_cluster.values():
        for i in members:
            chains = {
                _chain_key(rows[j]) for j in members if same_number(rows[i], rows[j])
            }
            out[i] = len(chains)
    return out


def _chain_key(row: ClaimRow) -> tuple[str, str]:
    origin = row.family or row.origin_outlet or row.article_id
    underlying = (row.chain[0] if row.chain else row.source) or "unattributed"
    return (origin, underlying.lower())


def _estimate(r: ClaimRow, count: int) -> Estimate:
    return Estimate(
        date=r.as_of or r.published, value=r.value, low=r.low, high=r.high, unit=r.unit,
        counted=r.counted, place=r.place, modality=r.modality, source=r.source, chain=r.chain,
        path=r.path, publisher=r.publisher, evidence=r.evidence, cluster=r.cluster,
        confirmations=count,
    )
