"""Events (issue 3): being written; returns nothing until it lands."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from vedette.extract.entities import EntityIndex
from vedette.records import Event, Place, Quote, TimeRef


def find_events(doc: Doc, index: EntityIndex, times: Sequence[TimeRef],
                places: Sequence[Place], quotes: Sequence[Quote]) -> list[Event]:
    return []
