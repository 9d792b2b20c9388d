"""Claim clustering: the same counted thing, of the same actor, in the same region, from any
article, whatever the wording of the number's noun phrase or place phrase (issue 9).

Below the store and the analysis both: the store indexes each claim by these keys as it is
written, and the analysis groups by them.
"""

from __future__ import annotations

from vedette.extract.forces import counted_head

__all__ = ["counted_head", "cluster_key", "place_bucket", "unit_key", "value_bucket",
           "underlying_source"]

# Named sub-regions that hold separate forces; a border, a whole country or no place at all
# is the theatre as a whole ("-"), so "near the border", "in and around Ukraine" and no place
# phrase cluster together.
PLACE_BUCKETS: tuple[tuple[str, str], ...] = (
    ("belarus", "belarus"), ("crimea", "crimea"), ("donbas", "donbas"), ("donetsk", "donbas"),
    ("luhansk", "donbas"), ("lugansk", "donbas"), ("black sea", "black sea"),
    ("sea of azov", "azov"), ("azov sea", "azov"), ("transnistria", "transnistria"),
    ("kaliningrad", "kaliningrad"), ("baltic", "baltic"), ("poland", "poland"),
    ("romania", "romania"), ("iraq", "iraq"), ("afghanistan", "afghanistan"),
    ("syria", "syria"), ("germany", "germany"),
)


def place_bucket(place: str | None) -> str:
    """The named sub-region of a place phrase, else "-" (the theatre as a whole)."""
    if not place:
        return "-"
    lowered = place.lower()
    for needle, bucket in PLACE_BUCKETS:
        if needle in lowered:
            return bucket
    return "-"


def unit_key(unit: str | None, counted: str) -> str:
    """A count noun's unit ("russian troop") is its wording, already in the head; only units
    of measure and currencies separate clusters."""
    if not unit:
        return "-"
    last = unit.lower().split()[-1]
    words = counted.lower().split()
    if unit.islower() and words and words[-1].startswith(last[: max(3, len(last) - 1)]):
        return "count"
    return unit.lower()


def cluster_key(counted: str, place: str | None, unit: str | None, of: str | None = None,
                kind: str | None = None) -> str:
    """Deterministic and per-claim, so it is computed once at insert time. A force level
    and a casualty count of the same troops are different things (`kind`)."""
    return (f"{counted_head(counted)}|{of or '-'}|{place_bucket(place)}|"
            f"{unit_key(unit, counted)}|{kind or 'other'}")


# Values within one bucket differ by less than this factor (log-scale bins).
BUCKET_FACTOR = 1.10


def value_bucket(low: float | None, high: float | None, value: float | None) -> int | None:
    """Log-scale bin of a claim's midpoint: 100,000 and 104,000 share a bin, 125,000 not."""
    import math

    lo = low if low is not None else value
    hi = high if high is not None else value
    if lo is None or hi is None:
        return None
    mid = lo / 2 + hi / 2  # (lo + hi) / 2 overflows near the largest float
    if not math.isfinite(mid):
        return None  # no bin for infinity or NaN (such values never leave extraction)
    if mid <= 0:
        return 0
    return int(math.floor(math.log(mid) / math.log(BUCKET_FACTOR)))


def underlying_source(chain: list[str], source: str | None) -> str:
    """The first link of the chain is who really knows; else the named source."""
    return ((chain[0] if chain else source) or "unattributed").lower()
