"""Families (connected components of copy links) and the origin of each."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from vedette.provenance.origin import OUTLETS
from vedette.provenance.records import LinkRecord, Member
from vedette.provenance.thresholds import (
    ORIGIN_PENALTY_SPUN,
    ORIGIN_WEIGHT_CONTAINS,
    ORIGIN_WEIGHT_CREDITED,
    ORIGIN_WEIGHT_EARLIEST,
)

Links = Mapping[tuple[int, int], LinkRecord]
Members = Mapping[int, Member]

@dataclass(frozen=True, slots=True)
class Origin:
    index: int | None  # None: a virtual origin outside the corpus
    outlet: str | None


def components(keys: Iterable[int], links: Iterable[LinkRecord]) -> list[list[int]]:
    """Connected components of family links over `keys`, each sorted, singletons left out."""
    parent = {k: k for k in keys}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for link in links:
        if link.family:
            ra, rb = find(link.a), find(link.b)
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = defaultdict(list)
    for k in parent:
        groups[find(k)].append(k)
    return sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: g[0])


def canonical_outlet(name: str | None) -> str | None:
    if not name:
        return None
    return OUTLETS.get(name.strip(), name.strip())


def choose_origin(
    family: Sequence[int], members: Members, links: Links
) -> Origin:
    """Earliest, containing the others' text, credited by the others; virtual when the
    outlet the copies credit publishes none of them."""
    credited = _credited_outlet(family, members)
    publishers = {canonical_outlet(members[i].publisher) for i in family}
    if credited is not None and credited not in publishers and _credits(family, members, credited):
        return Origin(None, credited)
    dates = [d for d in (members[i].published for i in family) if d]
    earliest = min(dates) if dates else None
    best = max(family, key=lambda i: (_origin_score(i, family, members, links, earliest,
                                                    credited), -i))
    return Origin(best, canonical_outlet(members[best].publisher) or credited)


def _credited_outlet(family: Sequence[int], members: Members) -> str | None:
    votes = Counter(members[i].credits for i in family if members[i].credits)
    if not votes:
        return None
    outlet, count = votes.most_common(1)[0]
    return outlet if count * 2 >= len(votes) else None


def _credits(family: Sequence[int], members: Members, outlet: str) -> bool:
    """A virtual origin needs a strict majority of all members crediting it: one passing
    mention ("Interfax reported") in one of two texts is no origin."""
    return sum(members[i].credits == outlet for i in family) * 2 > len(family)


def _origin_score(
    i: int,
    family: Sequence[int],
    members: Members,
    links: Links,
    earliest: str | None,
    credited: str | None,
) -> float:
    m = members[i]
    score = 0.0
    if earliest is not None and m.published == earliest:
        score += ORIGIN_WEIGHT_EARLIEST
    score += ORIGIN_WEIGHT_CONTAINS * _contains_others(i, family, links)
    if credited is not None and canonical_outlet(m.publisher) == credited:
        score += ORIGIN_WEIGHT_CREDITED
    if m.spun:
        score -= ORIGIN_PENALTY_SPUN
    return score


def _contains_others(i: int, family: Sequence[int], links: Links) -> float:
    """Mean share of each linked member's text found in member i."""
    shares = []
    for j in family:
        if (i, j) in links:
            shares.append(links[(i, j)].b_in_a)
        elif (j, i) in links:
            shares.append(links[(j, i)].a_in_b)
    return sum(shares) / len(shares) if shares else 0.0
