"""The one writer: many writers saving the same articles at once, in one process (threads,
each with its own connection); the four-process ingest is in test_concurrency.py."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy.exc import OperationalError

from tests.store.test_contract import TEXT, _report
from vedette.store import Store
from vedette.store.rows import Saved
from vedette.store.writer import transient

WRITERS = 6
SAVES = 20


def test_six_writers_save_the_same_article(store: Store) -> None:
    versions = [_report(TEXT.replace("100,000", f"{100 + n},000"), value=(100 + n) * 1000)
                for n in range(3)]

    def save(i: int) -> Saved:
        return store.save_report(versions[i % 3], version="t", config_hash="h")

    with ThreadPoolExecutor(WRITERS) as pool:
        results = list(pool.map(save, range(WRITERS * SAVES)))
    assert sum(r.stored for r in results) == 3  # each text once, no save raised
    assert store.count() == 3 and store.count("claims") == 3
    numbers = [r.revision for r in store.history("a.txt")]
    assert numbers == list(range(1, len(numbers) + 1))  # no gap, no number twice
    assert sum(r.latest for r in store.history("a.txt")) == 1
    assert store.rejections() == []


def test_locks_are_retried_bad_data_is_not() -> None:
    locked = OperationalError("INSERT", {}, Exception("database is locked"))
    broken = OperationalError("INSERT", {}, Exception("no such table: articles"))
    assert transient(locked) and not transient(broken)


def test_a_new_sqlite_store_has_large_pages_and_wal(tmp_path: Path) -> None:
    """SQLITE_PAGE_SIZE applies to a new file; an existing one keeps its own page size."""
    import sqlite3

    from vedette.store import open_store
    from vedette.store.settings import SQLITE_PAGE_SIZE

    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:
        conn.execute("PRAGMA page_size=4096")
        conn.execute("CREATE TABLE t (x)")
    for path, size in ((tmp_path / "new.db", SQLITE_PAGE_SIZE), (old, 4096)):
        store = open_store(str(path))
        store.count()
        store.engine.dispose()
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA page_size").fetchone()[0] == size
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
