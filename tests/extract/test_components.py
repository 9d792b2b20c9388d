"""The factories work in anyone's pipeline."""

from __future__ import annotations

import spacy

import vedette.extract.components  # noqa: F401  (registers the factories)
from vedette.extract.pipeline import installed_model


def test_add_pipe_in_a_fresh_pipeline() -> None:
    nlp = spacy.load(installed_model())
    nlp.add_pipe("vedette_equipment")
    nlp.add_pipe("vedette_quotes", config={"use_model": False})
    doc = nlp("“We will respond,” the minister told reporters. Tanks and Iskander missiles moved.")
    cands = doc._.vedette_quotes
    assert cands and doc.text[cands[0].content[0] : cands[0].content[1]] == "We will respond,"
    assert {s.text for s in doc.spans["vedette_equipment"]} >= {"Tanks", "Iskander"}


def test_error_handler_receives_failures() -> None:
    nlp = spacy.load(installed_model())
    quotes = nlp.add_pipe("vedette_quotes", config={"use_model": False})
    seen: list[str] = []

    def broken(doc):  # type: ignore[no-untyped-def]
        raise ValueError("boom")

    import vedette.extract.merge as merge

    original = merge.all_candidates
    merge.all_candidates = broken  # type: ignore[assignment]
    try:
        quotes.set_error_handler(lambda name, proc, docs, err: seen.append(name))
        doc = nlp("The minister said that talks will go on.")
    finally:
        merge.all_candidates = original  # type: ignore[assignment]
    assert seen == ["vedette_quotes"]
    assert doc._.vedette_quotes is None
