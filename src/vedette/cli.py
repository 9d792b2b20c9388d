"""The `vedette` command: a thin Typer shell over `vedette.service`."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from vedette.distributed.settings import DEFAULT_PARTITIONS
from vedette.errors import VedetteError
from vedette.render import render_report
from vedette.service import Outcome, analyze_paths, check_date, read_inputs

# No pretty tracebacks: a user sees one coded line, never a stack (see `main`).
app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__,
                  pretty_exceptions_enable=False)
out = Console()
err = Console(stderr=True, soft_wrap=True)


@app.callback()
def _root() -> None:
    """Vedette: who said what, on whose authority, in the news about a military crisis."""


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or globs.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON (JSON Lines for several).")] = False,
    published: Annotated[
        str | None, typer.Option(help="Anchor date YYYY-MM-DD when the input has none.")
    ] = None,
    raw: Annotated[bool, typer.Option(help="Analyse the file text exactly as it is.")] = False,
) -> None:
    """Analyse articles into auditable reports: entities, quotes and their sources."""
    check_date(published)
    outcomes: list[Outcome] = []
    from vedette.ingest import may_hold_several  # lazy: ingest pulls in trafilatura

    several = len(paths) > 1 or any(
        Path(p).is_dir() or "*" in p or may_hold_several(Path(p)) for p in paths
    )
    for outcome in analyze_paths(paths, raw=raw, published=published):
        outcomes.append(outcome)
        if outcome.rejection is not None:
            err.print(outcome.rejection.message, markup=False, highlight=False)
        elif outcome.report is not None:
            _emit(outcome, as_json=as_json, lines=several)
    _summarise(outcomes)


@app.command()
def provenance(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or globs.")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Find copies, spun rewrites and partial copies; group them into families with origins."""
    from vedette.provenance import corpus_provenance, render_provenance

    articles, rejections = read_inputs(paths)
    for r in rejections:
        err.print(r.message, markup=False, highlight=False)
    result = corpus_provenance(articles)
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        render_provenance(result, out)
    if rejections:
        err.print(f"{len(articles)} read, {len(rejections)} rejected", markup=False)
        raise typer.Exit(1)


# `estimates` shows the latest this many by default: an answer in well under a second on a
# 100,000-article store (benchmarks/store_scale.py); --limit 0 lists them all.
DEFAULT_ESTIMATES_LIMIT = 1000
DbOption = Annotated[str | None, typer.Option("--db", help="SQLite file or postgresql:// URL.")]


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, feeds, WARCs.")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option(help="Worker processes (spaCy loaded once each).")] = 1,
    published: Annotated[str | None, typer.Option(help="Anchor date if inputs have none.")]
    = None,
) -> None:
    """Analyse inputs into the store; re-running adds nothing and resumes a killed run."""
    from vedette.batch import ingest as run_ingest
    from vedette.batch import update_families
    from vedette.render import ingest_progress
    from vedette.store import open_store

    store = open_store(db)
    with ingest_progress(err) as notify:
        summary = run_ingest(paths, store, workers=workers, published=published,
                             progress=notify)
    families = update_families(store)
    err.print(
        f"{summary.stored} stored, {summary.already_stored} already stored, "
        f"{summary.rejected} rejected, {families} copy families; "
        f"{store.count()} articles in {store.backend}",
        markup=False, highlight=False,
    )
    for r in summary.rejections:
        err.print(r.message, markup=False, highlight=False)


@app.command()
def rejects(db: DbOption = None,
            as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List every rejected input with its reason code."""
    from vedette.store import open_store

    items = open_store(db).rejections()
    if as_json:
        _json_lines(items)
        return
    from vedette.render import render_rejections

    render_rejections(items, out)


@app.command()
def estimates(
    db: DbOption = None,
    counted: Annotated[str | None, typer.Option(help="Filter: what is counted.")] = None,
    near: Annotated[str | None, typer.Option(help="Filter: place text.")] = None,
    since: Annotated[str | None, typer.Option(help="Filter: from this date on.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    as_csv: Annotated[bool, typer.Option("--csv")] = False,
    chart: Annotated[Path | None, typer.Option(help="Write a PNG/SVG chart and an HTML page.")]
    = None,
    limit: Annotated[int, typer.Option(help="Only the latest N estimates (0: all).")]
    = DEFAULT_ESTIMATES_LIMIT,
) -> None:
    """Every reported number over time, with source, chain and independent confirmations."""
    from vedette.analyze.estimates import estimates as find_estimates
    from vedette.store import open_store

    items = find_estimates(open_store(db), counted=counted, near=near, since=check_date(since),
                           limit=limit or None)
    if as_json:
        _json_lines(items)
    elif as_csv:
        from vedette.render import estimates_csv

        estimates_csv(items, sys.stdout)
    else:
        from vedette.render import render_estimates

        render_estimates(items, out)
    if chart is not None:
        from vedette.analyze.chart import write_chart

        for written in write_chart(items, chart):
            err.print(f"wrote {written}", markup=False, highlight=False)


@app.command()
def timeline(db: DbOption = None,
             as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Events in date order with actors, place, sources and evidence."""
    from vedette.analyze.timeline import timeline as build_timeline
    from vedette.store import open_store

    entries = build_timeline(open_store(db))
    if as_json:
        _json_lines(entries)
        return
    from vedette.render import render_timeline

    render_timeline(entries, out)


@app.command()
def contradictions(
    db: DbOption = None,
    counted: Annotated[str | None, typer.Option(help="Filter: what is counted.")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Numbers about the same thing, same window, different sources, that disagree."""
    from vedette.analyze.contradictions import contradictions as find_contradictions
    from vedette.store import open_store

    found = find_contradictions(open_store(db), counted=counted)
    if as_json:
        _json_lines(found)
        return
    from vedette.render import render_contradictions

    render_contradictions(found, out)


@app.command()
def who(name: Annotated[str, typer.Argument(help="A person or organisation.")],
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Everything a person or organisation said, with dates and evidence."""
    from vedette.store import open_store

    quotes = open_store(db).quotes_by(name)
    if as_json:
        _json_lines(quotes)
        return
    from vedette.render import render_who

    render_who(name, quotes, out)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    table: Annotated[str, typer.Option(help="articles (full reports), quotes, claims, events, "
                                             "rejections, families.")] = "articles",
    output: Annotated[Path | None, typer.Option("--out", help="File (stdout if omitted).")]
    = None,
    db: DbOption = None,
) -> None:
    """Export the store."""
    from vedette.analyze.export import export as run_export
    from vedette.store import open_store

    n = run_export(open_store(db), fmt, table, output or sys.stdout)
    err.print(f"{n} {table} rows exported", markup=False, highlight=False)


@app.command()
def batch(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, JSONL, feeds, "
                                                    "WARCs; with Spark also hdfs://, s3a://.")],
    output: Annotated[str, typer.Option("--out", help="Output folder (or URI) for the tables.")],
    engine: Annotated[str, typer.Option(help="local (process pool) or spark.")] = "local",
    master: Annotated[str | None, typer.Option(help="Spark master URL, e.g. local[2].")] = None,
    partitions: Annotated[int, typer.Option(help="Document partitions (units of resume).")]
    = DEFAULT_PARTITIONS,
    workers: Annotated[int, typer.Option(help="Local engine: worker processes.")] = 1,
    published: Annotated[str | None, typer.Option(help="Anchor date if inputs have none.")]
    = None,
) -> None:
    """Analyse inputs into Parquet tables (one folder per table); a rerun resumes."""
    from vedette.distributed.run import BatchOptions, run_batch

    summary = run_batch(BatchOptions(inputs=paths, out=output, engine=engine, master=master,
                                     partitions=partitions, workers=workers,
                                     published=check_date(published)))
    counts = ", ".join(f"{n} {t}" for t, n in summary.counts.items())
    err.print(f"{summary.engine}: {summary.partitions_run} partitions analysed, "
              f"{summary.partitions_skipped} already done; {counts} in {output} "
              f"({summary.seconds:.1f} s)", markup=False, highlight=False)


@app.command()
def load(
    folder: Annotated[str, typer.Argument(help="Output folder of `vedette batch`.")],
    db: DbOption = None,
) -> None:
    """Bring batch tables into a store (PostgreSQL: COPY; SQLite: batched inserts)."""
    from vedette.distributed.load import load_tables
    from vedette.store import open_store

    store = open_store(db)
    summary = load_tables(folder, store)
    rows = ", ".join(f"{n} {t}" for t, n in summary.rows.items())
    err.print(f"read {rows}; families {summary.families}; {store.count()} articles in "
              f"{store.backend}", markup=False, highlight=False)


def _json_lines(records: Sequence[Any]) -> None:
    """Records (dataclasses) as JSON Lines on stdout."""
    for record in records:
        sys.stdout.write(json.dumps(asdict(record), ensure_ascii=False) + "\n")


def _emit(outcome: Outcome, *, as_json: bool, lines: bool) -> None:
    assert outcome.report is not None
    if as_json:
        data = outcome.report.to_json()
        text = json.dumps(data, ensure_ascii=False, indent=None if lines else 2)
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
    else:
        render_report(outcome.report, out)


def _summarise(outcomes: list[Outcome]) -> None:
    rejected = [o.rejection for o in outcomes if o.rejection is not None]
    if not outcomes:
        err.print("[V011] no_input: no files matched", markup=False)
        raise typer.Exit(2)
    if rejected:
        done = len(outcomes) - len(rejected)
        err.print(f"{done} analysed, {len(rejected)} rejected:", markup=False)
        for r in rejected:
            err.print(f"  {r.path}  {r.code}", markup=False, highlight=False)
        raise typer.Exit(1)


def main() -> None:
    """Entry point: coded one-line errors, never a traceback."""
    try:
        app()
    except VedetteError as e:
        err.print(str(e), markup=False, highlight=False)
        sys.exit(2)
    except KeyboardInterrupt:
        err.print("[V098] interrupted", markup=False)
        sys.exit(130)
    except Exception as e:  # noqa: BLE001 - the last line of defence: one line, no traceback
        detail = str(e).splitlines()[0][:300] if str(e) else ""
        err.print(f"[V099] internal_error: {type(e).__name__}: {detail} "
                  "(please report this with the input that caused it)",
                  markup=False, highlight=False)
        sys.exit(3)


if __name__ == "__main__":
    main()
