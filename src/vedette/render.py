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
