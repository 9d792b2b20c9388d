"""The Store protocol over SQLAlchemy Core: SQLite (default) and PostgreSQL.

Reads use plain connections; every write goes through the one `Writer` (idempotent inserts,
retried on lock conflicts). Queries read the latest revision of each source unless asked for
`revisions="all"`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    Select,
    and_,
    case,
    delete,
    exists,
    func,
    or_,
    select,
    true,
    update,
)
from sqlalchemy.engine import Connection

from vedette.records import Article, Rejection, Report
from vedette.store import schema
from vedette.store.base import source_of
from vedette.store.convert import (
    ReportRows,
    article_from,
    claim_from,
    event_from,
    now,
    quote_from,
    report_rows,
)
from vedette.store.migrations import migrate, pending
from vedette.store.rows import (
    ClaimRow,
    EventRow,
    FamilyRow,
    QuoteRow,
    RevisionRow,
    Revisions,
    Saved,
)
from vedette.store.settings import QUERY_CHUNK, REVISION_ATTEMPTS
from vedette.store.urls import host_of, normal_url
from vedette.store.writer import Writer

a, r, f = schema.articles, schema.revisions, schema.families


class SqlStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.writer = Writer(engine)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def check_writable(self) -> None:
        """Raise the database's own error now if it cannot be written (SQLite: read-only)."""
        if self.backend != "sqlite":
            return
        with self.engine.connect() as conn:
            # A write that changes nothing still needs a writable file; rolled back anyway.
            conn.execute(delete(schema.rejections).where(schema.rejections.c.path.is_(None)))
            conn.rollback()

    def migrate(self) -> list[str]:
        with self.engine.connect() as conn:
            if not pending(conn):
                return []
        return self.writer.run(migrate)

    # --- writing: everything through self.writer --------------------------------------

    def save_report(self, report: Report, *, version: str, config_hash: str) -> Saved:
        """Store one report (nothing if its text is stored) and record it as the latest
        revision of its source, in one transaction."""
        rows = report_rows(report, version, config_hash)
        source = source_of(report.article)
        return self.writer.run(lambda conn: self._save(conn, rows, source))

    def save_revision(self, article: Article) -> Saved:
        """A stored text seen at a source: the source's next revision unless it is its latest."""
        source = source_of(article)

        def work(conn: Connection) -> Saved:
            revision, superseded = self._revise(conn, source, article.id)
            return Saved(False, revision, superseded)

        return self.writer.run(work)

    def replace_report(self, report: Report, *, version: str, config_hash: str) -> bool:
        """Re-analysis in place: the stored article's quotes, claims and events replaced and
        its report, version and hash updated, unless it is analysed by (version, hash)
        already (another process was first): then False."""
        rows = report_rows(report, version, config_hash)
        return self.writer.run(lambda conn: self._replace(conn, rows))

    def save_rejection(self, rejection: Rejection) -> None:
        row = {"path": rejection.path, "code": rejection.code, "message": rejection.message,
               "rejected_at": now()}
        self.writer.run(lambda conn: self.writer.insert_one(conn, schema.rejections, row))

    def replace_families(self, rows: Sequence[FamilyRow]) -> None:
        values = list({row.article_id: {
            "article_id": row.article_id, "family": row.family, "origin_id": row.origin_id,
            "origin_outlet": row.origin_outlet, "relation": row.relation} for row in rows
        }.values())  # one row per article, whatever the caller passes

        def work(conn: Connection) -> None:
            conn.execute(delete(f))
            self.writer.insert_ignore(conn, f, values)

        self.writer.run(work)

    def _save(self, conn: Connection, rows: ReportRows, source: str) -> Saved:
        stored = self.writer.insert_one(conn, a, rows.article)
        if stored:  # else another writer stored the text, children included, atomically
            self.writer.insert_ignore(conn, schema.quotes, rows.quotes)
            self.writer.insert_ignore(conn, schema.claims, rows.claims)
            self.writer.insert_ignore(conn, schema.events, rows.events)
        revision, superseded = self._revise(conn, source, rows.article["id"])
        # A rejection of this input from an earlier run (a lock, a timeout) is no longer true.
        conn.execute(delete(schema.rejections)
                     .where(schema.rejections.c.path == rows.article["path"]))
        return Saved(stored, revision, superseded)

    def _revise(self, conn: Connection, source: str,
                article_id: str) -> tuple[int | None, str | None]:
        """Make `article_id` the latest revision of `source`. Two writers may pick the same
        number at once: the primary key lets one in, the other reads again and renumbers."""
        for _ in range(REVISION_ATTEMPTS):
            latest = conn.execute(
                select(r.c.revision, r.c.article_id).where(r.c.source == source)
                .order_by(r.c.revision.desc()).limit(1)
            ).first()
            if latest is not None and latest.article_id == article_id:
                return None, None
            number = latest.revision + 1 if latest is not None else 1
            row = {"source": source, "revision": number, "article_id": article_id,
                   "latest": True, "seen_at": now()}
            if not self.writer.insert_one(conn, r, row):
                continue
            if latest is None:
                return number, None
            conn.execute(update(r).where(r.c.source == source, r.c.revision != number,
                                         r.c.latest == true()).values(latest=False))
            return number, latest.article_id
        raise RuntimeError(f"could not add a revision of {source} "
                           f"in {REVISION_ATTEMPTS} tries")

    def _replace(self, conn: Connection, rows: ReportRows) -> bool:
        article_id = rows.article["id"]
        stale = _stale(rows.article["extractor_version"], rows.article["config_hash"])
        claimed = conn.execute(
            update(a).where(a.c.id == article_id, stale)
            .values(report=rows.article["report"],
                    extractor_version=rows.article["extractor_version"],
                    config_hash=rows.article["config_hash"])
            .returning(a.c.id)
        ).first()
        if claimed is None:  # another process re-analysed it first
            return False
        for table, children in ((schema.quotes, rows.quotes), (schema.claims, rows.claims),
                                (schema.events, rows.events)):
            conn.execute(delete(table).where(table.c.article_id == article_id))
            self.writer.insert_ignore(conn, table, children)
        return True

    # --- reading ------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        with self.engine.connect() as conn:
            for chunk in _chunks(list(ids)):
                found.update(conn.execute(select(a.c.id).where(a.c.id.in_(chunk))).scalars())
        return found

    def latest_by_source(self, sources: Iterable[str]) -> dict[str, str]:
        """Source -> the id of its latest revision, for the sources that are stored."""
        found: dict[str, str] = {}
        query = select(r.c.source, r.c.article_id).where(r.c.latest == true())
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(sources))):
                for source, article_id in conn.execute(query.where(r.c.source.in_(chunk))):
                    found[source] = article_id
        return found

    def count(self, table: str = "articles") -> int:
        t = schema.metadata.tables[table]
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(t)).scalar_one())

    def stale_ids(self, version: str, config_hash: str) -> list[str]:
        """Articles analysed by another extractor version or configuration, in id order."""
        with self.engine.connect() as conn:
            return list(conn.execute(select(a.c.id).where(_stale(version, config_hash))
                                     .order_by(a.c.id)).scalars())

    def stale_count(self, version: str, config_hash: str) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(a)
                                    .where(_stale(version, config_hash))).scalar_one())

    def analysed_by(self, article_id: str) -> tuple[str, str] | None:
        """(extractor version, config hash) of a stored article."""
        with self.engine.connect() as conn:
            row = conn.execute(select(a.c.extractor_version, a.c.config_hash)
                               .where(a.c.id == article_id)).first()
        return None if row is None else (row[0], row[1])

    def load_articles(self, ids: Sequence[str]) -> list[Article]:
        cols = (a.c.id, a.c.path, a.c.title, a.c.publisher, a.c.url, a.c.published, a.c.text,
                a.c.report)
        with self.engine.connect() as conn:
            rows = {m["id"]: article_from(m) for m in conn.execute(
                select(*cols).where(a.c.id.in_(list(ids)))).mappings()}
        return [rows[i] for i in ids if i in rows]

    def rejections(self) -> list[Rejection]:
        rj = schema.rejections
        with self.engine.connect() as conn:
            rows = conn.execute(select(rj.c.path, rj.c.code, rj.c.message).order_by(rj.c.path))
            return [Rejection(path, code, message) for path, code, message in rows]

    def articles(self, revisions: Revisions = "latest") -> Iterator[Article]:
        """Stored articles in (published, path) order, one per stored text."""
        cols = (a.c.path, a.c.title, a.c.publisher, a.c.url, a.c.published, a.c.text)
        query = _scope(select(*cols), revisions).order_by(a.c.published, a.c.path, a.c.id)
        with self.engine.connect() as conn:
            for m in conn.execute(query).mappings():
                yield article_from(m)

    def latest_articles(self) -> Iterator[Article]:
        """The latest revision of every source, each text once: what provenance compares
        (revisions of one source are one article, never copies of each other)."""
        return self.articles("latest")

    def claims(self, *, counted: str | None = None, since: str | None = None,
               near: str | None = None, limit: int | None = None, of: str | None = None,
               kinds: Sequence[str] | None = None,
               revisions: Revisions = "latest") -> list[ClaimRow]:
        """Claims in date order; with `limit`, the latest `limit` of them; `of` an actor
        (case-insensitive, exact), `kinds` the claim kinds to keep."""
        c = schema.claims
        query = _scope(
            select(c, a.c.path, a.c.publisher, a.c.published, f.c.family, f.c.origin_outlet)
            .join(a, a.c.id == c.c.article_id)
            .outerjoin(f, f.c.article_id == c.c.article_id), revisions)
        if counted:
            query = query.where(func.lower(c.c.counted).contains(counted.lower()))
        if near:
            query = query.where(func.lower(c.c.place).contains(near.lower()))
        if since:
            query = query.where(c.c.day >= since)
        if of:
            query = query.where(func.lower(c.c.of) == of.lower())
        if kinds is not None:  # a claim stored before 0004 has no kind: it counts as "other"
            known = c.c.kind.in_(list(kinds))
            query = query.where(or_(known, c.c.kind.is_(None)) if "other" in kinds else known)
        if limit:  # the indexed `day` lets the database stop after `limit` rows
            query = query.order_by(c.c.day.desc(), c.c.article_id.desc(), c.c.cid.desc())
            query = query.limit(limit)
        else:
            query = query.order_by(c.c.day, c.c.article_id, c.c.cid)
        with self.engine.connect() as conn:
            rows = [claim_from(row) for row in conn.execute(query).mappings()]
        return rows[::-1] if limit else rows

    def claims_of(self, article_id: str) -> list[ClaimRow]:
        c = schema.claims
        query = (select(c, a.c.path, a.c.publisher, a.c.published, f.c.family,
                        f.c.origin_outlet)
                 .join(a, a.c.id == c.c.article_id)
                 .outerjoin(f, f.c.article_id == c.c.article_id)
                 .where(c.c.article_id == article_id).order_by(c.c.start, c.c.cid))
        with self.engine.connect() as conn:
            return [claim_from(row) for row in conn.execute(query).mappings()]

    def quotes_of(self, article_id: str) -> list[QuoteRow]:
        q = schema.quotes
        query = (select(q, a.c.path, a.c.published).join(a, a.c.id == q.c.article_id)
                 .where(q.c.article_id == article_id).order_by(q.c.start, q.c.qid))
        with self.engine.connect() as conn:
            return [quote_from(row) for row in conn.execute(query).mappings()]

    def confirmation_counts(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]:
        """(cluster, value bucket) -> independent confirmations among the latest revisions
        (the definition is `vedette.confirmation`)."""
        from vedette.confirmation import count_independent

        wanted = set(keys)
        with self.engine.connect() as conn:
            rows = [row for chunk in _chunks(sorted(wanted), 200)
                    for row in conn.execute(_chain_query(chunk))]
        return count_independent(((row[0], row[1]), _chain(row)) for row in rows
                                 if (row[0], row[1]) in wanted)

    def quotes_by(self, name: str, revisions: Revisions = "latest") -> list[QuoteRow]:
        q = schema.quotes
        query = _scope(
            select(q, a.c.path, a.c.published)
            .join(a, a.c.id == q.c.article_id)
            .where(func.lower(q.c.speaker).contains(name.lower(), autoescape=True))
            .order_by(a.c.published, a.c.path, q.c.start), revisions)
        with self.engine.connect() as conn:
            return [quote_from(row) for row in conn.execute(query).mappings()]

    def events(self, revisions: Revisions = "latest") -> list[EventRow]:
        e = schema.events
        query = _scope(
            select(e, a.c.path, a.c.published)
            .join(a, a.c.id == e.c.article_id)
            .order_by(func.coalesce(e.c.date, a.c.published), a.c.path, e.c.start), revisions)
        with self.engine.connect() as conn:
            return [event_from(row) for row in conn.execute(query).mappings()]

    def families(self) -> list[FamilyRow]:
        with self.engine.connect() as conn:
            return [FamilyRow(*row) for row in conn.execute(
                select(f.c.article_id, f.c.family, f.c.origin_id, f.c.origin_outlet,
                       f.c.relation))]

    def history(self, source: str) -> list[RevisionRow]:
        """Every revision of one source, oldest first."""
        query = (select(r.c.source, r.c.revision, r.c.article_id, r.c.latest, r.c.seen_at,
                        a.c.path, a.c.url, a.c.title, a.c.published)
                 .join(a, a.c.id == r.c.article_id)
                 .where(r.c.source == source).order_by(r.c.revision))
        with self.engine.connect() as conn:
            return [RevisionRow(*row) for row in conn.execute(query)]

    def find_sources(self, text: str) -> list[str]:
        """Sources equal to `text`, else those whose URL or path ends with "/" + it, else
        those that are the same URL normalised (scheme and host case, trailing slash, utm_*
        parameters, fragment)."""
        with self.engine.connect() as conn:
            exact = conn.execute(select(r.c.source).where(r.c.source == text).limit(1)).first()
            if exact is not None:
                return [text]
            tail = "/" + text.lstrip("/")
            pattern = or_(r.c.source.endswith(tail, autoescape=True), a.c.path == text,
                          a.c.path.endswith(tail, autoescape=True))
            found = list(conn.execute(
                select(r.c.source).join(a, a.c.id == r.c.article_id).where(pattern)
                .distinct().order_by(r.c.source)).scalars())
            return found or _same_url(conn, text)

    def export_rows(self, table: str, revisions: Revisions = "latest"
                    ) -> Iterator[dict[str, Any]]:
        """Every row of one table as a dict; article rows (and their children) of the latest
        revisions unless `revisions="all"`."""
        t = schema.metadata.tables[table]
        query = select(t).order_by(*t.primary_key.columns)  # the same export every time
        if revisions == "latest" and "article_id" in t.c and table != "revisions":
            query = query.where(_latest(t.c.article_id))
        elif revisions == "latest" and table == "articles":
            query = query.where(_latest(t.c.id))
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                yield dict(row)


def _same_url(conn: Connection, text: str) -> list[str]:
    """Stored sources naming the URL `text` names, read among those holding its host."""
    host = host_of(text)
    if host is None:
        return []
    wanted = normal_url(text)
    query = (select(r.c.source).where(func.lower(r.c.source).contains(host, autoescape=True))
             .distinct().order_by(r.c.source))
    return [s for s in conn.execute(query).scalars() if normal_url(s) == wanted]


def _latest(article_id: Any) -> ColumnElement[bool]:
    """True for the articles that are the latest revision of at least one source."""
    return exists().where(and_(r.c.article_id == article_id, r.c.latest == true()))


def _scope(query: Select[Any], revisions: Revisions) -> Select[Any]:
    return query if revisions == "all" else query.where(_latest(a.c.id))


def _stale(version: str, config_hash: str) -> ColumnElement[bool]:
    return or_(a.c.extractor_version != version, a.c.config_hash != config_hash)


def _chain_query(keys: list[tuple[str, int]]) -> Select[Any]:
    """The chain parts of the latest claims of these clusters. Parts the definition ignores
    are left NULL (the article when a family or an outlet names the origin; the outlet when
    a family does), so DISTINCT leaves about one row per chain, not one per claim."""
    c = schema.claims
    sizes = select(f.c.family, func.count().label("size")).group_by(f.c.family).subquery()
    copies = func.coalesce(sizes.c.size, 0) > 1
    lone = and_(~copies, c.c.outlet.is_(None))
    return (
        select(c.c.cluster, c.c.bucket, case((lone, c.c.article_id)), c.c.underlying,
               case((~copies, c.c.outlet)), case((copies, f.c.family)),
               case((copies, f.c.origin_outlet)), case((copies, f.c.origin_id)))
        .outerjoin(f, f.c.article_id == c.c.article_id)
        .outerjoin(sizes, sizes.c.family == f.c.family)
        .where(c.c.cluster.in_(sorted({k[0] for k in keys})),
               c.c.bucket.in_(sorted({k[1] for k in keys})), _latest(c.c.article_id))
        .distinct()
    )


def _chain(row: Any) -> Any:
    from vedette.confirmation import Chain, family_origin

    _cluster, _bucket, article_id, underlying, outlet, family, fam_outlet, origin_id = row
    copies = family_origin(fam_outlet, origin_id, family) if family is not None else None
    return Chain(article_id, underlying, outlet, copies)


def _chunks(items: list[Any], size: int = QUERY_CHUNK) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
