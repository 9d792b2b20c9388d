"""The local engine: this machine's process pool (the one `ingest --workers` uses)."""

from __future__ import annotations

from collections import defaultdict

from vedette.batch import _Analyzer  # the existing pool: spaCy loaded once per worker
from vedette.distributed.analysis import ANALYSIS, analyze_partition, write_partition
from vedette.distributed.bridge import local_families
from vedette.distributed.documents import (
    partition_name,
    partition_of,
    read_file,
    split_inputs,
    unique_articles,
)
from vedette.distributed.layout import Layout
from vedette.distributed.provenance_rows import FAMILIES, family_rows, write_families
from vedette.distributed.run import BatchOptions, BatchSummary
from vedette.distributed.tables import rejection_row
from vedette.errors import UnsupportedInput
from vedette.ingest import to_rejection
from vedette.records import Article, Rejection

READ = "read"  # marker stage of the input rejections


def run_local(opts: BatchOptions, layout: Layout) -> BatchSummary:
    articles, rejections = read_inputs(opts)
    if READ not in layout.done(READ):
        write_input_rejections(layout, rejections)
    summary = BatchSummary(engine="local")
    groups: dict[int, list[Article]] = defaultdict(list)
    for article in articles:
        groups[partition_of(article.id, opts.partitions)].append(article)
    done = layout.done(ANALYSIS)
    with _Analyzer(opts.workers) as analyzer:
        for pkey in range(opts.partitions):
            name = partition_name(pkey)
            if name in done:
                summary.partitions_skipped += 1
                continue
            write_partition(layout, name, analyze_partition(groups[pkey], analyzer.stream))
            summary.partitions_run += 1
    if FAMILIES not in layout.done(FAMILIES):
        write_families(layout, family_rows(local_families(articles)))
    return summary


def read_inputs(opts: BatchOptions) -> tuple[list[Article], list[Rejection]]:
    """Unique articles in canonical order, and every rejected input."""
    inputs = split_inputs(opts.inputs)
    rejections = list(inputs.rejections)
    rejections += [to_rejection(UnsupportedInput("remote paths need --engine spark", path=uri))
                   for uri in inputs.remote]
    found: list[Article] = []
    for path in inputs.local:
        articles, rejected = read_file(path, published=opts.published)
        found.extend(articles)
        rejections.extend(rejected)
    return unique_articles(found), rejections


def write_input_rejections(layout: Layout, rejections: list[Rejection]) -> None:
    from vedette.distributed.tables import to_arrow

    rows = [rejection_row(r) for r in rejections]
    layout.write_table(layout.part("rejections", "input"), to_arrow("rejections", rows))
    layout.mark(READ, READ)
