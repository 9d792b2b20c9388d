"""The article text cut into segments, each with the kinds of span that cover it.

Spans overlap (a quote holds a place and a date; a claim's sentence holds a quote), so the
text is cut at every span boundary and each piece carries the set of marks over it. The
template renders each piece as one element: the text itself is always escaped there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Speakers get one of this many colour classes (by order of first quote).
SPEAKER_COLOURS = 8


@dataclass(frozen=True, slots=True)
class Mark:
    kind: str  # quote, claim, place, date, event, origin, spun, focus
    label: str  # what the tooltip says (escaped by the template)
    start: int
    end: int
    css: str = ""
    anchor: str | None = None  # element id of the segment where the mark starts


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    text: str
    marks: tuple[Mark, ...]
    anchors: tuple[str, ...]

    @property
    def css(self) -> str:
        return " ".join(dict.fromkeys(c for m in self.marks for c in (f"m-{m.kind}", m.css) if c))

    @property
    def title(self) -> str:
        return " · ".join(dict.fromkeys(m.label for m in self.marks))


def article_segments(report: dict[str, Any], focus: tuple[int, int] | None) -> list[Segment]:
    text: str = report["article"]["text"]
    marks = [m for m in _marks(report, focus) if 0 <= m.start < m.end <= len(text)]
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        over = tuple(m for m in marks if m.start <= start and end <= m.end)
        anchors = tuple(sorted((m.anchor for m in marks if m.start == start and m.anchor),
                               key=lambda a: a != "focus"))  # the followed span wins the id
        segments.append(Segment(start, end, text[start:end], over, anchors))
    return segments


def speaker_classes(report: dict[str, Any]) -> dict[str, str]:
    """Speaker name -> colour class, in order of first quote."""
    names: dict[str, str] = {}
    for q in report.get("quotes", []):
        name = (q.get("speaker") or {}).get("name") or "(unattributed)"
        names.setdefault(name, f"spk{len(names) % SPEAKER_COLOURS}")
    return names


def _marks(report: dict[str, Any], focus: tuple[int, int] | None) -> list[Mark]:
    colours = speaker_classes(report)
    marks = [_quote_mark(q, colours) for q in report.get("quotes", [])]
    marks += [_claim_mark(c) for c in report.get("claims", [])]
    marks += [Mark("place", f"place: {p['name']}", p["start"], p["end"])
              for p in report.get("places", [])]
    marks += [Mark("date", f"date: {t.get('value') or t['text']}", t["start"], t["end"])
              for t in report.get("times", [])]
    marks += [_event_mark(e) for e in report.get("events", [])]
    marks += _provenance_marks(report.get("provenance") or {})
    if focus is not None:
        marks.append(Mark("focus", "the evidence you followed", *focus, anchor="focus"))
    return marks


def _quote_mark(q: dict[str, Any], colours: dict[str, str]) -> Mark:
    name = (q.get("speaker") or {}).get("name") or "(unattributed)"
    via = " via " + " → ".join(q["chain"]) if q.get("chain") else ""
    span = q["content"]
    return Mark("quote", f"{name} ({q['kind']}){via}", span["start"], span["end"],
                colours[name], anchor=f"quote-{q['id']}")


def _claim_mark(c: dict[str, Any]) -> Mark:
    span = c.get("quantity") or c["evidence"]
    source = (c.get("source") or {}).get("name") or "unattributed"
    return Mark("claim", f"claim: {c['counted']} ({c['modality']}, {source})", span["start"],
                span["end"], anchor=f"claim-{c['id']}")


def _event_mark(e: dict[str, Any]) -> Mark:
    span = e.get("trigger") or e["evidence"]
    return Mark("event", f"event: {e['type']} ({e['modality']})", span["start"], span["end"],
                anchor=f"event-{e['id']}")


def _provenance_marks(prov: dict[str, Any]) -> list[Mark]:
    marks = [Mark("origin", f"origin: {prov.get('origin_outlet') or '?'}", s["start"], s["end"])
             for s in prov.get("origin_evidence") or []]
    spun = prov.get("spun") or {}
    marks += [Mark("spun", "spun wording", s["start"], s["end"])
              for s in spun.get("evidence") or [] if isinstance(s, dict)]
    return marks
