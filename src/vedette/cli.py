"""The `vedette` command: a thin Typer shell over `vedette.service`."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from vedette.distributed.settings import DEFAULT_PARTITIONS
from vedette.errors import VedetteError
from vedette.render import render_report

if TYPE_CHECKING:
    from multiprocessing.pool import Pool

    from vedette.batch import IngestSummary
    from vedette.records import Outcome
    from vedette.store import Store

# No pretty tracebacks: a user sees one coded line, never a stack (see `main`).
app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__,
                  pretty_exceptions_enable=False)
out = Console(emoji=False)
err = Console(stderr=True, soft_wrap=True, emoji=False)


FollowLinks = Annotated[bool, typer.Option(
    "--follow-links", help="Follow symbolic links out of the folders and globs given.")]
# Exit codes, the same for every command (docs/reliability.md): 0 every input done; 1 the
# command ran but some inputs were rejected; 2 the command could not run (usage, options,
# store); 3 an internal error stopped the process; 130 interrupted.
EXIT_REJECTED = 1
EXIT_UNUSABLE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130


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
    follow_links: FollowLinks = False,
) -> None:
    """Analyse articles into auditable reports: entities, quotes and their sources."""
    from vedette.dates import check_date
    from vedette.service import analyze_paths

    check_date(published)
    outcomes: list[Outcome] = []
    from vedette.ingest import may_hold_several  # lazy: ingest pulls in trafilatura

    several = len(paths) > 1 or any(
        Path(p).is_dir() or "*" in p or may_hold_several(Path(p)) for p in paths
    )
    for outcome in analyze_paths(paths, raw=raw, published=published,
                                 follow_links=follow_links):
        if outcome.note is not None:
            _line(outcome.note.message)
        if outcome.rejection is not None:
            _line(outcome.rejection.message)
        elif outcome.report is not None:
            _emit(outcome, as_json=as_json, lines=several)
        if outcome.report is not None or outcome.rejection is not None:
            outcomes.append(outcome)
    _summarise(outcomes)


@app.command()
def provenance(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, directories or globs; "
                                                     "none: the store's index.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
    db: Annotated[str | None, typer.Option("--db", help="SQLite file or postgresql:// URL.")]
    = None,
    rebuild: Annotated[bool, typer.Option(help="Recompute the store's index from scratch.")]
    = False,
) -> None:
    """Find copies, spun rewrites and partial copies; group them into families with origins.

    With files: their families, each link explained by its shared passages. Without: the
    store's provenance index is brought up to date (new articles only) or rebuilt."""
    if not paths:
        _store_provenance(db, rebuild=rebuild, as_json=as_json)
        return
    from vedette.provenance import corpus_provenance, render_provenance
    from vedette.service import read_inputs

    articles, rejections = read_inputs(paths)
    for r in rejections:
        _line(r.message)
    result = corpus_provenance(articles)
    if as_json:
        sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        render_provenance(result, out)
    if rejections:
        _line(f"{len(articles)} read, {len(rejections)} rejected")
        raise typer.Exit(EXIT_REJECTED)


def _store_provenance(db: str | None, *, rebuild: bool, as_json: bool) -> None:
    from vedette.provenance.store_view import explained_families
    from vedette.provenance.stored import rebuild_index, update_index
    from vedette.store import open_store
    from vedette.store.provenance_index import stored_families

    store = open_store(db)
    summary = rebuild_index(store) if rebuild else update_index(store)
    families = stored_families(store)
    if as_json:
        shown = [f.to_json() for f in explained_families(store)]
        sys.stdout.write(json.dumps({"families": shown}, ensure_ascii=False, indent=2) + "\n")
    err.print(f"{summary.added} articles {'indexed' if rebuild else 'added'}, "
              f"{len(families)} families in {store.count('provenance_docs')} indexed articles",
              markup=False, highlight=False)


# `estimates` shows the latest this many by default: an answer in well under a second on a
# 100,000-article store (benchmarks/store_scale.py); --limit 0 lists them all.
DEFAULT_ESTIMATES_LIMIT = 1000
DbOption = Annotated[str | None, typer.Option("--db", help="SQLite file or postgresql:// URL.")]


class RevisionScope(str, Enum):
    latest = "latest"
    all = "all"


RevisionsOption = Annotated[RevisionScope, typer.Option(
    "--revisions", help="latest: the latest revision of each source; all: every revision.")]


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories, globs, feeds, WARCs.")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option(help="Worker processes (spaCy loaded once each).")] = 1,
    published: Annotated[str | None, typer.Option(help="Anchor date if inputs have none.")]
    = None,
    follow_links: FollowLinks = False,
) -> None:
    """Analyse inputs into the store; re-running adds nothing and resumes a killed run."""
    from vedette.workers import start_pool

    pool = start_pool(workers)  # first: the workers load spaCy while this process imports
    try:
        summary, store = _ingest(paths, db, workers, published, follow_links, pool)
    finally:
        if pool is not None:
            pool.terminate()
    from vedette.batch import update_families

    families = update_families(store, known=summary.prints)
    _line(f"{summary.stored} stored, {summary.already_stored} already stored, "
          f"{summary.rejected} rejected, {families} copy families; "
          f"{store.count()} articles in {store.backend}"
          + (f"; {summary.revised} new revision(s) of known sources" if summary.revised else ""))
    _report_stale(store, summary.config_hash)
    for r in [*summary.notes, *summary.rejections]:
        _line(r.message)
    if summary.rejected:
        raise typer.Exit(EXIT_REJECTED)


def _ingest(paths: list[str], db: str | None, workers: int, published: str | None,
            follow_links: bool, pool: Pool | None) -> tuple[IngestSummary, Store]:
    from vedette.batch import ingest as run_ingest
    from vedette.dates import check_date
    from vedette.render import ingest_progress
    from vedette.store import open_store

    check_date(published)
    store = open_store(db, write=True)
    with ingest_progress(err) as notify:
        summary = run_ingest(paths, store, workers=workers, published=published,
                             progress=notify, follow_links=follow_links, pool=pool)
    return summary, store


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
    revisions: RevisionsOption = RevisionScope.latest,
    of: Annotated[str | None, typer.Option(
        "--of", help="Filter: whose forces (a country or alliance, e.g. Russia).")] = None,
    kind: Annotated[str | None, typer.Option(
        help="force, casualty, hypothetical, other or all (default: force and other).")]
    = None,
) -> None:
    """Every reported number over time, with source, chain and independent confirmations."""
    from vedette.analyze.estimates import check_kind
    from vedette.analyze.estimates import estimates as find_estimates
    from vedette.dates import check_date
    from vedette.store import open_store

    items = find_estimates(open_store(db), counted=counted, near=near, since=check_date(since),
                           limit=limit or None, of=of, kind=check_kind(kind),
                           revisions=revisions.value)
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
            _line(f"wrote {written}")


@app.command()
def timeline(db: DbOption = None,
             as_json: Annotated[bool, typer.Option("--json")] = False,
             show_all: Annotated[bool, typer.Option(
                 "--all", help="Every event, also those without an actor or a date, merged "
                               "by exact date, type and actors.")] = False,
             revisions: RevisionsOption = RevisionScope.latest) -> None:
    """Events with an actor and a calendar date, in date order, one report per event."""
    from vedette.analyze.timeline import timeline as build_timeline
    from vedette.store import open_store

    entries = build_timeline(open_store(db), revisions.value, everything=show_all)
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
    revisions: RevisionsOption = RevisionScope.latest,
) -> None:
    """Numbers about the same thing, same window, different sources, that disagree."""
    from vedette.analyze.contradictions import contradictions as find_contradictions
    from vedette.store import open_store

    found = find_contradictions(open_store(db), counted=counted, revisions=revisions.value)
    if as_json:
        _json_lines(found)
        return
    from vedette.render import render_contradictions

    render_contradictions(found, out)


@app.command()
def who(name: Annotated[str, typer.Argument(help="A person or organisation.")],
        db: DbOption = None,
        as_json: Annotated[bool, typer.Option("--json")] = False,
        revisions: RevisionsOption = RevisionScope.latest) -> None:
    """Everything a person or organisation said, with dates and evidence."""
    from vedette.store import open_store

    quotes = open_store(db).quotes_by(name, revisions.value)
    if as_json:
        _json_lines(quotes)
        return
    from vedette.render import render_who

    render_who(name, quotes, out)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="jsonl, csv or parquet.")] = "jsonl",
    table: Annotated[str, typer.Option(help="articles (full reports), quotes, claims, events, "
                                             "rejections, families, revisions.")] = "articles",
    output: Annotated[Path | None, typer.Option("--out", help="File (stdout if omitted).")]
    = None,
    db: DbOption = None,
    revisions: RevisionsOption = RevisionScope.latest,
) -> None:
    """Export the store."""
    from vedette.analyze.export import export as run_export
    from vedette.store import open_store

    n = run_export(open_store(db), fmt, table, output or sys.stdout, revisions.value)
    _line(f"{n} {table} rows exported")


def _line(text: str) -> None:
    """One line on stderr, exactly as given: never read as Rich markup, never highlighted."""
    err.print(text, markup=False, highlight=False, emoji=False)


@app.command()
def history(
    source: Annotated[str, typer.Argument(help="The URL or path the article was ingested from "
                                               "(or its end).")],
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The revisions of an article and what changed in its claims and quotes between them."""
    from vedette.analyze.history import history as find_history
    from vedette.store import open_store

    found = find_history(open_store(db), source)
    if as_json:
        _json_lines(found)
        return
    from vedette.render import render_history

    for item in found:
        render_history(item, out)


@app.command()
def reanalyze(
    db: DbOption = None,
    workers: Annotated[int, typer.Option(help="Worker processes (spaCy loaded once each).")] = 1,
) -> None:
    """Re-extract, from the stored text, every article analysed by an older extractor
    version or configuration; in place, one article at a time, resumable."""
    from vedette.reanalyze import reanalyze as run_reanalyze
    from vedette.render import ingest_progress
    from vedette.store import open_store

    store = open_store(db, write=True)
    with ingest_progress(err) as notify:
        summary = run_reanalyze(store, workers=workers, progress=notify)
    _line(f"{summary.updated} re-analysed of {summary.stale} stale, "
          f"{summary.done_elsewhere} done by another process, {summary.rejected} failed")
    for r in summary.rejections:
        _line(r.message)
    if summary.rejected:
        raise typer.Exit(EXIT_REJECTED)


def _report_stale(store: Any, config: str | None) -> None:
    from vedette.reanalyze import stale_count

    stale = stale_count(store, config)
    if stale:
        _line(f"{stale} stored article(s) were analysed by an older extractor version or "
              "configuration: run `vedette reanalyze` to bring them up to date")


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Interface to bind (this machine only by default).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    token_file: Annotated[Path | None, typer.Option(
        help="File whose first line is the bearer token that enables writes "
             "(else $VEDETTE_API_TOKEN; without either the desk is read-only).")] = None,
) -> None:
    """The analyst's desk: REST API (/api) and web dashboard over the store."""
    from vedette.api import create_app, read_token

    try:
        import uvicorn
    except ImportError:
        err.print("[V070] web_extra_missing: pip install 'vedette[web]'", markup=False)
        raise typer.Exit(2) from None
    app = create_app(db, token=read_token(token_file))
    mode = "writes enabled (bearer token)" if app.state.token else "read-only"
    err.print(f"Vedette desk on http://{host}:{port}/ ({mode})", markup=False, highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


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
    from vedette.dates import check_date
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
        _line("[V011] no_input: no files matched")
        raise typer.Exit(EXIT_UNUSABLE)
    if rejected:
        done = len(outcomes) - len(rejected)
        _line(f"{done} analysed, {len(rejected)} rejected:")
        for r in rejected:
            _line(f"  {r.path}  {r.code}")
        raise typer.Exit(EXIT_REJECTED)


def main() -> None:
    """Entry point: coded one-line errors, never a traceback."""
    try:
        app()
    except VedetteError as e:
        _line(str(e))
        sys.exit(EXIT_UNUSABLE)
    except KeyboardInterrupt:
        _line("[V098] interrupted")
        sys.exit(EXIT_INTERRUPTED)
    except Exception as e:  # noqa: BLE001 - the last line of defence: one line, no traceback
        detail = str(e).splitlines()[0][:300] if str(e) else ""
        _line(f"[V099] internal_error: {type(e).__name__}: {detail} "
              "(please report this with the input that caused it)")
        sys.exit(EXIT_INTERNAL)


if __name__ == "__main__":
    main()
