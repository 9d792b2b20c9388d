"""Property tests of the OpenAPI spec (schemathesis): no generated request makes a 500, and
every failure has the one error shape. Examples per operation are bounded (~1 min)."""

from __future__ import annotations

from pathlib import Path

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings  # noqa: E402

from tests.api import corpus  # noqa: E402
from tests.api.conftest import TOKEN  # noqa: E402
from vedette.store import open_store  # noqa: E402

EXAMPLES_PER_OPERATION = 25
ERROR_KEYS = {"code", "message", "field"}


def _app():  # type: ignore[no-untyped-def]
    import tempfile

    from vedette.api import create_app

    folder = Path(tempfile.mkdtemp(prefix="vedette-fuzz-"))
    store = open_store(str(folder / "fuzz.db"))
    corpus.fill(store)
    return create_app(store, token=TOKEN)


# FastAPI writes OpenAPI 3.1; schemathesis 3 reads it as 3.0 (the features used are common).
schema = schemathesis.from_asgi("/api/openapi.json", _app(), force_schema_version="30")


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_no_request_makes_a_server_error(case) -> None:  # type: ignore[no-untyped-def]
    if case.method == "POST":  # writes are covered without a token: analysing costs seconds
        case.headers = {}
    response = case.call_asgi()
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert set(response.json()) == ERROR_KEYS
