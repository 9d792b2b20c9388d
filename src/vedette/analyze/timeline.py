"""The timeline: events in date order, the reports of one event merged (issue 9).

By default only events an analyst can place: at least one actor and a calendar day (a
"present" reference takes its article's date), neither hypothetical, denied, demanded,
threatened nor asked about.
Reports merge only when type, actors and date (within a day) agree. `everything=True` keeps
every event, merged on exact (date, type, actors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from vedette.store import Store
from vedette.store.rows import EventRow, Revisions

# Reports of one event may date it this many days apart (time zones, "overnight").
MERGE_DAYS = 1
PRESENT = "PRESENT_REF"
# Events that did not (or not yet surely) happen have no place on the default timeline.
UNPLACED_MODALITIES = frozenset({"hypothetical", "denied", "demanded", "threatened"})
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: str | None
    type: str
    actors: tuple[str, ...]
    place: str | None
    modality: str
    sources: tuple[str, ...]  # the articles that report it
    evidence: str
    # Where the first report's evidence lies: the desk's evidence drawer.
    article_id: str | None = None
    start: int | None = None
    end: int | None = None
    # How many reports of it there are (the desk lists only the first of `sources`).
    reports: int | None = None


def timeline(store: Store, revisions: Revisions = "latest", *,
             everything: bool = False) -> list[TimelineEntry]:
    rows = store.events(revisions)
    entries = _all(rows) if everything else _placed(rows)
    return sorted(entries, key=lambda e: (e.date or "9999", e.type, e.actors))


def event_day(row: EventRow) -> str | None:
    """The calendar day of an event: its own date, or its article's for "now"."""
    value = row.published if row.date == PRESENT else row.date
    if value and _DAY.match(value):
        return value[:10]
    return None


def placeable(row: EventRow) -> bool:
    """Not a hypothetical, a denial or a question ("what is the likelihood of Russia
    invading?")."""
    return row.modality not in UNPLACED_MODALITIES and not row.evidence.rstrip(
        " ”\"'").endswith("?")


def _placed(rows: list[EventRow]) -> list[TimelineEntry]:
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[date, EventRow]]] = {}
    for row in rows:
        day = event_day(row)
        if not row.actors or day is None or not placeable(row):
            continue
        try:
            when = date.fromisoformat(day)
        except ValueError:
            continue
        groups.setdefault((row.type, tuple(sorted(row.actors))), []).append((when, row))
    entries = []
    for dated in groups.values():
        for run in _runs(sorted(dated, key=lambda d: d[0])):
            entries.append(_entry(run[0][0].isoformat(), [r for _, r in run]))
    return entries


def _runs(dated: list[tuple[date, EventRow]]) -> list[list[tuple[date, EventRow]]]:
    """Reports within MERGE_DAYS of the first report of their run are one event."""
    runs: list[list[tuple[date, EventRow]]] = []
    for item in dated:
        if runs and (item[0] - runs[-1][0][0]).days <= MERGE_DAYS:
            runs[-1].append(item)
        else:
            runs.append([item])
    return runs


def _all(rows: list[EventRow]) -> list[TimelineEntry]:
    groups: dict[tuple[str | None, str, tuple[str, ...]], list[EventRow]] = {}
    for row in rows:
        key = (row.date or row.published, row.type, tuple(sorted(row.actors)))
        groups.setdefault(key, []).append(row)
    return [_entry(key[0], rows) for key, rows in groups.items()]


def _entry(when: str | None, rows: list[EventRow]) -> TimelineEntry:
    first = rows[0]
    sources = tuple(dict.fromkeys(r.path for r in rows))
    return TimelineEntry(when, first.type, first.actors, first.place, first.modality, sources,
                         first.evidence)
