"""The Spark provenance stage against the local engine on the same texts: candidate pairs,
links, families (members, ids, origins), boilerplate and copies of copies."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.conftest import shared_path
from tests.distributed.conftest import generated_articles, needs_spark
from vedette.distributed.bridge import local_families
from vedette.distributed.documents import dumps, unique_articles
from vedette.distributed.provenance_rows import family_rows
from vedette.provenance.candidates import buckets, candidate_pairs
from vedette.provenance.corpus import _article_record, make_doc
from vedette.provenance.fingerprint import posting_keys
from vedette.provenance.index import add_batch
from vedette.provenance.memory import MemoryIndex
from vedette.provenance.thresholds import MAX_BUCKET
from vedette.records import Article

pytestmark = needs_spark

FOOTER_TEXTS = MAX_BUCKET + 15  # one footer in more texts than a bucket pairs in full
CHAIN = 5  # copies of copies: each text takes the second half of the one before


def _words(n: int, rng: random.Random, vocabulary: list[str]) -> list[str]:
    return [rng.choice(vocabulary) for _ in range(n)]


def footer_articles(vocabulary: list[str], rng: random.Random) -> list[Article]:
    """Unrelated bodies that all end with one paragraph: boilerplate once learned."""
    footer = " ".join(_words(60, rng, vocabulary))
    return [Article(text=f"{' '.join(_words(90, rng, vocabulary))}\n\n{footer}",
                    publisher=f"Outlet {n % 7}", published=f"2022-03-{1 + n % 28:02d}")
            for n in range(FOOTER_TEXTS)]


def chain_articles(vocabulary: list[str], rng: random.Random) -> list[Article]:
    """A -> B -> C ...: each shares half its words with the one before, none with the one two
    back, so only the chain makes them one family."""
    words = _words(100 * (CHAIN + 1), rng, vocabulary)
    return [Article(text=" ".join(words[100 * k : 100 * k + 200]), publisher=f"Chain {k}",
                    published=f"2022-04-{10 + k:02d}") for k in range(CHAIN)]


def _articles() -> tuple[list[Article], list[Article], list[Article]]:
    corpus: Path = shared_path("corpus")
    generated = generated_articles(corpus, 80)
    vocabulary = " ".join(a.text for a in generated).split()
    rng = random.Random(11)
    return generated, footer_articles(vocabulary, rng), chain_articles(vocabulary, rng)


def _documents(spark: Any, articles: list[Article], folder: Path) -> str:
    """A documents table as the read stage writes it."""
    rows = [(a.id, 0, a.path, dumps(a)) for a in articles]
    path = (folder / "documents").as_uri()
    (spark.createDataFrame(rows, "id string, pkey int, path string, article binary")
     .repartition(3).write.parquet(path))
    return path


class Staged:
    """One run of the Spark stage over the test texts, and its intermediate tables."""

    def __init__(self, spark: Any, folder: Path) -> None:
        from vedette.distributed.spark_provenance import provenance_families

        self.generated, self.footers, self.chain = _articles()
        self.articles = unique_articles([*self.generated, *self.footers, *self.chain])
        self.work = (folder / "work").as_uri()
        documents = _documents(spark, self.articles, folder)
        self.rows = sorted((r.article_id, r.family, r.origin_id, r.origin_outlet)
                           for r in provenance_families(spark, documents, self.work).collect())
        self.spark = spark

    def table(self, name: str) -> Any:
        return self.spark.read.parquet(f"{self.work}/{name}")


@pytest.fixture(scope="module")
def staged(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> Staged:
    return Staged(spark, tmp_path_factory.mktemp("staged"))


def test_families_equal_local(staged: Staged) -> None:
    local = sorted((r["article_id"], r["family"], r["origin_id"], r["origin_outlet"])
                   for r in family_rows(local_families(staged.articles)))
    assert staged.rows == local
    family = {row[0]: row[1] for row in staged.rows}
    footer_families = [family[a.id] for a in staged.footers if a.id in family]
    assert len(footer_families) == len(set(footer_families))  # a shared footer is no family
    assert len({family.get(a.id) for a in staged.chain}) == 1 and staged.chain[0].id in family
    assert len(set(family.values())) > 5  # the generated copies make families


def _local_index(articles: list[Article]) -> tuple[set[tuple[int, int]], MemoryIndex]:
    """Candidate pairs and the index of `corpus_provenance` over `articles` in this order."""
    docs = []
    for key, article in enumerate(articles, start=1):
        named = replace(article, path=article.id)
        record = _article_record(named)
        docs.append(make_doc(key, named, record.origin_outlet, record.spun.flag))
    keys = [posting_keys(d.fp) for d in docs]
    ranks = np.repeat(np.arange(1, len(docs) + 1, dtype=np.int64), [len(k) for k in keys])
    pairs = candidate_pairs(buckets(np.concatenate(keys), ranks), 1)
    index = MemoryIndex()
    add_batch(index, docs)
    return pairs, index


def test_candidate_pairs_and_links_equal_local(staged: Staged) -> None:
    from pyspark.sql import functions as F

    from vedette.distributed.spark_provenance import candidate_pairs as spark_pairs

    ordered = sorted(staged.articles, key=lambda a: (a.path, a.id))  # the ranks' order
    pairs, index = _local_index(ordered)
    saved_buckets = staged.table("buckets")
    assert saved_buckets.filter(F.size("members") > MAX_BUCKET).count() > 0  # star and chain
    found = {(int(r.i), int(r.j)) for r in spark_pairs(saved_buckets).collect()}
    assert found == pairs
    links = {(int(r.i), int(r.j)): (r.relation, r.score, r.a_in_b, r.b_in_a)
             for r in staged.table("links").collect()}
    assert links == {k: (x.relation, x.score, x.a_in_b, x.b_in_a) for k, x in index.links.items()}
    learned = {int(r.key) for r in staged.table("learned").collect()}
    assert learned == set(index.boilerplate_hashes()) != set()
    assert any(x.relation == "spun" for x in index.links.values())


def test_components_on_a_long_path(spark: Any, tmp_path: Path) -> None:
    from vedette.distributed.spark_components import connected_components

    order = list(range(400))
    random.Random(5).shuffle(order)
    edges = [(order[k], order[k + 1]) for k in range(299)]  # one path of 300 vertices
    edges += [(1000, 1001), (1001, 1002), (2000, 2001)]
    frame = spark.createDataFrame([(min(e), max(e)) for e in edges], "i long, j long")
    labels = {int(r.v): int(r.label)
              for r in connected_components(frame, tmp_path.as_uri()).collect()}
    path = order[:300]
    assert {labels[v] for v in path} == {min(path)}
    assert labels[1002] == 1000 and labels[2001] == 2000
    assert len(labels) == 305
