"""The one place the distributed engines reach into `vedette.provenance`.

The local engine builds families with `corpus_provenance` (`local_families`). The Spark
engine calls, per document, per bucket, per pair and per component, the same functions the
local index calls inside `add_batch` (`posting_keys`, `bucket_pairs`, `learn_window`,
`pair_link`, `family_record`), so both engines reach the same verdicts with the same
thresholds; only the grouping, the joins and the connected components are Spark's.
Documents, profiles and members cross the shuffles as pickles written by this job's own
executors (a stored fingerprint unpickles ~300x faster than the text is fingerprinted).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from vedette.provenance import Family, corpus_provenance
from vedette.provenance.boilerplate import Profile
from vedette.provenance.candidates import Bucket, Pair, bucket_pairs
from vedette.provenance.corpus import _article_record, later_first, make_doc
from vedette.provenance.families import canonical_outlet
from vedette.provenance.fingerprint import (
    BAND_KIND,
    WINDOW_KIND,
    key_kinds,
    posting_keys,
    window_hashes,
)
from vedette.provenance.index import family_record, learn_window, pair_link
from vedette.provenance.records import Doc, FamilyRecord, LinkRecord, Member
from vedette.provenance.thresholds import MIN_SHARED_BANDS, MIN_SHARED_SAMPLES
from vedette.provenance.verify import FAMILY_RELATIONS
from vedette.records import Article

__all__ = ["BAND_KIND", "FAMILY_RELATIONS", "MIN_SHARED_BANDS", "MIN_SHARED_SAMPLES",
           "WINDOW_KIND", "Doc", "FamilyRow", "IndexedDoc", "LinkRecord", "Member",
           "bucket_pair_rows", "component_rows", "index_doc", "learned_window", "link_of",
           "lone_source", "local_families", "thaw"]

T = TypeVar("T")
I64 = npt.NDArray[np.int64]


def local_families(articles: Sequence[Article]) -> list[Family]:
    """`corpus_provenance` on articles in canonical order (path, id), members named by id."""
    ordered = sorted(articles, key=lambda a: (a.path, a.id))
    return corpus_provenance([replace(a, path=a.id) for a in ordered]).families


def freeze(value: object) -> bytes:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def thaw(data: Any, kind: type[T]) -> T:
    """A pickle written by this job's own executors, checked for its type."""
    value = pickle.loads(bytes(data))  # noqa: S301 - written by this job's executors
    if not isinstance(value, kind):
        raise TypeError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


@dataclass(frozen=True, slots=True)
class IndexedDoc:
    """One document as the Spark stage holds it: `rank` is its index key (1, 2, ... in the
    canonical order (path, id)), keys and kinds its postings."""

    rank: int
    id: str
    doc: bytes  # the index Doc (fingerprint without character offsets)
    profile: bytes  # its boilerplate Profile
    member: bytes  # its Member (what origin ranking reads)
    keys: I64
    kinds: npt.NDArray[np.int8]


def index_doc(rank: int, article: Article) -> IndexedDoc:
    """What `corpus_provenance` files for the article at `rank` (its path is its id there)."""
    named = replace(article, path=article.id)
    record = _article_record(named)
    doc = make_doc(rank, named, record.origin_outlet, record.spun.flag, offsets=False)
    keys = posting_keys(doc.fp)
    profile = doc.profile()
    doc.fp.forget()
    return IndexedDoc(rank, article.id, freeze(doc), freeze(profile), freeze(doc.member),
                      keys.astype(np.int64), key_kinds(keys))


def bucket_pair_rows(key: int, kind: int, members: Sequence[int]) -> list[tuple[int, int, bool]]:
    """The pairs of one bucket (ranks ascending), flagged when they are band pairs."""
    bucket = Bucket(int(key), [int(m) for m in members], int(kind))
    band = bucket.kind == BAND_KIND
    return [(i, j, band) for i, j in bucket_pairs(bucket, bucket.members[0])]


def learned_window(profiles: Iterable[Any]) -> bool:
    """Whether one window bucket's members (pickled profiles, any order) make it boilerplate."""
    ordered = sorted((thaw(p, Profile) for p in profiles), key=lambda p: p.key)
    return learn_window(ordered[:1], ordered[1:])[1]


def link_of(a: Doc, b: Doc, boiler_a: Iterable[int], boiler_b: Iterable[int]) -> LinkRecord | None:
    """A candidate pair verified with the learned boilerplate windows of both documents."""
    boiler = window_hashes(sorted({int(k) for k in boiler_a} | {int(k) for k in boiler_b}))
    return pair_link(a, b, boiler)


@dataclass(frozen=True, slots=True)
class FamilyRow:
    """A row of the `families` table."""

    article_id: str
    family: str
    origin_id: str | None
    origin_outlet: str | None


def component_rows(members: Sequence[tuple[int, str, Any]],
                   links: Iterable[LinkRecord]) -> list[FamilyRow]:
    """The family of one connected component: members as (rank, id, pickled Member), the
    links among them (any relation)."""
    ordered = sorted((int(r), str(i), thaw(m, Member)) for r, i, m in members)
    ids = {r: i for r, i, _ in ordered}
    meta = {r: m for r, _, m in ordered}
    by_pair: dict[Pair, LinkRecord] = {(x.a, x.b): x for x in links}
    rec: FamilyRecord = family_record([r for r, _, _ in ordered], meta, by_pair)
    origin = None if rec.origin is None else ids[rec.origin]
    return [FamilyRow(ids[r], rec.name, origin, rec.origin_outlet) for r in rec.members]


def lone_source(i: int, member_i: Member, j: int, member_j: Member) -> int:
    """The rank a quotes-only link between two texts in no family is listed under (the
    earlier text, else the first in index order), as `corpus_provenance` lists it."""
    return j if later_first(member_i, member_j) else i


def lone_row(rank: int, article_id: str, member: Member) -> FamilyRow:
    """The one-member family `corpus_provenance` makes for such a text."""
    return FamilyRow(article_id, f"f{rank}", article_id, canonical_outlet(member.publisher))
