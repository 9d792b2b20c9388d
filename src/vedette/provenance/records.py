"""Records of the provenance index: an indexed document, a verified link, a family."""

from __future__ import annotations

from dataclasses import dataclass

from vedette.provenance.boilerplate import Profile
from vedette.provenance.fingerprint import Fingerprint
from vedette.provenance.verify import FAMILY_RELATIONS, Verdict


@dataclass(frozen=True, slots=True)
class Member:
    """What origin ranking needs to know about one text."""

    publisher: str | None
    published: str | None
    credits: str | None  # the outlet its text credits
    spun: bool


@dataclass(slots=True)
class Doc:
    """One article in the index: `key` is its place in index order (1, 2, ...)."""

    key: int
    article_id: str
    path: str
    member: Member
    fp: Fingerprint
    outlet: str | None  # canonical publisher, for the one-outlet boilerplate rule

    def profile(self) -> Profile:
        return Profile(self.key, self.fp.samples(), self.fp.anchors, self.outlet)


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """A verified pair of index keys (a < b) and the measures origin ranking uses."""

    a: int
    b: int
    relation: str
    score: float
    a_in_b: float
    b_in_a: float

    @property
    def family(self) -> bool:
        return self.relation in FAMILY_RELATIONS

    @classmethod
    def of(cls, a: int, b: int, verdict: Verdict) -> LinkRecord:
        ev = verdict.evidence
        return cls(a, b, verdict.relation, verdict.score, round(ev.a_in_b, 4),
                   round(ev.b_in_a, 4))


@dataclass(frozen=True, slots=True)
class FamilyRecord:
    """A family of index keys; its id is the key of its first member, so it survives merges."""

    id: int
    members: tuple[int, ...]
    origin: int | None  # None: the origin is outside the corpus
    origin_outlet: str | None

    @property
    def name(self) -> str:
        return f"f{self.id}"
