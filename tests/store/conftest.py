"""Every store test runs on SQLite and, when VEDETTE_TEST_POSTGRES is set, on PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from vedette.store import Store, open_store, schema


def _postgres_url() -> str | None:
    return os.environ.get("VEDETTE_TEST_POSTGRES")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        yield open_store(str(tmp_path / "vedette.db"))
        return
    url = _postgres_url()
    if not url:
        pytest.skip("set VEDETTE_TEST_POSTGRES=postgresql://... to test PostgreSQL (.ci/run does)")
    store = open_store(url)
    _clear(store)
    yield store
    _clear(store)
    store.engine.dispose()


def _clear(store: Store) -> None:
    with store.engine.begin() as conn:
        for table in reversed(schema.metadata.sorted_tables):
            if table.name != "migrations":
                conn.execute(text(f'DELETE FROM "{table.name}"'))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database for tests that run `vedette` processes: a fresh SQLite file, or the test
    PostgreSQL database emptied before and after."""
    if request.param == "sqlite":
        yield str(tmp_path / "vedette.db")
        return
    url = _postgres_url()
    if not url:
        pytest.skip("set VEDETTE_TEST_POSTGRES=postgresql://... to test PostgreSQL (.ci/run does)")
    store = open_store(url)
    _clear(store)
    yield url
    _clear(store)
    store.engine.dispose()
