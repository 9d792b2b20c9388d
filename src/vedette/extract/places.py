"""Places (issue 3): toponym recognition and offline resolution to coordinates.

Recognition takes spaCy's GPE/LOC/FAC entities, plus gazetteer names the NER missed (countries,
states, seas, regions, big cities) wherever no other entity claims the words. Nationality words
are never places. Resolution picks one gazetteer feature per mention: the article's unambiguous
places give the context (countries, US states), then kind, population and "X, Y" qualifiers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from vedette.extract.doctext import doc_text
from vedette.extract.entities import EntityIndex, aliases
from vedette.extract.geo.gazetteer import (
    CITY,
    CONTINENT,
    COUNTRY,
    INSTITUTION,
    STATE,
    GeoEntry,
    Lookup,
    demonym_countries,
    demonyms,
    gazetteer,
    neighbours,
    small_towns,
)
from vedette.extract.geo.resolve import ALT_NAME_PENALTY, Context, best, prior
from vedette.records import Place, Span

# NER labels that name places, and the kind a place keeps when the gazetteer does not know it.
NER_PLACE_KINDS: dict[str, str] = {"GPE": "place", "LOC": "location", "FAC": "facility"}
# Other labels whose whole text may still be a well-known place ("Ukraine" tagged ORG,
# "Donbass" tagged PRODUCT), or a building named after one ("Lviv Cathedral" tagged ORG).
RELABELLED = frozenset({"ORG", "PERSON", "PRODUCT", "WORK_OF_ART", "NORP"})
# A mention counts as context when its best prior beats the runner-up by this much.
CONFIDENT_MARGIN = 1.0
# Text between a place and its qualifier: "Portland, Maine".
QUALIFIER_GLUE = frozenset({",", ", "})
_LEADING = frozenset({"the"})
# Head words after a place name that still locate it within 161 km ("Orange County").
_ADMIN_SUFFIX = re.compile(r"\s+(County|City|State|Province|Region|Oblast|District|Parish)$")
# Cities this large whose whole mention NER labelled a person or organisation are still places
# (spaCy's small model often tags "Kharkiv" or "Mariupol" as PERSON).
WELL_KNOWN_CITY_POPULATION = 200_000
# Nouns after a place name that make the phrase a named thing, not a location: an agreement
# ("the Minsk agreements", "the Paris agreement"), a negotiating format, a variant of a virus.
NAMED_THING_HEADS = frozenset({
    "accord", "accords", "agreement", "agreements", "protocol", "protocols", "treaty",
    "convention", "conventions", "declaration", "memorandum", "format", "process", "formula",
    "variant", "variants", "strain", "doctrine", "syndrome", "communique", "communiqué",
    "charter", "consensus", "deal", "arrangements", "platform", "initiative", "group",
})
# Words between the place and that noun that keep the phrase one name ("Minsk II agreement").
_NAME_SUFFIX = re.compile(
    r"^(?:[\s-]*(?:II|III|2|3|peace|ceasefire|cease-fire|nuclear|climate))*\s+")
_NEXT_WORD = re.compile(r"[A-Za-zé]+")
# Words before an institution's building that make it the building itself ("at the Kremlin").
LOCATIVE_WORDS = frozenset({"at", "in", "inside", "outside", "near", "into", "around", "on"})
_PREVIOUS_WORDS = re.compile(r"([A-Za-z]+)\s+(?:the\s+)?$")
# Places too coarse or too well known to be a person's name in disguise.
_NEVER_PERSONS = frozenset({COUNTRY, STATE, CONTINENT})
# Last words of a facility or street the gazetteer does not list; such a name is placed on the
# article's main locality (the city it names most) when nothing better is known.
FACILITY_HEADS = frozenset({
    "street", "avenue", "road", "boulevard", "square", "lane", "drive", "canal", "railroad",
    "bridge", "park", "centre", "center", "cathedral", "church", "hospital", "airport",
    "station", "stadium", "arena", "mall", "market", "complex", "embassy", "consulate",
    "museum", "palace", "hall", "court", "prison", "port",
    "harbour", "harbor", "beach", "island", "lake", "river", "mountains", "hills", "township",
    "district", "village", "estate", "plaza", "gardens", "neighborhood", "neighbourhood",
    "theatre", "theater", "opera", "house", "tower", "plant", "base", "airfield",
})
# Words that are also town names but, inside a longer name, are generic ("Islamic Republic",
# "Nile Delta"): never the known place inside a name.
GENERIC_NAME_WORDS = FACILITY_HEADS | frozenset({
    "republic", "kingdom", "union", "united", "federation", "delta", "valley", "rock", "north",
    "south", "east", "west", "central", "new", "old", "saint", "st", "st.", "mount", "fort",
    "city", "county", "state", "province", "region", "national", "international", "royal",
})
# A known place inside a longer name counts only in a country the article names, or when big.
PART_MIN_POPULATION = 100_000


@dataclass(slots=True)
class Toponym:
    """A recognised place name before resolution."""

    start: int
    end: int
    text: str
    fallback_kind: str
    candidates: list[GeoEntry]
    alternates: frozenset[GeoEntry] = frozenset()


def find_places(doc: Doc, index: EntityIndex) -> list[Place]:
    """Every place the article names, geocoded where the gazetteer knows it."""
    text = doc_text(doc)
    persons = _person_words(doc)
    toponyms = [t for t in recognise(doc, index) if _is_place_use(text, t, persons)]
    context = _context(toponyms)
    for country in _nationalities(doc):
        context.add_country(country)
    resolved = [best(t.candidates, context, alternates=t.alternates) for t in toponyms]
    for i, toponym in enumerate(toponyms):
        qualifier = _qualifier(text, toponyms, resolved, i)
        if qualifier is not None:
            resolved[i] = best(toponym.candidates, context, qualifier, toponym.alternates)
    focus = _focus(resolved)
    places = []
    for toponym, entry in zip(toponyms, resolved, strict=True):
        if entry is not None:
            places.append(_place(text, toponym, entry))
            continue
        near = _part_of_name(toponym, context) or _facility_locality(toponym, focus)
        places.append(_place(text, toponym, None, near))
    return places


def recognise(doc: Doc, index: EntityIndex) -> list[Toponym]:
    """Place mentions in text order: NER places, relabelled entities, then gazetteer matches."""
    found: list[Toponym] = []
    claimed: list[tuple[int, int]] = []
    for ent in doc.ents:
        claimed.append((ent.start_char, ent.end_char))
        if ent.label_ in NER_PLACE_KINDS:
            found.extend(_from_entity(ent, index, NER_PLACE_KINDS[ent.label_]))
        elif ent.label_ in RELABELLED:
            found.extend(_relabelled(ent, index))
    for span in _gazetteer_matches(doc):
        if not any(span.start_char < e and s < span.end_char for s, e in claimed):
            toponym = _toponym(span, index, "place")
            if toponym is not None:
                found.append(toponym)
    return sorted(found, key=lambda t: t.start)


# --------------------------------------------------------------------------- not places


def _is_place_use(text: str, toponym: Toponym, persons: frozenset[str]) -> bool:
    """False for a name used as an institution, a named agreement or variant, or a person."""
    if _institution(toponym):
        return _locative(text, toponym.start)
    if _names_a_thing(text, toponym):
        return False
    if _unknown_word(toponym):
        return False
    return not _is_person(toponym, persons)


def _unknown_word(toponym: Toponym) -> bool:
    """One word no gazetteer tier knows (cities down to 500 people): a name the NER took for
    a place ("Soleimani", "Quad"), not a place we could say anything about."""
    return (not toponym.candidates and " " not in toponym.text
            and toponym.fallback_kind == NER_PLACE_KINDS["GPE"])


def _institution(toponym: Toponym) -> bool:
    return bool(toponym.candidates) and toponym.candidates[0].kind == INSTITUTION


def _locative(text: str, start: int) -> bool:
    """"at the Kremlin", "outside the White House": the building, not who works in it."""
    before = _PREVIOUS_WORDS.search(text, max(0, start - 24), start)
    return before is not None and before.group(1).lower() in LOCATIVE_WORDS


def _names_a_thing(text: str, toponym: Toponym) -> bool:
    """"the Minsk agreements", "the Delta variant": the city names the thing, it is not where
    anything happens. A country keeps its place ("the Iran deal" is about Iran)."""
    words = toponym.text.split()
    if len(words) > 1 and words[-1].casefold() in NAMED_THING_HEADS:
        return True  # the whole name was recognised: "the Minsk Agreements", "Crimea Platform"
    if any(c.kind in _NEVER_PERSONS for c in toponym.candidates):
        return False
    rest = text[toponym.end:toponym.end + 40]
    glue = _NAME_SUFFIX.match(rest)
    word = _NEXT_WORD.match(rest, glue.end() if glue else 0)
    return word is not None and word.group(0).lower() in NAMED_THING_HEADS


def _person_words(doc: Doc) -> frozenset[str]:
    """Words of the multi-word person names in the article ("Yulia" of "Yulia Skripal")."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            words.update(t.text for t in ent if t.text[:1].isupper())
            words.add(ent.text)
    return frozenset(words)


def _is_person(toponym: Toponym, persons: frozenset[str]) -> bool:
    if toponym.text not in persons:
        return False
    return not any(c.kind in _NEVER_PERSONS or c.curated for c in toponym.candidates)


# --------------------------------------------------------------------------- fallbacks


def _part_of_name(toponym: Toponym, context: Context) -> GeoEntry | None:
    """A longer name the gazetteer lacks, placed by the known place inside it: "Manila
    Cathedral" -> Manila, "Lake Manassas" -> Manassas, "British Embassy Tokyo" -> Tokyo."""
    words = toponym.text.split()
    if len(words) < 2:
        return None
    for size in range(len(words) - 1, 0, -1):
        for first in range(len(words) - size, -1, -1):
            part = " ".join(words[first:first + size])
            if _usable_part(part):
                entry = _known_part(part, context)
                if entry is not None:
                    return entry
    return None


def _usable_part(part: str) -> bool:
    key = part.casefold()
    return part[:1].isupper() and key not in demonyms() and key not in GENERIC_NAME_WORDS


def _known_part(part: str, context: Context) -> GeoEntry | None:
    found = gazetteer().lookup(part)
    entry = best(found.entries, context, alternates=found.alternates)
    if entry is None or entry.kind == INSTITUTION:
        return None
    in_context = entry.country is not None and context.share(entry.country) > 0
    return entry if in_context or entry.population >= PART_MIN_POPULATION else None


def _focus(resolved: Sequence[GeoEntry | None]) -> GeoEntry | None:
    """The article's main locality: the city it names most often (first named on a tie)."""
    counts: dict[GeoEntry, int] = {}
    for entry in resolved:
        if entry is not None and entry.kind == CITY:
            counts[entry] = counts.get(entry, 0) + 1
    return max(counts, key=lambda e: counts[e]) if counts else None


def _facility_locality(toponym: Toponym, focus: GeoEntry | None) -> GeoEntry | None:
    """A street or building the gazetteer does not list lies in the article's main city."""
    if focus is None:
        return None
    words = toponym.text.split()
    if toponym.fallback_kind != "facility" and words[-1].casefold() not in FACILITY_HEADS:
        return None
    return focus


def _from_entity(ent: SpacySpan, index: EntityIndex, kind: str) -> list[Toponym]:
    """One toponym per comma-separated part: spaCy sometimes joins "Parkland, Florida"."""
    whole = _toponym(ent, index, kind)
    if whole is None or whole.candidates or "," not in whole.text:
        return [] if whole is None else [whole]
    parts: list[SpacySpan] = []
    begin = ent.start
    for token in ent:
        if token.text == ",":
            parts.append(ent.doc[begin:token.i])
            begin = token.i + 1
    parts.append(ent.doc[begin:ent.end])
    found = (_toponym(p, index, kind) for p in parts if len(p) > 0)
    return [t for t in found if t is not None]


def _toponym(span: SpacySpan, index: EntityIndex, kind: str) -> Toponym | None:
    tokens = list(span)
    while tokens and tokens[0].lower_ in _LEADING:
        tokens.pop(0)
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct):
        tokens.pop()
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    surface = doc_text(span.doc)[start:end]
    if not _plausible(surface):
        return None
    found = _candidates(surface, index, start, end)
    return Toponym(start, end, surface, kind, list(found.entries), found.alternates)


def _plausible(surface: str) -> bool:
    return surface[:1].isupper() and surface.casefold() not in demonyms()


def _candidates(surface: str, index: EntityIndex, start: int, end: int) -> Lookup:
    """The gazetteer features of the first name that finds any.

    The canonical name is tried first (Kiev -> Kyiv), then the surface, then the surface
    without an administrative head word ("Orange County" -> Orange, "Oaxaca State" -> Oaxaca).
    """
    gaz = gazetteer()
    entity = index.by_mention.get((start, end))
    names = [entity.name] if entity is not None else []
    canonical = aliases().canonical(surface)
    if canonical:
        names.append(canonical)
    names.append(surface)
    head = _ADMIN_SUFFIX.sub("", surface)
    if head != surface:
        names.append(head)
    for table in (gaz, small_towns()):
        for name in names:
            found = table.lookup(name)
            if found.entries:
                return found
    return found


def _relabelled(ent: SpacySpan, index: EntityIndex) -> list[Toponym]:
    """Well-known places among entities of another label, and buildings named after one."""
    kept = []
    for toponym in _from_entity(ent, index, "place"):
        if _well_known(toponym):
            kept.append(toponym)
        elif _facility_of_known_place(toponym.text):
            toponym.fallback_kind = "facility"
            kept.append(toponym)
    return kept


def _facility_of_known_place(text: str) -> bool:
    """"Lviv Cathedral", "the Mariupol Drama Theatre": a building head after a known place."""
    words = text.split()
    if len(words) < 2 or words[-1].casefold() not in FACILITY_HEADS:
        return False
    return any(_usable_part(w) and _well_known_name(w) for w in words[:-1])


def _well_known_name(name: str) -> bool:
    return any(c.kind != CITY or c.curated or c.population >= WELL_KNOWN_CITY_POPULATION
               for c in gazetteer().candidates(name))


def _well_known(toponym: Toponym) -> bool:
    """An ORG or PERSON entity is a place only when its whole text is a known big feature."""
    return any(c.kind != CITY or c.curated or c.population >= WELL_KNOWN_CITY_POPULATION
               for c in toponym.candidates)


def _gazetteer_matches(doc: Doc) -> Iterable[SpacySpan]:
    """Gazetteer names in the text, longest first; a single word must be a proper noun."""
    spans = [doc[s:e] for s, e in _phrase_matches(doc)]
    spans.sort(key=lambda s: (-(s.end - s.start), s.start))
    taken: list[SpacySpan] = []
    for span in spans:
        if len(span) == 1 and span[0].pos_ != "PROPN":
            continue
        if all(span.end <= t.start or span.start >= t.end for t in taken):
            taken.append(span)
    return taken


def _phrase_matches(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges whose words are exactly a searchable gazetteer name (case-sensitive).

    Names are compared as string hashes (what spaCy's PhraseMatcher does) but without
    building a matcher, which would add thousands of words to the vocabulary at start-up.
    """
    orth = doc.to_array("ORTH").tolist() if len(doc) else []
    patterns = _phrase_table()
    found = []
    for i, first in enumerate(orth):
        for pattern in patterns.get(first, ()):
            end = i + len(pattern)
            if end <= len(orth) and tuple(orth[i:end]) == pattern:
                found.append((i, end))
    return found


@cache
def _phrase_table() -> dict[int, list[tuple[int, ...]]]:
    """First word's hash -> the names starting with it, as tuples of word hashes."""
    table: dict[int, list[tuple[int, ...]]] = {}
    for pattern in gazetteer().match_hashes:
        table.setdefault(pattern[0], []).append(pattern)
    return table


def _nationalities(doc: Doc) -> list[str]:
    """The country of every capitalised nationality word ("British", "Ukrainians")."""
    table = demonym_countries()
    return [table[t.lower_] for t in doc if t.is_title and t.lower_ in table]


def _context(toponyms: Sequence[Toponym]) -> Context:
    """Countries and US states of the mentions whose reading is clear without context."""
    context = Context(neighbours=neighbours())
    for toponym in toponyms:
        entry = _confident(toponym.candidates, toponym.alternates)
        if entry is not None:
            context.add(entry)
    return context


def _confident(candidates: Sequence[GeoEntry], alternates: frozenset[GeoEntry]
               ) -> GeoEntry | None:
    """The reading that wins without context (an alternate name counting less), if clear."""
    if not candidates:
        return None

    def strength(entry: GeoEntry) -> float:
        return prior(entry) - (ALT_NAME_PENALTY if entry in alternates else 0.0)

    ranked = sorted(candidates, key=strength, reverse=True)
    if len(ranked) == 1 or strength(ranked[0]) - strength(ranked[1]) >= CONFIDENT_MARGIN:
        return ranked[0]
    return None


def _qualifier(text: str, toponyms: Sequence[Toponym], resolved: Sequence[GeoEntry | None],
               i: int) -> GeoEntry | None:
    """The state or country right after "X, ": it narrows X's candidates."""
    if i + 1 >= len(toponyms) or len(toponyms[i].candidates) < 2:
        return None
    if text[toponyms[i].end:toponyms[i + 1].start] not in QUALIFIER_GLUE:
        return None
    entry = resolved[i + 1]
    return entry if entry is not None and entry.kind in (STATE, COUNTRY) else None


def _place(text: str, toponym: Toponym, entry: GeoEntry | None,
           near: GeoEntry | None = None) -> Place:
    """The resolved place; or, for a name the gazetteer lacks, the name itself placed at the
    known place `near` it (the city in its name or the article's city), if any."""
    span = Span.of(text, toponym.start, toponym.end)
    if entry is None:
        name = aliases().canonical(toponym.text) or toponym.text
        if near is None:
            return Place(span, name, None, None, None, toponym.fallback_kind)
        return Place(span, name, near.country, near.lat, near.lon, toponym.fallback_kind)
    return Place(span, entry.name, entry.country, entry.lat, entry.lon, entry.kind,
                 entry.geonameid)
