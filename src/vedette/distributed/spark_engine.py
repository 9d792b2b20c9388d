"""The Spark engine: any Spark 3.5 cluster (`spark-submit`) or `--master local[N]`.

Stages, each resumable: read the inputs into a documents table (`_work/documents`), analyse
every unfinished partition in the executors (`mapInPandas`; spaCy loads once per Python
worker, which Spark reuses), then provenance (`spark_provenance`). Executors write each
partition's part files and marker themselves, so a killed job keeps what it finished.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from functools import partial
from typing import Any

from vedette.distributed.analysis import ANALYSIS, analyze_partition, write_partition
from vedette.distributed.documents import (
    dumps,
    loads,
    partition_name,
    partition_of,
    read_file,
    read_remote,
    split_inputs,
)
from vedette.distributed.layout import WORK, Layout
from vedette.distributed.run import BatchOptions, BatchSummary
from vedette.distributed.settings import ANALYSIS_BATCH_ROWS, SHUFFLE_PARTITIONS_PER_CORE
from vedette.distributed.tables import TableRows, rejection_row, to_arrow
from vedette.records import Article, Rejection

READ = "read"
DOCUMENTS = "documents"
# One row per document or per rejection, as the read stage emits them.
RAW_SCHEMA = ("id string, pkey int, path string, article binary, "
              "rpath string, rcode string, rmessage string")
ANALYSED_SCHEMA = "pkey int, articles long, rejected long"


def run_spark(opts: BatchOptions, layout: Layout) -> BatchSummary:
    spark = session(opts.master)
    summary = BatchSummary(engine="spark")
    read_stage(spark, opts, layout)
    analysis_stage(spark, opts, layout, summary)
    from vedette.distributed.spark_provenance import provenance_stage

    provenance_stage(spark, layout, documents_path(layout))
    return summary


def session(master: str | None, conf: dict[str, str] | None = None) -> Any:
    """The active session (spark-submit's), or a new one on `master` (default local[*]).

    Executors run this interpreter unless PYSPARK_PYTHON says otherwise: the venv that has
    vedette, spaCy and the model installed.
    """
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("vedette-batch")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    if master:
        builder = builder.master(master)
        if master.startswith("local"):
            builder = builder.config("spark.ui.enabled", "false").config(
                "spark.ui.showConsoleProgress", "false")
    spark = builder.getOrCreate()
    cores = spark.sparkContext.defaultParallelism
    spark.conf.set("spark.sql.shuffle.partitions", str(cores * SHUFFLE_PARTITIONS_PER_CORE))
    spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def documents_path(layout: Layout) -> str:
    return layout.spark_path(WORK, DOCUMENTS)


# --- read ---------------------------------------------------------------------------------

def read_stage(spark: Any, opts: BatchOptions, layout: Layout) -> None:
    """Inputs -> `_work/documents` (one row per unique text) and the input rejections."""
    if READ in layout.done(READ):
        return
    from pyspark.sql import functions as F

    raw = _raw_rows(spark, opts).persist()
    docs = (raw.filter(F.col("id").isNotNull())
            .groupBy("id", "pkey")
            .agg(F.min("path").alias("path"), F.min_by("article", "path").alias("article")))
    docs.write.mode("overwrite").parquet(documents_path(layout))
    rejected = raw.filter(F.col("rcode").isNotNull()).select("rpath", "rcode", "rmessage")
    rows = [rejection_row(Rejection(r.rpath, r.rcode, r.rmessage)) for r in rejected.collect()]
    layout.write_table(layout.part("rejections", "input"), to_arrow("rejections", rows))
    raw.unpersist()
    layout.mark(READ, READ)


def _raw_rows(spark: Any, opts: BatchOptions) -> Any:
    inputs = split_inputs(opts.inputs)
    reject = [_rejection_tuple(r) for r in inputs.rejections]
    frames = [spark.createDataFrame(reject, RAW_SCHEMA)]
    if inputs.local:
        slices = max(1, min(len(inputs.local), spark.sparkContext.defaultParallelism * 4))
        rdd = spark.sparkContext.parallelize(inputs.local, slices).mapPartitions(
            partial(_read_local, partitions=opts.partitions, published=opts.published))
        frames.append(spark.createDataFrame(rdd, RAW_SCHEMA))
    if inputs.remote:
        files = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
                 .load(inputs.remote).select("path", "content"))
        frames.append(files.mapInPandas(
            partial(_read_remote, partitions=opts.partitions, published=opts.published),
            RAW_SCHEMA))
    out = frames[0]
    for frame in frames[1:]:
        out = out.unionByName(frame)
    return out


def _read_local(paths: Iterable[str], *, partitions: int,
                published: str | None) -> Iterator[tuple[Any, ...]]:
    for path in paths:
        articles, rejections = read_file(path, published=published)
        yield from _raw_tuples(articles, rejections, partitions)


def _read_remote(batches: Iterable[Any], *, partitions: int,
                 published: str | None) -> Iterator[Any]:
    import pandas as pd

    columns = [c.split()[0] for c in RAW_SCHEMA.split(", ")]
    for batch in batches:
        for uri, content in zip(batch["path"], batch["content"], strict=True):
            articles, rejections = read_remote(uri, bytes(content), published=published)
            rows = list(_raw_tuples(articles, rejections, partitions))
            yield pd.DataFrame(rows, columns=columns)


def _raw_tuples(articles: list[Article], rejections: list[Rejection],
                partitions: int) -> Iterator[tuple[Any, ...]]:
    for a in articles:
        yield (a.id, partition_of(a.id, partitions), a.path, dumps(a), None, None, None)
    for r in rejections:
        yield _rejection_tuple(r)


def _rejection_tuple(r: Rejection) -> tuple[Any, ...]:
    return (None, None, None, None, r.path, r.code, r.message)


# --- analysis -----------------------------------------------------------------------------

def analysis_stage(spark: Any, opts: BatchOptions, layout: Layout, summary: BatchSummary) -> None:
    """Every partition without a marker, analysed in the executors; the rest is skipped."""
    done = layout.done(ANALYSIS)
    todo = [p for p in range(opts.partitions) if partition_name(p) not in done]
    summary.partitions_skipped = opts.partitions - len(todo)
    if not todo:
        return
    from pyspark.sql import functions as F

    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(ANALYSIS_BATCH_ROWS))
    docs = spark.read.parquet(documents_path(layout)).filter(F.col("pkey").isin(todo))
    analysed = (docs.repartition(len(todo), "pkey").sortWithinPartitions("pkey", "path", "id")
                .select("pkey", "article")
                .mapInPandas(partial(_analyze_batches, layout.uri), ANALYSED_SCHEMA))
    finished = {int(r.pkey) for r in analysed.collect()}
    for pkey in set(todo) - finished:  # partitions that hold no document at all
        write_partition(layout, partition_name(pkey), TableRows())
    summary.partitions_run = len(todo)


def _analyze_batches(uri: str, batches: Iterable[Any]) -> Iterator[Any]:
    """Runs in an executor: rows arrive sorted by partition; each partition is analysed and
    written as soon as its last document has arrived."""
    layout = Layout(uri)
    current: int | None = None
    pending: list[Article] = []
    for batch in batches:
        for pkey, data in zip(batch["pkey"], batch["article"], strict=True):
            if current is not None and pkey != current:
                yield _finish(layout, current, pending)
                pending = []
            current = int(pkey)
            pending.append(loads(bytes(data)))
    if current is not None:
        yield _finish(layout, current, pending)


def _finish(layout: Layout, pkey: int, articles: list[Article]) -> Any:
    import pandas as pd

    rows = analyze_partition(articles)
    write_partition(layout, partition_name(pkey), rows)
    return pd.DataFrame({"pkey": [pkey], "articles": [rows.count("articles")],
                         "rejected": [rows.count("rejections")]})
