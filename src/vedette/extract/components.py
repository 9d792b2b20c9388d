"""spaCy factories: `nlp.add_pipe("vedette_quotes")` works in anyone's English pipeline.

Each component is a thin shell over the pure functions of its module; a failure on one
document goes to the pipeline's error handler instead of stopping the batch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NoReturn

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import raise_error

from vedette.config import MAX_SENTENCE_TOKENS
from vedette.extract.entities import equipment_matcher
from vedette.extract.quotes import find_quotes

# Tokens that end a sentence in running text (the parser decides; this only resets the count).
_SENTENCE_FINAL = frozenset({".", "!", "?"})

if not Doc.has_extension("vedette_quotes"):
    Doc.set_extension("vedette_quotes", default=None)


@Language.component("vedette_newline_sentences")
def newline_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and transcript turns carry no final period.

    Runs before the parser, which respects sentence starts set in advance. A run of more
    than MAX_SENTENCE_TOKENS tokens without a line break or a full stop is cut too: every
    extractor works sentence by sentence, and one endless sentence ("123,456,789 troops"
    a thousand times) would make each of them quadratic.
    """
    run = 0
    for tok in doc[:-1]:
        run += 1
        if "\n" in tok.text or "\n" in tok.whitespace_ or run >= MAX_SENTENCE_TOKENS:
            doc[tok.i + 1].is_sent_start = True
            run = 0
        elif tok.text in _SENTENCE_FINAL:
            run = 0
    return doc


ErrorHandler = Callable[[str, Any, list[Doc], Exception], NoReturn | None]


class _Component:
    """A failure propagates to `Language.__call__`, which hands it to this component's
    error handler (spaCy's `raise_error` unless `set_error_handler` chose another)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._handler: ErrorHandler = raise_error

    def set_error_handler(self, handler: ErrorHandler) -> None:
        self._handler = handler

    def get_error_handler(self) -> ErrorHandler:
        return self._handler


class EquipmentComponent(_Component):
    """Marks military equipment in `doc.spans["vedette_equipment"]`."""

    def __call__(self, doc: Doc) -> Doc:
        doc.spans["vedette_equipment"] = list(equipment_matcher(doc)(doc, as_spans=True))
        return doc


class QuotesComponent(_Component):
    """Rule quotes plus trained attributions in `doc._.vedette_quotes` (list of Candidate)."""

    def __init__(self, name: str, use_model: bool) -> None:
        super().__init__(name)
        self.use_model = use_model

    def __call__(self, doc: Doc) -> Doc:
        from vedette.extract.merge import all_candidates

        doc._.vedette_quotes = all_candidates(doc, use_model=self.use_model)
        return doc


@Language.factory("vedette_equipment")
def make_equipment(nlp: Language, name: str) -> EquipmentComponent:
    return EquipmentComponent(name)


@Language.factory("vedette_quotes", default_config={"use_model": True})
def make_quotes(nlp: Language, name: str, use_model: bool) -> QuotesComponent:
    return QuotesComponent(name, use_model)


__all__ = ["find_quotes", "newline_sentences"]
