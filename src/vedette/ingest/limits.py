"""Named thresholds of the ingest stage, in one place."""

from __future__ import annotations

# The budgets (sizes, counts, depth, time) live in vedette.budgets, in one place.
from vedette.budgets import (  # noqa: E402 - re-exported for the readers
    MAX_DECOMPRESSED_BYTES,
    MAX_JSON_DEPTH,
    MAX_LINE_BYTES,
    MAX_RECORDS_PER_FILE,
    MAX_TEXT_BYTES,
    MAX_TEXT_CHARS,
)

__all__ = [
    "MAX_DECOMPRESSED_BYTES", "MAX_JSON_DEPTH", "MAX_LINE_BYTES", "MAX_RECORDS_PER_FILE",
    "MAX_TEXT_BYTES", "MAX_TEXT_CHARS",
]

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
