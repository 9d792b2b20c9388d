"""The provenance index: add a batch of documents, get new links, merged families, origins.

The work of a batch is proportional to the batch and its candidate partners: it reads the
complete posting lists of its own keys, the fingerprints of the documents found there, the
links and families of those documents, and nothing else. A rebuild is the same step with
every document in one batch over an empty index, so the two give the same families.

Steps of a batch (index keys grow with insertion, so every new document comes after every
stored one):
1. file the new documents under their keys (LSH bands, sampled shingles);
2. learn boilerplate: windows now shared by enough unrelated documents;
3. verify the candidate pairs with a new member, boilerplate left out;
4. re-verify the stored links between documents sharing a newly learned boilerplate
   shingle (learning only removes evidence, so only stored links can change);
5. recompute the families touched (ids are the first member's key, so they survive
   merges) and their origins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from vedette.provenance.boilerplate import Profile, admit, is_boilerplate
from vedette.provenance.candidates import Bucket, Grouped, Keys, Pair
from vedette.provenance.families import choose_origin, components
from vedette.provenance.fingerprint import (
    U32,
    U64,
    WINDOW_KIND,
    posting_keys,
    window_hashes,
)
from vedette.provenance.records import Doc, FamilyRecord, LinkRecord, Member
from vedette.provenance.verify import verify

# The buckets of a batch's keys, all or of one kind (candidates.Grouped.buckets).
Found = Callable[[int | None], Iterator[Bucket]]


class IndexStore(Protocol):
    """What the index keeps between batches (in memory for files, in the store for a db)."""

    def postings(self, keys: U64) -> tuple[U64, Keys]: ...
    def docs(self, keys: Iterable[int]) -> dict[int, Doc]: ...
    def members(self, keys: Iterable[int]) -> dict[int, Member]: ...
    def boilerplate(self, hashes: Iterable[int]) -> set[int]: ...
    def boilerplate_hashes(self) -> set[int]: ...
    def kept(self, hashes: Iterable[int]) -> dict[int, list[int]]: ...
    def links_among(self, keys: Iterable[int]) -> list[LinkRecord]: ...
    def links_touching(self, keys: Iterable[int]) -> list[LinkRecord]: ...
    def families_of(self, keys: Iterable[int]) -> dict[int, int]: ...
    def family_members(self, families: Iterable[int]) -> dict[int, list[int]]: ...
    def apply(self, change: Change) -> None: ...


@dataclass(slots=True)
class Change:
    """Everything one batch writes to the index."""

    docs: list[Doc]
    postings: tuple[U64, Keys]
    boilerplate: set[int] = field(default_factory=set)
    kept: list[tuple[int, int]] = field(default_factory=list)  # (hash, doc) beyond the first
    links: list[LinkRecord] = field(default_factory=list)  # new or changed
    dropped: list[Pair] = field(default_factory=list)  # stored links no longer links
    families: list[FamilyRecord] = field(default_factory=list)  # recomputed ones
    unfamilied: set[int] = field(default_factory=set)  # docs that left every family


def add_batch(index: IndexStore, batch: Sequence[Doc]) -> Change:
    """Add documents whose keys follow every stored key; returns what changed (applied)."""
    change = Change(list(batch), postings_of(batch))
    if not batch:
        return change
    new_from = min(d.key for d in batch)
    keys, docs = change.postings
    old_keys, old_docs = index.postings(np.unique(keys))
    grouped = Grouped(np.concatenate((old_keys, keys)), np.concatenate((old_docs, docs)))
    del old_keys, old_docs
    found: Found = grouped.buckets
    cache = _DocCache(index, batch)
    _learn(index, found, new_from, cache, change)
    pairs = grouped.pairs(new_from)
    cache.fetch(k for pair in pairs for k in pair)
    boiler = learned_windows(index, change.boilerplate)
    _verify_pairs(pairs, cache, boiler, change)
    _reverify(index, found, new_from, cache, change)
    _refamily(index, cache, change)
    for doc in cache.docs.values():
        doc.fp.forget()
    index.apply(change)
    return change


def _verify_pairs(pairs: list[Pair], cache: _DocCache, boiler: U32, change: Change) -> None:
    """In key order; a fingerprint's derived arrays are dropped after its last pair, so a
    rebuild holds them only for the documents with pairs still open."""
    last = {k: n for n, pair in enumerate(pairs) for k in pair}
    for n, (i, j) in enumerate(pairs):
        link = pair_link(cache.get(i), cache.get(j), boiler)
        if link is not None:
            change.links.append(link)
        for k in (i, j):
            if last[k] == n:
                cache.get(k).fp.forget()


def pair_link(a: Doc, b: Doc, boiler: U32) -> LinkRecord | None:
    """The verified link of a candidate pair (a.key < b.key), or None; `boiler` must hold
    the learned boilerplate among the windows of both (the Spark engine calls this too)."""
    # Revisions of one source (same URL, else path) are one article, never copies.
    if a.path == b.path:
        return None
    verdict = verify(a.fp, b.fp, boiler)
    return None if verdict is None else LinkRecord.of(a.key, b.key, verdict)


def postings_of(batch: Sequence[Doc]) -> tuple[U64, Keys]:
    """The (key, doc) posting rows of documents: their fingerprints' posting keys."""
    per_doc = [posting_keys(d.fp) for d in batch]
    keys = np.concatenate(per_doc) if per_doc else np.zeros(0, dtype=np.uint64)
    docs = np.repeat(np.array([d.key for d in batch], dtype=np.int64), [len(k) for k in per_doc])
    return keys.astype(np.uint64), docs


class _DocCache:
    """Documents of this batch and the stored ones it touches, fetched once each."""

    def __init__(self, index: IndexStore, batch: Sequence[Doc]) -> None:
        self.index = index
        self.docs = {d.key: d for d in batch}
        self.profiles: dict[int, Profile] = {}

    def fetch(self, keys: Iterable[int]) -> None:
        missing = [k for k in set(keys) if k not in self.docs]
        if missing:
            self.docs.update(self.index.docs(missing))

    def get(self, key: int) -> Doc:
        if key not in self.docs:
            self.fetch([key])
        return self.docs[key]

    def profile(self, key: int) -> Profile:
        if key not in self.profiles:
            self.profiles[key] = self.get(key).profile()
        return self.profiles[key]


def _learn(index: IndexStore, found: Found, new_from: int,
           cache: _DocCache, change: Change) -> None:
    """Greedy unrelated members per boilerplate window, in index order (boilerplate.py)."""
    heads = {b.key: b.members[0] for b in found(WINDOW_KIND)}
    known = index.boilerplate(heads)
    extras = index.kept(k for k, head in heads.items() if head < new_from and k not in known)
    cache.fetch({*heads.values(), *(k for ks in extras.values() for k in ks)})
    for b in found(WINDOW_KIND):
        if b.key in known:
            continue
        kept = [cache.profile(k) for k in [b.members[0], *extras.get(b.key, [])]]
        fresh = (cache.profile(k) for k in b.members[1:] if k >= new_from)
        admitted, learned = learn_window(kept, fresh)
        change.kept.extend((b.key, k) for k in admitted)
        if learned:
            change.boilerplate.add(b.key)


def learn_window(kept: list[Profile], candidates: Iterable[Profile]) -> tuple[list[int], bool]:
    """One window's greedy step (boilerplate.py): the candidates, in index order, join `kept`
    while unrelated to it, until the window is boilerplate. Returns the admitted keys and the
    verdict. Windows are independent, so the Spark engine runs this per window bucket."""
    admitted: list[int] = []
    for profile in candidates:
        if admit(kept, profile):
            admitted.append(profile.key)
            if is_boilerplate(kept):
                return admitted, True
    return admitted, False


def learned_windows(index: IndexStore, learned: AbstractSet[int] = frozenset()) -> U32:
    """Every learned boilerplate window, as sorted window hashes. A verification only asks
    whether a text's windows are among them, so all of them answer as well as those of the
    texts at hand, and collecting those texts' windows cost more (1.5 s a 25,000-article
    slice at 1,000,000 articles) than sorting every learned window (33,537 there)."""
    return window_hashes(list(index.boilerplate_hashes() | learned))


def _reverify(index: IndexStore, found: Found, new_from: int,
              cache: _DocCache, change: Change) -> None:
    """Stored links of stored documents holding a newly learned boilerplate window (a
    shared run may start at one of them without the partner holding the same window)."""
    if not change.boilerplate:
        return
    flipped = [b for b in found(WINDOW_KIND) if b.key in change.boilerplate]
    stored = {k for b in flipped for k in b.members if k < new_from}
    if not stored:
        return
    links = index.links_touching(stored)
    cache.fetch(k for link in links for k in (link.a, link.b))
    boiler = learned_windows(index, change.boilerplate)
    for link in links:
        verdict = verify(cache.get(link.a).fp, cache.get(link.b).fp, boiler)
        if verdict is None:
            change.dropped.append((link.a, link.b))
        elif LinkRecord.of(link.a, link.b, verdict) != link:
            change.links.append(LinkRecord.of(link.a, link.b, verdict))


def _refamily(index: IndexStore, cache: _DocCache, change: Change) -> None:
    """Components and origins of every family a new, changed or dropped link touches."""
    touched = {k for link in change.links for k in (link.a, link.b)}
    touched |= {k for pair in change.dropped for k in pair}
    if not touched:
        return
    before = index.families_of(touched)
    formerly: set[int] = set()
    for members in index.family_members(set(before.values())).values():
        formerly.update(members)
    group = touched | formerly
    links = _links_over(index, group, change)
    meta = index.members(k for k in group if k not in cache.docs)
    meta.update({k: cache.docs[k].member for k in group if k in cache.docs})
    placed: set[int] = set()
    by_pair = {(link.a, link.b): link for link in links}
    for comp in components(group, links):
        change.families.append(family_record(comp, meta, by_pair))
        placed.update(comp)
    change.unfamilied = formerly - placed


def family_record(comp: Sequence[int], meta: Mapping[int, Member],
                  links: Mapping[Pair, LinkRecord]) -> FamilyRecord:
    """A component (sorted keys) with its origin; `links`: those among its members, of any
    relation. Its id is its first key (the Spark engine calls this per component)."""
    origin = choose_origin(comp, meta, links)
    return FamilyRecord(comp[0], tuple(comp), origin.index, origin.outlet)


def _links_over(index: IndexStore, group: set[int], change: Change) -> list[LinkRecord]:
    """Stored links among `group` with this batch's changes applied."""
    dropped = set(change.dropped)
    merged = {(x.a, x.b): x for x in index.links_among(group) if (x.a, x.b) not in dropped}
    merged.update({(x.a, x.b): x for x in change.links if x.a in group and x.b in group})
    return list(merged.values())
