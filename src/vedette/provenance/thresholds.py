"""Named thresholds for copy, spin and origin detection (one place, no inline magic numbers)."""

from __future__ import annotations

# --- spin / scrape detector (per article) ---
# Weight of each kind of evidence; an article is flagged when the weighted sum reaches
# SPUN_FLAG_SCORE and at least SPUN_MIN_KINDS different kinds of evidence were seen, so one
# stray typo in a long human-written transcript never flags it alone.
SPIN_WEIGHTS: dict[str, float] = {
    "artefact_punctuation": 1.0,
    "lowercase_start": 1.0,
    "capitalised_function_word": 0.5,
    "site_in_title": 1.0,
    "boilerplate": 1.0,
}
SPUN_FLAG_SCORE = 2.5
SPUN_MIN_KINDS = 2
# Each kind contributes at most this many hits to the score (a long text repeats a habit).
SPIN_MAX_HITS_PER_KIND = 4

# --- fingerprints ---
NUM_PERM = 64
# Banding (bands, rows): candidate probability 50% near Jaccard (1/b)^(1/r) ~ 0.18, low enough
# for partial embeds and heavy spins; verification removes the extra candidates.
WORD_LSH_PARAMS = (32, 2)
# Names recur across independent reports on one story ("President Biden", "Ukraine"), so the
# anchor index asks for more agreement: 50% near Jaccard (1/16)^(1/4) = 0.5; spun copies keep
# 0.8 and more of their name pairs.
ANCHOR_LSH_PARAMS = (16, 4)
WORD_SHINGLE = 3
ANCHOR_SHINGLE = 2
# Passage index: shingles whose hash is 0 mod SAMPLE_MOD are indexed; a shared passage of
# 40 words then shares ~4.75 samples, and two are required (one may be a stock phrase).
SAMPLE_MOD = 8
MIN_SHARED_SAMPLES = 2
# Likewise two LSH bands (of either index). One shared band is what chance gives: at rows 2 an
# unrelated text shares a band with each of N stored texts with probability ~32 s^2, so its
# single-band partners grow with the store (10 a text at 170,000 articles, 1 in 1,000 a copy).
# Two bands cut chance partners ~25-fold at s = 0.05 and keep a copy (s >= 0.5: 8 shared
# bands expected); partial embeds are found by their shared windows.
MIN_SHARED_BANDS = 2
# Documents with fewer content tokens than this are too short to call copies.
MIN_TOKENS = 25

# --- verification ---
# Share of the smaller text's shingles found verbatim in the other: a copy.
COPY_CONTAINMENT = 0.85
# A passage of at least this many aligned tokens shared verbatim: a partial copy.
MIN_PARTIAL_TOKENS = 40
# ...and at least this share of the smaller text's shingles.
MIN_PARTIAL_CONTAINMENT = 0.08
# Spun: in-order alignment covers this share of the smaller text (short blocks allowed) and
# its names and numbers are mostly kept.
SPUN_ALIGNED = 0.5
SPUN_ANCHORS = 0.6
# Aligned blocks shorter than this many tokens are chance matches ("of the").
MIN_BLOCK = 2
# Alignment runs on at most this many tokens per side (bounded cost on long transcripts).
MAX_ALIGN_TOKENS = 6000
# Quotes-only: this share of the smaller text's quoted shingles is shared.
QUOTES_ONLY_CONTAINMENT = 0.3
MIN_QUOTE_SHINGLES = 8

# --- origin ranking ---
ORIGIN_WEIGHT_EARLIEST = 2.0
ORIGIN_WEIGHT_CONTAINS = 1.0
ORIGIN_WEIGHT_CREDITED = 2.0
ORIGIN_PENALTY_SPUN = 2.0
# A band bucket holding more texts than this is checked as a star and a chain, not all pairs.
MAX_BUCKET = 50
# Shared passages: runs of at least this many words found in both texts count as passages.
MIN_RUN_TOKENS = 12

# --- boilerplate (issue 13) ---
# A line of at most this many words that carries a boilerplate cue (footer, notice, newsletter
# box, wire credit line) is left out of the fingerprint: the built-in prior.
PRIOR_MAX_LINE_WORDS = 80
# Boilerplate is learned on windows of this many words starting at sampled positions.
BOILER_WINDOW = 8
# A window is boilerplate once this many mutually unrelated documents contain it
# (greedy in index order, so the verdict only ever turns on and rebuild == incremental)...
BOILERPLATE_DOCS = 3
# ...or two unrelated documents of one outlet do (a site's footer, a wire's stock paragraph).
BOILERPLATE_SAME_OUTLET_DOCS = 2
# Two documents are related (copies, not strangers sharing a notice) when this share of the
# smaller one's sampled shingles is in the other, or this share of its names and numbers.
RELATED_SAMPLES = 0.5
RELATED_ANCHORS = 0.6
# Fewer anchor shingles than this say nothing about relatedness.
MIN_RELATED_ANCHORS = 5
# A page template: the only shared passage sits at the same edge (start or end) of both texts,
# within this many words of it, in runs no further apart than EDGE_MAX_GAP words (a footer
# edited here and there). Found in as few as two texts, it cannot be learned as boilerplate,
# so a partial link needs more: the two texts must be related (RELATED_ANCHORS of their names
# and numbers shared, the story and not the page around it).
EDGE_SLACK_WORDS = 10
EDGE_MAX_GAP = 12
