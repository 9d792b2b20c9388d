"""Quality gate: quantity extraction on the first NewsQuant sentences must not regress.

The gold data lives beside the repository (../shared); the gate skips without it. Floors sit
EPSILON below the F1 measured on the subset when the extractor was written.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD = SHARED / "eval" / "newsquant" / "formatted_test_set" / "NewsQuant.json"
SCORER = Path(__file__).resolve().parents[2] / "benchmarks" / "newsquant.py"
N_SENTENCES = 100  # the first 100 sentences, in file order
GOLD_SHA256 = "ed1cb78a81d7e69f07236c7a96cd63940069997d4c32923c784194f1f8e34e35"
EPSILON = 2.0  # F1 points
MEASURED_VALUE_F1 = 95.8
MEASURED_VALUE_UNIT_F1 = 82.6


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsquant_scorer", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["newsquant_scorer"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def result() -> dict:
    if not GOLD.exists():
        pytest.skip(f"NewsQuant gold data not found at {GOLD}")
    scorer = _scorer()
    assert scorer.gold_sha256(GOLD) == GOLD_SHA256, "NewsQuant gold file changed"
    out: dict = scorer.evaluate(limit=N_SENTENCES)
    return out


def test_value_f1_floor(result: dict) -> None:
    assert result["value"]["F1"] >= MEASURED_VALUE_F1 - EPSILON


def test_value_unit_f1_floor(result: dict) -> None:
    assert result["value+unit"]["F1"] >= MEASURED_VALUE_UNIT_F1 - EPSILON
