"""A passage only two pages share, at the same edge of both (a footer or header of one
template), is not a copy unless the two texts tell one story; the same passage inside the
texts is."""

from __future__ import annotations

import random

from vedette.provenance import corpus_provenance
from vedette.provenance.fingerprint import fingerprint
from vedette.provenance.verify import verify
from vedette.records import Article

_SYLLABLES = "ka lo mi ne ru sa te vo zi po da fe gu hi jo ba ce de li mo nu pe ra so tu".split()
_RNG = random.Random(41)
_VOCAB = sorted({"".join(_RNG.choices(_SYLLABLES, k=_RNG.randint(2, 4))) for _ in range(3000)})
_NAMES = [w.capitalize() for w in _VOCAB[:400]]


def _paragraphs(rng: random.Random, n: int, names: list[str] | None = None) -> list[str]:
    """Paragraphs of three sentences; with `names`, each sentence carries two of them and a
    number, as a news story repeats its people, places and figures."""
    out = []
    for _ in range(n):
        sentences = []
        for _ in range(3):
            words = rng.choices(_VOCAB, k=rng.randint(10, 16))
            if names:
                words[3] = rng.choice(names)
                words[6] = str(rng.choice((120, 1500, 37, 8)))
                words[9] = rng.choice(names)
            sentences.append(words[0].capitalize() + " " + " ".join(words[1:]) + ".")
        out.append(" ".join(sentences))
    return out


def _template(seed: int) -> str:
    return " ".join(_paragraphs(random.Random(seed), 2))  # ~80 words, no notice cue


def _page(body: list[str], block: str, where: str) -> str:
    paras = list(body)
    at = {"start": 0, "end": len(paras), "middle": len(paras) // 2}[where]
    paras.insert(at, block)
    return "\n\n".join(paras)


def _linked(articles: list[Article]) -> bool:
    return any(len(f.members) > 1 for f in corpus_provenance(articles).families)


def test_a_footer_or_header_shared_by_two_pages_of_two_sites_links_nothing() -> None:
    rng = random.Random(1)
    for n, where in enumerate(("end", "start") * 4):
        block = _template(100 + n)
        articles = [Article(text=_page(_paragraphs(rng, 5), block, where), path=f"{n}/{i}.txt",
                            publisher=f"Site {n}-{i}") for i in range(2)]
        assert not _linked(articles), (n, where)


def test_the_same_passage_inside_both_texts_is_a_partial_copy() -> None:
    rng = random.Random(2)
    for n in range(4):
        block = _template(200 + n)
        texts = [_page(_paragraphs(rng, 5), block, "middle") for _ in range(2)]
        verdict = verify(fingerprint(texts[0]), fingerprint(texts[1]))
        assert verdict is not None and verdict.relation == "partial", n


def test_an_edge_passage_of_one_story_still_links() -> None:
    """A lede reused at the start of a text on the same story (its names and figures)."""
    rng = random.Random(3)
    names = rng.sample(_NAMES, 6)
    lede = " ".join(_paragraphs(rng, 2, names))
    texts = [_page(_paragraphs(rng, 5, names), lede, "start") for _ in range(2)]
    verdict = verify(fingerprint(texts[0]), fingerprint(texts[1]))
    assert verdict is not None and verdict.relation == "partial"


def test_a_footer_plus_a_shared_body_passage_still_links() -> None:
    """Evidence away from the edge is evidence: the footer does not cancel it."""
    rng = random.Random(4)
    footer, passage = _template(300), _template(301)
    texts = [_page(_page(_paragraphs(rng, 5), passage, "middle").split("\n\n"), footer, "end")
             for _ in range(2)]
    verdict = verify(fingerprint(texts[0]), fingerprint(texts[1]))
    assert verdict is not None and verdict.relation == "partial"
