"""Origin hints: the outlet a text credits ("told CNN", "(AP) —", "CNN’s Katharina Krebs")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from vedette.records import Span

# Outlet name as written -> canonical name.
OUTLETS: dict[str, str] = {
    "CNN": "CNN",
    "AP": "AP",
    "Associated Press": "AP",
    "The Associated Press": "AP",
    "Reuters": "Reuters",
    "AFP": "AFP",
    "Agence France-Presse": "AFP",
    "BBC": "BBC",
    "BBC News": "BBC",
    "Bloomberg": "Bloomberg",
    "The New York Times": "The New York Times",
    "New York Times": "The New York Times",
    "The Washington Post": "The Washington Post",
    "Washington Post": "The Washington Post",
    "The Wall Street Journal": "The Wall Street Journal",
    "Wall Street Journal": "The Wall Street Journal",
    "Financial Times": "Financial Times",
    "The Guardian": "The Guardian",
    "Politico": "Politico",
    "Axios": "Axios",
    "NBC News": "NBC News",
    "ABC News": "ABC News",
    "CBS News": "CBS News",
    "Fox News": "Fox News",
    "Al Jazeera": "Al Jazeera",
    "Sky News": "Sky News",
    "Deutsche Welle": "Deutsche Welle",
    "DW": "Deutsche Welle",
    "TASS": "TASS",
    "Interfax": "Interfax",
    "RIA Novosti": "RIA Novosti",
    "Ukrinform": "Ukrinform",
    "UNIAN": "UNIAN",
    "Kyiv Independent": "Kyiv Independent",
    "The Kyiv Independent": "Kyiv Independent",
    "Voice of America": "Voice of America",
    "VOA": "Voice of America",
    "Radio Free Europe": "RFE/RL",
    "RFE/RL": "RFE/RL",
    "Newsweek": "Newsweek",
}
_NAMES = "|".join(re.escape(n) for n in sorted(OUTLETS, key=len, reverse=True))
_O = rf"(?P<o>{_NAMES})"
_RIGHT = r"(?![\w-])"
_HINTS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"\b(?:told|shared with|speaking to|said to|confirmed to|interview with) "
               rf"{_O}{_RIGHT}"),
    re.compile(rf"\b{_O} (?:has |had )?(?:reported|reports|learned|obtained|reviewed|confirmed|"
               r"first reported|was told|has been told)\b"),
    re.compile(rf"\baccording to (?:a |an )?(?:report by |reporting by )?{_O}{_RIGHT}"),
    # Reporter credit: "CNN’s Katharina Krebs".
    re.compile(rf"\b{_O}[’']s (?:[A-Z][\w.-]+ ){{0,2}}[A-Z][\w-]+"),
    # Datelines: "KYIV, Ukraine (AP) —", "MOSCOW (Reuters) -", "(CNN) —".
    re.compile(rf"\({_O}\)\s*[—–-]"),
    # Wire credit at a paragraph edge: "— Reuters".
    re.compile(rf"(?m)[—–]\s*{_O}\s*$"),
)


@dataclass(slots=True)
class OriginHint:
    outlet: str | None
    evidence: list[Span] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def find_origin(text: str) -> OriginHint:
    """The outlet credited most often, with the evidence spans for that outlet."""
    hits: list[tuple[str, Span]] = []
    seen: set[tuple[int, int]] = set()
    for pattern in _HINTS:
        for m in pattern.finditer(text):
            if (m.start(), m.end()) in seen:
                continue
            seen.add((m.start(), m.end()))
            hits.append((OUTLETS[m.group("o")], Span.of(text, m.start(), m.end())))
    if not hits:
        return OriginHint(None)
    counts = Counter(outlet for outlet, _ in hits)
    best = max(counts, key=lambda o: (counts[o], -min(s.start for x, s in hits if x == o)))
    evidence = sorted((s for outlet, s in hits if outlet == best), key=lambda s: s.start)
    return OriginHint(best, evidence, dict(counts))
