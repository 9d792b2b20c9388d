"""`vedette batch`: options, the resume check, the manifest; the engines do the work."""

from __future__ import annotations

import json
import platform
import time
from dataclasses import asdict, dataclass, field
from typing import Any

import pyarrow.parquet as pq

from vedette import __version__
from vedette.config import EXTRACTOR_VERSION, config_hash
from vedette.distributed.layout import MANIFEST, TABLES, WORK, Layout
from vedette.distributed.settings import DEFAULT_PARTITIONS
from vedette.errors import VedetteError

ENGINES = ("local", "spark")


class BatchError(VedetteError):
    code = "V060"
    reason = "batch_error"


@dataclass(frozen=True, slots=True)
class BatchOptions:
    inputs: list[str]
    out: str
    engine: str = "local"
    master: str | None = None  # Spark master URL; None: spark-submit's, else local[*]
    partitions: int = DEFAULT_PARTITIONS
    workers: int = 1  # local engine: analysis processes
    published: str | None = None

    def identity(self) -> dict[str, Any]:
        """What must match for a rerun to resume: same inputs, partitions and extractor."""
        return {"inputs": list(self.inputs), "partitions": self.partitions,
                "published": self.published, "extractor_version": EXTRACTOR_VERSION,
                "config_hash": config_hash()}


@dataclass(slots=True)
class BatchSummary:
    engine: str
    partitions_run: int = 0  # analysed in this run
    partitions_skipped: int = 0  # found finished from an earlier run
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def check_options(opts: BatchOptions) -> None:
    if opts.engine not in ENGINES:
        raise BatchError(f"unknown engine {opts.engine!r}; choose one of {', '.join(ENGINES)}")
    if opts.partitions < 1:
        raise BatchError("--partitions must be at least 1")


def claim_output(layout: Layout, opts: BatchOptions) -> None:
    """Record this run's identity in DIR, or check that DIR holds a run of the same one."""
    path = layout.path(WORK, "args.json")
    wanted = opts.identity()
    if layout.exists(path):
        found = json.loads(layout.read_bytes(path))
        if found != wanted:
            raise BatchError(f"{opts.out} holds a run with other arguments or another "
                             "extractor version; use a new --out folder or remove it")
        return
    layout.write_bytes(path, json.dumps(wanted, indent=2).encode())


def run_batch(opts: BatchOptions) -> BatchSummary:
    check_options(opts)
    layout = Layout(opts.out)
    claim_output(layout, opts)
    start = time.perf_counter()
    if opts.engine == "spark":
        from vedette.distributed.spark_engine import run_spark

        summary = run_spark(opts, layout)
    else:
        from vedette.distributed.local import run_local

        summary = run_local(opts, layout)
    summary.counts = table_counts(layout)
    summary.seconds = time.perf_counter() - start
    write_manifest(layout, opts, summary)
    return summary


def table_counts(layout: Layout) -> dict[str, int]:
    """Rows per table, from the part files' Parquet footers (no data read)."""
    counts: dict[str, int] = {}
    for table in TABLES:
        total = 0
        for part in layout.parts(table):
            with layout.fs.open_input_file(part) as fh:
                total += pq.ParquetFile(fh).metadata.num_rows
        counts[table] = total
    return counts


def write_manifest(layout: Layout, opts: BatchOptions, summary: BatchSummary) -> None:
    manifest = {
        "vedette": __version__, "extractor_version": EXTRACTOR_VERSION,
        "config_hash": config_hash(), "engine": opts.engine, "master": opts.master,
        "partitions": opts.partitions, "inputs": opts.inputs, "published": opts.published,
        "counts": summary.counts, "python": platform.python_version(),
        "spark": _spark_version() if opts.engine == "spark" else None,
        "seconds": round(summary.seconds, 3), "run": asdict(summary),
    }
    layout.write_bytes(layout.path(MANIFEST), json.dumps(manifest, indent=2).encode())


def _spark_version() -> str | None:
    try:
        import pyspark
    except ImportError:
        return None
    return str(pyspark.__version__)
