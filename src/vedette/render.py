"""Readable Rich rendering of a report, grouped by speaker."""

from __future__ import annotations

from collections import defaultdict

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from vedette.records import Quote, Report

CONTENT_PREVIEW_CHARS = 220
# Quotes whose speaker the sieve left unresolved (a wrong name is worse than none).
UNRESOLVED = "(speaker unresolved)"


def render_report(report: Report, console: Console) -> None:
    a = report.article
    head = f"[bold]{escape(a.title or a.path)}[/bold]\n{escape(a.publisher or 'unknown publisher')}"
    if a.published:
        head += f" · {escape(a.published)}"
    console.print(Panel(head, title="article", expand=False))
    if report.speakers:
        console.print(_document_speakers(report))
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for q in report.quotes:
        by_speaker[q.speaker.name if q.speaker else UNRESOLVED].append(q)
    for speaker, quotes in sorted(by_speaker.items(),
                                  key=lambda kv: (kv[0] == UNRESOLVED, -len(kv[1]))):
        console.print(_speaker_table(speaker, quotes))
    people = [e for e in report.entities if e.type in {"PERSON", "ORG"}]
    if people:
        names = escape(", ".join(f"{e.name} ({len(e.mentions)})" for e in people))
        console.print(f"[dim]people and organisations:[/dim] {names}")


def _document_speakers(report: Report) -> str:
    """'speakers: Vladimir Putin (President of Russia, for Russia, 5 turns), Reporter (...)'."""
    parts = []
    for s in report.speakers:
        about = [x for x in (s.role, f"for {s.on_behalf_of}" if s.on_behalf_of else None,
                             f"{len(s.turns)} turn(s)" if s.turns else None) if x]
        parts.append(f"{escape(s.name)} ({', '.join(about)})" if about else escape(s.name))
    return f"[dim]speakers:[/dim] {'; '.join(parts)}"


def _speaker_table(speaker: str, quotes: list[Quote]) -> Table:
    table = Table(title=f"{escape(speaker)} — {len(quotes)} quote(s)", title_justify="left",
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
        table.add_row(*_plain(kind, q.cue.text if q.cue else "", content, via,
                              f"{q.content.start}-{q.content.end}"))
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
        table.add_row(*_plain(r.code, r.path, r.message))
    console.print(table)


def _plain(*cells: str) -> list[Text]:
    """Table cells from input text: shown as they are, never read as Rich markup."""
    return [Text(cell) for cell in cells]


def number_text(low, high, value) -> str:  # type: ignore[no-untyped-def]
    """100,000 / 80,000–90,000 / ≥100,000 ("more than") / ≤100,000 ("up to")."""
    if low is not None and high is not None and low != high:
        return f"{low:,.0f}–{high:,.0f}"
    if low is not None and high is None:
        return f"≥{low:,.0f}"
    if high is not None and low is None:
        return f"≤{high:,.0f}"
    return "" if value is None else f"{value:,.0f}"


def _card(console: Console, head: str, lines: list[str]) -> None:
    """One item as a short block: readable at any terminal width, unlike a wide table."""
    console.print(head, highlight=False)
    for line in lines:
        if line:
            console.print(f"  {line}", highlight=False)


def render_estimates(items, console: Console) -> None:  # type: ignore[no-untyped-def]
    console.print(f"[bold]{len(items)} reported estimate(s)[/bold]")
    for e in items:
        # A count noun unit ("troop") says nothing the counted text ("troops") does not.
        unit = f" {e.unit}" if e.unit and e.unit.lower() not in e.counted.lower() else ""
        number = number_text(e.low, e.high, e.value)
        head = (f"[bold]{escape(e.date or '????-??-??')}[/bold]  "
                f"[cyan]{number}{escape(unit)}[/cyan]  "
                f"{escape(e.counted)}" + (f" (of {escape(e.of)})" if e.of else "")
                + (f" — {escape(e.place)}" if e.place else ""))
        via = " → ".join(e.chain)
        _card(console, head, [
            f"source: {escape(e.source or 'unattributed')}" + (f"  via: {escape(via)}" if via
                                                               else "")
            + f"  ({escape(e.modality)}; independent chains: {e.confirmations})",
            f"[dim]“{escape(e.evidence[:CONTENT_PREVIEW_CHARS])}”  {escape(e.path)}[/dim]",
        ])


def estimates_csv(items, fh) -> None:  # type: ignore[no-untyped-def]
    import csv

    writer = csv.writer(fh)
    writer.writerow(["date", "value", "low", "high", "unit", "counted", "of", "kind", "place",
                     "modality", "source", "chain", "confirmations", "path", "evidence"])
    for e in items:
        writer.writerow([e.date, e.value, e.low, e.high, e.unit, e.counted, e.of, e.kind,
                         e.place, e.modality, e.source, " > ".join(e.chain), e.confirmations,
                         e.path, e.evidence])


def render_timeline(entries, console: Console) -> None:  # type: ignore[no-untyped-def]
    console.print(f"[bold]{len(entries)} event(s)[/bold]")
    for e in entries:
        head = (f"[bold]{escape(e.date or '????-??-??')}[/bold]  [cyan]{escape(e.type)}[/cyan]  "
                f"{escape(', '.join(e.actors))}" + (f" — {escape(e.place)}" if e.place else "")
                + f"  [dim]({e.modality}; {len(e.sources)} article(s))[/dim]")
        _card(console, head, [f"[dim]{escape(e.evidence[:CONTENT_PREVIEW_CHARS])}[/dim]"])


def render_contradictions(found, console: Console) -> None:  # type: ignore[no-untyped-def]
    table = Table(title=f"{len(found)} contradiction(s)", title_justify="left", show_lines=True,
                  expand=True)
    for col in ("counted", "A", "B", "days apart"):
        table.add_column(col)
    for c in found:
        table.add_row(escape(c.cluster.split("|")[0]), _side(c.a), _side(c.b), str(c.days_apart))
    console.print(table)


def _side(row) -> str:  # type: ignore[no-untyped-def]
    via = f" via {' → '.join(row.chain)}" if row.chain else ""
    where = f"{row.path} chars {row.start}-{row.end}" if row.start is not None else row.path
    return (f"{number_text(row.low, row.high, row.value)} {escape(row.counted)}"
            f"{' (of ' + escape(row.of) + ')' if row.of else ''} — {escape(row.source or '')}"
            f"{escape(via)} ({escape(str(row.as_of or row.published))})\n"
            f"[dim]“{escape(row.evidence[:CONTENT_PREVIEW_CHARS])}”\n{escape(where)}[/dim]")


def render_who(name: str, quotes, console: Console) -> None:  # type: ignore[no-untyped-def]
    console.print(f"[bold]{escape(name)}: {len(quotes)} statement(s)[/bold]")
    for q in quotes:
        kind = "question" if q.question else q.kind
        via = " → ".join(q.chain) or (q.channel or "")
        head = (f"[bold]{escape(q.published or '????-??-??')}[/bold]  {escape(q.speaker or '')}  "
                f"[dim]{escape(kind)}{', via ' + escape(via) if via else ''}[/dim]")
        _card(console, head, [f"“{escape(q.content[:CONTENT_PREVIEW_CHARS])}”",
                              f"[dim]{escape(q.path)} chars {q.start}-{q.end}[/dim]"])


def render_history(item, console: Console) -> None:  # type: ignore[no-untyped-def]
    """A source's revisions, then what changed from each to the next."""
    console.print(f"[bold]{escape(item.source)}: {len(item.revisions)} revision(s)[/bold]")
    for rev in item.revisions:
        mark = "  [green]latest[/green]" if rev.latest else ""
        console.print(f"  r{rev.revision}  {rev.seen_at[:19]}  {rev.article_id[:12]}  "
                      f"{escape(rev.title or rev.path)}{mark}", highlight=False)
    for step in item.changes:
        console.print(f"[bold]r{step.before} → r{step.after}[/bold]: "
                      f"{len(step.claims)} claim change(s), {len(step.quotes)} quote change(s)")
        for c in step.claims:
            console.print(f"  {_claim_change(c)}", highlight=False)
        for q in step.quotes:
            console.print(f"  {_quote_change(q)}", highlight=False)


def _claim_change(c) -> str:  # type: ignore[no-untyped-def]
    row = c.after or c.before
    what = f"{escape(row.counted)} ({escape(row.source or 'unattributed')})"
    before = number_text(c.before.low, c.before.high, c.before.value) if c.before else ""
    after = number_text(c.after.low, c.after.high, c.after.value) if c.after else ""
    if c.change == "revised":
        return f"[yellow]claim revised[/yellow] {what}: {before} → {after}"
    if c.change == "added":
        return f"[green]claim added[/green] {what}: {after}"
    return f"[red]claim removed[/red] {what}: {before}"


def _quote_change(q) -> str:  # type: ignore[no-untyped-def]
    who = escape(q.speaker or "unattributed")
    before = escape((q.before or "")[:CONTENT_PREVIEW_CHARS])
    after = escape((q.after or "")[:CONTENT_PREVIEW_CHARS])
    if q.change == "revised":
        return f"[yellow]quote revised[/yellow] {who}: “{before}” → “{after}”"
    if q.change == "added":
        return f"[green]quote added[/green] {who}: “{after}”"
    return f"[red]quote removed[/red] {who}: “{before}”"
