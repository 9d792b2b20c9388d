"""Spark's candidate pairs and components against the local code on the same texts."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from tests.conftest import shared_path
from tests.distributed.conftest import generated_articles, needs_spark
from vedette.distributed.documents import dumps
from vedette.provenance.candidates import SignatureIndex
from vedette.provenance.fingerprint import fingerprint
from vedette.provenance.thresholds import MAX_BUCKET
from vedette.records import Article

pytestmark = needs_spark


def _texts() -> list[str]:
    """Generated articles with copies, plus more than MAX_BUCKET texts sharing a long
    boilerplate paragraph (the star-and-chain rule) with bodies of their own."""
    corpus: Path = shared_path("corpus")
    texts = [a.text for a in generated_articles(corpus, 60)]
    rng = random.Random(3)
    words = " ".join(texts[0].split()[:60])
    vocabulary = " ".join(texts[1:20]).split()
    for _ in range(MAX_BUCKET + 15):
        body = " ".join(rng.choice(vocabulary) for _ in range(80))
        texts.append(f"{body}\n\n{words}")
    return texts


def test_candidate_pairs_equal_local(spark: Any) -> None:
    from pyspark.sql import functions as F

    from vedette.distributed.spark_provenance import (
        FEATURES_SCHEMA,
        PRINT,
        candidate_pairs,
        features_of,
    )

    texts = _texts()
    local = SignatureIndex.build((fingerprint(t) for t in texts), len(texts)).candidate_pairs()
    docs = spark.createDataFrame([(n, dumps(Article(text=t))) for n, t in enumerate(texts)],
                                 "rank long, article binary").repartition(3)
    features = docs.mapInPandas(features_of, FEATURES_SCHEMA)
    keys = features.filter(F.col("kind") != PRINT).drop("fp")
    found = {(int(r.i), int(r.j)) for r in candidate_pairs(keys).collect()}
    assert found == local
    assert any(j - i > MAX_BUCKET for i, j in found)  # the big bucket was really there


def test_components_on_a_long_chain(spark: Any, tmp_path: Path) -> None:
    from vedette.distributed.spark_provenance import connected_components

    order = list(range(400))
    random.Random(5).shuffle(order)
    edges = [(order[k], order[k + 1]) for k in range(299)]  # one path of 300 vertices
    edges += [(1000, 1001), (1001, 1002), (2000, 2001)]
    frame = spark.createDataFrame([(min(e), max(e)) for e in edges], "i long, j long")
    found = connected_components(frame, tmp_path.as_uri())
    labels = {int(r.v): int(r.label) for r in found.collect()}
    path = order[:300]
    assert {labels[v] for v in path} == {min(path)}
    assert labels[1002] == 1000 and labels[2001] == 2000
    assert len(labels) == 305


def test_no_links_no_families(spark: Any, tmp_path: Path) -> None:
    from vedette.distributed.spark_provenance import (
        cluster_families,
        connected_components,
        number_families,
    )

    ranked = spark.createDataFrame([], "id string, path string, article binary, rank long")
    verified = spark.createDataFrame([], "i long, j long, relation string, verdict binary")
    labels = connected_components(verified.select("i", "j"), tmp_path.as_uri())
    assert number_families(cluster_families(ranked, verified, labels)).count() == 0
