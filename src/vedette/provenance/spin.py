"""Spin / scrape detector: artefacts that machine rewording and scraping leave in a text.

Every hit is an evidence span into `article.text`, so a reader can see why a text was flagged.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from vedette.provenance.thresholds import (
    SPIN_MAX_HITS_PER_KIND,
    SPIN_WEIGHTS,
    SPUN_FLAG_SCORE,
    SPUN_MIN_KINDS,
)
from vedette.records import Article, Span

# Punctuation a human editor never leaves: ". ," / "”. ," / "” ”," / ". . does." / "Is. ,".
_ARTEFACTS: tuple[re.Pattern[str], ...] = (
    re.compile(r"[.!?”\"]\s+,(?=\s|$)"),
    re.compile(r"”\s+”"),
    re.compile(r"\.\s+\.\s+[a-z]+\.(?=\s|$)"),
    re.compile(r"(?<=[.!?] )[A-Z][a-z]{0,3}\.\s+,"),
)
# A paragraph starting in lower case (spinners drop the sentence's original head).
_LOWER_PARAGRAPH = re.compile(r"(?:\A|\n[ \t]*\n)[ \t]*([a-z][a-z]+\b[^\n]{0,40})")
# A function word capitalised mid-sentence: "development on the border Ukraine As part of".
# "The" is left out: "told The New York Times" is ordinary.
_CAPITAL_FUNCTION = re.compile(
    r"(?<=[a-z0-9,] )(?:As|Is|Was|Were|Are|And|Of|For|With|From|Into|Which|That|Has|Had)"
    r" [a-z]+"
)
_BOILERPLATE = re.compile(
    r"(?im)^.{0,80}?(?:the post .{1,200} appeared first on .{1,80}"
    r"|(?:click|tap) here to (?:read|continue|subscribe)[^\n]{0,80}"
    r"|continue reading[^\n]{0,40}|read more:[^\n]{0,120}|share this:?|like this:?"
    r"|related posts?:?|subscribe to our newsletter[^\n]{0,60}"
    r"|(?:originally|first) (?:published|appeared) (?:on|at|in) [^\n]{1,80}"
    r"|source link|disclaimer:[^\n]{0,120}|follow us on [^\n]{1,60})$"
)
_SITE_SEPARATOR = re.compile(r"[ \t]*[–—|-][ \t]*\S[^\n]*")


@dataclass(frozen=True, slots=True)
class SpinEvidence:
    kind: str
    span: Span


@dataclass(slots=True)
class SpinResult:
    flag: bool
    score: float
    evidence: list[SpinEvidence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `spun` object of the report contract: evidence as plain span dicts."""
        return {
            "flag": self.flag,
            "score": self.score,
            "evidence": [asdict(e.span) for e in self.evidence],
        }


def detect_spin(article: Article) -> SpinResult:
    text = article.text
    found = {
        "artefact_punctuation": _artefacts(text),
        "lowercase_start": _lower_starts(text, article.body_start),
        "capitalised_function_word": _spans(_CAPITAL_FUNCTION, text),
        "site_in_title": _site_in_title(article),
        "boilerplate": _spans(_BOILERPLATE, text),
    }
    score = sum(
        SPIN_WEIGHTS[kind] * min(len(spans), SPIN_MAX_HITS_PER_KIND)
        for kind, spans in found.items()
    )
    kinds = sum(1 for spans in found.values() if spans)
    evidence = sorted(
        (SpinEvidence(kind, span) for kind, spans in found.items() for span in spans),
        key=lambda e: e.span.start,
    )
    flag = score >= SPUN_FLAG_SCORE and kinds >= SPUN_MIN_KINDS
    return SpinResult(flag=flag, score=round(score, 2), evidence=evidence)


def _spans(pattern: re.Pattern[str], text: str, group: int = 0) -> list[Span]:
    return [Span.of(text, m.start(group), m.end(group)) for m in pattern.finditer(text)]


def _artefacts(text: str) -> list[Span]:
    spans = {(s.start, s.end): s for p in _ARTEFACTS for s in _spans(p, text)}
    return [spans[k] for k in sorted(spans)]


def _lower_starts(text: str, body_start: int) -> list[Span]:
    return [s for s in _spans(_LOWER_PARAGRAPH, text, group=1) if s.start >= body_start]


def _site_in_title(article: Article) -> list[Span]:
    """The publisher's name left glued to the headline ("... border – Henry’s Club")."""
    title, site = article.title_span, article.publisher
    if title is None or not site:
        return []
    line_end = article.text.find("\n", title.end)
    rest = article.text[title.end : line_end if line_end >= 0 else len(article.text)]
    match = _SITE_SEPARATOR.fullmatch(rest)
    if match is None or site not in rest:
        return []
    start = title.end + rest.index(site)
    return [Span.of(article.text, start, start + len(site))]
