"""Readable Rich rendering of a report, grouped by speaker."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from vedette.records import Quote, Report

CONTENT_PREVIEW_CHARS = 220


def render_report(report: Report, console: Console) -> None:
    a = report.article
    head = f"[bold]{a.title or a.path}[/bold]\n{a.publisher or 'unknown publisher'}"
    if a.published:
        head += f" · {a.published}"
    console.print(Panel(head, title="article", expand=False))
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for q in report.quotes:
        by_speaker[q.speaker.name if q.speaker else "(unattributed)"].append(q)
    for speaker, quotes in sorted(by_speaker.items(), key=lambda kv: -len(kv[1])):
        console.print(_speaker_table(speaker, quotes))
    people = [e for e in report.entities if e.type in {"PERSON", "ORG"}]
    if people:
        names = ", ".join(f"{e.name} ({len(e.mentions)})" for e in people)
        console.print(f"[dim]people and organisations:[/dim] {names}")


def _speaker_table(speaker: str, quotes: list[Quote]) -> Table:
    table = Table(title=f"{speaker} — {len(quotes)} quote(s)", title_justify="left",
                  show_lines=True, expand=True)
    table.add_column("kind", width=9)
    table.add_column("cue", width=14)
    table.add_column("said", ratio=4)
    table.add_column("via", ratio=2)
    table.add_column("chars", width=12)
    for q in quotes:
        kind = "question" if q.question else q.kind
        via = ", ".join(q.chain) or (q.channel or "")
        if q.channel and q.channel not in via:
            via = f"{via}; {q.channel}" if via else q.channel
        content = q.content.text
        if len(content) > CONTENT_PREVIEW_CHARS:
            content = content[:CONTENT_PREVIEW_CHARS] + "…"
        table.add_row(kind, q.cue.text if q.cue else "", content, via,
                      f"{q.content.start}-{q.content.end}")
    return table


# --- corpus views ------------------------------------------------------------------------

def ingest_progress(console: Console):  # type: ignore[no-untyped-def]
    """A context manager yielding a progress callback: files done, with rate and ETA."""
    from contextlib import contextmanager

    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    @contextmanager
    def _progress():  # type: ignore[no-untyped-def]
        counts = {"stored": 0, "skipped": 0}
        with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[detail]}"), TimeElapsedColumn(),
                      TimeRemainingColumn(), console=console, transient=False) as bar:
            task = bar.add_task("files", total=None, detail="")

            def notify(event: str, n: int) -> None:
                if event == "total":
                    bar.update(task, total=n)
                elif event == "file":
                    bar.advance(task, n)
                else:
                    counts[event] = counts.get(event, 0) + n
                    rate = bar.tasks[0].elapsed or 1.0
                    bar.update(task, detail=f"{counts['stored']} stored "
                                            f"({counts['stored'] / rate:.1f}/s), "
                                            f"{counts['skipped']} known")

            yield notify

    return _progress()


def render_rejections(items, console: Console) -> None:  # type: ignore[no-untyped-def]
    table = Table(title=f"{len(items)} rejected input(s)", title_justify="left")
    table.add_column("code")
    table.add_column("path")
    table.add_column("message", ratio=3)
    for r in items:
        table.add_row(r.code, r.path, r.message)
    console.print(table)


def _number(low, high, value) -> str:  # type: ignore[no-untyped-def]
    if low is not None and high is not None and low != high:
        return f"{low:,.0f}–{high:,.0f}"
    return "" if value is None else f"{value:,.0f}"


def render_estimates(items, console: Console) -> None:  # type: ignore[no-untyped-def]
    table = Table(title=f"{len(items)} reported estimate(s)", title_justify="left",
                  show_lines=True, expand=True)
    for col in ("date", "number", "counted", "place", "source", "via", "indep.", "evidence"):
        table.add_column(col, ratio=4 if col == "evidence" else None)
    for e in items:
        table.add_row(e.date or "", _number(e.low, e.high, e.value), e.counted, e.place or "",
                      e.source or "", " → ".join(e.chain), str(e.confirmations),
                      f"{e.evidence[:CONTENT_PREVIEW_CHARS]}\n[dim]{e.path}[/dim]")
    console.print(table)


def estimates_csv(items, fh) -> None:  # type: ignore[no-untyped-def]
    import csv

    writer = csv.writer(fh)
    writer.writerow(["date", "value", "low", "high", "unit", "counted", "place", "modality",
                     "source", "chain", "confirmations", "path", "evidence"])
    for e in items:
        writer.writerow([e.date, e.value, e.low, e.high, e.unit, e.counted, e.place, e.modality,
                         e.source, " > ".join(e.chain), e.confirmations, e.path, e.evidence])


def render_timeline(entries, console: Console) -> None:  # type: ignore[no-untyped-def]
    table = Table(title=f"{len(entries)} event(s)", title_justify="left", show_lines=True,
                  expand=True)
    for col in ("date", "type", "actors", "place", "modality", "sources", "evidence"):
        table.add_column(col, ratio=4 if col == "evidence" else None)
    for e in entries:
        table.add_row(e.date or "", e.type, ", ".join(e.actors), e.place or "", e.modality,
                      str(len(e.sources)), e.evidence[:CONTENT_PREVIEW_CHARS])
    console.print(table)


def render_contradictions(found, console: Console) -> None:  # type: ignore[no-untyped-def]
    table = Table(title=f"{len(found)} contradiction(s)", title_justify="left", show_lines=True,
                  expand=True)
    for col in ("counted", "A", "B", "days apart"):
        table.add_column(col)
    for c in found:
        table.add_row(c.cluster.split("|")[0], _side(c.a), _side(c.b), str(c.days_apart))
    console.print(table)


def _side(row) -> str:  # type: ignore[no-untyped-def]
    return (f"{_number(row.low, row.high, row.value)} — {row.source} "
            f"({row.as_of or row.published})\n[dim]{row.evidence[:160]}[/dim]")


def render_who(name: str, quotes, console: Console) -> None:  # type: ignore[no-untyped-def]
    table = Table(title=f"{name}: {len(quotes)} statement(s)", title_justify="left",
                  show_lines=True, expand=True)
    for col in ("date", "as", "kind", "said", "via", "article"):
        table.add_column(col, ratio=4 if col == "said" else None,
                         min_width=30 if col == "said" else None)
    for q in quotes:
        kind = "question" if q.question else q.kind
        table.add_row(q.published or "", q.speaker or "", kind,
                      q.content[:CONTENT_PREVIEW_CHARS], " → ".join(q.chain) or (q.channel or ""),
                      q.path)
    console.print(table)
