"""Shared fixtures: the parsed pipeline is loaded once; ../shared is optional."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seed" / "000_422543fb29edb296.txt"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test when the data is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is absent)")
    return path


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from vedette.extract.pipeline import load_nlp

    return load_nlp()
