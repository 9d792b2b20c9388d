"""The estimate tracker: every reported number over time, with independent confirmations."""

from __future__ import annotations

import math
from dataclasses import dataclass

from vedette.errors import VedetteError
from vedette.store import Store
from vedette.store.rows import ClaimRow, Revisions

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
    of: str | None = None  # whose forces (issue 9)
    kind: str | None = None
    # Where the evidence lies (article, claim id, offsets): the desk's evidence drawer.
    article_id: str | None = None
    cid: str | None = None
    start: int | None = None
    end: int | None = None


# What the estimate tracker shows by default: force levels and other counts, not casualties
# nor hypotheticals (issue 9). `kind="all"` shows every claim.
TRACKED_KINDS = ("force", "other")
CLAIM_KINDS = ("force", "casualty", "hypothetical", "other")


def estimates(store: Store, *, counted: str | None = None, near: str | None = None,
              since: str | None = None, limit: int | None = None, of: str | None = None,
              kind: str | None = None, revisions: Revisions = "latest") -> list[Estimate]:
    """Claims in date order, each with its number of independent confirmations: distinct
    (origin, underlying source) chains reporting a number in the same value bucket about
    the same counted thing, of the same actor, in the same region (`vedette.confirmation`).
    Fifty copies of one report count once; confirmations are counted among the latest
    revisions whichever are listed. `of` keeps one actor's forces; `kind` one kind of claim
    ("all": any)."""
    kinds = TRACKED_KINDS if kind is None else None if kind == "all" else (kind,)
    rows = store.claims(counted=counted, near=near, since=since, limit=limit, of=of,
                        kinds=kinds, revisions=revisions)
    keys = {(r.cluster, r.bucket) for r in rows if r.cluster is not None and r.bucket is not None}
    counts = store.confirmation_counts(keys)  # type: ignore[arg-type]
    return [_estimate(r, counts.get((r.cluster, r.bucket), 1)) for r in rows]  # type: ignore[arg-type]


class BadKind(VedetteError):
    code = "V057"
    reason = "bad_kind"


def check_kind(kind: str | None) -> str | None:
    if kind is not None and kind not in (*CLAIM_KINDS, "all"):
        raise BadKind(f"expected one of {', '.join(CLAIM_KINDS)} or all, got {kind!r}")
    return kind


def value_range(row: ClaimRow) -> tuple[float, float] | None:
    """The values a claim allows: "more than 100,000" is open above, "nearly" open below."""
    if row.low is None and row.high is None:
        if row.value is None:
            return None
        return (row.value, row.value)
    low = row.low if row.low is not None else 0.0
    high = row.high if row.high is not None else math.inf
    return (min(low, high), max(low, high))


def same_number(a: ClaimRow, b: ClaimRow, tolerance: float = SAME_NUMBER_TOLERANCE) -> bool:
    ra, rb = value_range(a), value_range(b)
    if ra is None or rb is None:
        return False
    return ra[0] * (1 - tolerance) <= rb[1] * (1 + tolerance) and rb[0] * (
        1 - tolerance
    ) <= ra[1] * (1 + tolerance)


def estimate_of(r: ClaimRow, count: int) -> Estimate:
    """One claim as an estimate with its independent-confirmation count."""
    return _estimate(r, count)


def _estimate(r: ClaimRow, count: int) -> Estimate:
    return Estimate(
        date=r.as_of or r.published, value=r.value, low=r.low, high=r.high, unit=r.unit,
        counted=r.counted, place=r.place, modality=r.modality, source=r.source, chain=r.chain,
        path=r.path, publisher=r.publisher, evidence=r.evidence, cluster=r.cluster,
        confirmations=count, of=r.of, kind=r.kind, article_id=r.article_id, cid=r.cid,
        start=r.start, end=r.end,
    )
