"""Provenance across a corpus: copy links, families and their origins."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from vedette.provenance.candidates import SignatureIndex
from vedette.provenance.families import Member, canonical_outlet, choose_origin, components
from vedette.provenance.fingerprint import Fingerprint, fingerprint
from vedette.provenance.origin import find_origin
from vedette.provenance.spin import SpinResult, detect_spin
from vedette.provenance.verify import Relation, Verdict, verify
from vedette.records import Article


@dataclass(slots=True)
class ArticleProvenance:
    path: str
    id: str
    publisher: str | None
    published: str | None
    origin_outlet: str | None
    spun: SpinResult

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "id": self.id,
            "publisher": self.publisher,
            "origin_outlet": self.origin_outlet,
            "spun": self.spun.to_json(),
        }


@dataclass(frozen=True, slots=True)
class Link:
    """`a` is the earlier (or containing) side, `b` the copy."""

    a: str
    b: str
    relation: Relation
    score: float

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "relation": self.relation, "score": self.score}


@dataclass(slots=True)
class Family:
    id: str
    members: list[str]
    origin: str | None  # None: the origin is outside the corpus (see origin_outlet)
    origin_outlet: str | None
    links: list[Link] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "members": list(self.members),
            "origin": self.origin,
            "origin_outlet": self.origin_outlet,
            "links": [link.to_json() for link in self.links],
        }


@dataclass(slots=True)
class CorpusProvenance:
    articles: list[ArticleProvenance]
    families: list[Family]

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": [a.to_json() for a in self.articles],
            "families": [f.to_json() for f in self.families],
        }

    def family_of(self) -> dict[str, Family]:
        """Member path -> its family."""
        return {m: f for f in self.families for m in f.members}


def corpus_provenance(articles: Sequence[Article]) -> CorpusProvenance:
    records = [_article_record(a) for a in articles]
    links = verified_links(articles)
    members = [
        Member(a.publisher, a.published, r.origin_outlet, r.spun.flag)
        for a, r in zip(articles, records, strict=True)
    ]
    return CorpusProvenance(records, _families(articles, members, links))


def verified_links(articles: Sequence[Article]) -> dict[tuple[int, int], Verdict]:
    """Candidate pairs from the signatures, each verified on recomputed fingerprints.

    One pass in text order: each text's fingerprint is computed once and held only until its
    last candidate partner has been checked, so time grows with N (an LRU over random
    partners thrashed at 100,000 texts) and memory with the open pairs only.
    """
    index = SignatureIndex.build((fingerprint(a.text) for a in articles), len(articles))
    earlier: dict[int, list[int]] = {}
    last_partner: dict[int, int] = {}
    for i, j in index.candidate_pairs():
        earlier.setdefault(j, []).append(i)
        last_partner[i] = max(last_partner.get(i, -1), j)
    held: dict[int, Fingerprint] = {}
    links: dict[tuple[int, int], Verdict] = {}
    for k in sorted(set(earlier) | set(last_partner)):
        current = fingerprint(articles[k].text)
        for i in sorted(earlier.get(k, ())):
            verdict = verify(held[i], current)
            if verdict is not None:
                links[(i, k)] = verdict
            if last_partner[i] == k:
                del held[i]
        if last_partner.get(k, -1) > k:
            held[k] = current
    return links


def _article_record(article: Article) -> ArticleProvenance:
    hint = find_origin(article.text)
    return ArticleProvenance(
        path=article.path,
        id=article.id,
        publisher=article.publisher,
        published=article.published,
        origin_outlet=hint.outlet,
        spun=detect_spin(article),
    )


def _families(
    articles: Sequence[Article], members: Sequence[Member], links: dict[tuple[int, int], Verdict]
) -> list[Family]:
    families: list[Family] = []
    placed: dict[int, Family] = {}
    for n, group in enumerate(components(len(articles), links), start=1):
        origin = choose_origin(group, members, links)
        family = Family(
            id=f"f{n}",
            members=[articles[i].path for i in group],
            origin=None if origin.index is None else articles[origin.index].path,
            origin_outlet=origin.outlet,
        )
        families.append(family)
        placed.update({i: family for i in group})
    origins = {f.origin for f in families}
    for (i, j), verdict in sorted(links.items()):
        src, dst = _direction(i, j, articles, members, origins)
        link = Link(articles[src].path, articles[dst].path, verdict.relation, verdict.score)
        found = placed.get(src) or placed.get(dst)
        if found is None:  # quotes shared by two lone texts: listed under the earlier one
            path = articles[src].path
            found = Family(f"f{len(families) + 1}", [path], path,
                           canonical_outlet(members[src].publisher))
            families.append(found)
            placed[src] = found
        found.links.append(link)
    return families


def _direction(
    i: int, j: int, articles: Sequence[Article], members: Sequence[Member], origins: set[str | None]
) -> tuple[int, int]:
    """The family origin first; otherwise the earlier text; otherwise corpus order."""
    if articles[j].path in origins and articles[i].path not in origins:
        return (j, i)
    di, dj = members[i].published, members[j].published
    if di and dj and di > dj:
        return (j, i)
    return (i, j)


__all__ = ["CorpusProvenance", "Family", "Link", "ArticleProvenance", "corpus_provenance",
           "canonical_outlet"]
