"""Provenance: the seed's spin and origin, copy families, quote-only overlap, confirmations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vedette.ingest import read_articles
from vedette.provenance import (
    ConfirmationItem,
    article_provenance,
    corpus_provenance,
    independent_confirmations,
)
from vedette.provenance.spin import detect_spin
from vedette.records import Article

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "000_422543fb29edb296.txt"
CORPUS = SHARED / "corpus"
VOA = "2021-12-08_voa_biden-says-deployment-of-us-troops-to-ukraine-is-not-on-the-table.txt"
READOUT = ("2022-02-12_whitehouse_readout-of-president-bidens-call-with-president-vladimir-putin"
           "-of-russia.txt")
SWAPS = {"said": "stated", "military": "armed", "support": "backing", "security": "safety",
         "President": "President", "call": "conversation", "people": "citizens", "clear": "plain"}


def shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (../shared is absent)")
    return path


def corpus_article(name: str) -> Article:
    return read_articles(shared("corpus", name))[0]


def reword(text: str) -> str:
    return re.sub(r"\b\w+\b", lambda m: SWAPS.get(m.group(), m.group()), text)


def test_seed_is_spun_with_evidence() -> None:
    article = read_articles(shared("seed", SEED.name))[0]
    prov = article_provenance(article)
    assert prov.publisher == "Henry’s Club"
    assert prov.spun is not None and prov.spun["flag"] is True
    texts = [e["text"] for e in prov.spun["evidence"]]
    assert ". ," in texts and "Is. ," in texts and ". . does." in texts
    assert "Henry’s Club" in texts
    for e in prov.spun["evidence"]:
        assert article.text[e["start"] : e["end"]] == e["text"]


def test_seed_origin_is_cnn() -> None:
    article = read_articles(shared("seed", SEED.name))[0]
    prov = article_provenance(article)
    assert prov.origin_outlet == "CNN"
    assert [s.text for s in prov.origin_evidence] == [
        "shared with CNN", "CNN reported", "told CNN", "CNN’s Katharina Krebs"]
    assert all(article.text[s.start : s.end] == s.text for s in prov.origin_evidence)


def test_ordinary_corpus_articles_are_not_flagged() -> None:
    paths = sorted(shared("corpus").glob("*.txt"))
    flagged = [p.name for p in paths if detect_spin(read_articles(p)[0]).flag]
    assert flagged == []


def test_reworded_copy_joins_family_with_origin() -> None:
    original = corpus_article(VOA)
    copy = Article(text=reword(original.text), path="copy.txt", publisher="Daily Newsfeed",
                   published="2021-12-10")
    exact = Article(text=original.text + "\n\nShare this:", path="exact.txt",
                    publisher="Newsline 24", published="2021-12-09")
    other = corpus_article(READOUT)
    result = corpus_provenance([copy, original, exact, other])
    families = [f for f in result.families if len(f.members) > 1]
    assert len(families) == 1
    family = families[0]
    assert sorted(family.members) == sorted([original.path, "copy.txt", "exact.txt"])
    assert family.origin == original.path
    relations = {(link.a, link.b): link.relation for link in family.links}
    assert relations[(original.path, "copy.txt")] in {"spun", "copy"}
    assert relations[(original.path, "exact.txt")] == "copy"


def test_absent_original_gives_virtual_origin() -> None:
    body = corpus_article(VOA).text
    copies = [Article(text=f"WASHINGTON (AP) — {reword(body) if n else body}", path=f"c{n}.txt",
                      publisher=f"Site {n}", published="2021-12-09") for n in range(3)]
    family = next(f for f in corpus_provenance(copies).families if len(f.members) == 3)
    assert family.origin is None and family.origin_outlet == "AP"


def test_quote_only_overlap_is_not_a_copy() -> None:
    quote = corpus_article(READOUT).text.split()[20:60]
    said = "“" + " ".join(quote).strip(".,") + ",” the official said."
    a = corpus_article(VOA).text
    b = corpus_article("2021-12-07_whitehouse_readout-of-president-bidens-video-call-with-"
                       "president-vladimir-putin-of-russia.txt").text
    texts = [Article(text=f"{a}\n\n{said}", path="a.txt"), Article(text=f"{b}\n\n{said}",
                                                                   path="b.txt")]
    result = corpus_provenance(texts)
    links = [link for f in result.families for link in f.links]
    assert [link.relation for link in links] == ["quotes_only"]
    assert not [f for f in result.families if len(f.members) > 1]


def test_copies_count_once_as_confirmation() -> None:
    original = corpus_article(VOA)
    copies = [Article(text=original.text + f"\n\nSource link {n}", path=f"c{n}.txt",
                      published="2021-12-09") for n in range(3)]
    other = corpus_article(READOUT)
    result = corpus_provenance([original, *copies, other])
    items = [ConfirmationItem(a.id, 120000.0, "troops", "Ukrainian Defense Ministry")
             for a in [original, *copies]]
    items.append(ConfirmationItem(other.id, 120000.0, "Troops", "the Pentagon"))
    assert independent_confirmations(items, result) == {("troops", 120000.0): 2}


def test_json_shape() -> None:
    original = corpus_article(VOA)
    copy = Article(text=original.text, path="copy.txt", publisher="X")
    data = corpus_provenance([original, copy]).to_json()
    assert set(data) == {"articles", "families"}
    assert set(data["articles"][0]) == {"path", "id", "publisher", "origin_outlet", "spun"}
    assert set(data["articles"][0]["spun"]) == {"flag", "score", "evidence"}
    family = data["families"][0]
    assert set(family) == {"id", "members", "origin", "origin_outlet", "links"}
    link = family["links"][0]
    assert set(link) == {"a", "b", "relation", "score", "evidence", "passages", "boilerplate"}
    passage = link["passages"][0]  # why they are linked: the same words in both texts
    assert original.text[passage["a_start"] : passage["a_end"]] == \
        copy.text[passage["b_start"] : passage["b_end"]]
