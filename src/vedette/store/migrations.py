"""Named migrations, applied once each and recorded in the `migrations` table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, select

from vedette.store import schema

Migration = tuple[str, Callable[[Connection], None]]


def _initial(conn: Connection) -> None:
    schema.metadata.create_all(
        conn,
        tables=[schema.articles, schema.quotes, schema.claims, schema.events,
                schema.rejections, schema.families],
    )


MIGRATIONS: list[Migration] = [
    ("0001_initial", _initial),
]


def migrate(conn: Connection) -> list[str]:
    """Apply the migrations not yet recorded; return their names."""
    schema.migrations.create(conn, checkfirst=True)
    done = set(conn.execute(select(schema.migrations.c.name)).scalars())
    applied = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        step(conn)
        conn.execute(schema.migrations.insert().values(name=name, applied_at=_now()))
        applied.append(name)
    return applied


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
