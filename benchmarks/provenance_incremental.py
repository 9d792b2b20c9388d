"""Incremental provenance: a store of N synthetic articles, then batches of new ones.

Usage: .venv/bin/python benchmarks/provenance_incremental.py [--n 100000] [--n 10000 ...]
       [--batches 3] [--batch 1000] [--interleave 5] [--compare-max N] [--tmp DIR]
       [--json OUT]

Each size runs in two child processes. The first writes the articles of
`benchmarks/reuse_scale.py`'s generator to a fresh SQLite store (the articles table only:
provenance reads nothing else). The second, a fresh process so that its peak RSS is the
rebuild's and not the generator's, rebuilds the index from scratch (`vedette provenance
--rebuild`: time and peak RSS, progress on stderr after every slice), then `--batches`
batches of `--batch` new articles are written and indexed (what `vedette ingest` does after
analysis: time per batch). Finally, for stores up to `--compare-max`, the index is rebuilt
again and its families and links compared with those of the incremental path.
Then, when every size is measured, `--interleave` rounds each index one more batch into
every store, the sizes taking turns (a child process per batch): this VM's speed drifts by
10-30% within minutes, and batches measured minutes apart, size after size, carried that
drift into the ratio between sizes (from 0.99x to 1.60x for the same code).
Targets: batch <= 2% of a rebuild, 10k vs 100k batch time within 1.5x, rebuild peak < 1 GiB.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reusegen.scale import generate  # noqa: E402

from vedette.provenance.stored import rebuild_index, update_index  # noqa: E402
from vedette.records import Article  # noqa: E402
from vedette.store import Store, open_store, schema  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
# Article rows per INSERT transaction when the store is written.
WRITE_ROWS = 5000


def write(store: Store, articles: Iterable[Article], stamp: str) -> None:
    """The articles table only, many rows per statement, one transaction per chunk."""
    seen: set[str] = set()
    rows: list[dict[str, object]] = []
    for a in articles:
        if a.id in seen:
            continue
        seen.add(a.id)
        rows.append({"id": a.id, "path": a.path, "title": None, "publisher": a.publisher,
                     "url": None, "published": a.published, "text": a.text, "report": "{}",
                     "extractor_version": "bench", "config_hash": "bench", "ingested_at": stamp})
        if len(rows) >= WRITE_ROWS:
            _insert(store, rows)
            rows = []
    _insert(store, rows)


def _insert(store: Store, rows: list[dict[str, object]]) -> None:
    if rows:
        with store.engine.begin() as conn:
            conn.execute(schema.articles.insert().prefix_with("OR IGNORE"), rows)


def snapshot(store: Store) -> tuple[list[tuple[object, ...]], int]:
    with store.engine.connect() as conn:
        families = sorted(tuple(r) for r in conn.execute(schema.families.select()))
        links = sorted(tuple(r) for r in conn.execute(schema.provenance_links.select()))
    return families, hash(tuple(links))


def build(db: Path, extra: Path, n: int, more: int, corpus: Path) -> None:
    """Child 1: the store of n articles, and the `more` new ones saved for the batches."""
    start = time.perf_counter()
    articles = generate(corpus, n + more)
    generated = time.perf_counter() - start
    extra.write_text(json.dumps([[a.text, a.path, a.published] for a in articles[n:]]))
    del articles[n:]
    start = time.perf_counter()
    write(open_store(str(db)), articles, "2024-01-01T00:00:00")
    print(json.dumps({"generate_s": generated, "write_s": time.perf_counter() - start,
                      "db_mib": _size(db) / 2**20,
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def _size(db: Path) -> int:
    """The store's bytes, its write-ahead log included (not checkpointed yet at exit)."""
    wal = db.with_name(db.name + "-wal")
    return db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def measure(db: Path, extra: Path, n: int, batches: int, batch: int, compare_max: int) -> None:
    """Child 2, a fresh process: rebuild (time, peak RSS), batches, rebuild again, compare."""
    store = open_store(str(db))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu = time.perf_counter(), time.process_time()
    rebuild_index(store, progress=_progress(start))
    rebuild_s, rebuild_cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    new = [Article(text=t, path=path, published=day) for t, path, day in json.loads(
        extra.read_text())]
    times, cpus = [], []
    for b in range(batches):
        wall, used = timed_batch(store, new[b * batch : (b + 1) * batch],
                                 f"2024-01-02T00:{b:02d}:00")
        times.append(wall)
        cpus.append(used)
    incremental = snapshot(store)
    same = None
    if n <= compare_max:
        rebuild_index(store)
        same = snapshot(store) == incremental
    print(json.dumps({"n": n, "rebuild_s": rebuild_s, "rebuild_cpu_s": rebuild_cpu,
                      "rebuild_peak_mib": peak / 1024,
                      "rss_before_mib": before / 1024, "batch_s": times, "batch_cpu_s": cpus,
                      "families": len({r[1] for r in incremental[0]}),
                      "identical_to_rebuild": same}))


def _progress(start: float) -> Callable[[int, int], None]:
    def report(done: int, total: int) -> None:
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  rebuild {done}/{total} articles, {time.perf_counter() - start:.0f} s "
              f"({time.process_time():.0f} s CPU), peak RSS {rss:.0f} MiB, "
              f"{time.strftime('%H:%M:%S')}, load {os.getloadavg()[0]:.1f}",
              file=sys.stderr, flush=True)
    return report


def timed_batch(store: Store, articles: list[Article], stamp: str) -> tuple[float, float]:
    """Write a batch, index it as `vedette ingest` does: (wall, CPU) seconds of the index."""
    write(store, articles, stamp)
    start, cpu = time.perf_counter(), time.process_time()
    update_index(store)
    return time.perf_counter() - start, time.process_time() - cpu


def one_batch(db: Path, extra: Path, offset: int, batch: int) -> None:
    """Child 3: the batch at `offset` (in batches) of the saved new articles, indexed."""
    new = json.loads(extra.read_text())[offset * batch : (offset + 1) * batch]
    wall, cpu = timed_batch(open_store(str(db)), [Article(text=t, path=path, published=day)
                                                  for t, path, day in new],
                            f"2024-01-03T00:{offset:02d}:00")
    print(json.dumps({"batch_s": wall, "batch_cpu_s": cpu}))


def _child(args: argparse.Namespace, step: str, db: Path, extra: Path, n: int,
           offset: int = 0) -> Any:
    cmd = [sys.executable, __file__, "--child", step, "--db", str(db), "--extra", str(extra),
           "--n", str(n), "--batches", str(args.batches), "--batch", str(args.batch),
           "--corpus", str(args.corpus), "--compare-max", str(args.compare_max),
           "--interleave", str(args.interleave), "--offset", str(offset)]
    out = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_size(args: argparse.Namespace, n: int, db: Path, extra: Path) -> dict[str, Any]:
    made = _child(args, "build", db, extra, n)
    print(f"n={n}: generated in {made['generate_s']:.0f}s, written in {made['write_s']:.0f}s "
          f"({made['db_mib']:.0f} MiB, peak RSS {made['peak_mib']:.0f} MiB)", flush=True)
    r: dict[str, Any] = _child(args, "measure", db, extra, n)
    r["build"] = made
    mean = _mean(r["batch_s"])
    print(f"n={n}: rebuild {r['rebuild_s']:.1f}s ({r['rebuild_cpu_s']:.1f}s CPU), peak RSS "
          f"{r['rebuild_peak_mib']:.0f} MiB; "
          f"batch of {args.batch}: {mean:.2f}s, {_mean(r['batch_cpu_s']):.2f}s CPU "
          f"({100 * mean / r['rebuild_s']:.2f}% of the rebuild); families {r['families']}; "
          f"identical to rebuild: "
          f"{r['identical_to_rebuild']}; load average {os.getloadavg()[0]:.1f}", flush=True)
    return r


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append")
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--child", choices=("build", "measure", "batch"))
    parser.add_argument("--db", type=Path)
    parser.add_argument("--extra", type=Path)
    parser.add_argument("--tmp", type=Path, default=None, help="Where the stores are written.")
    parser.add_argument("--compare-max", type=int, default=1_000_000,
                        help="Rebuild again and compare only for stores up to this size.")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--interleave", type=int, default=5,
                        help="Rounds of one more batch per store, the sizes taking turns.")
    parser.add_argument("--offset", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = args.n or [100_000]
    if args.child == "build":
        build(args.db, args.extra, sizes[0], (args.batches + args.interleave) * args.batch,
              args.corpus)
        return
    if args.child == "measure":
        measure(args.db, args.extra, sizes[0], args.batches, args.batch, args.compare_max)
        return
    if args.child == "batch":
        one_batch(args.db, args.extra, args.offset, args.batch)
        return
    with contextlib.ExitStack() as stack:  # every store is kept for the interleaved rounds
        places = [Path(stack.enter_context(tempfile.TemporaryDirectory(dir=args.tmp)))
                  for _ in sizes]
        rows = []
        for n, tmp in zip(sizes, places, strict=True):
            rows.append(run_size(args, n, tmp / "bench.db", tmp / "new.json"))
            _save(args, rows)  # after each size: a long run's finished sizes are kept
        if len(rows) > 1:
            _interleave(args, sizes, places, rows)
            _save(args, rows)


def _interleave(args: argparse.Namespace, sizes: list[int], places: list[Path],
                rows: list[dict[str, Any]]) -> None:
    for r in rows:
        r["interleaved_s"], r["interleaved_cpu_s"] = [], []
    for turn in range(args.interleave):
        for n, tmp, r in zip(sizes, places, rows, strict=True):
            got = _child(args, "batch", tmp / "bench.db", tmp / "new.json", n,
                         offset=args.batches + turn)
            r["interleaved_s"].append(got["batch_s"])
            r["interleaved_cpu_s"].append(got["batch_cpu_s"])
    for label, wall_key, cpu_key in (("sequential", "batch_s", "batch_cpu_s"),
                                     ("interleaved", "interleaved_s", "interleaved_cpu_s")):
        wall = [_mean(r[wall_key]) for r in rows]
        cpu = [_mean(r[cpu_key]) for r in rows]
        print(f"batch time ({label}), largest vs smallest store: "
              f"{wall[-1] / max(wall[0], 1e-9):.2f}x wall, {cpu[-1] / max(cpu[0], 1e-9):.2f}x "
              f"CPU ({', '.join(f'{c:.2f}s' for c in cpu)} CPU)")
    print(f"rebuild {rows[-1]['rebuild_cpu_s'] / rows[0]['rebuild_cpu_s']:.1f}x CPU for "
          f"{sizes[-1] / sizes[0]:.0f}x the articles")


def _save(args: argparse.Namespace, rows: list[dict[str, Any]]) -> None:
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


def _mean(values: list[float]) -> float:
    return sum(values) / max(1, len(values))


if __name__ == "__main__":
    main()
