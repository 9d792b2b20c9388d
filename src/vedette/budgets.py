"""Budgets: what one input may cost before it is rejected, named in one place.

Each budget has a rejection code (docs/reliability.md lists them all). Inputs within the
budgets are never rejected for their size, depth or length.
"""

from __future__ import annotations

# Files above this size are rejected before they are read (too_large); so is one record's
# payload in an archive.
MAX_TEXT_BYTES = 20 * 1024 * 1024
# An archive is streamed; it may decompress to at most this many bytes (gzip bombs) ...
MAX_DECOMPRESSED_BYTES = 4 * 1024**3
# ... and no line of it may be longer than this: a bomb of zeros has no line break, and the
# WARC reader reads header lines whole, in time quadratic in their length. Minified pages
# with a line longer than this (rare) are rejected too.
MAX_LINE_BYTES = 8 * 1024 * 1024
# Records read from one JSON list, JSON Lines file, feed or archive.
MAX_RECORDS_PER_FILE = 100_000
# JSON objects and lists nested deeper than this are rejected before parsing.
MAX_JSON_DEPTH = 64
# Characters of one article text; longer texts are rejected (too_large), shorter ones are
# parsed in slices (vedette.config.PARSE_SLICE_CHARS), never rejected for their length.
MAX_TEXT_CHARS = MAX_TEXT_BYTES
# Time one input may take (reading, analysis): this much, plus one second per this many
# characters, so a long text is never too_slow for its length alone.
BASE_SECONDS_PER_INPUT = 120.0
CHARS_PER_EXTRA_SECOND = 2_000
# Environment variable that sets one flat time budget per input instead (the fuzz tests use
# a small one).
SECONDS_ENV = "VEDETTE_SECONDS_PER_INPUT"
# With --workers, a worker that has not answered within this many times its input's budget
# plus this grace (spaCy loading in a fresh worker) is replaced, and its input is too_slow.
POOL_BACKSTOP_FACTOR = 2.0
POOL_GRACE_SECONDS = 120.0
# With --workers, up to this many articles per worker are read ahead, and the longest of them
# is sent first: a long transcript sent last keeps one worker busy while the others idle (the
# 178,000-character news conference in ../shared/corpus is 14% of its text). Outcomes are
# still stored in input order. The look-ahead holds at most LOOKAHEAD_CHARS characters (but
# always one article per worker).
LOOKAHEAD_PER_WORKER = 16
LOOKAHEAD_CHARS = 8_000_000
# How often the ingest process checks on its workers when no result has come in.
POOL_POLL_SECONDS = 0.5
# Provenance fingerprints an ingest keeps from its workers for the index update at its end
# (a few kilobytes each); beyond this many, the update computes the rest itself.
KNOWN_PRINTS = 5_000
# Revisions of stored texts (no analysis needed) waiting for the analysed articles read
# before them, so that they are saved in input order; past this many they are saved at once.
DEFERRED_REVISIONS = 1_000
# Peak memory (resident) of an ingest process the fuzz test holds the budgets to; not
# enforced at run time, the budgets above keep it (docs/reliability.md).
MAX_PEAK_RSS_BYTES = 2 * 1024**3
