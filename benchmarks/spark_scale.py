"""Spark local[2] against the local engine: NLP throughput and provenance at scale.

Usage:
  .venv/bin/python benchmarks/spark_scale.py nlp --docs 2000 [--json OUT]
  .venv/bin/python benchmarks/spark_scale.py provenance --n 10000 --n 100000 [--json OUT]
      [--engines local spark]

nlp: the corpus replicated to --docs documents (each copy a distinct text: a numbered line is
appended), `vedette batch` with --engine local --workers 2 and with --engine spark --master
local[2], each a fresh process; wall time, documents per second, ratio (target >= 0.85) and
the peak memory of the process tree (driver, JVM, Python workers).
provenance: N synthetic articles (benchmarks/reusegen, as reuse_scale.py); the local engine
(`corpus_provenance`) and the Spark provenance stage on local[2], each a fresh child process;
time, peak memory (local: the process; Spark: driver Python, the JVM that is driver and
executor in local mode, and the executors' Python workers), growth for 10x, and whether the
families are the same.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import CORPUS, emit, machine  # noqa: E402

PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
TARGET_RATIO = 0.85
MAX_GROWTH = 11.0
SPARK_CONF = {"spark.driver.memory": "4g"}
ENGINES = ("local", "spark")
# Documents per replicated input file (each file well under the input budget).
DOCS_PER_FILE = 100


class TreeMemory:
    """Peak resident memory of a process and its descendants, sampled twice a second,
    split by kind: java (driver+executor JVM), python workers, the rest; and the CPU time of
    the tree (user + system of every process seen, at its last sample: on a shared machine
    wall time measures the queue for the cores, CPU time the work)."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peak: dict[str, float] = {"total": 0.0}
        self.cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            sample: dict[str, float] = {}
            for pid in _tree(self.root):
                kind, mib = _rss(pid)
                sample[kind] = sample.get(kind, 0.0) + mib
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu_seconds(pid))
            sample["total"] = sum(sample.values())
            for kind, mib in sample.items():
                self.peak[kind] = max(self.peak.get(kind, 0.0), mib)


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                children = Path(f"/proc/{p}/task/{task}/children").read_text().split()
                todo.extend(int(c) for c in children)
        except OSError:
            continue
    return out


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def _rss(pid: int) -> tuple[str, float]:
    try:
        name = Path(f"/proc/{pid}/comm").read_text().strip()
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except OSError:
        return "gone", 0.0
    kind = "java" if name == "java" else "python" if name.startswith("python") else "other"
    if kind == "python" and pid == os.getpid():
        kind = "driver_python"
    return kind, pages * PAGE_KIB / 1024


# --- (a) NLP throughput ---------------------------------------------------------------------

def replicate_corpus(folder: Path, docs: int) -> Path:
    """JSON Lines files of DOCS_PER_FILE documents each (one file of 2,000 corpus texts would
    pass the 20 MiB input budget and be rejected whole)."""
    from vedette.ingest import read_articles

    originals = [a for f in sorted(CORPUS.glob("*.txt")) for a in read_articles(f)]
    inputs = folder / "replicated"
    inputs.mkdir()
    for first in range(0, docs, DOCS_PER_FILE):
        path = inputs / f"part-{first // DOCS_PER_FILE:04d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for n in range(first, min(docs, first + DOCS_PER_FILE)):
                a = originals[n % len(originals)]
                fh.write(json.dumps({"text": f"{a.text}\n\nCopy {n}.", "title": a.title,
                                     "published": a.published, "outlet": a.publisher}) + "\n")
    return inputs


def time_batch(inputs: Path, out: Path, engine: str, partitions: int) -> dict[str, Any]:
    extra = ["--workers", "2"] if engine == "local" else ["--master", "local[2]"]
    command = [sys.executable, "-m", "vedette.cli", "batch", str(inputs), "--out", str(out),
               "--engine", engine, "--partitions", str(partitions), *extra]
    start = time.perf_counter()
    job = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with TreeMemory(job.pid) as memory:
        _, stderr = job.communicate()
    seconds = time.perf_counter() - start
    if job.returncode != 0:
        raise SystemExit(f"{engine} batch failed: {stderr.decode()[-2000:]}")
    manifest = json.loads((out / "manifest.json").read_text())
    if manifest["counts"]["rejections"]:
        raise SystemExit(f"{engine} batch rejected inputs: {manifest['counts']}")
    return {"engine": engine, "seconds": round(seconds, 1),
            "docs": manifest["counts"]["articles"],
            "docs_per_s": round(manifest["counts"]["articles"] / seconds, 3),
            "cpu_seconds": round(sum(memory.cpu.values()), 1),
            "load_average": os.getloadavg(),
            "peak_mib": {k: round(v) for k, v in memory.peak.items()}}


def nlp(docs: int, partitions: int) -> dict[str, Any]:
    from vedette.distributed.compare import differences

    with tempfile.TemporaryDirectory(prefix="vedette-spark-nlp-") as tmp:
        root = Path(tmp)
        inputs = replicate_corpus(root, docs)
        local = time_batch(inputs, root / "local", "local", partitions)
        spark = time_batch(inputs, root / "spark", "spark", partitions)
        same = differences(str(root / "local"), str(root / "spark")) == []
    ratio = spark["docs_per_s"] / local["docs_per_s"]
    cpu_ratio = local["cpu_seconds"] / spark["cpu_seconds"] if spark["cpu_seconds"] else 0.0
    return {"benchmark": "spark_nlp", "machine": machine(), "docs": docs, "local": local,
            "spark": spark, "ratio": round(ratio, 3), "cpu_ratio": round(cpu_ratio, 3),
            "target_ratio": TARGET_RATIO,
            "same_tables": same}


# --- (b) provenance at scale -------------------------------------------------------------------

def provenance_child(engine: str, n: int, out: Path) -> None:
    from reusegen.scale import generate

    from vedette.distributed.documents import unique_articles

    articles = unique_articles(generate(CORPUS, n))
    if engine == "local":
        rows, seconds, peak = _local_families(articles)
    else:
        rows, seconds, peak = _spark_families(articles, out.parent)
    out.write_text(json.dumps({"engine": engine, "n": n, "texts": len(articles),
                               "seconds": round(seconds, 1), "peak_mib": peak,
                               "families": len({r[1] for r in rows}), "rows": rows}))


def _local_families(articles: list[Any]) -> tuple[list[Any], float, dict[str, float]]:
    import resource

    from vedette.distributed.bridge import local_families
    from vedette.distributed.provenance_rows import family_rows

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    rows = family_rows(local_families(articles))
    seconds = time.perf_counter() - start
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return sorted(_row_key(r) for r in rows), seconds, {"process_growth": round(peak)}


def _spark_families(articles: list[Any], tmp: Path) -> tuple[list[Any], float, dict[str, float]]:
    from vedette.distributed.compare import table_rows
    from vedette.distributed.layout import WORK, Layout
    from vedette.distributed.spark_engine import session
    from vedette.distributed.spark_provenance import provenance_stage

    layout = Layout(str(tmp / "spark-out"))
    _write_documents(layout, articles)
    del articles
    with TreeMemory(os.getpid()) as memory:
        spark = session("local[2]", SPARK_CONF)
        start = time.perf_counter()
        provenance_stage(spark, layout, layout.spark_path(WORK, "documents"))
        seconds = time.perf_counter() - start
    rows = table_rows(layout.uri, "families")
    keyed = sorted(_row_key(dict(zip(("article_id", "family", "origin_id", "origin_outlet"),
                                     (json.loads(v) for v in r), strict=False)))
                   for r in rows)
    return keyed, seconds, {k: round(v) for k, v in memory.peak.items()}


def _row_key(row: dict[str, Any]) -> list[Any]:
    return [row["article_id"], row["family"], row["origin_id"], row["origin_outlet"]]


def _write_documents(layout: Any, articles: list[Any]) -> None:
    """The read stage's output, written directly (generation is not what is measured)."""
    import pyarrow as pa

    from vedette.distributed.documents import dumps, partition_of
    from vedette.distributed.layout import WORK

    step = 20_000
    for n in range(0, len(articles), step):
        chunk = articles[n : n + step]
        table = pa.table({"id": [a.id for a in chunk],
                          "pkey": [partition_of(a.id, 16) for a in chunk],
                          "path": [a.path for a in chunk],
                          "article": [dumps(a) for a in chunk]})
        layout.write_table(layout.path(WORK, "documents", f"part-{n // step:05d}.parquet"), table)


def provenance(sizes: list[int], engines: tuple[str, ...] = ENGINES) -> dict[str, Any]:
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="vedette-spark-prov-") as tmp:
        for n in sizes:
            for engine in engines:
                out = Path(tmp) / f"{engine}-{n}" / "result.json"
                out.parent.mkdir(parents=True)
                subprocess.run([sys.executable, __file__, "child", engine, "--n", str(n),
                                "--out", str(out)], check=True)
                results.append(json.loads(out.read_text()))
                print(json.dumps({k: v for k, v in results[-1].items() if k != "rows"}),
                      flush=True)
    summary = [{k: v for k, v in r.items() if k != "rows"} for r in results]
    by = {(r["engine"], r["n"]): r for r in results}
    for n in sizes if len(engines) == len(ENGINES) else []:
        same = by[("local", n)]["rows"] == by[("spark", n)]["rows"]
        summary.append({"n": n, "same_families": same})
    if len(sizes) > 1:
        lo, hi = min(sizes), max(sizes)
        for engine in engines:
            growth = by[(engine, hi)]["seconds"] / by[(engine, lo)]["seconds"]
            summary.append({"engine": engine, "articles_x": hi // lo, "time_x": round(growth, 2),
                            "target_x": MAX_GROWTH * hi / lo / 10})
    return {"benchmark": "spark_provenance", "machine": machine(), "results": summary}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("nlp", "provenance", "child"))
    parser.add_argument("engine", nargs="?", choices=("local", "spark"))
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--partitions", type=int, default=16)
    parser.add_argument("--n", type=int, action="append")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES),
                        help="provenance: the sides to run (1,000,000 locally needs ~16 GB)")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    if args.what == "child":
        provenance_child(args.engine, args.n[0], args.out)
    elif args.what == "nlp":
        emit(nlp(args.docs, args.partitions), args.json)
    else:
        emit(provenance(args.n or [10_000, 100_000], tuple(args.engines)), args.json)


if __name__ == "__main__":
    main()
