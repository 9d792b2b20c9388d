"""Copy families of a Spark batch.

The analysis runs in the executors; families are built on the driver by the local provenance
engine over the analysed documents, streamed in canonical order (`toLocalIterator`, one
partition at a time), so Spark and the local engine give the same families. Distributing
this step (posting keys in the executors, keys grouped in Spark SQL, boilerplate learned per
posting list, verification where pairs meet, connected components) is the open part of
issue 12: the provenance engine it was first built on was replaced by the incremental,
boilerplate-aware index.
"""

from __future__ import annotations

from typing import Any

from vedette.distributed.bridge import local_families
from vedette.distributed.documents import loads
from vedette.distributed.layout import Layout
from vedette.distributed.provenance_rows import FAMILIES, family_rows, write_families


def provenance_stage(spark: Any, layout: Layout, documents: str) -> None:
    if FAMILIES in layout.done(FAMILIES):
        return
    rows = (spark.read.parquet(documents).select("path", "id", "article")
            .orderBy("path", "id").toLocalIterator())
    articles = [loads(bytes(row["article"])) for row in rows]
    write_families(layout, family_rows(local_families(articles)))
