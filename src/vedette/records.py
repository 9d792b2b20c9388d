"""Typed records passed between stages. Dicts appear only at the JSON edge (see `to_json`)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True, slots=True)
class Span:
    """A character range of `Article.text`; `text == article.text[start:end]` always holds."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(slots=True)
class Article:
    """One document after ingest and repair. Offsets in every report point into `text`."""

    text: str
    path: str = ""
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    byline: list[str] = field(default_factory=list)
    # Character offset where the body starts (after a title line kept in `text`).
    body_start: int = 0
    # Span of the headline inside `text`, when the headline is part of the text.
    title_span: Span | None = None

    @property
    def id(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Speaker:
    name: str
    entity_id: str | None


@dataclass(slots=True)
class DocumentSpeaker:
    """Who speaks in a document: a transcript's turn label, a speech's title, a statement's author.

    `on_behalf_of` is the organisation an official speaks for ("we" of NATO's Secretary General
    is Jens Stoltenberg, on behalf of NATO); `turns` are the spans of text that are theirs.
    """

    name: str
    entity_id: str | None
    role: str | None = None
    on_behalf_of: str | None = None
    turns: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Entity:
    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class Quote:
    id: str
    kind: QuoteKind
    content: Span
    cue: Span | None
    source: Span | None
    speaker: Speaker | None
    channel: str | None = None
    # Intermediate sources between the speaker and the article ("shared with CNN by ...").
    chain: list[str] = field(default_factory=list)
    # True for a reporter's turn in a transcript: a question, not a claim.
    question: bool = False
    # Which extractor produced it: "rule", "model", "quote_marks", "transcript", "document".
    origin: str = "rule"
    # Which sieve of extract/speakers.py decided the speaker ("turn_label", "pronoun", ...).
    sieve: str | None = None


Modality = Literal["reported", "estimate", "planned", "forecast", "question", "denied"]
ClaimKind = Literal["force", "casualty", "hypothetical", "other"]


@dataclass(slots=True)
class Quantity:
    """A number in the text: "about 260 km" -> value 260, unit km, qualifier about."""

    span: Span
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    # "tripled" -> multiplier 3; "a 30% increase" -> change "increase".
    change: str | None = None


@dataclass(slots=True)
class Claim:
    """A quantity bound to what it counts, where, when, on whose authority."""

    id: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    counted: str
    place: str | None
    as_of: str | None
    modality: Modality
    source: Speaker | None
    chain: list[str]
    evidence: Span
    quantity: Span | None = None
    # Whose troops, ships or tanks these are (a country or alliance); None when the text does
    # not tell or the claim counts no forces (issue 9).
    of: str | None = None
    # force (force levels, deployments, equipment), casualty, hypothetical or other.
    kind: ClaimKind = "other"


@dataclass(slots=True)
class TimeRef:
    """A date or time expression with its TIMEX3-style value relative to the publication."""

    span: Span
    type: Literal["date", "time", "duration", "set"]
    value: str | None
    granularity: str | None
    resolved: bool
    reason: str | None = None
    # TIMEX3 modifier: "early December" -> START, "late July" -> END.
    mod: str | None = None


@dataclass(slots=True)
class Place:
    span: Span
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    kind: str
    geonameid: int | None = None


@dataclass(slots=True)
class Event:
    id: str
    type: str
    actors: list[str]
    place: str | None
    date: str | None
    modality: str
    evidence: Span
    trigger: Span | None = None


@dataclass(slots=True)
class Provenance:
    publisher: str | None = None
    origin_outlet: str | None = None
    origin_evidence: list[Span] = field(default_factory=list)
    spun: dict[str, Any] | None = None


@dataclass(slots=True)
class Rejection:
    """An input that could not be analysed, with its reason code."""

    path: str
    code: str
    message: str


@dataclass(slots=True)
class Report:
    article: Article
    entities: list[Entity] = field(default_factory=list)
    speakers: list[DocumentSpeaker] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)

    def to_json(self) -> dict[str, Any]:
        """The article-report contract of DESIGN.md."""
        a = self.article
        return {
            "article": {
                "id": a.id,
                "path": a.path,
                "title": a.title,
                "publisher": a.publisher,
                "url": a.url,
                "published": a.published,
                "byline": list(a.byline),
                "text": a.text,
            },
            "entities": [_entity_json(e) for e in self.entities],
            "speakers": [_speaker_json(s) for s in self.speakers],
            "quotes": [_quote_json(q) for q in self.quotes],
            "quantities": [_flat(q.span, q, "span") for q in self.quantities],
            "claims": [_claim_json(c) for c in self.claims],
            "times": [_flat(t.span, t, "span") for t in self.times],
            "places": [_flat(p.span, p, "span") for p in self.places],
            "events": [_event_json(e) for e in self.events],
            "provenance": {
                "publisher": self.provenance.publisher,
                "origin_outlet": self.provenance.origin_outlet,
                "origin_evidence": [asdict(s) for s in self.provenance.origin_evidence],
                "spun": self.provenance.spun,
            },
        }



@dataclass(slots=True)
class Outcome:
    """One input's result: a report, or the reason it was rejected; and, either way, a note
    when a library warned about it (one coded line, not a rejection)."""

    path: str
    report: Report | None = None
    rejection: Rejection | None = None
    note: Rejection | None = None

def _span_json(span: Span | None) -> dict[str, Any] | None:
    return None if span is None else asdict(span)


def _entity_json(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": list(e.aliases),
        "mentions": [asdict(m) for m in e.mentions],
    }


def _speaker_json(s: DocumentSpeaker) -> dict[str, Any]:
    return {
        "name": s.name,
        "entity_id": s.entity_id,
        "role": s.role,
        "on_behalf_of": s.on_behalf_of,
        "turns": [asdict(t) for t in s.turns],
    }


def _quote_json(q: Quote) -> dict[str, Any]:
    return {
        "id": q.id,
        "kind": q.kind,
        "content": _span_json(q.content),
        "cue": _span_json(q.cue),
        "source": _span_json(q.source),
        "speaker": None if q.speaker is None else asdict(q.speaker),
        "channel": q.channel,
        "chain": list(q.chain),
        "question": q.question,
        "origin": q.origin,
        "sieve": q.sieve,
    }


def _flat(span: Span, record: Any, skip: str) -> dict[str, Any]:
    """A span-bearing record as one flat object: start, end, text, then its fields."""
    out: dict[str, Any] = asdict(span)
    out.update({k: v for k, v in asdict(record).items() if k != skip})
    return out


def _claim_json(c: Claim) -> dict[str, Any]:
    out = asdict(c)
    out["source"] = None if c.source is None else asdict(c.source)
    return out


def _event_json(e: Event) -> dict[str, Any]:
    return asdict(e)
