"""Incremental provenance: a store of N synthetic articles, then batches of new ones.

Usage: .venv/bin/python benchmarks/provenance_incremental.py [--n 100000] [--n 10000 ...]
       [--batches 3] [--batch 1000] [--json OUT]

Each size runs in its own child process: the articles of `benchmarks/reuse_scale.py`'s
generator are written to a fresh SQLite store (the articles table only: provenance reads
nothing else), the index is rebuilt from scratch (`vedette provenance --rebuild`: time and
peak RSS), then `--batches` batches of `--batch` new articles are written and indexed
(what `vedette ingest` does after analysis: time per batch). Finally the index is rebuilt
again and its families and links compared with those of the incremental path.
Targets: batch <= 2% of a rebuild, 10k vs 100k batch time within 1.5x, rebuild peak < 1 GiB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reusegen.scale import generate  # noqa: E402

from vedette.provenance.stored import rebuild_index, update_index  # noqa: E402
from vedette.records import Article  # noqa: E402
from vedette.store import Store, open_store, schema  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"


def write(store: Store, articles: list[Article], stamp: str) -> None:
    seen: set[str] = set()
    rows = []
    for a in articles:
        if a.id in seen:
            continue
        seen.add(a.id)
        rows.append({"id": a.id, "path": a.path, "title": None, "publisher": a.publisher,
                     "url": None, "published": a.published, "text": a.text, "report": "{}",
                     "extractor_version": "bench", "config_hash": "bench", "ingested_at": stamp})
    with store.engine.begin() as conn:
        for start in range(0, len(rows), 5000):
            conn.execute(schema.articles.insert().prefix_with("OR IGNORE"),
                         rows[start : start + 5000])


def snapshot(store: Store) -> tuple[list[tuple[object, ...]], int]:
    with store.engine.connect() as conn:
        families = sorted(tuple(r) for r in conn.execute(schema.families.select()))
        links = sorted(tuple(r) for r in conn.execute(schema.provenance_links.select()))
    return families, hash(tuple(links))


def child(n: int, batches: int, batch: int, corpus: Path, compare_max: int) -> None:
    articles = generate(corpus, n + batches * batch)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"))
        write(store, articles[:n], "2024-01-01T00:00:00")
        del articles[:n]
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        start = time.perf_counter()
        rebuild_index(store)
        rebuild_s = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        times = []
        for b in range(batches):
            write(store, articles[b * batch : (b + 1) * batch], f"2024-01-02T00:{b:02d}:00")
            start = time.perf_counter()
            update_index(store)
            times.append(time.perf_counter() - start)
        incremental = snapshot(store)
        same = None
        if n <= compare_max:
            rebuild_index(store)
            same = snapshot(store) == incremental
        print(json.dumps({"n": n, "rebuild_s": rebuild_s, "rebuild_peak_mib": peak / 1024,
                          "rss_before_mib": before / 1024, "batch_s": times,
                          "families": len({r[1] for r in incremental[0]}),
                          "identical_to_rebuild": same}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append")
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--child", action="store_true")
    parser.add_argument("--compare-max", type=int, default=1_000_000,
                        help="Rebuild again and compare only for stores up to this size.")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    sizes = args.n or [100_000]
    if args.child:
        child(sizes[0], args.batches, args.batch, args.corpus, args.compare_max)
        return
    rows = []
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--child", "--n", str(n), "--batches",
                              str(args.batches), "--batch", str(args.batch), "--corpus",
                              str(args.corpus), "--compare-max", str(args.compare_max)],
                             capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
        r = rows[-1]
        mean = sum(r["batch_s"]) / len(r["batch_s"])
        print(f"n={n}: rebuild {r['rebuild_s']:.1f}s, peak RSS {r['rebuild_peak_mib']:.0f} MiB; "
              f"batch of {args.batch}: {mean:.2f}s ({100 * mean / r['rebuild_s']:.2f}% of the "
              f"rebuild); families {r['families']}; identical to rebuild: "
              f"{r['identical_to_rebuild']}", flush=True)
    if len(rows) > 1:
        means = [sum(r["batch_s"]) / len(r["batch_s"]) for r in rows]
        print(f"batch time, largest vs smallest store: {means[-1] / means[0]:.2f}x; rebuild "
              f"{rows[-1]['rebuild_s'] / rows[0]['rebuild_s']:.1f}x for "
              f"{sizes[-1] / sizes[0]:.0f}x the articles")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
