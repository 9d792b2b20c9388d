"""Quality gate: TIMEX3 extraction on a fixed TempEval-3 platinum subset must not regress.

The gold data is research-use only and lives beside the repository (../shared); the gate
skips without it. Floors sit EPSILON below the scores measured when the rules were shipped.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
TE3 = SHARED / "eval" / "tempeval3"
SCORER = Path(__file__).resolve().parents[2] / "benchmarks" / "tempeval3.py"
N_DOCS = 5  # first 5 te3-platinum documents by sorted file name
GOLD_SHA256 = "1f0aa80f2fb4f1563522ee4ce7713f8d8ac9366293b557033bca26760a791ec3"
EPSILON = 0.02
# Measured on the subset (38 gold TIMEX3): strict / relaxed span F1, value F1.
MEASURED_F1 = {"strict": 0.7536, "relaxed": 0.8696, "value": 0.7246}
MEASURED_GOLD_SPAN_DATE = 18 / 24  # gold DATE spans normalised to the gold value


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tempeval3_scorer", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["tempeval3_scorer"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def summary() -> dict:
    if not TE3.exists():
        pytest.skip(f"TempEval-3 gold data not found at {TE3}")
    scorer = _scorer()
    docs = scorer.list_gold_docs("platinum", root=TE3, limit=N_DOCS)
    assert len(docs) == N_DOCS
    assert scorer.gold_checksum(docs) == GOLD_SHA256, "TempEval-3 platinum gold data changed"
    return scorer.evaluate(docs).summary()


@pytest.mark.parametrize("metric", sorted(MEASURED_F1))
def test_f1_floor(summary: dict, metric: str) -> None:
    f1 = summary[metric]["f1"]
    assert f1 >= MEASURED_F1[metric] - EPSILON, f"{metric} F1 {f1:.3f} fell"


def test_gold_span_date_floor(summary: dict) -> None:
    row = summary["gold_span_date"]
    accuracy = row["correct"] / row["total"]
    assert accuracy >= MEASURED_GOLD_SPAN_DATE - EPSILON, f"DATE accuracy {accuracy:.3f} fell"
