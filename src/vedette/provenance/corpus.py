"""Provenance across a corpus: copy links, families and their origins."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from vedette.provenance.explain import Explanation, explain
from vedette.provenance.families import canonical_outlet
from vedette.provenance.fingerprint import U32, Fingerprint, fingerprint, window_hashes
from vedette.provenance.index import add_batch
from vedette.provenance.memory import MemoryIndex
from vedette.provenance.origin import find_origin
from vedette.provenance.records import Doc, FamilyRecord, LinkRecord, Member
from vedette.provenance.spin import SpinResult, detect_spin
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
    """`a` is the earlier (or containing) side, `b` the copy; `why` holds the shared passages."""

    a: str
    b: str
    relation: str
    score: float
    why: Explanation | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"a": self.a, "b": self.b, "relation": self.relation,
                               "score": self.score}
        if self.why is not None:
            out.update(self.why.to_json())
        return out


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
    """Families over the given texts (an in-memory index, keys in input order)."""
    records = [_article_record(a) for a in articles]
    docs = [make_doc(k, a, r.origin_outlet, r.spun.flag)
            for k, (a, r) in enumerate(zip(articles, records, strict=True), start=1)]
    index = MemoryIndex()
    add_batch(index, docs)
    return CorpusProvenance(records, _families(index))


def make_doc(key: int, article: Article, credits: str | None, spun: bool,
             offsets: bool = True, article_id: str | None = None,
             fp: Fingerprint | None = None) -> Doc:
    """An index document; `offsets=False` drops the character offsets (a rebuild at scale);
    `article_id`: the store's id when known (else the text hash); `fp`: the text's
    fingerprint when computed already."""
    fp = fp or fingerprint(article.text)
    if not offsets:
        fp = Fingerprint(fp.words, fp.quoted, fp.anchors)
    member = Member(article.publisher, article.published, credits, spun)
    return Doc(key, article_id or article.id, article.path, member, fp,
               canonical_outlet(article.publisher))


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


def _families(index: MemoryIndex) -> list[Family]:
    boiler = window_hashes(list(index.boilerplate_hashes()))
    return assemble(index.all_docs, index.families.values(), index.links, boiler)


def assemble(docs: Mapping[int, Doc], records: Iterable[FamilyRecord],
             links: Mapping[tuple[int, int], LinkRecord], boiler: U32) -> list[Family]:
    """Families with their links, each explained by its shared passages (offsets when the
    documents' fingerprints carry them). Quote-only links between two lone texts are listed
    under the earlier one."""
    records = list(records)
    families: dict[int, Family] = {}
    for rec in sorted(records, key=lambda f: f.id):
        origin = None if rec.origin is None else docs[rec.origin].path
        families[rec.id] = Family(rec.name, [docs[k].path for k in rec.members], origin,
                                  rec.origin_outlet)
    family_of = {k: fam.id for fam in records for k in fam.members}
    origins = {fam.origin for fam in records}
    for key in sorted(links):
        src, dst = _direction(docs[key[0]], docs[key[1]], origins)
        why = explain(src.fp, dst.fp, boiler)
        link = Link(src.path, dst.path, links[key].relation, links[key].score, why)
        home = family_of.get(src.key, family_of.get(dst.key))
        if home is None:  # quotes shared by two lone texts: listed under the earlier one
            home = src.key
            families.setdefault(home, Family(f"f{home}", [src.path], src.path, src.outlet))
        families[home].links.append(link)
    return [families[k] for k in sorted(families)]


def _direction(x: Doc, y: Doc, origins: set[int | None]) -> tuple[Doc, Doc]:
    """The family origin first; otherwise the earlier text; otherwise index order."""
    if y.key in origins and x.key not in origins:
        return (y, x)
    return (y, x) if later_first(x.member, y.member) else (x, y)


def later_first(x: Member, y: Member) -> bool:
    """Whether y was published before x (both dated): y's text is then listed first."""
    dx, dy = x.published, y.published
    return bool(dx and dy and dx > dy)


__all__ = ["CorpusProvenance", "Family", "Link", "ArticleProvenance", "corpus_provenance",
           "canonical_outlet", "make_doc"]
