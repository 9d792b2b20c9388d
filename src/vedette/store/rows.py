"""What queries return: small records, not dicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# Which revisions a query reads: the latest of each source (default) or every one.
Revisions = Literal["latest", "all"]


@dataclass(frozen=True, slots=True)
class ClaimRow:
    article_id: str
    path: str
    publisher: str | None
    published: str | None
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    counted: str
    place: str | None
    as_of: str | None
    modality: str
    source: str | None
    chain: tuple[str, ...]
    evidence: str
    cluster: str | None
    family: str | None = None
    origin_outlet: str | None = None
    bucket: int | None = None
    of: str | None = None  # whose forces (issue 9)
    kind: str | None = None
    underlying: str | None = None
    # Where the evidence lies, for the desk's evidence drawer.
    cid: str | None = None
    start: int | None = None  # the evidence span in the article's text
    end: int | None = None


@dataclass(frozen=True, slots=True)
class QuoteRow:
    article_id: str
    path: str
    published: str | None
    kind: str
    speaker: str | None
    channel: str | None
    chain: tuple[str, ...]
    question: bool
    cue: str | None
    content: str
    start: int
    end: int
    qid: str | None = None  # filled by store.queries


@dataclass(frozen=True, slots=True)
class EventRow:
    article_id: str
    path: str
    published: str | None
    type: str
    actors: tuple[str, ...]
    place: str | None
    date: str | None
    modality: str
    evidence: str
    sources: tuple[str, ...] = field(default_factory=tuple)
    # Where the evidence lies, for the desk's evidence drawer (filled by store.queries).
    eid: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class FamilyRow:
    article_id: str
    family: str
    origin_id: str | None
    origin_outlet: str | None
    relation: str | None


@dataclass(frozen=True, slots=True)
class Saved:
    """What one write did: `stored` when the text was new to the store; `revision` when it
    became a new revision of its source (1 for a new source), `superseded` the article that
    was that source's latest revision before."""

    stored: bool
    revision: int | None = None
    superseded: str | None = None


@dataclass(frozen=True, slots=True)
class RevisionRow:
    source: str
    revision: int
    article_id: str
    latest: bool
    seen_at: str
    path: str
    url: str | None
    title: str | None
    published: str | None
