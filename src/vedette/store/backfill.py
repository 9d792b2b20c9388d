"""Fill what 0005_revisions adds for the rows of a store written before it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from vedette.store import schema
from vedette.store.settings import QUERY_CHUNK


def backfill_revisions(conn: Connection) -> None:
    """Every article without a revision becomes the next revision of its source, in the
    order the articles were ingested; the last one of each source is its latest."""
    a, r = schema.articles, schema.revisions
    known = select(r.c.article_id)
    rows = conn.execute(
        select(a.c.id, a.c.url, a.c.path, a.c.ingested_at)
        .where(a.c.id.not_in(known)).order_by(a.c.ingested_at, a.c.id)
    ).all()
    by_source: dict[str, list[tuple[str, str]]] = {}
    for article_id, url, path, seen in rows:
        by_source.setdefault((url or "").strip() or path, []).append((article_id, seen))
    new = [_revision(source, n, article_id, seen, n == len(items))
           for source, items in by_source.items()
           for n, (article_id, seen) in enumerate(items, start=1)]
    for chunk in _chunks(new):
        conn.execute(r.insert(), chunk)


def backfill_outlets(conn: Connection) -> None:
    """Each claim gets the outlet its article's report credits, else its publisher (see
    vedette.confirmation)."""
    from vedette.confirmation import article_outlet

    a, c = schema.articles, schema.claims
    ids = list(conn.execute(select(c.c.article_id).where(c.c.outlet.is_(None))
                            .distinct()).scalars())
    statement = (update(c).where(c.c.article_id == bindparam("aid"))
                 .values(outlet=bindparam("o")))
    for chunk in _chunks(ids):
        values = []
        for article_id, report in conn.execute(select(a.c.id, a.c.report)
                                               .where(a.c.id.in_(chunk))):
            data = json.loads(report)
            outlet = article_outlet((data.get("provenance") or {}).get("origin_outlet"),
                                    data["article"].get("publisher"))
            if outlet:
                values.append({"aid": article_id, "o": outlet})
        if values:
            conn.execute(statement, values)


def _revision(source: str, n: int, article_id: str, seen: str, latest: bool) -> dict[str, Any]:
    return {"source": source, "revision": n, "article_id": article_id, "latest": latest,
            "seen_at": seen}


def _chunks(items: list[Any]) -> Iterator[list[Any]]:
    for i in range(0, len(items), QUERY_CHUNK):
        yield items[i : i + QUERY_CHUNK]
