"""The store's copy families as `provenance --json` shows them for files: every link with
the passages the two texts share (character offsets into the stored texts) and the shared
passages left out as boilerplate."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from sqlalchemy import select

from vedette.provenance.corpus import Family, assemble
from vedette.provenance.fingerprint import fingerprint
from vedette.provenance.index import learned_windows
from vedette.provenance.records import Doc, FamilyRecord, LinkRecord
from vedette.store import Store, schema
from vedette.store.provenance_index import SqlIndex


def explained_families(store: Store) -> list[Family]:
    """Every family of the store's provenance index (and quote-only links), explained."""
    records = _family_records(store)
    links = _links(store)
    keys = {k for rec in records for k in rec.members}
    keys |= {k for pair in links for k in pair}
    docs = _with_offsets(store, SqlIndex(store).docs(keys))
    return assemble(docs, records, links, learned_windows(SqlIndex(store)))


def _family_records(store: Store) -> list[FamilyRecord]:
    d, pf = schema.provenance_docs, schema.provenance_families
    members: dict[int, list[int]] = defaultdict(list)
    with store.engine.connect() as conn:
        for key, family in conn.execute(
                select(d.c.key, d.c.family).where(d.c.family.is_not(None)).order_by(d.c.key)):
            members[family].append(key)
        rows = conn.execute(select(pf.c.id, pf.c.origin, pf.c.origin_outlet)).all()
    return [FamilyRecord(fid, tuple(members[fid]), origin, outlet)
            for fid, origin, outlet in rows if members.get(fid)]


def _links(store: Store) -> dict[tuple[int, int], LinkRecord]:
    lk = schema.provenance_links
    cols = (lk.c.a, lk.c.b, lk.c.relation, lk.c.score, lk.c.a_in_b, lk.c.b_in_a)
    with store.engine.connect() as conn:
        return {(r[0], r[1]): LinkRecord(*r) for r in conn.execute(select(*cols))}


def _with_offsets(store: Store, docs: dict[int, Doc]) -> dict[int, Doc]:
    """The index keeps fingerprints without offsets; passages need them, from the text."""
    a = schema.articles
    ids = [doc.article_id for doc in docs.values()]
    texts: dict[str, str] = {}
    with store.engine.connect() as conn:
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            rows = conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_(chunk)))
            texts.update((row[0], row[1]) for row in rows)
    out = {}
    for key, doc in docs.items():
        text = texts.get(doc.article_id)
        out[key] = doc if text is None else replace(doc, fp=fingerprint(text))
    return out
