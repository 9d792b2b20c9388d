"""Toponym resolution: pick one gazetteer feature per mention from the article's context."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from vedette.extract.geo.gazetteer import CITY, CONTINENT, COUNTRY, STATE, GeoEntry

# Prior by kind: a name that is a country is usually the country ("Georgia", "Jordan").
COUNTRY_PRIOR = 5.0
CURATED_PRIOR = 3.75
STATE_PRIOR = 3.5
# A name that is only an alternate name of the feature ("St. Petersburg") counts a little less.
ALT_NAME_PENALTY = 1.0
# A city's prior grows with the log of its population: 10^6 inhabitants -> 3.0 ...
CITY_POPULATION_WEIGHT = 0.5
# ... and with the log of the number of names it is known by worldwide (Geneva, Switzerland has
# 60, Geneva, Illinois 11): fame, which population alone does not measure.
RENOWN_WEIGHT = 0.5
# A country's capital is what news means by its name far more often than any namesake.
CAPITAL_BONUS = 0.5
# Context: the article names other places in the candidate's country ...
SAME_COUNTRY_BONUS = 1.0
# ... names sub-national places there (a US article for a US state) ...
LOCAL_CONTEXT_BONUS = 1.0
# ... names a city of the candidate state, or a neighbouring country.
STATE_CONTEXT_BONUS = 1.5
NEIGHBOUR_BONUS = 0.5
# A namesake whose prior trails the most prominent reading by this much (Geneva, Illinois
# against Geneva) gets no credit for merely being in a country the article is about: only
# its own state named in the article can make it win.
PROMINENCE_GAP = 0.75
# "Portland, Maine": the place after the comma fixes the state or country.
QUALIFIER_BONUS = 4.0


@dataclass(slots=True)
class Context:
    """What an article says about where it is: places it names, by country and US state."""

    countries: Counter[str] = field(default_factory=Counter)
    local: Counter[str] = field(default_factory=Counter)
    states_named: Counter[str] = field(default_factory=Counter)
    state_cities: Counter[str] = field(default_factory=Counter)
    neighbours: dict[str, frozenset[str]] = field(default_factory=dict)

    def share(self, country: str) -> float:
        """How much of the article is about `country`: 1.0 for its most named country."""
        if not self.countries:
            return 0.0
        return self.countries[country] / max(self.countries.values())

    def add_country(self, country: str) -> None:
        """A nationality word ("British officials"): the article is about that country too."""
        self.countries[country] += 1

    def add(self, entry: GeoEntry) -> None:
        if entry.country is None:
            return
        self.countries[entry.country] += 1
        if entry.kind != COUNTRY:
            self.local[entry.country] += 1
        if entry.admin1 and entry.kind == STATE:
            self.states_named[entry.admin1] += 1
        elif entry.admin1:
            self.state_cities[entry.admin1] += 1


def prior(entry: GeoEntry) -> float:
    if entry.kind in (COUNTRY, CONTINENT):
        return COUNTRY_PRIOR
    if entry.kind == STATE and not entry.curated:
        return STATE_PRIOR
    size = (CITY_POPULATION_WEIGHT * math.log10(max(entry.population, 1))
            + RENOWN_WEIGHT * math.log10(1 + entry.renown)
            + (CAPITAL_BONUS if entry.capital else 0.0))
    return max(CURATED_PRIOR, size) if entry.curated else size


def score(entry: GeoEntry, context: Context, *, overshadowed: bool = False) -> float:
    """Prior plus context (context holds only the article's unambiguous places).

    `overshadowed`: a far more prominent reading of the name exists; then the country the
    article is about is no evidence for this one, only its own state is.
    """
    total = prior(entry)
    country = entry.country
    if country is None:
        return total
    if not overshadowed:
        total += SAME_COUNTRY_BONUS * context.share(country)
        if entry.kind != COUNTRY and context.local[country] > 0:
            total += LOCAL_CONTEXT_BONUS * context.share(country)
    if entry.admin1 and (context.state_cities[entry.admin1] > 0
                         or entry.kind != STATE and context.states_named[entry.admin1] > 0):
        total += STATE_CONTEXT_BONUS
    near = _neighbours(context, country)
    if entry.kind == COUNTRY and any(context.countries[n] > 0 for n in near):
        total += NEIGHBOUR_BONUS
    return total


def _neighbours(context: Context, country: str) -> frozenset[str]:
    return context.neighbours.get(country, frozenset())


def best(candidates: Sequence[GeoEntry], context: Context, qualifier: GeoEntry | None = None,
         alternates: Collection[GeoEntry] = ()) -> GeoEntry | None:
    """The highest-scoring candidate; ties go to the larger population."""
    if not candidates:
        return None

    def strength(entry: GeoEntry) -> float:
        return prior(entry) - (ALT_NAME_PENALTY if entry in alternates else 0.0)

    top = max(strength(c) for c in candidates)

    def total(entry: GeoEntry) -> tuple[float, int]:
        overshadowed = entry.kind == CITY and strength(entry) + PROMINENCE_GAP <= top
        value = score(entry, context, overshadowed=overshadowed)
        value -= ALT_NAME_PENALTY if entry in alternates else 0.0
        if qualifier is not None and _within(entry, qualifier):
            value += QUALIFIER_BONUS
        return value, entry.population

    return max(candidates, key=total)


def _within(entry: GeoEntry, area: GeoEntry) -> bool:
    if area.kind == STATE and area.admin1:
        return entry.admin1 == area.admin1
    return area.kind == COUNTRY and entry.country == area.country
