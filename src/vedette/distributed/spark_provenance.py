"""Copy families on Spark: the steps of the local provenance index, distributed.

The local engine rebuilds families as one batch over an empty index (`index.add_batch`);
this stage runs the same steps with Spark doing the grouping, and the executors calling the
same per-document, per-bucket, per-pair and per-component functions (`bridge`):
1. rank: every document's index key, its place in the canonical order (path, id);
2. index (executors): fingerprint, profile, member and posting keys of each text, once;
3. buckets: posting keys exploded and grouped (GROUP BY key) into ranked member lists;
4. boilerplate: each window bucket learns on its own (greedy unrelated members in rank
   order, `learn_window`); each document gets the learned windows it holds;
5. candidate pairs per bucket (`bucket_pairs`: all pairs up to MAX_BUCKET, a star and a
   chain beyond for bands), pairs sharing MIN_SHARED_BANDS bands or MIN_SHARED_SAMPLES samples;
6. verification where each pair meets its two fingerprints and learned windows (joins);
7. connected components of the family links (`spark_components`);
8. per component, its family and origin (`family_record`); a quotes-only link between two
   texts in no family lists its earlier text alone, as `corpus_provenance` does.
The driver sees counts only (documents per sorted partition, rounds of the components).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from vedette.distributed import bridge
from vedette.distributed.documents import loads
from vedette.distributed.layout import WORK, Layout
from vedette.distributed.provenance_rows import FAMILIES
from vedette.distributed.settings import FINGERPRINT_CACHE, PROVENANCE_BATCH_ROWS
from vedette.distributed.spark_components import connected_components, saved

DOC_FIELDS = ("rank", "id", "doc", "profile", "member", "keys", "kinds")
DOC_SCHEMA = ("rank long, id string, doc binary, profile binary, member binary, "
              "keys array<long>, kinds array<tinyint>")
PAIR_SCHEMA = "i long, j long, band boolean"
LINK_FIELDS = ("i", "j", "relation", "score", "a_in_b", "b_in_a")
LINK_SCHEMA = ("i long, j long, relation string, score double, a_in_b double, "
               "b_in_a double")
ROW_FIELDS = ("article_id", "family", "origin_id", "origin_outlet")
ROW_SCHEMA = "article_id string, family string, origin_id string, origin_outlet string"
# monotonically_increasing_id: the partition index above this bit, the row number below.
MONO_ROW_BITS = 33


def provenance_stage(spark: Any, layout: Layout, documents: str) -> None:
    if FAMILIES in layout.done(FAMILIES):
        return
    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(PROVENANCE_BATCH_ROWS))
    work = layout.spark_path(WORK, "provenance")
    families = provenance_families(spark, documents, work)
    families.write.mode("overwrite").parquet(layout.spark_path(FAMILIES))
    layout.mark(FAMILIES, FAMILIES)


def provenance_families(spark: Any, documents: str, work: str) -> Any:
    """Rows of the families table for the documents table at `documents`."""
    docs = saved(indexed_documents(ranked_documents(spark, documents, work)), f"{work}/docs")
    links = saved(spark_links(docs, work), f"{work}/links")
    return family_rows(docs, links, f"{work}/components")


def spark_links(docs: Any, work: str) -> Any:
    """Verified links (i < j) among the indexed documents: steps 3 to 6."""
    from pyspark.sql import functions as F

    postings = saved(docs.select("rank", F.explode(F.arrays_zip("keys", "kinds")).alias("p"))
                     .select("rank", F.col("p.keys").alias("key"),
                             F.col("p.kinds").cast("int").alias("kind")), f"{work}/postings")
    buckets = saved(bucket_frame(postings), f"{work}/buckets")
    learned = saved(learned_windows(buckets, docs), f"{work}/learned")
    boiler = (postings.filter(F.col("kind") == bridge.WINDOW_KIND).join(learned, "key")
              .groupBy("rank").agg(F.collect_list("key").alias("boiler")))
    return verify_pairs(candidate_pairs(buckets), docs, boiler)


# --- 1, 2: ranks and the index documents ------------------------------------------------------

def ranked_documents(spark: Any, documents: str, work: str) -> Any:
    """(rank, article): ranks 1..N in the order (path, id), by a distributed sort; the driver
    only learns how many documents each sorted partition holds."""
    from pyspark.sql import functions as F

    ordered = saved(spark.read.parquet(documents).select("path", "id", "article")
                    .orderBy("path", "id").withColumn("mono", F.monotonically_increasing_id()),
                    f"{work}/sorted")
    part = F.expr(f"shiftright(mono, {MONO_ROW_BITS})")
    counts = sorted((int(r["part"]), int(r["count"]))
                    for r in ordered.groupBy(part.alias("part")).count().collect())
    offsets, total = [], 0
    for p, n in counts:
        offsets.append((p, total))
        total += n
    table = spark.createDataFrame(offsets, "part long, offset long")
    row = F.expr(f"mono & {(1 << MONO_ROW_BITS) - 1}")
    return (ordered.withColumn("part", part).join(F.broadcast(table), "part")
            .select((F.col("offset") + row + 1).alias("rank"), "article"))


def indexed_documents(ranked: Any) -> Any:
    return ranked.mapInPandas(_index_batches, DOC_SCHEMA)


def _index_batches(batches: Iterable[Any]) -> Iterator[Any]:
    import pandas as pd

    for batch in batches:
        docs = [bridge.index_doc(int(r), loads(bytes(a)))
                for r, a in zip(batch["rank"], batch["article"], strict=True)]
        yield pd.DataFrame({f: [getattr(d, f) for d in docs] for f in DOC_FIELDS})


# --- 3, 4, 5: buckets, boilerplate, candidate pairs -----------------------------------------

def bucket_frame(postings: Any) -> Any:
    """(key, kind, members): the ranks filed under one key, ascending; two or more."""
    from pyspark.sql import functions as F

    return (postings.groupBy("key", "kind")
            .agg(F.array_sort(F.collect_set("rank")).alias("members"))
            .filter(F.size("members") > 1))


def learned_windows(buckets: Any, docs: Any) -> Any:
    """(key) of every window bucket whose members make it boilerplate."""
    from pyspark.sql import functions as F

    members = (buckets.filter(F.col("kind") == bridge.WINDOW_KIND)
               .select("key", F.explode("members").alias("rank")))
    grouped = (members.join(docs.select("rank", "profile"), "rank")
               .groupBy("key").agg(F.collect_list("profile").alias("profiles")))
    return grouped.mapInPandas(_learn_batches, "key long")


def _learn_batches(batches: Iterable[Any]) -> Iterator[Any]:
    import pandas as pd

    for batch in batches:
        keys = [int(k) for k, profiles in zip(batch["key"], batch["profiles"], strict=True)
                if bridge.learned_window(profiles)]
        yield pd.DataFrame({"key": keys}, dtype="int64")


def candidate_pairs(buckets: Any) -> Any:
    """Distinct (i, j), i < j: pairs met in MIN_SHARED_BANDS band buckets or in
    MIN_SHARED_SAMPLES sample or window buckets (`candidates.candidate_pairs`)."""
    from pyspark.sql import functions as F

    counted = (buckets.mapInPandas(_pair_batches, PAIR_SCHEMA)
               .groupBy("i", "j", "band").count())
    needed = F.when(F.col("band"), F.lit(bridge.MIN_SHARED_BANDS)).otherwise(
        F.lit(bridge.MIN_SHARED_SAMPLES))
    return counted.filter(F.col("count") >= needed).select("i", "j").distinct()


def _pair_batches(batches: Iterable[Any]) -> Iterator[Any]:
    import pandas as pd

    for batch in batches:
        rows = [row for key, kind, members in zip(batch["key"], batch["kind"], batch["members"],
                                                   strict=True)
                for row in bridge.bucket_pair_rows(key, kind, members)]
        yield pd.DataFrame(rows, columns=["i", "j", "band"]).astype(
            {"i": "int64", "j": "int64", "band": "bool"})


# --- 6: verification ---------------------------------------------------------------------------

def verify_pairs(pairs: Any, docs: Any, boiler: Any) -> Any:
    """Each pair joined with both documents and their learned windows, verified there;
    sorted by i so an executor unpickles each left document once."""
    from pyspark.sql import functions as F

    side = docs.select("rank", "doc").join(boiler, "rank", "left")
    left = side.select(F.col("rank").alias("i"), F.col("doc").alias("a"),
                       F.col("boiler").alias("ba"))
    right = side.select(F.col("rank").alias("j"), F.col("doc").alias("b"),
                        F.col("boiler").alias("bb"))
    met = pairs.join(left, "i").join(right, "j").repartition("i").sortWithinPartitions("i", "j")
    return met.select("i", "j", "a", "b", "ba", "bb").mapInPandas(_verify_batches, LINK_SCHEMA)


def _verify_batches(batches: Iterable[Any]) -> Iterator[Any]:
    import pandas as pd

    left: bridge.Doc | None = None
    right: dict[int, bridge.Doc] = {}
    for batch in batches:
        links: list[bridge.LinkRecord] = []
        for i, j, a, b, ba, bb in zip(batch["i"], batch["j"], batch["a"], batch["b"],
                                      batch["ba"], batch["bb"], strict=True):
            if left is None or left.key != i:
                if left is not None:
                    left.fp.forget()
                left = bridge.thaw(a, bridge.Doc)
            link = bridge.link_of(left, _cached(right, int(j), b), _listed(ba), _listed(bb))
            if link is not None:
                links.append(link)
        yield pd.DataFrame([(x.a, x.b, x.relation, x.score, x.a_in_b, x.b_in_a) for x in links],
                           columns=list(LINK_FIELDS)).astype({"i": "int64", "j": "int64"})


def _listed(value: Any) -> list[int]:
    return [] if value is None else [int(k) for k in value]


def _cached(cache: dict[int, bridge.Doc], rank: int, data: Any) -> bridge.Doc:
    found = cache.get(rank)
    if found is None:
        if len(cache) >= FINGERPRINT_CACHE:
            cache.pop(next(iter(cache))).fp.forget()
        found = cache[rank] = bridge.thaw(data, bridge.Doc)
    return found


# --- 7, 8: components, families and origins -------------------------------------------------

def family_rows(docs: Any, links: Any, work: str) -> Any:
    """Rows of the families table: one per member of a component, one per text that heads
    quotes-only links in no family."""
    from pyspark.sql import functions as F

    family_links = links.filter(F.col("relation").isin(sorted(bridge.FAMILY_RELATIONS)))
    labels = saved(connected_components(family_links.select("i", "j"), work), f"{work}/labels")
    rows = component_families(docs, links, labels).unionByName(lone_families(docs, links, labels))
    return rows.select(*ROW_FIELDS, F.lit(None).cast("string").alias("relation"))


def component_families(docs: Any, links: Any, labels: Any) -> Any:
    """Each component's members and inner links (any relation) meet in one row; the
    executor builds its family with the local code."""
    from pyspark.sql import functions as F

    members = (labels.join(docs.select(F.col("rank").alias("v"), "id", "member"), "v")
               .groupBy("label").agg(F.collect_list(F.struct("v", "id", "member")).alias("m")))
    at_i = labels.select(F.col("v").alias("i"), "label")
    at_j = labels.select(F.col("v").alias("j"), "label")
    inner = (links.join(at_i, "i").join(at_j, ["j", "label"])
             .groupBy("label").agg(F.collect_list(F.struct(*LINK_FIELDS)).alias("l")))
    return members.join(inner, "label", "left").mapInPandas(_family_batches, ROW_SCHEMA)


def _family_batches(batches: Iterable[Any]) -> Iterator[Any]:
    import pandas as pd

    for batch in batches:
        rows = [row for members, links in zip(batch["m"], batch["l"], strict=True)
                for row in bridge.component_rows(
                    [(m["v"], m["id"], m["member"]) for m in members],
                    [_link(x) for x in (links if links is not None else [])])]
        yield pd.DataFrame([(r.article_id, r.family, r.origin_id, r.origin_outlet)
                            for r in rows], columns=list(ROW_FIELDS))


def _link(x: dict[str, Any]) -> bridge.LinkRecord:
    return bridge.LinkRecord(int(x["i"]), int(x["j"]), str(x["relation"]), float(x["score"]),
                      float(x["a_in_b"]), float(x["b_in_a"]))


def lone_families(docs: Any, links: Any, labels: Any) -> Any:
    """Quotes-only links between two texts in no family: the earlier text, alone."""

    placed = labels.select("v")
    lone = (links.join(placed.withColumnRenamed("v", "i"), "i", "left_anti")
            .join(placed.withColumnRenamed("v", "j"), "j", "left_anti"))
    meta = docs.select("rank", "id", "member")
    met = (lone.join(meta.toDF("i", "id_i", "m_i"), "i").join(meta.toDF("j", "id_j", "m_j"), "j")
           .select("i", "id_i", "m_i", "j", "id_j", "m_j"))
    return met.mapInPandas(_lone_batches, ROW_SCHEMA).distinct()


def _lone_batches(batches: Iterable[Any]) -> Iterator[Any]:
    import pandas as pd

    for batch in batches:
        rows = []
        for i, id_i, m_i, j, id_j, m_j in zip(*(batch[c] for c in batch.columns), strict=True):
            member_i, member_j = bridge.thaw(m_i, bridge.Member), bridge.thaw(m_j, bridge.Member)
            src = bridge.lone_source(int(i), member_i, int(j), member_j)
            row = (bridge.lone_row(src, id_i, member_i) if src == i
                   else bridge.lone_row(src, id_j, member_j))
            rows.append((row.article_id, row.family, row.origin_id, row.origin_outlet))
        yield pd.DataFrame(rows, columns=list(ROW_FIELDS))
