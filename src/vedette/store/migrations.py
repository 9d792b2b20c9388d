"""Named migrations, applied once each and recorded in the `migrations` table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select, text

from vedette.store import schema

Migration = tuple[str, Callable[[Connection], None]]


def _initial(conn: Connection) -> None:
    schema.metadata.create_all(
        conn,
        tables=[schema.articles, schema.quotes, schema.claims, schema.events,
                schema.rejections, schema.families],
    )


def _claim_buckets(conn: Connection) -> None:
    """Claims get their value bucket and underlying source, so independent confirmations
    are one indexed GROUP BY instead of a pairwise scan."""
    # 0001 builds tables from the current schema, so a new database has these columns already;
    # a database made before 0002 gets them here.
    present = {c["name"] for c in inspect(conn).get_columns("claims")}
    if "bucket" not in present:
        conn.execute(text("ALTER TABLE claims ADD COLUMN bucket INTEGER"))
    if "underlying" not in present:
        conn.execute(text("ALTER TABLE claims ADD COLUMN underlying TEXT"))

    indexes = {i["name"] for i in inspect(conn).get_indexes("claims")}
    if "ix_claims_cluster_bucket" not in indexes:
        conn.execute(text("CREATE INDEX ix_claims_cluster_bucket ON claims (cluster, bucket)"))



def _claim_day(conn: Connection) -> None:
    """An indexed day per claim (its as-of date, else the article's), so the latest
    estimates come straight off an index."""
    if "day" not in {c["name"] for c in inspect(conn).get_columns("claims")}:
        conn.execute(text("ALTER TABLE claims ADD COLUMN day VARCHAR(10)"))
        conn.execute(text(
            "UPDATE claims SET day = COALESCE(as_of, (SELECT published FROM articles "
            "WHERE articles.id = claims.article_id))"
        ))
    if "ix_claims_day" not in {i["name"] for i in inspect(conn).get_indexes("claims")}:
        conn.execute(text("CREATE INDEX ix_claims_day ON claims (day)"))


def _claim_of(conn: Connection) -> None:
    """Claims get whose forces they count (`of`) and their kind (issue 9), so the troop
    tracker filters on an index; claims stored before this stay NULL until re-analysed."""
    present = {c["name"] for c in inspect(conn).get_columns("claims")}
    if "of" not in present:
        conn.execute(text('ALTER TABLE claims ADD COLUMN "of" TEXT'))
    if "kind" not in present:
        conn.execute(text("ALTER TABLE claims ADD COLUMN kind VARCHAR(16)"))
    if "ix_claims_of" not in {i["name"] for i in inspect(conn).get_indexes("claims")}:
        conn.execute(text('CREATE INDEX ix_claims_of ON claims ("of", kind)'))


MIGRATIONS: list[Migration] = [
    ("0001_initial", _initial),
    ("0002_claim_buckets", _claim_buckets),
    ("0003_claim_day", _claim_day),
    ("0004_claim_of", _claim_of),
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
