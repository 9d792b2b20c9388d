"""Independent confirmation: the one definition, used by the store's queries (`estimates`),
provenance over files (`provenance.confirm`), the CLI and the API.

A statement's chain is (origin, underlying source):
- origin: the copy family's origin (its outlet, else its origin article) when the text has
  copies; else the outlet the text credits ("told CNN"), else its publisher; else the text;
- underlying source: who really knows, the first link of the attribution chain, else the
  named source.
Statements about the same thing are confirmed by as many distinct chains as stand behind
them: fifty copies of one CNN report citing the Ukrainian Defense Ministry are one chain.

Kept free of heavy imports: `estimates` loads it on every query.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Chain:
    """What stands behind one statement."""

    article_id: str | None  # needed only when neither a family nor an outlet names the origin
    source: str | None  # the underlying source
    outlet: str | None = None  # `article_outlet(...)` of the text
    family_origin: str | None = None  # `family_origin(...)` of its copy family, if it has copies


def chain_key(chain: Chain) -> tuple[str, str]:
    """Two statements with the same key are one confirmation, not two."""
    if chain.family_origin is not None:
        origin = chain.family_origin
    elif chain.outlet:
        origin = f"outlet:{normalise(chain.outlet)}"
    else:
        origin = f"article:{chain.article_id}"
    return (origin, normalise(chain.source or ""))


def family_origin(outlet: str | None, origin_article: str | None, family: str) -> str:
    """The origin of a copy family: its outlet, else its origin text, else the family."""
    if outlet:
        return f"outlet:{normalise(outlet)}"
    return f"article:{origin_article}" if origin_article else f"family:{family}"


def article_outlet(credited: str | None, publisher: str | None) -> str | None:
    """The outlet a lone text goes back to: the one it credits, else its publisher."""
    from vedette.provenance.families import canonical_outlet

    return credited or canonical_outlet(publisher)


def count_independent(statements: Iterable[tuple[K, Chain]]) -> dict[K, int]:
    """Statement key (what is said) -> number of distinct chains saying it."""
    chains: dict[K, set[tuple[str, str]]] = defaultdict(set)
    for key, chain in statements:
        chains[key].add(chain_key(chain))
    return {key: len(found) for key, found in chains.items()}


def normalise(name: str) -> str:
    return _LEADING_THE.sub("", _SPACE.sub(" ", name.strip().casefold()))
