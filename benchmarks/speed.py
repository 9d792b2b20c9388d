"""Articles per second of `vedette analyze` against plain spaCy `nlp.pipe`, in one run.

Usage: .venv/bin/python benchmarks/speed.py [--corpus ../shared/corpus] [--repeat 1] [--json OUT]

Both sides parse the same article texts with the same model; the ratio
(vedette rate / spaCy rate) is what matters, since machines differ. Target: >= 0.77.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy
from _common import CORPUS, emit, machine  # noqa: I001 - the benchmarks folder itself

from vedette.extract.pipeline import installed_model, load_nlp
from vedette.ingest import read_articles
from vedette.records import Article
from vedette.service import analyze_articles

DEFAULT_CORPUS = CORPUS
TARGET_RATIO = 0.77


def load_corpus(folder: Path) -> list[Article]:
    articles: list[Article] = []
    for path in sorted(folder.glob("*.txt")):
        articles.extend(read_articles(path))
    return articles


def timed(run: Callable[[], int]) -> tuple[float, int]:
    start = time.perf_counter()
    n = run()
    return time.perf_counter() - start, n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    articles = load_corpus(args.corpus)
    texts = [a.text for a in articles]
    plain = spacy.load(installed_model())
    ours = load_nlp()
    # Warm both pipelines (model weights, lexicons, the attribution tagger).
    list(plain.pipe(texts[:2]))
    list(analyze_articles(articles[:2]))
    base_s = ours_s = 0.0
    for _ in range(args.repeat):
        # Alternate the order so neither side always runs on a warmer machine.
        t, _n = timed(lambda: sum(1 for _ in plain.pipe(texts)))
        base_s += t
        t, _n = timed(lambda: sum(1 for o in analyze_articles(articles) if o.report))
        ours_s += t
    n = len(articles) * args.repeat
    result = {
        "articles": len(articles),
        "chars": sum(len(t) for t in texts),
        "repeat": args.repeat,
        "spacy_articles_per_s": round(n / base_s, 3),
        "vedette_articles_per_s": round(n / ours_s, 3),
        "ratio": round(base_s / ours_s, 3),
        "target_ratio": TARGET_RATIO,
        "model": installed_model(),
        "pipeline": ours.pipe_names,
        "machine": machine(),
    }
    emit(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
