"""Claim clustering: the same counted thing at the same kind of place, from any article.

Below the store and the analysis both: the store indexes each claim by these keys as it is
written, and the analysis groups by them.
"""

from __future__ import annotations

import re

# Words for the same counted thing collapse to one head ("Russian soldiers" ~ "troops").
SYNONYMS: dict[str, str] = {
    "soldier": "troops", "soldiers": "troops", "troop": "troops", "troops": "troops",
    "servicemen": "troops", "serviceman": "troops", "personnel": "troops", "forces": "troops",
    "force": "troops", "military": "troops", "men": "troops", "fighters": "troops",
    "btg": "battalion tactical groups", "btgs": "battalion tactical groups",
    "group": "groups", "groups": "groups", "tank": "tanks", "tanks": "tanks",
}
PHRASES: dict[str, str] = {"battalion tactical group": "battalion tactical groups"}
PLACE_BUCKETS: tuple[tuple[str, str], ...] = (
    ("belarus", "belarus"), ("crimea", "crimea"), ("donbas", "donbas"), ("donetsk", "donbas"),
    ("luhansk", "donbas"), ("border", "border"), ("ukraine", "border"),
)
_WORD = re.compile(r"[a-z][a-z\-]+")


def counted_head(counted: str) -> str:
    lowered = counted.lower()
    for phrase, head in PHRASES.items():
        if phrase in lowered:
            return head
    words = _WORD.findall(lowered)
    for word in reversed(words):
        if word in SYNONYMS:
            return SYNONYMS[word]
    return words[-1] if words else lowered.strip()


def place_bucket(place: str | None) -> str:
    if not place:
        return "-"
    lowered = place.lower()
    for needle, bucket in PLACE_BUCKETS:
        if needle in lowered:
            return bucket
    return "other"


def cluster_key(counted: str, place: str | None, unit: str | None) -> str:
    """Deterministic and per-claim, so it is computed once at insert time."""
    return f"{counted_head(counted)}|{place_bucket(place)}|{(unit or '-').lower()}"


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
