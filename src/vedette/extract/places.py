"""Places (issue 3): being written; returns nothing until it lands."""

from __future__ import annotations

from spacy.tokens import Doc

from vedette.extract.entities import EntityIndex
from vedette.records import Place


def find_places(doc: Doc, index: EntityIndex) -> list[Place]:
    return []
