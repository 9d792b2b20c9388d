"""The provenance index held in memory: files on the command line, tests, benchmarks."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from vedette.provenance.candidates import Keys
from vedette.provenance.fingerprint import U64
from vedette.provenance.index import Change
from vedette.provenance.records import Doc, FamilyRecord, LinkRecord, Member


class MemoryIndex:
    def __init__(self) -> None:
        self.all_docs: dict[int, Doc] = {}
        self._keys: list[U64] = []
        self._docs: list[Keys] = []
        self._boiler: set[int] = set()
        self._kept: dict[int, list[int]] = defaultdict(list)
        self.links: dict[tuple[int, int], LinkRecord] = {}
        self._family: dict[int, int] = {}
        self.families: dict[int, FamilyRecord] = {}

    def next_key(self) -> int:
        return max(self.all_docs, default=0) + 1

    def postings(self, keys: U64) -> tuple[U64, Keys]:
        if not self._keys:
            return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
        all_keys, all_docs = np.concatenate(self._keys), np.concatenate(self._docs)
        hit = np.isin(all_keys, keys)
        return all_keys[hit], all_docs[hit]

    def docs(self, keys: Iterable[int]) -> dict[int, Doc]:
        return {k: self.all_docs[k] for k in keys}

    def members(self, keys: Iterable[int]) -> dict[int, Member]:
        return {k: self.all_docs[k].member for k in keys}

    def boilerplate_hashes(self) -> set[int]:
        return set(self._boiler)

    def boilerplate(self, hashes: Iterable[int]) -> set[int]:
        return {h for h in hashes if h in self._boiler}

    def kept(self, hashes: Iterable[int]) -> dict[int, list[int]]:
        return {h: list(self._kept[h]) for h in hashes if h in self._kept}

    def links_among(self, keys: Iterable[int]) -> list[LinkRecord]:
        wanted = set(keys)
        return [x for x in self.links.values() if x.a in wanted and x.b in wanted]

    def links_touching(self, keys: Iterable[int]) -> list[LinkRecord]:
        wanted = set(keys)
        return [x for x in self.links.values() if x.a in wanted or x.b in wanted]

    def families_of(self, keys: Iterable[int]) -> dict[int, int]:
        return {k: self._family[k] for k in keys if k in self._family}

    def family_members(self, families: Iterable[int]) -> dict[int, list[int]]:
        return {f: list(self.families[f].members) for f in families}

    def apply(self, change: Change) -> None:
        self.all_docs.update({d.key: d for d in change.docs})
        self._keys.append(change.postings[0])
        self._docs.append(change.postings[1])
        self._boiler |= change.boilerplate
        for h, k in change.kept:
            self._kept[h].append(k)
        for a, b in change.dropped:
            self.links.pop((a, b), None)
        self.links.update({(x.a, x.b): x for x in change.links})
        regrouped = change.unfamilied | {k for f in change.families for k in f.members}
        for k in regrouped:
            old = self._family.pop(k, None)
            if old is not None:
                self.families.pop(old, None)
        for fam in change.families:
            self._family.update({k: fam.id for k in fam.members})
            self.families[fam.id] = fam
