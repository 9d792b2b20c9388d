"""Times (issue 3): being written; returns nothing until it lands."""

from __future__ import annotations

from spacy.tokens import Doc

from vedette.records import TimeRef


def find_times(doc: Doc, anchor: str | None) -> list[TimeRef]:
    return []
