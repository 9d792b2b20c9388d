"""Fixtures for ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from ._helpers import SHARED


@pytest.fixture
def shared() -> Path:
    """../shared next to the repository; tests that need it skip without it."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not available")
    return SHARED
