"""The desk's latency on a large store: p50/p95 of each main endpoint and page with the usual
filters, first on a quiet store, then while an ingest writes to the same store.

Usage: .venv/bin/python benchmarks/api_latency.py [--n 100000] [--db FILE] [--repeat 20]
                                                  [--json OUT]

The store is built by the generator of benchmarks/store_scale.py (replicas of analysed corpus
reports) unless --db already holds --n articles. The server is `vedette serve` in its own
process; requests go over HTTP on 127.0.0.1, one at a time. During the second phase another
process keeps storing new replica articles (one transaction each, as `vedette ingest` does).
Target: p95 <= 300 ms for every page and endpoint, and no failed request during the ingest.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from _common import emit, machine  # noqa: I001 - the benchmarks folder itself
from store_scale import DEFAULT_CORPUS, replica, seed_reports

from vedette.store import open_store

TARGET_P95_MS = 300.0
PORT = 8765
# Endpoints and pages with the filters an analyst uses; {id} is a stored article.
ROUTES = [
    "/api/articles?limit=100", "/api/articles?order=desc&limit=100",
    "/api/articles?source=white%20house&limit=100",
    "/api/articles/{id}",
    "/api/estimates?counted=troops", "/api/estimates?order=desc&limit=100",
    "/api/estimates?counted=troops&since=2022-01-01&until=2022-02-28",
    "/api/estimates?counted=troops&min_confirmations=2",
    "/api/claims?speaker=Putin", "/api/claims?bbox=22,44,40,53",
    "/api/quotes?limit=100", "/api/quotes?speaker=Biden",
    "/api/who/Putin", "/api/timeline", "/api/timeline?event_type=MOBILIZE",
    "/api/contradictions?counted=troops", "/api/contradictions?order=desc&limit=20",
    "/api/families", "/api/places?limit=100&order=desc", "/api/rejects",
    "/", "/estimates?counted=troops", "/claims?counted=troops", "/quotes?speaker=Biden",
    "/who/Joe%20Biden", "/timeline", "/contradictions", "/families", "/map",
    "/articles/{id}",
]


# Articles written through the store (analysed replicas); the rest of --n are SQL copies of
# them with new ids, which keeps the same mix at a fraction of the build time.
GENERATED = 5_000
CHILD_TABLES = ("quotes", "claims", "events")


def build(db: str, n: int, corpus: Path) -> None:
    """Fill `db` up to `n` articles (skipped when it holds them already)."""
    store = open_store(db)
    have = store.count()
    if have < min(n, GENERATED):
        seeds = seed_reports(corpus, 20)
        rng = random.Random(7)
        for i in range(have, min(n, GENERATED)):
            store.save_report(replica(seeds[i % len(seeds)], i, rng), version="bench",
                              config_hash="bench")
    copy = 1
    while store.count() < n:
        _clone(store, copy, n - store.count())
        copy += 1


def _clone(store: Any, copy: int, wanted: int) -> None:
    """Copy up to `wanted` generated articles (and their items) under new ids."""
    from sqlalchemy import text

    new_id = f"substr(id, 1, 60) || printf('%04d', {copy})"
    with store.engine.begin() as conn:
        conn.execute(text(f"CREATE TEMP TABLE pick AS SELECT id FROM articles WHERE "
                          f"length(id) = 64 AND substr(id, 61) NOT GLOB '[0-9][0-9][0-9][0-9]' "
                          f"ORDER BY id LIMIT {wanted}"))
        conn.execute(text(
            f"INSERT INTO articles SELECT {new_id}, path || '#{copy}', title, publisher, url, "
            "published, text, report, extractor_version, config_hash, ingested_at "
            "FROM articles WHERE id IN (SELECT id FROM pick)"))
        for table in CHILD_TABLES:
            cols = [c for c in _columns(conn, table) if c != "article_id"]
            names = ", ".join(f'"{c}"' for c in cols)
            conn.execute(text(
                f"INSERT INTO {table} (article_id, {names}) SELECT "
                f"substr(article_id, 1, 60) || printf('%04d', {copy}), {names} FROM {table} "
                "WHERE article_id IN (SELECT id FROM pick)"))
        conn.execute(text("DROP TABLE pick"))


def _columns(conn: Any, table: str) -> list[str]:
    from sqlalchemy import text

    return [row[1] for row in conn.execute(text(f"PRAGMA table_info({table})"))]


def writer(db: str, corpus: str, stop: Any, written: Any) -> None:
    """The concurrent ingest: new articles, one transaction each, until told to stop."""
    store = open_store(db)
    seeds = seed_reports(Path(corpus), 5)
    rng = random.Random(11)
    i = 10_000_000
    written.value = -1  # ready
    while not stop.is_set():
        store.save_report(replica(seeds[i % len(seeds)], i, rng), version="bench",
                          config_hash="bench")
        i += 1
        written.value = max(written.value, 0) + 1


def serve(db: str) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "vedette.cli", "serve", "--db", db, "--port", str(PORT)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            httpx.get(f"http://127.0.0.1:{PORT}/api/rejects?limit=1", timeout=1)
            return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start")


def measure(client: httpx.Client, routes: list[str], repeat: int) -> dict[str, Any]:
    """Per route: p50, p95, max (ms) and failures; each route once to warm it first."""
    out: dict[str, Any] = {}
    for route in routes:
        client.get(route)
        times, failures = [], 0
        for _ in range(repeat):
            t0 = time.perf_counter()
            response = client.get(route)
            times.append((time.perf_counter() - t0) * 1000)
            failures += response.status_code != 200
        times.sort()
        out[route] = {"p50_ms": round(statistics.median(times), 1),
                      "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                      "max_ms": round(times[-1], 1), "failed": failures}
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--db", default="out/bench/api_latency.db")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    build(args.db, args.n, args.corpus)
    build_s = time.perf_counter() - t0
    store = open_store(args.db)
    article_id = _an_article(store)
    routes = [r.replace("{id}", article_id) for r in ROUTES]
    proc = serve(args.db)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{PORT}", timeout=60) as client:
            quiet = measure(client, routes, args.repeat)
            busy, written = _during_ingest(client, routes, args)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    result = {"articles": store.count(), "claims": store.count("claims"),
              "quotes": store.count("quotes"), "build_s": round(build_s, 1),
              "quiet": quiet, "during_ingest": busy, "articles_written_during_ingest": written,
              "target_p95_ms": TARGET_P95_MS, "over_target": _over(quiet, busy),
              "machine": machine(), "cpus": os.cpu_count()}
    emit(result, args.json)
    return 0


def _an_article(store: Any) -> str:
    from vedette.service import Filter, PageRequest, list_quotes

    return list_quotes(store, Filter(), PageRequest(limit=1)).items[0].article_id


def _during_ingest(client: httpx.Client, routes: list[str],
                   args: argparse.Namespace) -> tuple[dict[str, Any], int]:
    ctx = mp.get_context("spawn")
    stop, written = ctx.Event(), ctx.Value("i", 0)
    proc = ctx.Process(target=writer, args=(args.db, str(args.corpus), stop, written))
    proc.start()
    while written.value == 0:  # until its seed reports are analysed
        time.sleep(0.2)
    try:
        busy = measure(client, routes, args.repeat)
    finally:
        stop.set()
        proc.join(timeout=60)
    return busy, int(written.value)


def _over(*phases: dict[str, Any]) -> list[str]:
    return sorted({route for phase in phases for route, m in phase.items()
                   if m["p95_ms"] > TARGET_P95_MS or m["failed"]})


if __name__ == "__main__":
    raise SystemExit(main())
