"""Per-Doc caches: `Doc.text` rebuilds the whole string on every access (O(n))."""

from __future__ import annotations

from spacy.tokens import Doc

from vedette.extract.passages import Passage, find_passages

_TEXT = "vedette_text"
_PASSAGES = "vedette_passages"


def doc_text(doc: Doc) -> str:
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return str(text)


def doc_passages(doc: Doc) -> list[Passage]:
    passages = doc.user_data.get(_PASSAGES)
    if passages is None:
        passages = doc.user_data[_PASSAGES] = find_passages(doc_text(doc))
    return list(passages)
