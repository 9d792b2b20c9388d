"""The desk over a small hand-made store, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the desk needs the web extra")

from fastapi.testclient import TestClient  # noqa: E402

from tests.api import corpus  # noqa: E402
from tests.store.conftest import _clear, _postgres_url  # noqa: E402
from vedette.records import Report  # noqa: E402
from vedette.store import Store, open_store  # noqa: E402

TOKEN = "test-token-5f1c"


@pytest.fixture(params=["sqlite", "postgresql"])
def desk_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        store = open_store(str(tmp_path / "desk.db"))
        corpus.fill(store)
        yield store
        return
    url = _postgres_url()
    if not url:
        pytest.skip("set VEDETTE_TEST_POSTGRES=postgresql://... to test PostgreSQL (.ci/run does)")
    store = open_store(url)
    _clear(store)
    corpus.fill(store)
    yield store
    _clear(store)
    store.engine.dispose()


@pytest.fixture
def reports() -> list[Report]:
    return [corpus.report(i) for i in corpus.ITEMS]


@pytest.fixture
def client(desk_store: Store) -> TestClient:
    from vedette.api import create_app

    return TestClient(create_app(desk_store, token=TOKEN))


@pytest.fixture
def readonly(desk_store: Store) -> TestClient:
    from vedette.api import create_app

    return TestClient(create_app(desk_store))
