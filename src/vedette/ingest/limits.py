"""Named thresholds of the ingest stage, in one place."""

from __future__ import annotations

# Files above this size are rejected before they are read (too_large).
MAX_TEXT_BYTES = 20 * 1024 * 1024

# Binary sniffing looks at this many leading bytes.
SNIFF_BYTES = 8192
# Share of control bytes (other than tab, newline, carriage return, form feed) above which
# a file is binary rather than text.
MAX_CONTROL_RATIO = 0.10

# A file whose non-ASCII bytes are at most this share is read as cp1252 when it is not UTF-8:
# mostly-English text with a few smart quotes, the commonest legacy encoding on the web.
MAX_LEGACY_HIGH_RATIO = 0.05
# A file that is not UTF-8 is still read as UTF-8 when at least this share of its non-ASCII
# characters is valid UTF-8 (a few Latin-1 bytes pasted into UTF-8 text): the stray bytes
# are read as cp1252. In a legacy-encoded file almost none is.
MIN_VALID_UTF8_SHARE = 0.5
# charset-normalizer always proposes *some* encoding; below this coherence (how much the
# decoded text looks like a language) its guess is not trusted.
MIN_CHARSET_COHERENCE = 0.2

# Header block: at most this many lines before the `---` line.
MAX_HEADER_LINES = 40

# A first line is a headline only if it is at most this many words long.
MAX_HEADLINE_WORDS = 40

# Site-suffix split ("Title – Site"): the site has at most this many words ...
MAX_SITE_WORDS = 5
# ... and what remains must read like a headline of at least this many words.
MIN_TITLE_WORDS = 4

# --- Budgets: what one input may cost before it is rejected (docs/reliability.md) ---------
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
# Environment variable that overrides BASE_SECONDS_PER_INPUT (tests use a small budget).
SECONDS_ENV = "VEDETTE_SECONDS_PER_INPUT"
