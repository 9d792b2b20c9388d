"""Copy families on Spark, with the local path's signatures, thresholds and verification.

1. Every document gets a rank: its place in the canonical order (path, id), which is the
   order the local engine numbers families in.
2. Executors fingerprint each text once and compute its LSH keys (word bands, name bands,
   sampled passage shingles) with the local `SignatureIndex` code; both are saved.
3. Spark SQL groups equal keys into buckets and makes candidate pairs with the local rules:
   all pairs of a bucket up to MAX_BUCKET texts, a star and a chain beyond; passage buckets
   over MAX_BUCKET are stock phrases and skipped; MIN_SHARED_SAMPLES shared samples.
4. Each candidate pair is joined with both fingerprints and verified where they meet.
5. Clusters of linked texts are connected components (label propagation with pointer
   jumping in DataFrames; nothing about pairs comes back to the driver).
6. Each cluster is turned into families by the local family and origin code in one
   executor; families are numbered in the local order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from vedette.distributed import bridge
from vedette.distributed.documents import loads
from vedette.distributed.layout import WORK, Layout
from vedette.distributed.provenance_rows import FAMILIES
from vedette.distributed.run import BatchError
from vedette.distributed.settings import MAX_COMPONENT_ROUNDS, PROVENANCE_BATCH_ROWS

FEATURES_SCHEMA = "kind string, band int, key long, rank long, fp binary"
PRINT = "p"  # the kind of the one feature row per text that carries its fingerprint
VERIFIED_SCHEMA = "i long, j long, relation string, verdict binary"
FAMILY_SCHEMA = ("o0 int, o1 long, o2 long, article_id string, origin_id string, "
                 "origin_outlet string")
# Fingerprints an executor keeps for the right-hand texts of the pairs it verifies.
FINGERPRINT_CACHE = 1024


def provenance_stage(spark: Any, layout: Layout, documents: str) -> None:
    if FAMILIES in layout.done(FAMILIES):
        return
    from pyspark.sql import functions as F

    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(PROVENANCE_BATCH_ROWS))
    ranked = ranked_documents(spark, layout, documents)
    features = text_features(spark, layout, ranked)
    keys = features.filter(F.col("kind") != PRINT).select("kind", "band", "key", "rank")
    prints = features.filter(F.col("kind") == PRINT).select("rank", "fp")
    verified = _saved(verify_pairs(candidate_pairs(keys), prints),
                      layout.spark_path(WORK, "verified"))
    labels = connected_components(verified.select("i", "j"), layout.spark_path(WORK, "components"))
    families = number_families(cluster_families(ranked, verified, labels))
    families.write.mode("overwrite").parquet(layout.spark_path(FAMILIES))
    layout.mark(FAMILIES, FAMILIES)


def ranked_documents(spark: Any, layout: Layout, documents: str) -> Any:
    """Documents with their rank (order-preserving, not contiguous), saved once."""
    from pyspark.sql import functions as F

    path = layout.spark_path(WORK, "ranked")
    (spark.read.parquet(documents).select("id", "path", "article").orderBy("path", "id")
     .withColumn("rank", F.monotonically_increasing_id())
     .write.mode("overwrite").parquet(path))
    return spark.read.parquet(path)


def text_features(spark: Any, layout: Layout, ranked: Any) -> Any:
    """Every text's LSH keys and fingerprint, computed once and saved."""
    path = layout.spark_path(WORK, "features")
    (ranked.select("rank", "article").mapInPandas(features_of, FEATURES_SCHEMA)
     .write.mode("overwrite").parquet(path))
    return spark.read.parquet(path)


def features_of(batches: Iterable[Any]) -> Iterator[Any]:
    import pandas as pd

    for batch in batches:
        ranks = [int(r) for r in batch["rank"]]
        prints = [bridge.fingerprint(loads(bytes(a)).text) for a in batch["article"]]
        keys = bridge.band_keys(prints, ranks)
        rows: list[tuple[str, int, int, int, bytes | None]] = [
            (k.kind, k.band, k.key, k.rank, None) for k in keys]
        rows += [(PRINT, -1, 0, r, bridge.fingerprint_bytes(fp))
                 for r, fp in zip(ranks, prints, strict=True)]
        yield pd.DataFrame(rows, columns=["kind", "band", "key", "rank", "fp"])


def candidate_pairs(keys: Any) -> Any:
    """Distinct (i, j), i < j, by the local banding rules."""
    from pyspark.sql import functions as F

    buckets = (keys.groupBy("kind", "band", "key")
               .agg(F.array_sort(F.collect_set("rank")).alias("m"))
               .filter(F.size("m") > 1))
    bands = buckets.filter(F.col("kind") != bridge.SAMPLES)
    small = _all_pairs(bands.filter(F.size("m") <= bridge.MAX_BUCKET))
    large = _star_and_chain(bands.filter(F.size("m") > bridge.MAX_BUCKET))
    passages = (_all_pairs(buckets.filter((F.col("kind") == bridge.SAMPLES)
                                          & (F.size("m") <= bridge.MAX_BUCKET)))
                .groupBy("i", "j").count()
                .filter(F.col("count") >= bridge.MIN_SHARED_SAMPLES).select("i", "j"))
    return small.unionByName(large).unionByName(passages).distinct()


def _all_pairs(buckets: Any) -> Any:
    from pyspark.sql import functions as F

    firsts = buckets.select("m", F.explode("m").alias("i"))
    return firsts.select("i", F.explode(F.filter("m", lambda x: x > F.col("i"))).alias("j"))


def _star_and_chain(buckets: Any) -> Any:
    """A huge bucket (boilerplate, templates): each member with the first and the previous."""
    from pyspark.sql import functions as F

    members = buckets.select("m", F.posexplode("m").alias("p", "x")).filter(F.col("p") >= 1)
    star = members.select(F.col("m")[0].alias("i"), F.col("x").alias("j"))
    chain = members.select(F.expr("m[p - 1]").alias("i"), F.col("x").alias("j"))
    return star.unionByName(chain)


def verify_pairs(pairs: Any, prints: Any) -> Any:
    """Each pair joined with both fingerprints and verified in the executor holding them."""
    from pyspark.sql import functions as F

    left = prints.select(F.col("rank").alias("i"), F.col("fp").alias("a"))
    right = prints.select(F.col("rank").alias("j"), F.col("fp").alias("b"))
    met = pairs.join(left, "i").join(right, "j").repartition("i").sortWithinPartitions("i", "j")
    return met.select("i", "j", "a", "b").mapInPandas(_verify_batches, VERIFIED_SCHEMA)


def _verify_batches(batches: Iterable[Any]) -> Iterator[Any]:
    import pandas as pd

    left: tuple[int, bridge.Fingerprint] | None = None
    right: dict[int, bridge.Fingerprint] = {}
    for batch in batches:
        rows: list[tuple[int, int, str, bytes]] = []
        for i, j, a, b in zip(batch["i"], batch["j"], batch["a"], batch["b"], strict=True):
            if left is None or left[0] != i:
                left = (int(i), bridge.fingerprint_of(bytes(a)))
            fp_b = _cached(right, int(j), b)
            verdict = bridge.verify(left[1], fp_b)
            if verdict is not None:
                rows.append((int(i), int(j), verdict.relation, bridge.verdict_bytes(verdict)))
        yield pd.DataFrame(rows, columns=["i", "j", "relation", "verdict"])


def _cached(cache: dict[int, bridge.Fingerprint], rank: int, data: Any) -> bridge.Fingerprint:
    found = cache.get(rank)
    if found is None:
        if len(cache) >= FINGERPRINT_CACHE:
            cache.pop(next(iter(cache)))
        found = cache[rank] = bridge.fingerprint_of(bytes(data))
    return found


def connected_components(edges: Any, work: str) -> Any:
    """(v, label): label is the smallest rank in v's component, for every linked v.

    Alternating large-star and small-star (Kiveris et al., "Connected Components in
    MapReduce and Beyond", 2014): O(log^2 n) rounds, each a few joins; it ends when a round
    changes no edge, and then every component is a star around its smallest vertex. Each
    step's edges are written under `work` and read back: that cuts the lineage and the
    planner's size estimates (join estimates multiply round after round and overflow).
    """
    from pyspark.sql import functions as F

    current = _saved(edges.select(F.col("i").alias("a"), F.col("j").alias("b")).distinct(),
                     f"{work}/edges-0")
    stable = False
    for n in range(1, MAX_COMPONENT_ROUNDS + 1):
        large = _saved(_large_star(current), f"{work}/large-{n}")
        small = _saved(_small_star(large), f"{work}/edges-{n}")
        stable = (small.exceptAll(current).count() == 0
                  and current.exceptAll(small).count() == 0)
        current = small
        if stable:
            break
    if not stable:
        raise BatchError(f"connected components did not settle in {MAX_COMPONENT_ROUNDS} rounds")
    both = _both(current)
    return both.groupBy("u").agg(F.least(F.min("v"), F.min("u")).alias("label")).select(
        F.col("u").alias("v"), "label")


def _both(edges: Any) -> Any:
    """Undirected edges (a, b) as directed (u, v) both ways."""
    from pyspark.sql import functions as F

    return (edges.select(F.col("a").alias("u"), F.col("b").alias("v"))
            .unionByName(edges.select(F.col("b").alias("u"), F.col("a").alias("v"))).distinct())


def _large_star(edges: Any) -> Any:
    """Every neighbour larger than u is linked to the smallest of u and its neighbours."""
    from pyspark.sql import functions as F

    both = _both(edges)
    smallest = both.groupBy("u").agg(F.least(F.min("v"), F.min("u")).alias("m"))
    return (both.join(smallest, "u").filter(F.col("v") > F.col("u"))
            .select(F.col("v").alias("a"), F.col("m").alias("b")).distinct())


def _small_star(edges: Any) -> Any:
    """u and every neighbour not larger than u are linked to the smallest of them."""
    from pyspark.sql import functions as F

    low = _both(edges).filter(F.col("v") <= F.col("u"))
    smallest = low.groupBy("u").agg(F.least(F.min("v"), F.min("u")).alias("m"))
    linked = low.join(smallest, "u").select(F.col("v").alias("a"), F.col("m").alias("b"))
    own = smallest.select(F.col("u").alias("a"), F.col("m").alias("b"))
    return linked.unionByName(own).filter(F.col("a") != F.col("b")).distinct()


def _saved(frame: Any, path: str) -> Any:
    frame.write.mode("overwrite").parquet(path)
    return frame.sparkSession.read.parquet(path)


def cluster_families(ranked: Any, verified: Any, labels: Any) -> Any:
    """Families of every cluster, by the local code, one cluster per executor call."""
    from pyspark.sql import functions as F

    members = (labels.join(ranked, labels.v == ranked.rank)
               .select(F.col("label").alias("cluster"), "rank", "id", "article"))
    links = (verified.join(labels, verified.i == labels.v)
             .select(F.col("label").alias("cluster"), "i", "j", "verdict"))
    return (members.groupBy("cluster").cogroup(links.groupBy("cluster"))
            .applyInPandas(_families_of, FAMILY_SCHEMA))


def _families_of(members: Any, links: Any) -> Any:
    import pandas as pd

    ordered = members.sort_values("rank")
    articles = [replace(loads(bytes(a)), path=str(i))
                for a, i in zip(ordered["article"], ordered["id"], strict=True)]
    found = {(int(i), int(j)): bridge.verdict_of(bytes(v))
             for i, j, v in zip(links["i"], links["j"], links["verdict"], strict=True)}
    rows = [(*out.order, member, out.family.origin, out.family.origin_outlet)
            for out in bridge.cluster_families(articles, [int(r) for r in ordered["rank"]], found)
            for member in out.family.members]
    return pd.DataFrame(rows, columns=["o0", "o1", "o2", "article_id", "origin_id",
                                       "origin_outlet"])


def number_families(rows: Any) -> Any:
    """f1, f2 ... in the local order: components by first member, then quote-only families
    by their first link (a distributed sort; only the numbering is zipped with an index)."""
    from pyspark.sql import functions as F

    orders = rows.select("o0", "o1", "o2").distinct().orderBy("o0", "o1", "o2")
    numbered = orders.rdd.zipWithIndex().map(lambda t: (*t[0], f"f{t[1] + 1}"))
    names = rows.sparkSession.createDataFrame(numbered, "o0 int, o1 long, o2 long, "
                                                        "family string")
    return (rows.join(names, ["o0", "o1", "o2"])
            .select("article_id", "family", "origin_id", "origin_outlet",
                    F.lit(None).cast("string").alias("relation")))
