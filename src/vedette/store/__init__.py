"""The store: SQLite by default (`vedette.db`), PostgreSQL with `--db postgresql://...`.

One implementation over SQLAlchemy Core; the backends differ only in connection setup and
the "insert, ignoring duplicates" statement.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Table, create_engine, delete, event, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from vedette.errors import VedetteError
from vedette.records import Article, Rejection, Report
from vedette.store import schema
from vedette.store.migrations import migrate
from vedette.store.rows import ClaimRow, EventRow, FamilyRow, QuoteRow

DEFAULT_DB = "vedette.db"
# SQLite waits this long for a lock held by another process before failing.
SQLITE_BUSY_MS = 30_000


class StoreError(VedetteError):
    code = "V040"
    reason = "store_error"


def database_url(db: str | None) -> str:
    """A file path or URL -> an SQLAlchemy URL (psycopg 3 for PostgreSQL)."""
    db = db or DEFAULT_DB
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def open_store(db: str | None = None) -> Store:
    url = database_url(db)
    if url.startswith("postgresql"):
        try:
            import psycopg  # noqa: F401
        except ImportError as err:
            hint = "PostgreSQL needs its driver: pip install 'vedette[postgres]'"
            raise StoreError(hint) from err
    store = Store(create_engine(url, future=True))
    try:
        store.migrate()
    except SQLAlchemyError as err:
        reason = str(err.orig if hasattr(err, "orig") else err).splitlines()[0]
        raise StoreError(f"cannot open {db or DEFAULT_DB}: {reason}") from err
    return store


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> list[str]:
        with self.engine.begin() as conn:
            return migrate(conn)

    # --- writing -------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        wanted = list(ids)
        found: set[str] = set()
        col = schema.articles.c.id
        with self.engine.connect() as conn:
            for chunk in _chunks(wanted, 500):
                found.update(conn.execute(select(col).where(col.in_(chunk))).scalars())
        return found

    def save_report(self, report: Report, *, version: str, config_hash: str) -> bool:
        """Store one report in one transaction; False when the article was already there."""
        article_id = report.article.id
        with self.engine.begin() as conn:
            exists = conn.execute(
                select(schema.articles.c.id).where(schema.articles.c.id == article_id)
            ).first()
            if exists:
                return False
            data = report.to_json()
            conn.execute(schema.articles.insert().values(**_article_row(data, version,
                                                                         config_hash)))
            day = data["article"]["published"]
            _insert_many(conn, schema.quotes, [_quote_row(article_id, q, day) for q in
                                               data["quotes"]])
            _insert_many(conn, schema.claims, [_claim_row(article_id, c, day) for c in
                                               data["claims"]])
            _insert_many(conn, schema.events, [_event_row(article_id, e, day) for e in
                                               data["events"]])
        return True

    def save_rejection(self, rejection: Rejection) -> None:
        row = {"path": rejection.path, "code": rejection.code, "message": rejection.message,
               "rejected_at": _now()}
        with self.engine.begin() as conn:
            conn.execute(self._insert_ignore(schema.rejections).values(**row))

    def replace_families(self, rows: Sequence[FamilyRow]) -> None:
        with self.engine.begin() as conn:
            conn.execute(delete(schema.families))
            _insert_many(conn, schema.families, [
                {"article_id": r.article_id, "family": r.family, "origin_id": r.origin_id,
                 "origin_outlet": r.origin_outlet, "relation": r.relation} for r in rows
            ])

    # --- reading -------------------------------------------------------------------------

    def count(self, table: str = "articles") -> int:
        t = schema.metadata.tables[table]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t)).scalar_one())

    def rejections(self) -> list[Rejection]:
        r = schema.rejections
        with self.engine.connect() as conn:
            rows = conn.execute(select(r.c.path, r.c.code, r.c.message).order_by(r.c.path))
            return [Rejection(path, code, message) for path, code, message in rows]

    def articles(self) -> Iterator[Article]:
        a = schema.articles
        cols = (a.c.path, a.c.title, a.c.publisher, a.c.url, a.c.published, a.c.text)
        with self.engine.connect() as conn:
            for path, title, publisher, url, published, text in conn.execute(
                select(*cols).order_by(a.c.published, a.c.path)
            ):
                yield Article(text=text, path=path, title=title, publisher=publisher, url=url,
                              published=published)

    def claims(self, *, counted: str | None = None, since: str | None = None,
               near: str | None = None, limit: int | None = None) -> list[ClaimRow]:
        """Claims in date order; with `limit`, the latest `limit` of them."""
        c, a, f = schema.claims, schema.articles, schema.families
        query = (
            select(c, a.c.path, a.c.publisher, a.c.published, f.c.family, f.c.origin_outlet)
            .join(a, a.c.id == c.c.article_id)
            .outerjoin(f, f.c.article_id == c.c.article_id)
        )
        if counted:
            query = query.where(func.lower(c.c.counted).contains(counted.lower()))
        if near:
            query = query.where(func.lower(c.c.place).contains(near.lower()))
        if since:
            query = query.where(c.c.day >= since)
        if limit:  # the indexed `day` lets the database stop after `limit` rows
            query = query.order_by(c.c.day.desc(), c.c.article_id.desc(), c.c.cid.desc())
            query = query.limit(limit)
        else:
            query = query.order_by(c.c.day, c.c.article_id, c.c.cid)
        with self.engine.connect() as conn:
            rows = [_claim_from(row._mapping) for row in conn.execute(query)]
        return rows[::-1] if limit else rows

    def confirmation_counts(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]:
        """Distinct (family or article, underlying source) per (cluster, value bucket)."""
        c, f = schema.claims, schema.families
        chain_key = func.coalesce(f.c.family, c.c.article_id) + "|" + func.coalesce(
            c.c.underlying, "")
        wanted = sorted(set(keys))
        counts: dict[tuple[str, int], int] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(wanted, 200):
                clusters = sorted({k[0] for k in chunk})
                buckets = sorted({k[1] for k in chunk})
                query = (
                    select(c.c.cluster, c.c.bucket, func.count(chain_key.distinct()))
                    .outerjoin(f, f.c.article_id == c.c.article_id)
                    .where(c.c.cluster.in_(clusters), c.c.bucket.in_(buckets))
                    .group_by(c.c.cluster, c.c.bucket)
                )
                for cluster, bucket, n in conn.execute(query):
                    counts[(cluster, bucket)] = int(n)
        return counts

    def quotes_by(self, name: str) -> list[QuoteRow]:
        q, a = schema.quotes, schema.articles
        query = (
            select(q, a.c.path, a.c.published)
            .join(a, a.c.id == q.c.article_id)
            .where(func.lower(q.c.speaker).contains(name.lower()))
            .order_by(a.c.published, a.c.path, q.c.start)
        )
        with self.engine.connect() as conn:
            return [_quote_from(row._mapping) for row in conn.execute(query)]

    def events(self) -> list[EventRow]:
        e, a = schema.events, schema.articles
        query = (
            select(e, a.c.path, a.c.published)
            .join(a, a.c.id == e.c.article_id)
            .order_by(func.coalesce(e.c.date, a.c.published), a.c.path, e.c.start)
        )
        with self.engine.connect() as conn:
            return [_event_from(row._mapping) for row in conn.execute(query)]

    def families(self) -> list[FamilyRow]:
        f = schema.families
        with self.engine.connect() as conn:
            return [FamilyRow(*row) for row in conn.execute(
                select(f.c.article_id, f.c.family, f.c.origin_id, f.c.origin_outlet,
                       f.c.relation))]

    def _insert_ignore(self, table: Table) -> Any:
        dialect = postgresql if self.backend == "postgresql" else sqlite
        return dialect.insert(table).on_conflict_do_nothing()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers never block the one writer
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cur.close()


def _insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(table.insert(), rows)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _article_row(data: dict[str, Any], version: str, config_hash: str) -> dict[str, Any]:
    a = data["article"]
    return {
        "id": a["id"], "path": a["path"], "title": a["title"], "publisher": a["publisher"],
        "url": a["url"], "published": a["published"], "text": a["text"],
        # The text lives in its own column; the stored report omits it to halve the size.
        "report": json.dumps({**data, "article": {**a, "text": None}}, ensure_ascii=False),
        "extractor_version": version, "config_hash": config_hash, "ingested_at": _now(),
    }


def _quote_row(article_id: str, q: dict[str, Any], published: str | None) -> dict[str, Any]:
    speaker = q["speaker"] or {}
    return {
        "article_id": article_id, "qid": q["id"], "kind": q["kind"],
        "speaker": speaker.get("name"), "entity_id": speaker.get("entity_id"),
        "channel": q["channel"], "chain": json.dumps(q["chain"], ensure_ascii=False),
        "question": bool(q["question"]),
        "cue": q["cue"]["text"] if q["cue"] else None,
        "source": q["source"]["text"] if q["source"] else None,
        "content": q["content"]["text"], "start": q["content"]["start"],
        "end": q["content"]["end"], "day": published,
    }


def _claim_row(article_id: str, c: dict[str, Any], published: str | None) -> dict[str, Any]:
    from vedette.analyze.clusters import cluster_key, underlying_source, value_bucket

    source = c["source"] or {}
    return {
        "article_id": article_id, "cid": c["id"], "value": c["value"], "low": c["low"],
        "high": c["high"], "unit": c["unit"], "counted": c["counted"], "place": c["place"],
        "as_of": c["as_of"], "modality": c["modality"], "source": source.get("name"),
        "chain": json.dumps(c["chain"], ensure_ascii=False),
        "evidence": c["evidence"]["text"], "start": c["evidence"]["start"],
        "end": c["evidence"]["end"],
        "cluster": cluster_key(c["counted"], c["place"], c["unit"]),
        "bucket": value_bucket(c["low"], c["high"], c["value"]),
        "underlying": underlying_source(c["chain"], source.get("name")),
        "day": (c["as_of"] or published or "")[:10] or None,
    }


def _event_row(article_id: str, e: dict[str, Any], published: str | None) -> dict[str, Any]:
    return {
        "article_id": article_id, "eid": e["id"], "type": e["type"],
        "actors": json.dumps(e["actors"], ensure_ascii=False), "place": e["place"],
        "date": e["date"], "modality": e["modality"], "evidence": e["evidence"]["text"],
        "start": e["evidence"]["start"], "end": e["evidence"]["end"],
        "day": e["date"] or published,
    }


def _claim_from(m: Any) -> ClaimRow:
    return ClaimRow(
        article_id=m["article_id"], path=m["path"], publisher=m["publisher"],
        published=m["published"], value=m["value"], low=m["low"], high=m["high"],
        unit=m["unit"], counted=m["counted"], place=m["place"], as_of=m["as_of"],
        modality=m["modality"], source=m["source"], chain=tuple(json.loads(m["chain"])),
        evidence=m["evidence"], cluster=m["cluster"], family=m["family"],
        origin_outlet=m["origin_outlet"], bucket=m["bucket"],
    )


def _quote_from(m: Any) -> QuoteRow:
    return QuoteRow(
        article_id=m["article_id"], path=m["path"], published=m["published"], kind=m["kind"],
        speaker=m["speaker"], channel=m["channel"], chain=tuple(json.loads(m["chain"])),
        question=bool(m["question"]), cue=m["cue"], content=m["content"], start=m["start"],
        end=m["end"],
    )


def _event_from(m: Any) -> EventRow:
    return EventRow(
        article_id=m["article_id"], path=m["path"], published=m["published"], type=m["type"],
        actors=tuple(json.loads(m["actors"])), place=m["place"], date=m["date"],
        modality=m["modality"], evidence=m["evidence"],
    )
