"""Entities with canonical names: NER mentions, alias table, equipment lexicon, surname linking."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from vedette.extract.doctext import doc_text
from vedette.extract.lexicon import TITLES, load_json
from vedette.extract.ranges import DisjointRanges
from vedette.records import Entity, Span

# spaCy NER labels kept as entities, mapped to the report's types.
NER_TYPES: dict[str, str] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOC",
    "FAC": "FAC",
    "NORP": "NORP",
}
EQUIPMENT = "EQUIPMENT"
# Priority of types when a speaker span holds several entities.
SPEAKER_TYPE_RANK: dict[str, int] = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}
_POSSESSIVE = re.compile(r"[’']s$")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    text: str
    label: str


class AliasTable:
    """Canonical names and their spelling variants (bundled data/aliases.json)."""

    def __init__(self, table: dict[str, dict[str, object]]) -> None:
        self.types: dict[str, str] = {}
        self.lookup: dict[str, str] = {}
        for canonical, info in table.items():
            self.types[canonical] = str(info["type"])
            self.lookup[canonical.lower()] = canonical
            for alias in info.get("aliases", []):  # type: ignore[attr-defined]
                self.lookup[str(alias).lower()] = canonical

    def canonical(self, text: str) -> str | None:
        return self.lookup.get(text.lower()) or self.lookup.get(strip_titles(text).lower())

    def surface_forms(self) -> list[str]:
        return sorted({*self.lookup.values(), *self._aliases_cased()})

    def _aliases_cased(self) -> Iterable[str]:
        for canonical, info in load_json("aliases.json").items():
            yield canonical
            yield from info.get("aliases", [])


_ALIASES: AliasTable | None = None


def aliases() -> AliasTable:
    global _ALIASES
    if _ALIASES is None:
        _ALIASES = AliasTable(load_json("aliases.json"))
    return _ALIASES


def strip_titles(text: str) -> str:
    """'Ukraine’s Defense Minister Oleksey Reznikov' -> 'Oleksey Reznikov'."""
    words = _POSSESSIVE.sub("", text.strip()).split()
    while len(words) > 1 and words[0].lower().strip(",") in TITLES:
        words.pop(0)
    return " ".join(words)


def slug(text: str) -> str:
    return _SLUG.sub("-", text.lower()).strip("-")


_MATCHERS: dict[tuple[int, str], PhraseMatcher] = {}


@cache
def _tokenizer() -> Tokenizer:
    return English().tokenizer


def _tokenize(text: str) -> Doc:
    """Patterns are tokenized like English text; matching compares hashes, not vocabularies."""
    return _tokenizer()(text)


def equipment_matcher(doc: Doc) -> PhraseMatcher:
    key = (id(doc.vocab), "equipment")
    if key in _MATCHERS:
        return _MATCHERS[key]
    matcher = _MATCHERS[key] = PhraseMatcher(doc.vocab, attr="LOWER")
    for canonical, forms in load_json("equipment.json").items():
        matcher.add(canonical, [_tokenize(f) for f in forms])
    return matcher


def alias_matcher(doc: Doc) -> PhraseMatcher:
    """Case-sensitive matcher for alias-table names that NER may miss or mislabel."""
    key = (id(doc.vocab), "alias")
    if key in _MATCHERS:
        return _MATCHERS[key]
    matcher = _MATCHERS[key] = PhraseMatcher(doc.vocab, attr="ORTH")
    forms = [f for f in aliases().surface_forms() if not f.islower()]
    matcher.add("ALIAS", [_tokenize(f) for f in forms])
    return matcher


def collect_mentions(doc: Doc, equipment: Sequence[SpacySpan]) -> list[Mention]:
    """NER mentions, alias-table matches and equipment, without overlaps (longest first)."""
    table = aliases()
    found: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ in NER_TYPES:
            found.append(_mention(ent, NER_TYPES[ent.label_]))
    for _, start, end in alias_matcher(doc)(doc):
        span = doc[start:end]
        canonical = table.canonical(span.text)
        if canonical:
            found.append(_mention(span, table.types[canonical]))
    found.extend(_mention(s, EQUIPMENT) for s in equipment)
    return _without_overlaps(found)


def _mention(span: SpacySpan, label: str) -> Mention:
    # Drop a leading determiner and trailing possessive so "the Pentagon's" is "Pentagon".
    tokens = [t for t in span if not (t.i == span.start and t.lower_ in {"the", "a", "an"})]
    tokens = [t for t in tokens if t.tag_ != "POS"]
    if not tokens:
        tokens = list(span)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Mention(start, end, doc_text(span.doc)[start:end], label)


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    ordered = sorted(mentions, key=lambda m: (-(m.end - m.start), m.start))
    taken: list[Mention] = []
    free = DisjointRanges()  # not a scan of every mention taken: long texts stay linear
    for m in ordered:
        if free.take(m.start, m.end):
            taken.append(m)
    return sorted(taken, key=lambda m: m.start)


class EntityIndex:
    """Entities of one article and a lookup from character offsets to entity."""

    def __init__(self, entities: list[Entity], by_mention: dict[tuple[int, int], Entity]) -> None:
        self.entities = entities
        self.by_mention = by_mention

    def within(self, start: int, end: int) -> list[tuple[Span, Entity]]:
        return [
            (m, e)
            for e in self.entities
            for m in e.mentions
            if m.start >= start and m.end <= end
        ]

    def speaker_in(self, start: int, end: int) -> Entity | None:
        """The entity a source span names: a person first, then an organisation, then a place."""
        hits = [
            (SPEAKER_TYPE_RANK[e.type], -m.end, e)
            for m, e in self.within(start, end)
            if e.type in SPEAKER_TYPE_RANK
        ]
        return min(hits, key=lambda h: (h[0], h[1]))[2] if hits else None

    def persons_before(self, offset: int) -> list[tuple[Span, Entity]]:
        pairs = [(m, e) for e in self.entities if e.type == "PERSON" for m in e.mentions]
        return sorted(((m, e) for m, e in pairs if m.end <= offset), key=lambda p: p[0].start)

    def get(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)


def build_entities(doc: Doc, mentions: Sequence[Mention]) -> EntityIndex:
    """Group mentions under canonical names: alias table, then surname to full name."""
    table = aliases()
    full_names = _person_full_names(mentions)
    groups: dict[tuple[str, str], Entity] = {}
    by_mention: dict[tuple[int, int], Entity] = {}
    for m in mentions:
        name, etype = _canonical(m, table, full_names)
        key = (etype, slug(name))  # "Navy" and "navy" are one entity, one id
        entity = groups.get(key)
        if entity is None:
            entity = Entity(id=f"{etype.lower()}:{slug(name)}", name=name, type=etype)
            groups[key] = entity
        entity.mentions.append(Span(m.start, m.end, m.text))
        if m.text != name and m.text not in entity.aliases:
            entity.aliases.append(m.text)
        by_mention[(m.start, m.end)] = entity
    return EntityIndex(list(groups.values()), by_mention)


def _person_full_names(mentions: Sequence[Mention]) -> dict[str, str]:
    """Surname -> the longest multi-word person name ending with it in this article."""
    table = aliases()
    out: dict[str, str] = {}
    for m in mentions:
        if m.label != "PERSON":
            continue
        name = strip_titles(m.text)
        words = name.split()
        if len(words) < 2:
            continue
        full = table.canonical(name) or name
        if len(full) > len(out.get(words[-1], "")):
            out[words[-1]] = full
    return out


def _canonical(m: Mention, table: AliasTable, full_names: dict[str, str]) -> tuple[str, str]:
    if m.label == EQUIPMENT:
        return _equipment_name(m.text), EQUIPMENT
    canonical = table.canonical(m.text)
    if canonical:
        return canonical, table.types[canonical]
    name = strip_titles(m.text) if m.label == "PERSON" else m.text
    if m.label == "PERSON" and len(name.split()) == 1 and name in full_names:
        return full_names[name], "PERSON"
    return name, m.label


def _equipment_name(text: str) -> str:
    lowered = text.lower().strip("‘’'\"")
    for canonical, forms in load_json("equipment.json").items():
        if lowered in forms:
            return canonical
    return lowered
