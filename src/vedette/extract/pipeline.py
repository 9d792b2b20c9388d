"""Loading spaCy with Vedette's components."""

from __future__ import annotations

import re
from functools import cache
from importlib.util import find_spec

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from vedette.config import (
    MAX_PARSE_CHARS,
    MAX_RUN_CHARS,
    PARSE_SLICE_CHARS,
    SPACY_MODEL_PACKAGE,
    SPACY_MODELS,
)
from vedette.errors import ModelMissing

_QUOTES = "vedette_quotes"
# Slices parsed together: memory grows with the tokens of one batch, not of the whole text.
SLICES_PER_BATCH = 1
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")


def installed_model() -> str:
    """The name of the first installed English model, in order of preference."""
    for name in SPACY_MODELS:
        if find_spec(name) is not None:
            return name
    raise ModelMissing(
        f"no spaCy English model installed; run: pip install {SPACY_MODEL_PACKAGE}"
    )


@cache
def load_nlp() -> Language:
    """The parser plus Vedette's components, loaded once per process."""
    nlp = spacy.load(installed_model())
    nlp.max_length = MAX_PARSE_CHARS
    # Registering the factories happens on import of the component modules.
    from vedette.extract import components  # noqa: F401

    nlp.add_pipe("vedette_newline_sentences", before="parser")
    nlp.add_pipe("vedette_equipment", after="ner")
    nlp.add_pipe("vedette_quotes", last=True)
    return nlp


def parse(text: str, nlp: Language | None = None) -> Doc:
    """Parse `text` whole, or in slices when it is long, with offsets into `text` either way.

    Long texts are cut at line breaks (else spaces) into slices of at most PARSE_SLICE_CHARS,
    and unbroken runs longer than MAX_RUN_CHARS (a million quote marks) into pieces: spaCy's
    tokenizer is quadratic in the length of one run, and its memory grows with a document's
    length. The slices are parsed without the quotes component, joined, and quotes are found
    once on the joined document, so a quotation across a slice boundary is still found.
    """
    nlp = nlp or load_nlp()
    slices = text_slices(text)
    if len(slices) == 1:
        return nlp(text)
    with nlp.select_pipes(disable=[_QUOTES]):
        docs = list(nlp.pipe(slices, batch_size=SLICES_PER_BATCH))
    doc = Doc.from_docs(docs, ensure_whitespace=False)
    return nlp.get_pipe(_QUOTES)(doc)


def text_slices(text: str) -> list[str]:
    """`text` cut into slices that join back to it exactly."""
    if len(text) <= PARSE_SLICE_CHARS and _LONG_RUN.search(text) is None:
        return [text]
    slices: list[str] = []
    start = 0
    while start < len(text):
        end = _slice_end(text, start)
        slices.extend(_split_runs(text[start:end]))
        start = end
    return slices


def _slice_end(text: str, start: int) -> int:
    limit = start + PARSE_SLICE_CHARS
    if limit >= len(text):
        return len(text)
    for sep in ("\n", " "):
        cut = text.rfind(sep, start + PARSE_SLICE_CHARS // 2, limit)
        if cut >= 0:
            return cut + 1
    return limit


def _split_runs(piece: str) -> list[str]:
    """Cut every run of non-space characters longer than MAX_RUN_CHARS into pieces."""
    parts: list[str] = []
    at = 0
    for match in _LONG_RUN.finditer(piece):
        if match.start() > at:
            parts.append(piece[at : match.start()])
        run = match.group()
        parts.extend(run[i : i + MAX_RUN_CHARS] for i in range(0, len(run), MAX_RUN_CHARS))
        at = match.end()
    if at < len(piece):
        parts.append(piece[at:])
    return parts
