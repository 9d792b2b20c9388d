"""Claims (issue 3): being written; returns nothing until it lands."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from vedette.extract.transcripts import Turn
from vedette.records import Article, Claim, Place, Quantity, Quote, TimeRef


def build_claims(doc: Doc, article: Article, quantities: Sequence[Quantity],
                 quotes: Sequence[Quote], turns: Sequence[Turn], times: Sequence[TimeRef],
                 places: Sequence[Place]) -> list[Claim]:
    return []
