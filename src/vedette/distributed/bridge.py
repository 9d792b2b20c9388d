"""The one place the distributed engines reach into `vedette.provenance`.

Spark runs the same fingerprints, signatures, band keys, verification, family building and
origin choice as `corpus_provenance`; only the grouping of band keys into candidate pairs and
the connected components are done by Spark itself (see `spark_provenance`). Anything here
that changes with the provenance code changes for every engine at once.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from vedette.provenance import Family, corpus_provenance
from vedette.provenance.candidates import SignatureIndex, _band_keys
from vedette.provenance.corpus import _article_record, _families
from vedette.provenance.families import Member
from vedette.provenance.fingerprint import Fingerprint, fingerprint
from vedette.provenance.thresholds import (
    ANCHOR_LSH_PARAMS,
    MAX_BUCKET,
    MIN_SHARED_SAMPLES,
    WORD_LSH_PARAMS,
)
from vedette.provenance.verify import Verdict, verify
from vedette.records import Article

__all__ = ["MAX_BUCKET", "MIN_SHARED_SAMPLES", "BandKey", "Fingerprint", "FamilyOut",
           "band_keys", "cluster_families", "fingerprint", "local_families", "verdict_bytes",
           "verdict_of", "verify", "fingerprint_bytes", "fingerprint_of"]

# Kinds of LSH keys: word-shingle bands, name/number bands, sampled passage shingles.
WORDS, ANCHORS, SAMPLES = "w", "a", "s"


@dataclass(frozen=True, slots=True)
class BandKey:
    kind: str
    band: int
    key: int  # signed 64-bit (Spark has no unsigned type); equality is all that matters
    rank: int


@dataclass(frozen=True, slots=True)
class FamilyOut:
    """A family found in one cluster, with the key that orders it among all families:
    (0, first member's rank, 0) for a component, (1, i, j) of its first link for a family
    of quote-only links between lone texts (`_families` numbers them in that order)."""

    order: tuple[int, int, int]
    family: Family


def band_keys(prints: Sequence[Fingerprint], ranks: Sequence[int]) -> list[BandKey]:
    """The LSH keys of a batch of fingerprinted texts, exactly as `SignatureIndex` bands
    them (each text's keys depend on that text alone, so any batching gives the same keys)."""
    index = SignatureIndex.build(prints, len(prints))
    rank = np.asarray(ranks, dtype=np.int64)
    out: list[BandKey] = []
    has_anchors = index.indexed & index.anchors.any(axis=1)
    for kind, matrix, mask, params in ((WORDS, index.words, index.indexed, WORD_LSH_PARAMS),
                                       (ANCHORS, index.anchors, has_anchors, ANCHOR_LSH_PARAMS)):
        rows = np.flatnonzero(mask)
        if len(rows) == 0:
            continue
        for band, key in enumerate(_band_keys(matrix[rows], params)):
            signed = key.view(np.int64)
            out.extend(BandKey(kind, band, int(k), int(rank[r])) for k, r in zip(signed, rows,
                                                                                strict=True))
    out.extend(BandKey(SAMPLES, -1, int(h), int(rank[t]))
               for h, t in zip(index.sample_hashes, index.sample_texts, strict=True))
    return out


def fingerprint_bytes(fp: Fingerprint) -> bytes:
    return pickle.dumps(fp, protocol=pickle.HIGHEST_PROTOCOL)


def fingerprint_of(data: bytes) -> Fingerprint:
    """A stored fingerprint: unpickling is ~300x cheaper than fingerprinting the text again."""
    fp = pickle.loads(data)  # noqa: S301 - written by this job's own executors
    assert isinstance(fp, Fingerprint)
    return fp


def verdict_bytes(verdict: Verdict) -> bytes:
    return pickle.dumps(verdict, protocol=pickle.HIGHEST_PROTOCOL)


def verdict_of(data: bytes) -> Verdict:
    verdict = pickle.loads(data)  # noqa: S301 - written by this job's own executors
    assert isinstance(verdict, Verdict)
    return verdict


def cluster_families(articles: Sequence[Article], ranks: Sequence[int],
                     links: dict[tuple[int, int], Verdict]) -> list[FamilyOut]:
    """Families of one cluster of linked texts, built by the local code.

    `articles` are sorted by `ranks` (their global order); `links` are keyed by global ranks.
    Family building only compares positions, so a cluster renumbered 0..n-1 gives the same
    families as the whole corpus; each article's `path` must be its id.
    """
    position = {r: n for n, r in enumerate(ranks)}
    local = {(position[i], position[j]): v for (i, j), v in links.items()}
    records = [_article_record(a) for a in articles]
    members = [Member(a.publisher, a.published, r.origin_outlet, r.spun.flag)
               for a, r in zip(articles, records, strict=True)]
    rank_of = {a.id: r for a, r in zip(articles, ranks, strict=True)}
    return [FamilyOut(_order(f, rank_of), f) for f in _families(articles, members, local)]


def _order(family: Family, rank_of: dict[str, int]) -> tuple[int, int, int]:
    if len(family.members) > 1 or not family.links:
        return (0, min(rank_of[m] for m in family.members), 0)
    first = family.links[0]
    i, j = sorted((rank_of[first.a], rank_of[first.b]))
    return (1, i, j)


def local_families(articles: Sequence[Article]) -> list[Family]:
    """`corpus_provenance` on articles in canonical order, members named by article id."""
    return corpus_provenance([replace(a, path=a.id) for a in articles]).families
