"""Offline gazetteer: GeoNames cities, countries, US states and our curated supplement.

Read from `data/gazetteer.sqlite`, compiled from the sources by `compile.py` and shipped in the
package. The file is opened read-only and looked up name by name, so a process pays only for
the names its articles contain; nothing is downloaded.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from vedette.extract.geo.compile import TOKEN_SEPARATOR, name_key
from vedette.extract.geo.sources import CITY, CONTINENT, COUNTRY, INSTITUTION, MAIN, SMALL, STATE

__all__ = ["CITY", "CONTINENT", "COUNTRY", "GAZETTEER_FILE", "INSTITUTION", "STATE", "Gazetteer",
           "GeoEntry", "Lookup", "demonym_countries", "demonyms", "gazetteer", "name_key",
           "neighbours", "small_towns"]

GAZETTEER_FILE = Path(__file__).resolve().parents[1] / "data" / "gazetteer.sqlite"
# Looked-up names kept in memory per process: a corpus names far fewer places than this.
LOOKUP_CACHE = 65536
# SQLite may map this much of the file into memory instead of reading it into its page cache.
MMAP_BYTES = 256 * 1024 * 1024


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
    renown: int = 0  # how many names GeoNames knows it by, in any language
    capital: bool = False  # the capital of its country


@dataclass(frozen=True, slots=True)
class Lookup:
    """The features a name may refer to: primary-name features first, then alternates."""

    entries: tuple[GeoEntry, ...]
    alternates: frozenset[GeoEntry]


_NO_LOOKUP = Lookup((), frozenset())


class _File:
    """The compiled file, one read-only connection per process (workers fork)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid = -1
        self._conn: sqlite3.Connection | None = None
        self._entries: dict[int, GeoEntry] = {}

    def query(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[Any, ...]]:
        return self._connection().execute(sql, args).fetchall()

    def entry(self, row: tuple[Any, ...]) -> GeoEntry:
        """One shared object per feature, so lists compare by identity first."""
        ident = int(row[0])
        found = self._entries.get(ident)
        if found is None:
            found = _entry(row)
            self._entries[ident] = found
        return found

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None or self._pid != os.getpid():
            uri = f"file:{self.path}?mode=ro&immutable=1"
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            self._pid = os.getpid()
            self._entries = {}
        return self._conn


def _entry(row: tuple[Any, ...]) -> GeoEntry:
    _, name, kind, country, lat, lon, population, geonameid, admin1, curated, renown, cap = row
    return GeoEntry(name, kind, country, lat, lon, population, geonameid, admin1,
                    bool(curated), renown, bool(cap))


_LOOKUP_SQL = (
    "SELECT e.*, n.alternate FROM name n JOIN entry e ON e.id = n.entry "
    "WHERE n.key = ? AND n.tier = ? ORDER BY n.alternate, e.id"
)


class Gazetteer:
    """Names to candidate features in one tier of the compiled file."""

    def __init__(self, file: _File, tier: int) -> None:
        self._file = file
        self._tier = tier
        self._cache: dict[str, Lookup] = {}

    def lookup(self, text: str) -> Lookup:
        key = name_key(text)
        found = self._cache.get(key)
        if found is None:
            found = self._query(key)
            if len(self._cache) < LOOKUP_CACHE:
                self._cache[key] = found
        return found

    def candidates(self, text: str) -> list[GeoEntry]:
        """Features whose primary name is `text`, then those that only have it as alternate."""
        return list(self.lookup(text).entries)

    def is_alternate(self, text: str, entry: GeoEntry) -> bool:
        return entry in self.lookup(text).alternates

    @property
    def match_forms(self) -> list[list[str]]:
        """Names searched in the text without an NER entity, as token lists."""
        return _match_forms(self._file)

    @property
    def match_hashes(self) -> list[tuple[int, ...]]:
        """The same names as tuples of word hashes (spaCy ORTH values)."""
        return _match_hashes(self._file)

    def _query(self, key: str) -> Lookup:
        rows = self._file.query(_LOOKUP_SQL, (key, self._tier))
        if not rows:
            return _NO_LOOKUP
        primary: list[GeoEntry] = []
        alternates: list[GeoEntry] = []
        for row in rows:
            entry = self._file.entry(row[:-1])
            (alternates if row[-1] else primary).append(entry)
        extra = [e for e in alternates if e not in primary]
        return Lookup((*primary, *extra), frozenset(extra))


@cache
def _shared_file() -> _File:
    return _File(GAZETTEER_FILE)


@cache
def _match_forms(file: _File) -> list[list[str]]:
    return [str(t).split(TOKEN_SEPARATOR) for (t,) in file.query("SELECT tokens FROM form")]


@cache
def _match_hashes(file: _File) -> list[tuple[int, ...]]:
    rows = file.query("SELECT hashes FROM form")
    return [tuple(int(h) for h in str(hashes).split()) for (hashes,) in rows]


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: countries, states, seas, regions, cities over 15,000."""
    return Gazetteer(_shared_file(), MAIN)


@cache
def small_towns() -> Gazetteer:
    """Towns below the main list's population floor, consulted only for a name the main
    gazetteer does not know at all: it can turn a miss into a hit but never outvotes a city."""
    return Gazetteer(_shared_file(), SMALL)


@cache
def demonyms() -> frozenset[str]:
    """Nationality words ("Russian", "Georgians"): never places, whatever the NER says."""
    return frozenset(demonym_countries())


@cache
def demonym_countries() -> dict[str, str]:
    """Nationality word (case-folded) -> the country code it belongs to."""
    return {str(w): str(c) for w, c in _shared_file().query("SELECT word, country FROM demonym")}


@cache
def neighbours() -> dict[str, frozenset[str]]:
    """Country code -> codes of the countries sharing its land border (GeoNames)."""
    rows = _shared_file().query("SELECT country, codes FROM neighbour")
    return {str(k): frozenset(c for c in str(v).split(",") if c) for k, v in rows}
