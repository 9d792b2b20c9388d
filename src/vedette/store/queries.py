"""Filtered, keyset-paginated reads for the desk (API and dashboard) and the CLI.

Every list is ordered by a unique key (a date, then ids), and a page continues strictly after
the last key it returned: no OFFSET, so the thousandth page costs what the first does and a
concurrent ingest never shifts or repeats rows. `service.py` turns filters into these calls.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    bindparam,
    exists,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    true,
    tuple_,
)

from vedette.records import Article, Report
from vedette.store import Store, schema
from vedette.store.convert import claim_from as _claim_from
from vedette.store.convert import event_from as _event_from
from vedette.store.convert import quote_from as _quote_from
from vedette.store.rows import ClaimRow, EventRow, QuoteRow

# Keys are compared as strings; a missing date sorts before every real one. Inlined (not a
# bound parameter) so that the expression matches the desk's indexes (0007_desk_indexes).
NO_DATE: ColumnElement[str] = literal_column("''")


@dataclass(frozen=True, slots=True)
class Where:
    """Filters already checked by the service layer; None means "not filtered"."""

    since: str | None = None
    until: str | None = None
    place: str | None = None
    places: tuple[str, ...] | None = None  # exact place strings (a bounding box, resolved)
    speaker: str | None = None
    # `speaker` resolved to exact values (service.py), so pages use indexes, not scans:
    speakers: tuple[str, ...] | None = None  # quote speakers
    sources: tuple[str, ...] | None = None  # claim sources
    chains: tuple[str, ...] | None = None  # claim chains (stored JSON) naming the speaker
    of: str | None = None
    counted: str | None = None
    event_type: str | None = None
    source: str | None = None
    modality: str | None = None


@dataclass(frozen=True, slots=True)
class Keyset:
    after: tuple[str, ...] | None
    limit: int
    descending: bool = False


@dataclass(frozen=True, slots=True)
class ArticleRow:
    id: str
    path: str
    title: str | None
    publisher: str | None
    url: str | None
    published: str | None
    family: str | None = None
    origin_outlet: str | None = None


def has_claim_of() -> bool:
    """True once claims carry `of` (whose forces: migration 0004_claim_of)."""
    return "of" in schema.claims.c


def _like(column: Any, text: str) -> ColumnElement[bool]:
    return func.lower(column).contains(text.lower(), autoescape=True)


def _page(query: Select[Any], key: Sequence[Any], keyset: Keyset) -> Select[Any]:
    if keyset.after is not None:
        row, last = tuple_(*key), tuple_(*(literal(v) for v in keyset.after))
        first = literal(keyset.after[0])
        # The bound on the first key alone is what lets the database seek in the index (it
        # does not seek on a row-value comparison); the row comparison then decides ties.
        query = query.where(key[0] <= first, row < last) if keyset.descending else query.where(
            key[0] >= first, row > last)
    order = [k.desc() for k in key] if keyset.descending else list(key)
    return query.order_by(*order).limit(keyset.limit)


def _dated(query: Select[Any], day: Any, where: Where) -> Select[Any]:
    if where.since:
        query = query.where(day >= where.since)
    if where.until:  # "2022-02-24" keeps everything on that day, whatever its precision
        query = query.where(day <= where.until + "\uffff")
    return query


def _outlet(query: Select[Any], where: Where) -> Select[Any]:
    return query.where(_like(schema.articles.c.publisher, where.source)) if where.source else query


# --- claims ------------------------------------------------------------------------------

def latest(article_id: Any) -> ColumnElement[bool]:
    """The desk shows the latest revision of each source, as the CLI does by default."""
    r = schema.revisions
    return exists().where(r.c.article_id == article_id, r.c.latest == true())


def claim_conditions(where: Where) -> list[ColumnElement[bool]]:
    c = schema.claims
    conds: list[ColumnElement[bool]] = [latest(c.c.article_id)]
    if where.counted:
        conds.append(_like(c.c.counted, where.counted))
    if where.place:
        conds.append(_like(c.c.place, where.place))
    if where.places is not None:
        conds.append(c.c.place.in_(where.places))
    if where.sources is not None or where.chains is not None:  # the source, or in the chain
        either = [col.in_(names) for col, names in ((c.c.source, where.sources),
                                                     (c.c.chain, where.chains)) if names]
        conds.append(or_(*either) if either else false())
    elif where.speaker:
        conds.append(or_(_like(c.c.source, where.speaker), _like(c.c.chain, where.speaker)))
    if where.modality:
        conds.append(c.c.modality == where.modality)
    if where.of and has_claim_of():
        conds.append(_like(c.c["of"], where.of))
    return conds


def claims(store: Store, where: Where, keyset: Keyset) -> list[ClaimRow]:
    """Claims by (day, article, claim id), with their article and copy family."""
    c, a, f = schema.claims, schema.articles, schema.families
    day = func.coalesce(c.c.day, NO_DATE)
    query = (select(c, a.c.path, a.c.publisher, a.c.published, f.c.family, f.c.origin_outlet)
             .join(a, a.c.id == c.c.article_id)
             .outerjoin(f, f.c.article_id == c.c.article_id)
             .where(*claim_conditions(where)))
    query = _outlet(_dated(query, c.c.day, where), where)
    query = _page(query, (day, c.c.article_id, c.c.cid), keyset)
    with store.engine.connect() as conn:
        return [_claim_with_offsets(row._mapping) for row in conn.execute(query)]


def _claim_with_offsets(m: Any) -> ClaimRow:
    extra: dict[str, Any] = {"cid": m["cid"], "start": m["start"], "end": m["end"]}
    if "of" in m and "of" in ClaimRow.__dataclass_fields__:
        extra["of"] = m["of"]  # whose forces, once claims carry it
    return replace(_claim_from(m), **extra)


# --- quotes ------------------------------------------------------------------------------

def quotes(store: Store, where: Where, keyset: Keyset) -> list[QuoteRow]:
    """Quotes by (the article's day, article, quote id)."""
    q, a = schema.quotes, schema.articles
    day = func.coalesce(q.c.day, NO_DATE)
    query = (select(q, a.c.path, a.c.published).join(a, a.c.id == q.c.article_id)
             .where(latest(q.c.article_id)))
    if where.speakers is not None:
        query = query.where(q.c.speaker.in_(where.speakers))
    elif where.speaker:
        query = query.where(_like(q.c.speaker, where.speaker))
    if where.place:
        query = query.where(_like(q.c.content, where.place))
    query = _outlet(_dated(query, q.c.day, where), where)
    query = _page(query, (day, q.c.article_id, q.c.qid), keyset)
    with store.engine.connect() as conn:
        return [replace(_quote_from(m), qid=m["qid"])
                for m in (row._mapping for row in conn.execute(query))]


def distinct_values(store: Store, table: str, column: str) -> list[str]:
    """Every distinct value of a name column (speakers, sources, chains: a few thousand)."""
    col = schema.metadata.tables[table].c[column]
    with store.engine.connect() as conn:
        return [v for (v,) in conn.execute(select(col).where(col.is_not(None)).distinct())]


# --- events ------------------------------------------------------------------------------

def events(store: Store, where: Where, keyset: Keyset) -> list[EventRow]:
    e, a = schema.events, schema.articles
    day = func.coalesce(e.c.day, NO_DATE)
    query = select(e, a.c.path, a.c.published).join(a, a.c.id == e.c.article_id)
    query = query.where(*_event_conditions(where))
    query = _outlet(_dated(query, day, where), where)
    query = _page(query, (day, e.c.article_id, e.c.eid), keyset)
    with store.engine.connect() as conn:
        return [replace(_event_from(m), eid=m["eid"], start=m["start"], end=m["end"])
                for m in (row._mapping for row in conn.execute(query))]


def _event_conditions(where: Where) -> list[ColumnElement[bool]]:
    e = schema.events
    conds: list[ColumnElement[bool]] = [latest(e.c.article_id)]
    if where.event_type:
        conds.append(e.c.type == where.event_type.upper())
    if where.place:
        conds.append(_like(e.c.place, where.place))
    if where.places is not None:
        conds.append(e.c.place.in_(where.places))
    if where.speaker:
        conds.append(_like(e.c.actors, where.speaker))
    if where.modality:
        conds.append(e.c.modality == where.modality)
    return conds


# --- articles ----------------------------------------------------------------------------

def articles(store: Store, where: Where, keyset: Keyset) -> list[ArticleRow]:
    """Articles by (published, id); item filters keep articles holding a matching item."""
    a, f = schema.articles, schema.families
    published = func.coalesce(a.c.published, NO_DATE)
    query = (select(a.c.id, a.c.path, a.c.title, a.c.publisher, a.c.url, a.c.published,
                    f.c.family, f.c.origin_outlet)
             .outerjoin(f, f.c.article_id == a.c.id)
             .where(*_article_conditions(where)))
    query = _outlet(_dated(query, a.c.published, where), where)
    query = _page(query, (published, a.c.id), keyset)
    with store.engine.connect() as conn:
        return [ArticleRow(*row) for row in conn.execute(query)]


def _article_conditions(where: Where) -> list[ColumnElement[bool]]:
    a, c, q, e = schema.articles, schema.claims, schema.quotes, schema.events
    conds: list[ColumnElement[bool]] = [latest(a.c.id)]
    claim_filter = Where(counted=where.counted, place=where.place, places=where.places,
                         modality=where.modality, of=where.of)
    said = (q.c.speaker.in_(where.speakers) if where.speakers is not None
            else _like(q.c.speaker, where.speaker or ""))
    if claim_filter != Where():
        conds.append(exists().where(c.c.article_id == a.c.id, *claim_conditions(claim_filter)))
    if where.speaker:
        conds.append(exists().where(q.c.article_id == a.c.id, said))
    if where.event_type:
        conds.append(exists().where(e.c.article_id == a.c.id,
                                    e.c.type == where.event_type.upper()))
    return conds


def article(store: Store, article_id: str) -> tuple[dict[str, Any], str] | None:
    """The stored report (without text) and the text of one article."""
    a = schema.articles
    with store.engine.connect() as conn:
        row = conn.execute(select(a.c.report, a.c.text).where(a.c.id == article_id)).first()
    return None if row is None else (json.loads(row[0]), row[1])


def reports(store: Store, ids: Sequence[str]) -> list[tuple[dict[str, Any], str]]:
    a = schema.articles
    with store.engine.connect() as conn:
        rows = conn.execute(select(a.c.report, a.c.text).where(a.c.id.in_(list(ids))))
        return [(json.loads(r), t) for r, t in rows]


# --- families, rejections, corpus --------------------------------------------------------

def family_rows(store: Store, where: Where, keyset: Keyset) -> list[tuple[str, int]]:
    """(family id, size) by family id, for families with a member passing the filters."""
    f, a = schema.families, schema.articles
    query = select(f.c.family, func.count()).join(a, a.c.id == f.c.article_id)
    query = _outlet(_dated(query, a.c.published, where), where).group_by(f.c.family)
    query = _page(query, (f.c.family,), keyset)
    with store.engine.connect() as conn:
        return [(fam, int(n)) for fam, n in conn.execute(query)]


def family_members(store: Store, families: Sequence[str]) -> list[tuple[str, ArticleRow, str | None,
                                                                       str | None]]:
    """(family, member, origin id, relation) in publication order."""
    f, a = schema.families, schema.articles
    query = (select(f.c.family, a.c.id, a.c.path, a.c.title, a.c.publisher, a.c.url,
                    a.c.published, f.c.family, f.c.origin_outlet, f.c.origin_id, f.c.relation)
             .join(a, a.c.id == f.c.article_id).where(f.c.family.in_(list(families)))
             .order_by(f.c.family, func.coalesce(a.c.published, NO_DATE), a.c.id))
    with store.engine.connect() as conn:
        return [(r[0], ArticleRow(*r[1:9]), r[9], r[10]) for r in conn.execute(query)]


def family_claims(store: Store, family: str) -> list[ClaimRow]:
    c, a, f = schema.claims, schema.articles, schema.families
    query = (select(c, a.c.path, a.c.publisher, a.c.published, f.c.family, f.c.origin_outlet)
             .join(a, a.c.id == c.c.article_id).join(f, f.c.article_id == c.c.article_id)
             .where(f.c.family == family)
             .order_by(func.coalesce(c.c.day, NO_DATE), c.c.article_id, c.c.cid))
    with store.engine.connect() as conn:
        return [_claim_with_offsets(row._mapping) for row in conn.execute(query)]


def rejections(store: Store, where: Where, keyset: Keyset) -> list[tuple[str, str, str, str]]:
    r = schema.rejections
    query = select(r.c.path, r.c.code, r.c.message, r.c.rejected_at)
    query = _dated(query, r.c.rejected_at, where)
    query = _page(query, (r.c.path, r.c.code), keyset)
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]  # type: ignore[misc]


def corpus_counts(store: Store) -> dict[str, Any]:
    a, r = schema.articles, schema.rejections
    with store.engine.connect() as conn:
        n, first, last = conn.execute(select(func.count(), func.min(a.c.published),
                                             func.max(a.c.published))).one()
        outlets = conn.execute(select(func.count(a.c.publisher.distinct()))).scalar_one()
        reasons = conn.execute(select(r.c.code, func.count()).group_by(r.c.code)
                               .order_by(func.count().desc())).all()
    return {"articles": int(n), "first": first, "last": last, "sources": int(outlets),
            "rejected": {code: int(k) for code, k in reasons}}


def contradiction_candidates(store: Store, where: Where) -> list[ClaimRow]:
    """One claim per (cluster, source, value bucket, day) among firm statements: copies of
    one report collapse before any pairwise comparison."""
    c = schema.claims
    first = func.min(c.c.article_id + "|" + c.c.cid)
    query = (select(first).where(c.c.cluster.is_not(None), c.c.source.is_not(None),
                                 c.c.modality.in_(("reported", "estimate")),
                                 *claim_conditions(where))
             .group_by(c.c.cluster, func.lower(c.c.source), c.c.bucket, c.c.day))
    query = _dated(query, c.c.day, where)
    with store.engine.connect() as conn:
        keys = [k.split("|", 1) for (k,) in conn.execute(query)]
    return claims_by_key(store, keys)


def claims_by_key(store: Store, keys: Sequence[Sequence[str]]) -> list[ClaimRow]:
    c, a, f = schema.claims, schema.articles, schema.families
    out: list[ClaimRow] = []
    for i in range(0, len(keys), 400):
        chunk = [tuple(k) for k in keys[i : i + 400]]
        query = (select(c, a.c.path, a.c.publisher, a.c.published, f.c.family, f.c.origin_outlet)
                 .join(a, a.c.id == c.c.article_id)
                 .outerjoin(f, f.c.article_id == c.c.article_id)
                 .where(tuple_(c.c.article_id, c.c.cid).in_(chunk)))
        with store.engine.connect() as conn:
            out.extend(_claim_with_offsets(row._mapping) for row in conn.execute(query))
    return out


# --- timeline ----------------------------------------------------------------------------

# A timeline entry names at most this many of the articles that report it (and counts all).
TIMELINE_SOURCES = 20


@dataclass(frozen=True, slots=True)
class EventGroup:
    """One timeline entry: the same (day, type, actors) from any number of articles."""

    day: str
    type: str
    actors: str  # the stored JSON list
    mentions: int | None  # None: more than TIMELINE_SOURCES
    first: EventRow  # the representative report
    paths: tuple[str, ...]


def event_groups(store: Store, where: Where, keyset: Keyset) -> list[EventGroup]:
    """Groups found by skipping along the (day, type, actors) index: a seek or two per group,
    so a page costs its groups, however many copies each one has. The statements are built
    once with bound parameters and run per group."""
    e, a = schema.events, schema.articles
    day = func.coalesce(e.c.day, NO_DATE)
    key = (day, e.c.type, e.c.actors)
    query = select(*key).where(*_event_conditions(where))
    if where.source:
        query = _outlet(query.join(a, a.c.id == e.c.article_id), where)
    query = _dated(query, e.c.day, where)
    seeks = _seeks(query, key, keyset.descending)
    members = _members(where)
    groups: list[EventGroup] = []
    after = keyset.after
    with store.engine.connect() as conn:
        while len(groups) < keyset.limit:
            row = _next_group(conn, seeks, after)
            if row is None:
                break
            groups.append(_group(conn, members, *row))
            after = tuple(row)
    return groups


def _seeks(query: Select[Any], key: tuple[Any, Any, Any], descending: bool) -> list[Any]:
    """[first group, same day and type with later actors, same day with a later type, a later
    day]; ordering by the columns held equal would make the database sort: they are left out."""
    order = (lambda cols: [c.desc() for c in cols]) if descending else list
    beyond = (lambda col, v: col < v) if descending else (lambda col, v: col > v)
    names = ("k0", "k1", "k2")
    steps = [query.order_by(*order(key)).limit(1)]
    for depth in (2, 1, 0):
        same = [key[i] == bindparam(names[i]) for i in range(depth)]
        seek = query.where(*same, beyond(key[depth], bindparam(names[depth])))
        steps.append(seek.order_by(*order(key[depth:])).limit(1))
    return steps


def _next_group(conn: Any, seeks: list[Any], after: tuple[str, ...] | None) -> Any:
    """The first (day, type, actors) past `after`: each step one index seek."""
    if after is None:
        return conn.execute(seeks[0]).first()
    params = dict(zip(("k0", "k1", "k2"), after, strict=True))
    for depth, seek in zip((2, 1, 0), seeks[1:], strict=True):
        row = conn.execute(seek, {k: params[k] for k in ("k0", "k1", "k2")[: depth + 1]}).first()
        if row is not None:
            return row
    return None


def _members(where: Where) -> Any:
    e, a = schema.events, schema.articles
    query = (select(e, a.c.path, a.c.published).join(a, a.c.id == e.c.article_id)
             .where(func.coalesce(e.c.day, NO_DATE) == bindparam("d"), e.c.type == bindparam("t"),
                    e.c.actors == bindparam("a"), *_event_conditions(where)))
    return _outlet(query, where).order_by(e.c.article_id, e.c.eid).limit(TIMELINE_SOURCES + 1)


def _group(conn: Any, members: Any, d: str, t: str, actors: str) -> EventGroup:
    """The first reports of one group, in index order (article id), so a group of thousands
    of copies costs what a group of one does."""
    rows = [row._mapping for row in conn.execute(members, {"d": d, "t": t, "a": actors})]
    n = len(rows) if len(rows) <= TIMELINE_SOURCES else None  # None: more than listed
    first = rows[0]
    return EventGroup(d, t, actors, n, replace(_event_from(first), eid=first["eid"],
                                               start=first["start"], end=first["end"]),
                      tuple(dict.fromkeys(r["path"] for r in rows[:TIMELINE_SOURCES])))


def store_state(store: Store) -> tuple[int, int]:
    """Changes whenever an ingest stores an article or families are recomputed."""
    a, f = schema.articles, schema.families
    with store.engine.connect() as conn:  # counts come off the smallest index
        n = conn.execute(select(func.count()).select_from(a)).scalar_one()
        fams = conn.execute(select(func.count()).select_from(f)).scalar_one()
    return int(n), int(fams)


def place_values(store: Store) -> list[str]:
    """Every distinct place string of claims and events (a few thousand at most)."""
    c, e = schema.claims, schema.events
    query = (select(c.c.place).where(c.c.place.is_not(None))
             .union(select(e.c.place).where(e.c.place.is_not(None))))
    with store.engine.connect() as conn:
        return [p for (p,) in conn.execute(query)]


def articles_by_id(store: Store, ids: Sequence[str]) -> list[ArticleRow]:
    a, f = schema.articles, schema.families
    query = (select(a.c.id, a.c.path, a.c.title, a.c.publisher, a.c.url, a.c.published,
                    f.c.family, f.c.origin_outlet)
             .outerjoin(f, f.c.article_id == a.c.id).where(a.c.id.in_(list(ids))))
    with store.engine.connect() as conn:
        return [ArticleRow(*row) for row in conn.execute(query)]


def replace_report(store: Store, report: Report, *, version: str, config_hash: str) -> bool:
    """Re-analysis of a stored text, in place, through the store's one writer."""
    return store.replace_report(report, version=version, config_hash=config_hash)


def stored_article(store: Store, article_id: str) -> Article | None:
    """The stored text and metadata of one article, as ingest made it."""
    a = schema.articles
    with store.engine.connect() as conn:
        row = conn.execute(select(a.c.text, a.c.path, a.c.title, a.c.publisher, a.c.url,
                                  a.c.published).where(a.c.id == article_id)).first()
    if row is None:
        return None
    text, path, title, publisher, url, published = row
    return Article(text=text, path=path, title=title, publisher=publisher, url=url,
                   published=published)
