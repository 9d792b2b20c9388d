"""Ingest throughput with 1 and 2 workers, against plain spaCy `nlp.pipe`, in one run.

Usage: .venv/bin/python benchmarks/ingest_speed.py [--corpus ../shared/corpus] [--copies 2]
       [--json OUT]

The corpus is written `--copies` times into a temporary folder (each copy's texts end with a
marker, so every article is new), which amortises the workers' start-up (each loads spaCy and
the models once). Each run ingests that folder into a fresh SQLite file. Reported: articles per
second for nlp.pipe (one process), vedette ingest --workers 1 and --workers 2, and their ratios.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import spacy
from _common import CORPUS, emit, machine  # noqa: I001 - the benchmarks folder itself

from vedette.batch import ingest
from vedette.extract.pipeline import installed_model
from vedette.ingest import read_articles
from vedette.store import open_store

DEFAULT_CORPUS = CORPUS


def replicate(corpus: Path, copies: int, folder: Path) -> None:
    for k in range(copies):
        for path in sorted(corpus.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            (folder / f"{k}_{path.name}").write_text(f"{text}\n[copy {k}]\n", encoding="utf-8")


def plain_rate(corpus: Path) -> tuple[float, int]:
    texts = [a.text for p in sorted(corpus.glob("*.txt")) for a in read_articles(p)]
    nlp = spacy.load(installed_model())
    list(nlp.pipe(texts[:2]))
    start = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return len(texts) / (time.perf_counter() - start), len(texts)


def ingest_rate(corpus: Path, workers: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(os.path.join(tmp, "v.db"))
        start = time.perf_counter()
        summary = ingest([str(p) for p in sorted(corpus.glob("*.txt"))], store, workers=workers)
        return summary.stored / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        replicate(args.corpus, args.copies, folder)
        base, n = plain_rate(folder)
        one = ingest_rate(folder, 1)
        two = ingest_rate(folder, 2)
    result = {
        "articles": n,
        "copies": args.copies,
        "spacy_pipe_articles_per_s": round(base, 3),
        "ingest_1_worker_articles_per_s": round(one, 3),
        "ingest_2_workers_articles_per_s": round(two, 3),
        "ratio_1_worker_to_pipe": round(one / base, 3),
        "speedup_2_workers": round(two / one, 3),
        "cpus": os.cpu_count(),
        "machine": machine(),
    }
    emit(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
