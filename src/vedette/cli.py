"""The `vedette` command: a thin Typer shell over `vedette.service`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from vedette.errors import VedetteError
from vedette.render import render_report
from vedette.service import Outcome, analyze_paths, check_date, read_inputs

app = typer.Typer(add_completion=False, no_args_is_help=True, help=__doc__)
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
    several = len(paths) > 1 or any(Path(p).is_dir() or "*" in p for p in paths)
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
        err.print("[V099] interrupted", markup=False)
        sys.exit(130)


if __name__ == "__main__":
    main()
