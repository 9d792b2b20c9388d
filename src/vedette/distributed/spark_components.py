"""Connected components of an edge DataFrame, in Spark (nothing about edges reaches the driver).

Alternating large-star and small-star (Kiveris et al., "Connected Components in MapReduce
and Beyond", 2014): O(log^2 n) rounds, each a few joins; it ends when a round changes no
edge, and then every component is a star around its smallest vertex. Each step's edges are
written and read back: that cuts the lineage and the planner's size estimates (join
estimates multiply round after round and overflow).
"""

from __future__ import annotations

from typing import Any

from vedette.distributed.run import BatchError
from vedette.distributed.settings import MAX_COMPONENT_ROUNDS


def connected_components(edges: Any, work: str) -> Any:
    """(v, label) for every vertex of an edge (i, j): label is the smallest vertex of v's
    component."""
    from pyspark.sql import functions as F

    current = saved(edges.select(F.col("i").alias("a"), F.col("j").alias("b")).distinct(),
                    f"{work}/edges-0")
    for n in range(1, MAX_COMPONENT_ROUNDS + 1):
        large = saved(_large_star(current), f"{work}/large-{n}")
        small = saved(_small_star(large), f"{work}/edges-{n}")
        stable = (small.exceptAll(current).count() == 0
                  and current.exceptAll(small).count() == 0)
        current = small
        if stable:
            return _labels(current)
    raise BatchError(f"connected components did not settle in {MAX_COMPONENT_ROUNDS} rounds")


def _labels(stars: Any) -> Any:
    from pyspark.sql import functions as F

    return (_both(stars).groupBy("u").agg(F.least(F.min("v"), F.min("u")).alias("label"))
            .select(F.col("u").alias("v"), "label"))


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


def saved(frame: Any, path: str) -> Any:
    """`frame` written as Parquet and read back (a cut in the lineage)."""
    frame.write.mode("overwrite").parquet(path)
    return frame.sparkSession.read.parquet(path)
