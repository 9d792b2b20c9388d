"""Shared inputs and runs: one local and one Spark batch over the same small corpus.

The inputs are two short corpus files, a JSON Lines file of generated articles with exact,
truncated and spun copies (benchmarks/reusegen, trained on ../shared/corpus), and bad
inputs (binary data, a broken JSON line). Spark tests skip where Java or pyspark is absent.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import shared_path
from tests.store.conftest import store  # noqa: F401 - the store fixture, on both backends
from vedette.distributed.run import BatchOptions, run_batch

REPO = Path(__file__).resolve().parents[2]
GENERATED = 24
PARTITIONS = 4
CORPUS_FILES = (
    "2022-02-12_whitehouse_readout-of-president-bidens-call-with-president-vladimir-putin-of-russia.txt",
    "2022-02-25_nato_opening-remarks-by-nato-secretary-general-jens-stoltenberg-at-the-star.txt",
)


def spark_available() -> bool:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return False
    return shutil.which("java") is not None


needs_spark = pytest.mark.skipif(
    not spark_available(), reason="Spark needs Java and pyspark (pip install 'vedette[spark]')")


def generated_articles(corpus: Path, n: int) -> list[Any]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    from reusegen.scale import generate

    return list(generate(corpus, n))


@pytest.fixture(scope="session")
def batch_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = shared_path("corpus")
    folder = tmp_path_factory.mktemp("inputs")
    for name in CORPUS_FILES:
        shutil.copy(corpus / name, folder / name)
    with (folder / "generated.jsonl").open("w", encoding="utf-8") as fh:
        for a in generated_articles(corpus, GENERATED):
            fh.write(json.dumps({"text": a.text, "published": a.published,
                                 "url": f"https://example.org/{a.path}"}) + "\n")
        fh.write("{not json\n")
    (folder / "blob.txt").write_bytes(bytes(range(256)) * 8)
    return folder


def run(inputs: Path, out: Path, engine: str, **extra: Any) -> Path:
    master = "local[2]" if engine == "spark" else None
    run_batch(BatchOptions(inputs=[str(inputs)], out=str(out), engine=engine, master=master,
                           partitions=PARTITIONS, **extra))
    return out


@pytest.fixture(scope="session")
def local_out(batch_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return run(batch_inputs, tmp_path_factory.mktemp("local"), "local", workers=2)


@pytest.fixture(scope="session")
def spark_out(batch_inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not spark_available():
        pytest.skip("Spark needs Java and pyspark")
    return run(batch_inputs, tmp_path_factory.mktemp("spark"), "spark")


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    if not spark_available():
        pytest.skip("Spark needs Java and pyspark")
    from vedette.distributed.spark_engine import session

    yield session("local[2]")
