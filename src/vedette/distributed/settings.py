"""Named settings of the batch engines (local pool and Spark), in one place."""

from __future__ import annotations

# Documents are spread over this many partitions by default (`--partitions`): each leaves
# its own part files and marker, so a killed run redoes at most this share of the work.
DEFAULT_PARTITIONS = 16
# Hex digits of the article id (a sha256) that pick its partition: deterministic, the same
# in every engine, process and run.
PARTITION_KEY_HEX = 12
# Rows per Arrow batch handed to a pandas function: analysed documents are heavy (a long
# article's report is ~10x its text), so small batches bound executor memory.
ANALYSIS_BATCH_ROWS = 32
# Rows per INSERT batch when loading into SQLite; PostgreSQL uses COPY.
LOAD_BATCH_ROWS = 1000
# Shuffle partitions per Spark core for the provenance joins.
SHUFFLE_PARTITIONS_PER_CORE = 4
# Rows per Arrow batch in the provenance stage's pandas functions (documents, buckets, pairs
# with two fingerprints, components): each row carries pickled fingerprints or profiles.
PROVENANCE_BATCH_ROWS = 512
# Connected components (large-star / small-star) stop after at most this many rounds; they
# need O(log^2 n) rounds, so 64 covers graphs far beyond 10^9 vertices.
MAX_COMPONENT_ROUNDS = 64
# Fingerprints an executor keeps for the right-hand documents of the pairs it verifies.
FINGERPRINT_CACHE = 1024
