"""The one place the distributed engines reach into `vedette.provenance`.

Both engines build copy families with the local provenance engine (`corpus_provenance`:
boilerplate-aware fingerprints, posting lists, verification, families, origins), so they find
the same families. Spark does not yet distribute this step (see `spark_provenance`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from vedette.provenance import Family, corpus_provenance
from vedette.records import Article

__all__ = ["local_families"]


def local_families(articles: Sequence[Article]) -> list[Family]:
    """`corpus_provenance` on articles in canonical order (path, id), members named by id."""
    ordered = sorted(articles, key=lambda a: (a.path, a.id))
    return corpus_provenance([replace(a, path=a.id) for a in ordered]).families
