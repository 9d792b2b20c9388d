"""Quality gate: the attribution CRF, and what `analyze` reports, on a fixed PolNeAR dev subset
must not regress.

The gold data is research-use only and lives beside the repository (../shared); the gate
skips without it. Floors sit EPSILON below the F1 measured when the weights were shipped.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
POLNEAR = SHARED / "eval" / "polnear"
SCORER = Path(__file__).resolve().parents[2] / "benchmarks" / "polnear.py"
N_DOCS = 10  # first 10 dev articles by sorted file name
GOLD_SHA256 = "9339c126e804b7ef443dc1ef6cf7a8979edea23d5d650d2cd64d5e16b738a8c9"
EPSILON = 0.02
# Exact-span F1 measured on the subset with the shipped weights (see meta.json).
MEASURED_EXACT_F1 = {"source": 0.807, "cue": 0.754, "content": 0.600}
MEASURED_RELATION_F1 = 0.668
# The same subset through the whole pipeline (tagger merged with the rules), as `analyze`.
PIPELINE_EXACT_F1 = {"source": 0.796, "cue": 0.732, "content": 0.581}
PIPELINE_RELATION_F1 = 0.702


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("polnear_scorer", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["polnear_scorer"] = mod
    spec.loader.exec_module(mod)
    return mod


def _summary(mode: str) -> dict:
    if not POLNEAR.exists():
        pytest.skip(f"PolNeAR gold data not found at {POLNEAR}")
    scorer = _scorer()
    docs = scorer.list_gold_docs("dev", root=POLNEAR, limit=N_DOCS)
    assert len(docs) == N_DOCS
    assert scorer.gold_checksum(docs) == GOLD_SHA256, "PolNeAR dev gold data changed"
    predictor = scorer.model_predictor() if mode == "model" else scorer.pipeline_predictor()
    return scorer.evaluate(docs, predictor).summary()


@pytest.fixture(scope="module")
def summary() -> dict:
    return _summary("model")


@pytest.fixture(scope="module")
def pipeline_summary() -> dict:
    return _summary("pipeline")


@pytest.mark.parametrize("role", sorted(MEASURED_EXACT_F1))
def test_exact_f1_floor(summary: dict, role: str) -> None:
    f1 = summary["exact"][role]["f1"]
    assert f1 >= MEASURED_EXACT_F1[role] - EPSILON, f"{role} exact F1 {f1:.3f} fell"


def test_relation_f1_floor(summary: dict) -> None:
    f1 = summary["relation"]["f1"]
    assert f1 >= MEASURED_RELATION_F1 - EPSILON, f"relation F1 {f1:.3f} fell"


@pytest.mark.parametrize("role", sorted(PIPELINE_EXACT_F1))
def test_pipeline_exact_f1_floor(pipeline_summary: dict, role: str) -> None:
    f1 = pipeline_summary["exact"][role]["f1"]
    assert f1 >= PIPELINE_EXACT_F1[role] - EPSILON, f"{role} exact F1 {f1:.3f} fell"


def test_pipeline_relation_f1_floor(pipeline_summary: dict) -> None:
    f1 = pipeline_summary["relation"]["f1"]
    assert f1 >= PIPELINE_RELATION_F1 - EPSILON, f"relation F1 {f1:.3f} fell"
