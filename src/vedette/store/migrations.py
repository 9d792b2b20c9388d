"""Named migrations, applied once each and recorded in the `migrations` table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Connection, inspect, select, text

from vedette.store import schema
from vedette.store.settings import PG_MIGRATION_LOCK

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


def _revisions(conn: Connection) -> None:
    """Revisions: each stored text becomes a revision of its source (URL, else path) in the
    order it was ingested, so an edited article no longer looks like a second article; each
    claim gets the outlet its confirmations count under; and `store_error` rejections of
    articles that are stored go (they were races between two writers, not bad inputs)."""
    if "outlet" not in {c["name"] for c in inspect(conn).get_columns("claims")}:
        conn.execute(text("ALTER TABLE claims ADD COLUMN outlet TEXT"))
    schema.revisions.create(conn, checkfirst=True)
    if "ix_articles_analysed_by" not in {i["name"] for i in inspect(conn).get_indexes("articles")}:
        conn.execute(text("CREATE INDEX ix_articles_analysed_by "
                          "ON articles (extractor_version, config_hash)"))
    from vedette.store.backfill import backfill_outlets, backfill_revisions

    backfill_revisions(conn)
    backfill_outlets(conn)
    conn.execute(text("DELETE FROM rejections WHERE code = 'store_error' "
                      "AND path IN (SELECT path FROM articles)"))


def _provenance_index(conn: Connection) -> None:
    """Fingerprints, posting lists, learned boilerplate, links and families per article, so
    provenance grows with each batch instead of being recomputed over the store."""
    schema.metadata.create_all(conn, tables=schema.PROVENANCE_TABLES)


def _minhash_fix(conn: Connection) -> None:
    """The MinHash permutations changed (fingerprint.py), so stored band keys no longer match
    those of new texts: the provenance index is emptied, and the next `ingest` or `vedette
    provenance` re-indexes every stored article (the same as `provenance --rebuild`)."""
    for table in reversed(schema.PROVENANCE_TABLES):
        conn.execute(table.delete())
    conn.execute(schema.families.delete())


def _provenance_pending(conn: Connection) -> None:
    """A rebuild holds postings in memory and writes them every few million rows; this table
    marks the docs whose postings a rebuild cut short never wrote (`SqlIndex.restore`)."""
    schema.provenance_pending.create(conn, checkfirst=True)


# Keyset pages of the desk (issue 11) walk these orders; the expressions must match those in
# store/queries.py exactly (COALESCE(x, '') so that undated rows sort first, not unknown).
DESK_INDEXES = {
    "ix_articles_desk": "articles ((COALESCE(published, '')), id)",
    "ix_articles_publisher": "articles (publisher)",
    "ix_quotes_desk": "quotes ((COALESCE(day, '')), article_id, qid)",
    "ix_quotes_speaker_desk": "quotes (speaker, (COALESCE(day, '')), article_id, qid)",
    "ix_claims_source_desk": "claims (source, (COALESCE(day, '')), article_id, cid)",
    "ix_claims_desk": "claims ((COALESCE(day, '')), article_id, cid)",
    "ix_events_desk": "events ((COALESCE(day, '')), type, actors, article_id, eid)",
    "ix_events_type_desk": "events (type, (COALESCE(day, '')), actors, article_id, eid)",
}


def _desk_indexes(conn: Connection) -> None:
    """Events get an indexed day (their date, else the article's) and quotes their article's,
    as claims did in 0003, and the desk's list orders get indexes, so a page is an index range
    scan, not a sort."""
    published = "(SELECT published FROM articles WHERE articles.id = {0}.article_id)"
    for table, own in (("events", "date"), ("quotes", None)):
        if "day" not in {c["name"] for c in inspect(conn).get_columns(table)}:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN day VARCHAR(32)"))
            value = published.format(table)
            conn.execute(text(f"UPDATE {table} SET day = "
                              + (f"COALESCE({own}, {value})" if own else value)))
    for name, target in DESK_INDEXES.items():
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {target}"))


MIGRATIONS: list[Migration] = [
    ("0001_initial", _initial),
    ("0002_claim_buckets", _claim_buckets),
    ("0003_claim_day", _claim_day),
    ("0004_claim_of", _claim_of),
    ("0005_revisions", _revisions),
    ("0006_provenance_index", _provenance_index),
    ("0007_desk_indexes", _desk_indexes),
    ("0008_minhash_fix", _minhash_fix),
    ("0009_provenance_pending", _provenance_pending),
]


def pending(conn: Connection) -> list[str]:
    """Names of the migrations not applied yet (all of them for a new database)."""
    if not inspect(conn).has_table("migrations"):
        return [name for name, _ in MIGRATIONS]
    done = set(conn.execute(select(schema.migrations.c.name)).scalars())
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(conn: Connection) -> list[str]:
    """Apply the migrations not yet recorded; return their names.

    Run inside the writer's transaction (SQLite: BEGIN IMMEDIATE); on PostgreSQL an advisory
    lock does the same, so processes opening a new store at once migrate it once.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
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
