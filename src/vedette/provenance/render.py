"""A readable table of families and spun texts (Rich)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from vedette.provenance.corpus import CorpusProvenance, Family


def render_provenance(result: CorpusProvenance, console: Console) -> None:
    families = [f for f in result.families if len(f.members) > 1]
    table = Table(title=f"{len(families)} families in {len(result.articles)} texts")
    for column in ("family", "origin", "members", "relations"):
        table.add_column(column, overflow="fold")
    for family in families:
        table.add_row(family.id, _origin(family), "\n".join(_name(m) for m in family.members),
                      _relations(family))
    console.print(table)
    spun = [a for a in result.articles if a.spun.flag]
    if spun:
        flagged = Table(title=f"{len(spun)} texts look machine-spun or scraped")
        for column in ("text", "score", "evidence"):
            flagged.add_column(column, overflow="fold")
        for a in spun:
            evidence = "; ".join(repr(e.span.text) for e in a.spun.evidence[:4])
            flagged.add_row(_name(a.path), f"{a.spun.score:.1f}", evidence)
        console.print(flagged)


def _origin(family: Family) -> str:
    if family.origin is None:
        return f"{family.origin_outlet or '?'} (not in corpus)"
    outlet = f" ({family.origin_outlet})" if family.origin_outlet else ""
    return _name(family.origin) + outlet


def _relations(family: Family) -> str:
    counts: dict[str, int] = {}
    for link in family.links:
        counts[link.relation] = counts.get(link.relation, 0) + 1
    return ", ".join(f"{n} {relation}" for relation, n in sorted(counts.items()))


def _name(path: str) -> str:
    return Path(path).name or path
