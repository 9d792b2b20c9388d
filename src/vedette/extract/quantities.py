"""Quantities (issue 3): being written; returns nothing until it lands."""

from __future__ import annotations

from spacy.tokens import Doc

from vedette.records import Quantity


def find_quantities(doc: Doc) -> list[Quantity]:
    return []
