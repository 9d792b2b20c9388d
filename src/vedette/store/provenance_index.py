"""The provenance index in the store (tables of 0006_provenance_index).

Every read is by key (posting keys, index keys, family ids), so a batch touches the rows of
its own keys and partners only. Fingerprints are stored as uint32 blobs.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
from sqlalchemy import Connection, Table, bindparam, delete, func, or_, select, update

from vedette.provenance.candidates import Keys
from vedette.provenance.families import canonical_outlet
from vedette.provenance.fingerprint import U64, Fingerprint
from vedette.provenance.index import Change, postings_of
from vedette.provenance.keyfilter import KeyFilter
from vedette.provenance.records import Doc, LinkRecord, Member
from vedette.provenance.runs import PostingRuns
from vedette.provenance.thresholds import MAX_BUCKET
from vedette.store import Store, schema

# Keys per IN (...) list: under SQLite's bound-parameter limit, small enough for PostgreSQL.
CHUNK = 900
# Rows per INSERT batch when the index is (re)built.
WRITE_CHUNK = 20_000
# Docs whose postings `restore` derives at a time (memory: their fingerprints).
RESTORE_CHUNK = 5000
_SQLITE_POSTING = 'INSERT INTO provenance_postings ("key", doc) VALUES (?, ?)'
# Posting keys from this value up are LSH bands (fingerprint._BAND_BIT, stored signed).
BAND_KEY = 1 << 62
# Boilerplate-window posting keys start here (fingerprint.py), sampled shingles below.
WINDOW_KEY = 1 << 61

d, p, lk = schema.provenance_docs, schema.provenance_postings, schema.provenance_links
art = schema.articles
_ARTICLE_COLS = (art.c.id, art.c.ingested_at, art.c.path, art.c.title, art.c.publisher,
                 art.c.url, art.c.published, art.c.text)


class SqlIndex:
    """The `IndexStore` of `vedette.provenance.index` over a Store's engine."""

    def __init__(self, store: Store) -> None:
        self.engine = store.engine
        self._boiler: set[int] | None = None  # learned windows: few, read once per batch
        self._filed: KeyFilter | None = None  # keys written to the table since `clear` (a rebuild)
        self._long: set[int] | None = None  # a rebuild's lists seen past MAX_BUCKET + 1
        self._held: PostingRuns | None = None  # a rebuild's postings not written yet
        self._hold_rows = 0  # ... written when this many are held

    # --- reading ---------------------------------------------------------------------------

    def next_key(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.max(d.c.key))).scalar() or 0) + 1

    def indexed_ids(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return dict(conn.execute(select(d.c.article_id, d.c.key)).all())  # type: ignore[arg-type]

    def postings(self, keys: U64) -> tuple[U64, Keys]:
        """The stored posting lists of `keys`, each trimmed to what a batch can use
        (candidates.py): past MAX_BUCKET members a band list pairs a new member with its first
        and previous member only, and a sample list, or the list of a window already learned
        as boilerplate, pairs it with nobody. Reading those lists whole would make every
        batch's reads, and a rebuild's, grow with the store (common phrases and bands of
        common words hold a share of every text). Other window lists are read whole: a
        window newly learned as boilerplate re-verifies the links of every holder. In a
        rebuild, the postings it holds in memory are read with the table's."""
        signed = keys.astype(np.int64)
        band = signed >= BAND_KEY
        window = (signed >= WINDOW_KEY) & ~band
        known = self.boilerplate(signed[window].tolist())
        learned = window & np.isin(signed, np.array(sorted(known), dtype=np.int64))
        whole = signed[window & ~learned]
        arr = np.concatenate((
            _rows(self._in(select(p.c.key, p.c.doc), p.c.key, self._stored(whole).tolist())),
            self._held_rows(whole),
            self._read_trimmed(signed[band], keep_last=True),
            self._read_trimmed(signed[~band & (~window | learned)], keep_last=False)))
        return arr[:, 0].astype(np.uint64), arr[:, 1]

    def _stored(self, keys: Keys) -> Keys:
        """`keys` that may have rows in the table (all of them but in a rebuild)."""
        if self._filed is None:
            return keys
        return keys[self._filed.may_contain(keys.astype(np.uint64))]

    def _held_rows(self, keys: Keys, head: int | None = None, keep_last: bool = False) -> Keys:
        """A rebuild's held rows of `keys` (runs.PostingRuns.lookup); none otherwise."""
        return self._held.lookup(keys, head, keep_last) if self._held else _rows([])

    def _read_trimmed(self, keys: Keys, *, keep_last: bool) -> Keys:
        """`_trimmed`'s rows. In a rebuild, lists not known to be long are read by a plain
        lookup and trimmed here, with the rows held in memory: nearly every list holds one or
        two members, and SQL's window functions cost more than the rows they save (a list is
        long only past MAX_BUCKET + 1 members: 0.4% of the postings at 874,000 articles). A
        list found long is read trimmed from then on; lists only grow, so each is read whole
        at most once. Trimming the table's trimmed rows with the held ones gives the trim of
        the whole list: a list's first members are among each part's first, its last is the
        later of the parts' last."""
        stored = self._stored(keys)
        if self._long is None:
            return _rows(self._trimmed(stored.tolist(), keep_last=keep_last))
        known_long = np.isin(stored, np.fromiter(self._long, dtype=np.int64,
                                                 count=len(self._long)))
        rows = np.concatenate((
            _rows(self._trimmed(stored[known_long].tolist(), keep_last=keep_last)),
            _rows(self._in(select(p.c.key, p.c.doc), p.c.key, stored[~known_long].tolist())),
            self._held_rows(keys, MAX_BUCKET + 1, keep_last)))
        kept, grown = trim_lists(rows, keep_last)
        self._long.update(grown.tolist())
        return kept

    def _trimmed(self, keys: list[int], *, keep_last: bool) -> list[Any]:
        """The first MAX_BUCKET + 1 members of each list (and its last, for band lists)."""
        position = func.row_number().over(partition_by=p.c.key, order_by=p.c.doc)
        size = func.count().over(partition_by=p.c.key)
        rows: list[Any] = []
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(keys)), CHUNK):
                ranked = (select(p.c.key, p.c.doc, position.label("n"), size.label("size"))
                          .where(p.c.key.in_(chunk)).subquery())
                head = ranked.c.n <= MAX_BUCKET + 1
                query = select(ranked.c.key, ranked.c.doc).where(
                    or_(head, ranked.c.n == ranked.c.size) if keep_last else head)
                rows.extend(tuple(r) for r in conn.execute(query))
        return rows

    def docs(self, keys: Iterable[int]) -> dict[int, Doc]:
        cols = (d.c.key, d.c.article_id, d.c.path, d.c.publisher, d.c.published, d.c.credits,
                d.c.spun, d.c.words, d.c.quoted, d.c.anchors)
        return {row[0]: _doc(row) for row in self._in(select(*cols), d.c.key, list(keys))}

    def members(self, keys: Iterable[int]) -> dict[int, Member]:
        cols = (d.c.key, d.c.publisher, d.c.published, d.c.credits, d.c.spun)
        rows = self._in(select(*cols), d.c.key, list(keys))
        return {k: Member(pub, day, credits, bool(spun)) for k, pub, day, credits, spun in rows}

    def boilerplate(self, hashes: Iterable[int]) -> set[int]:
        return self._learned().intersection(hashes)

    def boilerplate_hashes(self) -> set[int]:
        return set(self._learned())

    def _learned(self) -> set[int]:
        if self._boiler is None:
            with self.engine.connect() as conn:
                t = schema.provenance_boilerplate
                self._boiler = set(conn.execute(select(t.c.key)).scalars())
        return self._boiler

    def kept(self, hashes: Iterable[int]) -> dict[int, list[int]]:
        t = schema.provenance_kept
        out: dict[int, list[int]] = defaultdict(list)
        for key, doc in sorted(self._in(select(t.c.key, t.c.doc), t.c.key, list(hashes))):
            out[key].append(doc)
        return dict(out)

    def links_among(self, keys: Iterable[int]) -> list[LinkRecord]:
        wanted = set(keys)
        return [x for x in self.links_touching(wanted) if x.a in wanted and x.b in wanted]

    def links_touching(self, keys: Iterable[int]) -> list[LinkRecord]:
        wanted = list(set(keys))
        found: dict[tuple[int, int], LinkRecord] = {}
        with self.engine.connect() as conn:
            for chunk in _chunks(wanted, CHUNK):
                query = select(lk).where(or_(lk.c.a.in_(chunk), lk.c.b.in_(chunk)))
                found.update({(r.a, r.b): LinkRecord(*r) for r in conn.execute(query)})
        return list(found.values())

    def families_of(self, keys: Iterable[int]) -> dict[int, int]:
        rows = self._in(select(d.c.key, d.c.family), d.c.key, list(keys))
        return {k: f for k, f in rows if f is not None}

    def family_members(self, families: Iterable[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for key, fam in sorted(self._in(select(d.c.key, d.c.family), d.c.family, list(families))):
            out[fam].append(key)
        return dict(out)

    def _in(self, query: Any, column: Any, values: list[Any]) -> list[Any]:
        rows: list[Any] = []
        with self.engine.connect() as conn:
            for chunk in _chunks(sorted(set(values)), CHUNK):
                rows.extend(tuple(r) for r in conn.execute(query.where(column.in_(chunk))))
        return rows

    # --- writing ---------------------------------------------------------------------------

    def apply(self, change: Change) -> None:
        """One transaction: a batch is in the index entirely or not at all."""
        self._boiler = None
        with self.engine.begin() as conn:
            _write(conn, d, [_doc_row(x) for x in change.docs])
            self._file(conn, change)
            _write(conn, schema.provenance_boilerplate,
                   [{"key": k} for k in sorted(change.boilerplate)])
            _write(conn, schema.provenance_kept, [{"key": k, "doc": x} for k, x in change.kept])
            _replace_links(conn, change)
            _replace_families(conn, change)

    def _file(self, conn: Connection, change: Change) -> None:
        """The batch's postings: written, or in a rebuild held until `_hold_rows` are."""
        keys, docs = change.postings
        if self._held is None:
            if self._filed is not None:
                self._filed.add(keys)
            _write_postings(conn, keys, docs)
            return
        if not self._held.rows and len(keys):
            first = min(doc.key for doc in change.docs)
            conn.execute(schema.provenance_pending.insert().values(key=first))
        self._held.add(keys.astype(np.int64), docs)
        if self._held.rows >= self._hold_rows:
            self._write_held(conn)

    def _write_held(self, conn: Connection) -> None:
        assert self._held is not None
        for keys, docs in self._held.merged():
            if self._filed is not None:
                self._filed.add(keys.astype(np.uint64))
            _write_postings(conn, keys, docs, ordered=True)
        conn.execute(delete(schema.provenance_pending))

    def finish(self) -> None:
        """Write the postings a rebuild still holds."""
        if self._held is not None and self._held.rows:
            with self.engine.begin() as conn:
                self._write_held(conn)

    def restore(self) -> int:
        """Postings of a rebuild cut short while it held them in memory: derived again from
        the stored fingerprints of the docs from the pending key on. Returns their number."""
        pending = schema.provenance_pending
        with self.engine.connect() as conn:
            start = conn.execute(select(func.min(pending.c.key))).scalar()
            if start is None:
                return 0
            keys = list(conn.execute(select(d.c.key).where(d.c.key >= start)).scalars())
        with self.engine.begin() as conn:
            for chunk in _chunks(sorted(keys), RESTORE_CHUNK):
                _write_postings(conn, *postings_of(list(self.docs(chunk).values())))
            conn.execute(delete(pending))
        return len(keys)

    def clear(self, expected_keys: int = 0, hold_rows: int = 0) -> None:
        """An empty index. With `expected_keys`, the keys filed from now on are tracked in a
        KeyFilter and only those that may have a list are looked up (a rebuild). With
        `hold_rows`, postings are held in memory (runs.py) and written each time this many
        are held, and by `finish`."""
        with self.engine.begin() as conn:
            for table in reversed(schema.PROVENANCE_TABLES):
                conn.execute(delete(table))
            conn.execute(delete(schema.families))
        self._filed = KeyFilter(expected_keys) if expected_keys else None
        self._long = set() if expected_keys else None
        self._held = PostingRuns() if hold_rows else None
        self._hold_rows = hold_rows


def trim_lists(rows: Any, keep_last: bool) -> tuple[Any, Any]:
    """(key, doc) rows cut as `SqlIndex._trimmed` cuts them: each key's first MAX_BUCKET + 1
    docs, and its last with `keep_last`; and the keys whose lists were longer than that."""
    rows = rows[np.lexsort((rows[:, 1], rows[:, 0]))]
    keys = rows[:, 0]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else keys[:0]
    sizes = np.diff(np.r_[starts, len(keys)])
    rank = np.arange(len(keys)) - np.repeat(starts, sizes)
    keep = rank <= MAX_BUCKET
    if keep_last:
        keep |= rank == np.repeat(sizes, sizes) - 1
    return rows[keep], keys[starts][sizes > MAX_BUCKET + 1]


def _rows(rows: Any) -> Keys:
    """(key, doc) rows as an (n, 2) int64 array."""
    return np.array(rows, dtype=np.int64).reshape(-1, 2)


def _doc(row: Sequence[Any]) -> Doc:
    key, article_id, path, publisher, published, credits, spun, words, quoted, anchors = row
    fp = Fingerprint(_u32(words), _u32(quoted), _u32(anchors))
    member = Member(publisher, published, credits, bool(spun))
    return Doc(key, article_id, path, member, fp, canonical_outlet(publisher))


def _u32(blob: bytes) -> Any:
    return np.frombuffer(blob, dtype=np.uint32)


def _doc_row(doc: Doc) -> dict[str, Any]:
    m = doc.member
    return {"key": doc.key, "article_id": doc.article_id, "path": doc.path,
            "publisher": m.publisher, "published": m.published, "credits": m.credits,
            "spun": m.spun, "words": doc.fp.words.tobytes(), "quoted": doc.fp.quoted.tobytes(),
            "anchors": doc.fp.anchors.tobytes(), "family": None}


def _replace_links(conn: Connection, change: Change) -> None:
    gone = sorted(set(change.dropped) | {(x.a, x.b) for x in change.links})
    query = delete(lk).where(lk.c.a == bindparam("link_a"), lk.c.b == bindparam("link_b"))
    for chunk in _chunks([{"link_a": a, "link_b": b} for a, b in gone], WRITE_CHUNK):
        conn.execute(query, chunk)  # one executemany
    _write(conn, lk, [{"a": x.a, "b": x.b, "relation": x.relation, "score": x.score,
                       "a_in_b": x.a_in_b, "b_in_a": x.b_in_a} for x in change.links])


def _replace_families(conn: Connection, change: Change) -> None:
    """Docs regrouped by this batch: old family rows out, new ones in (index and `families`).
    Set-based: a batch of a rebuild regroups tens of thousands of docs."""
    regrouped = sorted(change.unfamilied | {k for f in change.families for k in f.members})
    if not regrouped:
        return
    pf = schema.provenance_families
    ids: dict[int, str] = {}
    old: set[int] = set()
    for chunk in _chunks(regrouped, CHUNK):
        rows = conn.execute(select(d.c.key, d.c.article_id, d.c.family).where(d.c.key.in_(chunk)))
        for key, article_id, family in rows:
            ids[key] = article_id
            if family is not None:
                old.add(family)
        conn.execute(delete(schema.families).where(
            schema.families.c.article_id.in_([ids[k] for k in chunk if k in ids])))
    for chunk in _chunks(sorted(old), CHUNK):
        conn.execute(delete(pf).where(pf.c.id.in_(chunk)))
    family_of: dict[int, int | None] = {k: f.id for f in change.families for k in f.members}
    family_of.update({k: None for k in change.unfamilied if k not in family_of})
    _set_families(conn, family_of)
    _write(conn, pf, [{"id": f.id, "origin": f.origin, "origin_outlet": f.origin_outlet}
                      for f in change.families])
    _write(conn, schema.families, [
        {"article_id": ids[k], "family": fam.name,
         "origin_id": ids.get(fam.origin) if fam.origin is not None else None,
         "origin_outlet": fam.origin_outlet, "relation": None}
        for fam in change.families for k in fam.members])


def _set_families(conn: Connection, family_of: dict[int, int | None]) -> None:
    """doc key -> family id (None: no family), one executemany."""
    query = update(d).where(d.c.key == bindparam("doc_key")).values(family=bindparam("fam"))
    rows = [{"doc_key": k, "fam": f} for k, f in sorted(family_of.items())]
    for chunk in _chunks(rows, WRITE_CHUNK):
        conn.execute(query, chunk)


def _write_postings(conn: Connection, keys: U64 | Keys, docs: Keys, *,
                    ordered: bool = False) -> None:
    """Millions of rows in a rebuild, one chunk at a time. SQLite gets plain tuples through
    the driver (SQLAlchemy's per-row parameter handling cost as much as SQLite's insert);
    PostgreSQL keeps SQLAlchemy's multi-row VALUES batching. Rows go in key order: inserts
    then walk the B-tree from left to right instead of jumping across it (half the write time
    of a 10,000-article slice into a 400,000-article store)."""
    if not ordered:
        order = np.lexsort((docs, keys))
        keys, docs = keys[order], docs[order]
    signed = keys.astype(np.int64, copy=False)
    sqlite = conn.dialect.name == "sqlite"
    for start in range(0, len(signed), WRITE_CHUNK):
        rows = zip(signed[start : start + WRITE_CHUNK].tolist(),
                   docs[start : start + WRITE_CHUNK].tolist(), strict=True)
        if sqlite:
            conn.exec_driver_sql(_SQLITE_POSTING, list(rows))
        else:
            conn.execute(p.insert(), [{"key": k, "doc": x} for k, x in rows])


def _write(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    for chunk in _chunks(rows, WRITE_CHUNK):
        conn.execute(table.insert(), chunk)


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def unindexed_ids(store: Store) -> Any:
    """Ids of the stored articles (every revision: links between revisions of one source are
    skipped where pairs are verified) that the index lacks, in ingestion order, as one bytes
    array. The anti-join selects ids only, so it reads id indexes (on SQLite a covering index
    of `articles`), not the article rows: selecting the rows scanned every stored text's page
    with each batch, 0.25 s of a 1,000-article batch at 100,000 articles."""
    query = select(art.c.id).where(art.c.id.not_in(select(d.c.article_id)))
    stamped: list[tuple[str, str]] = []
    with store.engine.connect() as conn:
        missing = list(conn.execute(query).scalars())
        for chunk in _chunks(missing, CHUNK):
            rows = conn.execute(select(art.c.ingested_at, art.c.id).where(art.c.id.in_(chunk)))
            stamped.extend((at, i) for at, i in rows)
    stamped.sort()
    return np.array([i.encode() for _, i in stamped], dtype=np.bytes_)


def articles_by_id(store: Store, ids: Sequence[str]) -> dict[str, Any]:
    """The stored articles of `ids` (a rebuild's slice), read by primary key."""
    out: dict[str, Any] = {}
    with store.engine.connect() as conn:
        for chunk in _chunks(list(ids), CHUNK):
            out.update((row[0], _article(row))
                       for row in conn.execute(select(*_ARTICLE_COLS).where(art.c.id.in_(chunk))))
    return out


def rebuild_order(store: Store) -> tuple[Keys, Any]:
    """(keys, article ids) of every stored article in index order: indexed ones keep their
    key, the others follow in ingestion order. Ids are held as one bytes array (about 70 bytes
    an article), the only part of a rebuild that grows with the store."""
    query = (select(art.c.id, d.c.key).outerjoin(d, d.c.article_id == art.c.id)
             .order_by(d.c.key.is_(None), d.c.key, art.c.ingested_at, art.c.id))
    keys: list[Keys] = []
    ids: list[Any] = []
    with store.engine.connect() as conn:
        fresh = int(conn.execute(select(func.max(d.c.key))).scalar() or 0)
        result = conn.execute(query)
        while rows := result.fetchmany(WRITE_CHUNK):
            got = np.array([-1 if key is None else key for _, key in rows], dtype=np.int64)
            new = got < 0
            got[new] = np.arange(fresh + 1, fresh + 1 + int(new.sum()))
            fresh += int(new.sum())
            keys.append(got)
            ids.append(np.array([row[0].encode() for row in rows], dtype=np.bytes_))
    if not keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.bytes_)
    return np.concatenate(keys), np.concatenate(ids)


def _article(row: Sequence[Any]) -> Any:
    from vedette.records import Article

    _, _, path, title, publisher, url, published, text = row
    # Named by source (URL, else path): revisions of one source are one article.
    return Article(text=text, path=url or path, title=title, publisher=publisher, url=url,
                   published=published)


def stored_families(store: Store) -> list[dict[str, Any]]:
    """Families of the index with member paths, origin and links (for `provenance --json`)."""
    pf = schema.provenance_families
    with store.engine.connect() as conn:
        paths: dict[int, str] = {
            k: path for k, path in conn.execute(
                select(d.c.key, d.c.path).where(d.c.family.is_not(None)))}
        members: dict[int, list[int]] = defaultdict(list)
        for key, fam in conn.execute(select(d.c.key, d.c.family).where(d.c.family.is_not(None))):
            members[fam].append(key)
        links: dict[int, list[dict[str, Any]]] = defaultdict(list)
        family_of = {k: f for f, ks in members.items() for k in ks}
        for r in conn.execute(select(lk)):
            if r.a in family_of:
                links[family_of[r.a]].append({"a": paths[r.a], "b": paths.get(r.b, r.b),
                                              "relation": r.relation, "score": r.score})
        return [{"id": f"f{fid}", "members": [paths[k] for k in sorted(members[fid])],
                 "origin": paths.get(origin) if origin is not None else None,
                 "origin_outlet": outlet, "links": links[fid]}
                for fid, origin, outlet in conn.execute(select(pf).order_by(pf.c.id))]
