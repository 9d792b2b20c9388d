"""The timeline: events in date order, the same event from several articles merged."""

from __future__ import annotations

from dataclasses import dataclass

from vedette.store import Store
from vedette.store.rows import EventRow


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


def timeline(store: Store) -> list[TimelineEntry]:
    groups: dict[tuple[str | None, str, tuple[str, ...]], list[EventRow]] = {}
    for row in store.events():
        key = (row.date or row.published, row.type, tuple(sorted(row.actors)))
        groups.setdefault(key, []).append(row)
    entries = [_entry(key[0], rows) for key, rows in groups.items()]
    return sorted(entries, key=lambda e: (e.date or "9999", e.type))


def _entry(when: str | None, rows: list[EventRow]) -> TimelineEntry:
    first = rows[0]
    sources = tuple(dict.fromkeys(r.path for r in rows))
    return TimelineEntry(when, first.type, first.actors, first.place, first.modality, sources,
                         first.evidence)
