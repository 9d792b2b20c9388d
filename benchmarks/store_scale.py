"""Store at scale: N synthetic articles (replicas of analysed corpus reports with changed
numbers and text, so every id is new), peak memory while writing, and the time
`vedette estimates` takes to answer on that database.

Usage: .venv/bin/python benchmarks/store_scale.py [--n 100000] [--seed-docs 20] [--json OUT]

The NLP stage is measured by benchmarks/speed.py and ingest_speed.py; here the reports of
`--seed-docs` real corpus articles are analysed once and replicated, which isolates the store
and the analysis queries (a 100,000-article NLP ingest takes about a day on two cores).
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import resource
import tempfile
import time
from pathlib import Path

from _common import CORPUS, emit, machine  # noqa: I001 - the benchmarks folder itself

from vedette.analyze.estimates import estimates
from vedette.ingest import read_articles
from vedette.records import Report
from vedette.service import analyze_articles
from vedette.store import open_store

DEFAULT_CORPUS = CORPUS
QUERY_TARGET_S = 1.0
MEMORY_TARGET_MB = 2048


def seed_reports(corpus: Path, n: int) -> list[Report]:
    """The reports of the `n` shortest corpus articles (news-length, as a crawl would hold)."""
    files = sorted(corpus.glob("*.txt"), key=lambda p: p.stat().st_size)[:n]
    articles = [a for p in files for a in read_articles(p)]
    return [o.report for o in analyze_articles(articles) if o.report is not None]


def replica(report: Report, i: int, rng: random.Random) -> Report:
    """A new article: same structure, its own text (so its own id), perturbed numbers."""
    r = copy.copy(report)
    r.article = copy.copy(report.article)
    r.article.text = report.article.text + f"\n[replica {i}]"
    r.article.path = f"synthetic/{i:06d}.txt"
    r.article.url = f"https://synthetic.example/{i:06d}"  # its own source, not a revision
    r.claims = [copy.copy(c) for c in report.claims]
    for c in r.claims:
        factor = rng.uniform(0.8, 1.2)
        c.value = None if c.value is None else round(c.value * factor)
        c.low = None if c.low is None else round(c.low * factor)
        c.high = None if c.high is None else round(c.high * factor)
    return r


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed-docs", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--db", help="database (default: a temporary SQLite file)")
    parser.add_argument("--limit", type=int, default=1000,
                        help="estimates shown (the CLI's --limit); 0 for all")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    seeds = seed_reports(args.corpus, args.seed_docs)
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.db or os.path.join(tmp, "scale.db"))
        rss_before = peak_rss_mb()
        start = time.perf_counter()
        for i in range(args.n):
            store.save_report(replica(seeds[i % len(seeds)], i, rng), version="bench",
                              config_hash="bench")
        write_s = time.perf_counter() - start
        claims = store.count("claims")
        timings = {}
        for label, kwargs in {"all": {}, "counted=troops": {"counted": "troops"},
                              "near=border": {"near": "border"}}.items():
            t0 = time.perf_counter()
            found = estimates(store, limit=args.limit or None, **kwargs)  # type: ignore[arg-type]
            timings[label] = {"seconds": round(time.perf_counter() - t0, 3), "rows": len(found)}
    result = {
        "articles": args.n, "claims": claims, "write_s": round(write_s, 1),
        "articles_per_s_written": round(args.n / write_s, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1), "rss_after_seed_analysis_mb": round(rss_before, 1),
        "estimates_query": timings, "query_target_s": QUERY_TARGET_S,
        "memory_target_mb": MEMORY_TARGET_MB, "backend": store.backend,
        "machine": machine(),
    }
    emit(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
