"""The store's named settings, in one place."""

from __future__ import annotations

DEFAULT_DB = "vedette.db"
# SQLite waits this long for a lock held by another process before failing.
SQLITE_BUSY_MS = 30_000
# Page size of a new SQLite store (an existing one keeps its own; VACUUM converts it, see the
# README). Every provenance batch rewrites most pages of the hash-keyed posting table; with
# 16 KiB pages a 25,000-article rebuild slice at 400,000 articles took 29.1 s of CPU against
# 32.1 s with SQLite's default 4 KiB (fewer pages written and synced per batch).
SQLITE_PAGE_SIZE = 16_384
# A write that meets a lock or a deadlock held by another writer is retried this many times,
# waiting RETRY_BACKOFF_S, then twice as long, ... between tries.
WRITE_ATTEMPTS = 6
RETRY_BACKOFF_S = 0.05
# Two writers adding a revision to one source at once: the loser renumbers, at most this often.
REVISION_ATTEMPTS = 20
# Tries of a provenance index update that lost a race with another ingest's (optimistic:
# the loser's batch rolls back whole on the index keys the winner took).
INDEX_ATTEMPTS = 8
# Ids per IN (...) list, rows per bulk insert.
QUERY_CHUNK = 500
# PostgreSQL: migrations take this advisory lock, so two processes opening a new store at
# once do not both create its tables.
PG_MIGRATION_LOCK = 0x7665_6465  # "vede"
