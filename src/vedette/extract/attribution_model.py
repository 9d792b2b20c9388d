"""Trained attribution tagger: source / cue / content spans over a parsed spaCy Doc.

A linear-chain CRF (python-crfsuite) labels the tokens of candidate paragraphs with BILOU tags
for SOURCE, CUE and CONTENT; features come from the spaCy parse, a cue lexicon learned from
PolNeAR train cues, quote-mark state and the dependency paths to the governing cue candidates.
A small decoder repairs label runs and groups spans into (cue, source, content) triples.
Weights: data/attribution/ (built by training/attribution/train.py). No torch, no downloads.
"""

from __future__ import annotations

import gzip
import json
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Token

from vedette.config import MAX_BLOCK_TOKENS
from vedette.errors import ModelMissing

MODEL_DIR = Path(__file__).resolve().parent / "data" / "attribution"
# CRF weights are gzipped (about 3x smaller) and opened in memory.
MODEL_FILE = "model.crfsuite.gz"
LEXICON_FILE = "lexicon.json"

SOURCE, CUE, CONTENT = "SRC", "CUE", "CNT"
OUTSIDE = "O"
# Lexicon ratio (cue uses / all uses of a lemma in train) above which a token anchors the
# dependency-path features and makes its sentence a candidate.
ANCHOR_RATIO = 0.15
# Ratio buckets turned into features: coarse bins generalise better than raw ratios.
LEXICON_BINS: tuple[tuple[float, str], ...] = (
    (0.6, "hi"),
    (0.3, "mid"),
    (0.1, "lo"),
    (0.0, "rare"),
)
# Path walks stop after this many hops: deeper attachments carry no extra signal.
MAX_PATH_HOPS = 8
# Child relations that mark a verb taking a reported clause or a speaker (cue evidence).
CHILD_DEPS = frozenset({"ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "mark", "advcl", "agent"})
# Token distances to the nearest anchor, bucketed for tokens outside any anchor's subtree.
DISTANCE_BUCKETS: tuple[int, ...] = (1, 3, 8, 20)
QUOTE_CHARS = frozenset('"\u201c\u201d\u00ab\u00bb')
OPEN_QUOTES = frozenset("\u201c\u00ab")
CLOSE_QUOTES = frozenset("\u201d\u00bb")
# Attributions whose mean token marginal is below this are dropped (tuned on dev).
MIN_SCORE = 0.5
# A resumed content run joins the previous content only across this many tokens (cue+source).
MAX_RESUME_GAP = 25


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution triple; offsets are character offsets into doc.text, end exclusive."""

    cue: tuple[int, int]
    content: tuple[int, int] | None
    source: tuple[int, int] | None
    score: float  # model confidence in [0, 1]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Cue lemma -> share of its train occurrences that were (part of) a cue."""

    ratios: dict[str, float]

    def ratio(self, lemma: str) -> float:
        return self.ratios.get(lemma, 0.0)

    def bin(self, lemma: str) -> str:
        r = self.ratios.get(lemma)
        if r is None:
            return "none"
        return next(name for floor, name in LEXICON_BINS if r >= floor)


# --------------------------------------------------------------------------- blocks


def paragraph_blocks(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges between newline whitespace tokens: content rarely crosses a paragraph."""
    words = token_table(doc).words
    blocks: list[tuple[int, int]] = []
    start = 0
    for i, word in enumerate(words):
        if "\n" in word and word.isspace():
            if i > start:
                blocks.append((start, i))
            start = i + 1
    if len(words) > start:
        blocks.append((start, len(words)))
    return [piece for block in blocks for piece in _bounded(doc, block)]


def _bounded(doc: Doc, block: tuple[int, int]) -> list[tuple[int, int]]:
    """A block of more than MAX_BLOCK_TOKENS, cut at sentence starts (else at the limit):
    the tagger's features take memory in proportion to a block's length, and a text with
    no line break (a million quote marks) would be one block."""
    pieces: list[tuple[int, int]] = []
    start, end = block
    while end - start > MAX_BLOCK_TOKENS:
        limit = start + MAX_BLOCK_TOKENS
        cut = next((i for i in range(limit, start + 1, -1) if doc[i].is_sent_start), limit)
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def is_candidate(doc: Doc, block: tuple[int, int], lexicon: Lexicon) -> bool:
    """A block worth tagging: a quote mark, an anchor lemma or 'according to'."""
    table = token_table(doc)
    for i in range(block[0], block[1]):
        if table.words[i] in QUOTE_CHARS or lexicon.ratio(table.lemma[i]) >= ANCHOR_RATIO:
            return True
    return False


# --------------------------------------------------------------------------- token table


@dataclass(frozen=True, slots=True)
class TokenTable:
    """The token attributes the features read, as plain lists over the whole Doc.

    Built once per Doc from `Doc.to_array`: reading spaCy attributes token by token (and
    creating a Token for every head and child) was most of the tagger's time.
    """

    words: list[str]
    lower: list[str]
    lemma: list[str]  # lower-cased
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent: list[str]
    title: list[str]  # str(Token.is_title)
    head: list[int]  # absolute index
    sent_start: list[bool]
    cue_children: list[list[str]]  # deps of the children in CHILD_DEPS, in Token.children order


_TABLE_ATTRS = ("ORTH", "LOWER", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE", "IS_TITLE", "HEAD")
_LAST_TABLE: list[tuple[Doc, TokenTable]] = []  # the table of the Doc tagged last
# Hash -> string per StringStore (strings are never removed from one, so this stays true).
_NAMES: dict[int, dict[int, str]] = {}


def token_table(doc: Doc) -> TokenTable:
    """The Doc's token table (cached for the Doc seen last: blocks of one Doc come together)."""
    if _LAST_TABLE and _LAST_TABLE[0][0] is doc:
        return _LAST_TABLE[0][1]
    table = _build_table(doc)
    _LAST_TABLE[:] = [(doc, table)]
    return table


def _build_table(doc: Doc) -> TokenTable:
    strings = doc.vocab.strings
    names = _NAMES.setdefault(id(strings), {0: ""})

    def name(h: int) -> str:
        found = names.get(h)
        if found is None:
            found = names[h] = strings[h]
        return found

    array = doc.to_array(list(_TABLE_ATTRS))  # uint64 hashes; HEAD is a signed offset
    cols = [array[:, c].tolist() for c in range(len(_TABLE_ATTRS) - 1)] if len(doc) else [
        []] * (len(_TABLE_ATTRS) - 1)
    orth, lower, lemma, pos, tag, dep, ent, title = cols
    rel = array[:, -1].astype("int64").tolist() if len(doc) else []
    head = [i + r for i, r in enumerate(rel)]
    deps = [name(h) for h in dep]
    return TokenTable(
        words=[name(h) for h in orth], lower=[name(h) for h in lower],
        lemma=_lowered([name(h) for h in lemma]), pos=[name(h) for h in pos],
        tag=[name(h) for h in tag], dep=deps, ent=[name(h) for h in ent],
        title=[str(bool(t)) for t in title], head=head,
        sent_start=[bool(t.is_sent_start) for t in doc], cue_children=_cue_children(head, deps),
    )


def _lowered(words: list[str]) -> list[str]:
    cache: dict[str, str] = {}
    return [cache.get(w) or cache.setdefault(w, w.lower()) for w in words]


def _cue_children(head: list[int], dep: list[str]) -> list[list[str]]:
    """Per token, the CHILD_DEPS relations of its children, left to right (Token.children)."""
    out: list[list[str]] = [[] for _ in head]
    for j, h in enumerate(head):
        if h != j and dep[j] in CHILD_DEPS:
            out[h].append(dep[j])
    return out


# --------------------------------------------------------------------------- features


def _quote_state(words: Sequence[str]) -> list[int]:
    """1 inside quote marks (quote tokens included), else 0; straight quotes toggle."""
    inside = False
    state = []
    for w in words:
        if w in OPEN_QUOTES:
            inside = True
            state.append(1)
        elif w in CLOSE_QUOTES:
            state.append(1)
            inside = False
        elif w == '"':
            state.append(1)
            inside = not inside
        else:
            state.append(1 if inside else 0)
    return state


@dataclass(frozen=True, slots=True)
class _Path:
    """Where a token hangs below its governing anchor (nearest cue-candidate ancestor)."""

    label: str  # '<dep of the anchor's child on the path>|<L/R of anchor>', 'self' or 'none'
    anchor: str  # lemma of the governing anchor, '' when none
    edge: str  # 'L'/'R' when the token is the left/right edge of that child's subtree
    outer: str  # the same label for the OUTERMOST anchor above ('X called..., sources said')


NO_PATH = _Path("none", "", "", "none")


def _anchor_paths(doc: Doc, start: int, end: int, anchors: set[int]) -> list[_Path]:
    """Nearest and outermost anchors above each token, walking at most MAX_PATH_HOPS heads."""
    table = token_table(doc)
    heads, deps, lemma = table.head, table.dep, table.lemma
    out = []
    for i in range(start, end):
        near: tuple[str, str, str] | None = (
            ("self", lemma[i], "") if i in anchors else None
        )
        outer = "self" if i in anchors else "none"
        t = i
        for _ in range(MAX_PATH_HOPS):
            h = heads[t]
            if h == t:
                break
            if h in anchors:
                label = f"{deps[t]}|{'L' if i < h else 'R'}"
                if near is None:
                    near = (label, lemma[h], _edge(doc[t], i))
                outer = label
            t = h
        out.append(NO_PATH if near is None else _Path(*near, outer))
    return out


def _edge(child: Token, i: int) -> str:
    return "L" if child.left_edge.i == i else "R" if child.right_edge.i == i else ""


def _anchor_distances(n: int, anchor_ks: set[int]) -> list[str]:
    """Bucketed distance to the nearest anchor on each side, for tokens outside any path."""
    left: list[int | None] = [None] * n
    right: list[int | None] = [None] * n
    seen_left: int | None = None
    for k in range(n):
        left[k] = None if seen_left is None else k - seen_left
        if k in anchor_ks:
            seen_left = k
    seen_right: int | None = None
    for k in range(n - 1, -1, -1):
        right[k] = None if seen_right is None else seen_right - k
        if k in anchor_ks:
            seen_right = k
    return [f"{_bucket(lt)}/{_bucket(rt)}" for lt, rt in zip(left, right, strict=True)]


def _bucket(dist: int | None) -> str:
    if dist is None:
        return "-"
    for limit in DISTANCE_BUCKETS:
        if dist <= limit:
            return str(limit)
    return "far"


def _sentence_starts(sent_start: Sequence[bool], start: int, end: int) -> list[int]:
    """Index of the sentence start for each token (cheaper than Token.sent per token)."""
    out, cur = [], start
    for i in range(start, end):
        if sent_start[i]:
            cur = i
        out.append(cur)
    return out


def block_features(doc: Doc, block: tuple[int, int], lexicon: Lexicon) -> list[list[str]]:
    """CRF feature strings for each token of one block (one pass over the Doc's token table)."""
    start, end = block
    t = token_table(doc)
    lower, lemma = t.lower[start:end], t.lemma[start:end]
    pos, dep = t.pos[start:end], t.dep[start:end]
    lex = [lexicon.bin(lm) for lm in lemma]
    quote = _quote_state(t.words[start:end])
    anchor_ks = {k for k, lm in enumerate(lemma) if lexicon.ratio(lm) >= ANCHOR_RATIO}
    paths = _anchor_paths(doc, start, end, {start + k for k in anchor_ks})
    dists = _anchor_distances(end - start, anchor_ks)
    sents = _sentence_starts(t.sent_start, start, end)
    sent_anchor = {sents[k] for k in anchor_ks}
    n = end - start
    feats = []
    for k in range(n):
        i = start + k
        h = t.head[i]
        path = paths[k]
        f = [
            "b",
            "w=" + lower[k],
            "l=" + lemma[k],
            "p=" + pos[k],
            "t=" + t.tag[i],
            "d=" + dep[k],
            "dl=" + dep[k] + "|" + t.lemma[h],
            "hp=" + t.pos[h],
            "hd=" + t.dep[h],
            "e=" + t.ent[i],
            "lx=" + lex[k],
            "q=" + str(quote[k]),
            "pa=" + path.label,
            "pq=" + path.label + str(quote[k]),
            "pal=" + path.label + "|" + path.anchor,
            "pe=" + path.label + path.edge,
            "po=" + path.outer,
            "pp=" + path.label + "|" + path.outer,
            "sa=" + str(sents[k] in sent_anchor),
            "ti=" + t.title[i],
        ]
        if k:
            # bigrams sharpen span boundaries (', "', 'said that', 'according to')
            f.append(f"bw={lower[k - 1]}|{lower[k]}")
            f.append(f"bp={pos[k - 1]}|{pos[k]}")
        if path is NO_PATH:
            f.append("ad=" + dists[k])
        f.extend("c=" + c for c in t.cue_children[i])
        if sents[k] == i:
            f.append("ss")
        if k == 0:
            f.append("bos")
        _window(f, k, n, lower, pos, quote, dep, lex, paths)
        feats.append(f)
    return feats


def _window(f: list[str], k: int, n: int, lower: Sequence[str], pos: Sequence[str],
            quote: Sequence[int], dep: Sequence[str], lex: Sequence[str],
            paths: Sequence[_Path]) -> None:
    """Features of the two tokens on each side."""
    for off in (-2, -1, 1, 2):
        j = k + off
        if 0 <= j < n:
            f.append(f"{off}w={lower[j]}")
            f.append(f"{off}p={pos[j]}")
            f.append(f"{off}q={quote[j]}")
            if off in (-1, 1):
                f.append(f"{off}d={dep[j]}")
                f.append(f"{off}lx={lex[j]}")
                f.append(f"{off}pa={paths[j].label}")
        else:
            f.append(f"{off}pad")


# --------------------------------------------------------------------------- decoding


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    role: str
    start: int  # token index in doc
    end: int
    score: float
    resumes: bool = False  # opened with I-: the rest of a content split by its cue


def bio_spans(labels: Sequence[str], probs: Sequence[float], offset: int) -> list[TaggedSpan]:
    """BILOU (or BIO) labels -> spans, repairing invalid runs.

    A span closes after L-/U- or when the next label does not continue it; an I-/L- that
    continues nothing opens a new span marked `resumes` (the tail of a split content).
    """
    spans: list[TaggedSpan] = []
    role, begin, resumes = OUTSIDE, 0, False
    for k, lab in enumerate([*labels, OUTSIDE]):
        tag, _, lab_role = lab.partition("-")
        continues = tag in ("I", "L") and lab_role == role
        if role != OUTSIDE and not continues:
            spans.append(_span(role, begin, k, probs, offset, resumes))
            role = OUTSIDE
        if lab != OUTSIDE and not continues:
            role, begin, resumes = lab_role, k, tag in ("I", "L")
        if role != OUTSIDE and tag in ("L", "U"):
            spans.append(_span(role, begin, k + 1, probs, offset, resumes))
            role = OUTSIDE
    return spans


def _span(
    role: str, begin: int, end: int, probs: Sequence[float], offset: int, resumes: bool
) -> TaggedSpan:
    score = sum(probs[begin:end]) / (end - begin)
    return TaggedSpan(role, offset + begin, offset + end, score, resumes)


def merge_split_content(spans: list[TaggedSpan]) -> list[TaggedSpan]:
    """Join a resumed content run to the content before it ('"A," he said, "B"' is one span).

    Gold content spanning its own cue is a discontinuous span scored as its envelope.
    """
    out: list[TaggedSpan] = []
    last_content: int | None = None
    for s in spans:
        prev = out[last_content] if last_content is not None else None
        if (
            s.role == CONTENT
            and s.resumes
            and prev is not None
            and s.start - prev.end <= MAX_RESUME_GAP
        ):
            score = (prev.score + s.score) / 2
            out[last_content] = TaggedSpan(CONTENT, prev.start, s.end, score)  # type: ignore[index]
            continue
        out.append(s)
        if s.role == CONTENT:
            last_content = len(out) - 1
    return out


def _gap(a: TaggedSpan, b: TaggedSpan) -> int:
    """Token distance between two spans (0 when they touch)."""
    return max(b.start - a.end, a.start - b.end, 0)


def _near_cues(cues: list[TaggedSpan], ends: list[int], s: TaggedSpan) -> range:
    """Indices of the cues that can be nearest to `s` (cues are disjoint, in text order): the
    last one before it, those overlapping it, the first one after. Linear in the cues near
    `s`, so a text of many quotations is not quadratic."""
    first = max(bisect_left(ends, s.start) - 1, 0)
    last = first
    while last < len(cues) - 1 and cues[last].start < s.end:
        last += 1
    return range(first, last + 1)


def group_triples(doc: Doc, spans: list[TaggedSpan]) -> list[Attribution]:
    """Each source/content goes to its nearest cue; a cue keeps its nearest of each."""
    cues = [s for s in spans if s.role == CUE]
    if not cues:
        return []
    best: dict[int, dict[str, TaggedSpan]] = {i: {} for i in range(len(cues))}
    ends = [c.end for c in cues]
    for s in spans:
        if s.role == CUE:
            continue
        ci = min(_near_cues(cues, ends, s), key=lambda i: _gap(cues[i], s))
        held = best[ci].get(s.role)
        if held is None or _gap(cues[ci], s) < _gap(cues[ci], held):
            best[ci][s.role] = s
    out = []
    for i, cue in enumerate(cues):
        src, cnt = best[i].get(SOURCE), best[i].get(CONTENT)
        parts = [p.score for p in (cue, src, cnt) if p is not None]
        out.append(
            Attribution(
                cue=_chars(doc, cue),
                content=_chars(doc, cnt) if cnt else None,
                source=_chars(doc, src) if src else None,
                score=round(sum(parts) / len(parts), 4),
            )
        )
    return out


def _chars(doc: Doc, span: TaggedSpan) -> tuple[int, int]:
    return doc[span.start].idx, doc[span.end - 1].idx + len(doc[span.end - 1].text)


# --------------------------------------------------------------------------- model


@dataclass(frozen=True, slots=True)
class _Model:
    tagger: object  # pycrfsuite.Tagger
    lexicon: Lexicon
    buffer: bytes  # crfsuite reads the model bytes in place: keep them alive


def load_lexicon(path: Path) -> Lexicon:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Lexicon({str(k): float(v) for k, v in data["ratios"].items()})


@lru_cache(maxsize=4)
def load_model(model_dir: Path = MODEL_DIR) -> _Model:
    """Open the shipped CRF weights once; a missing file raises ModelMissing."""
    model_path, lexicon_path = model_dir / MODEL_FILE, model_dir / LEXICON_FILE
    for path in (model_path, lexicon_path):
        if not path.exists():
            raise ModelMissing(f"attribution weights not found: {path}")
    import pycrfsuite  # imported lazily: only this model needs it

    buffer = gzip.decompress(model_path.read_bytes())
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(buffer)
    return _Model(tagger, load_lexicon(lexicon_path), buffer)


def tag_block(model: _Model, doc: Doc, block: tuple[int, int]) -> list[TaggedSpan]:
    """Tag one block; token confidence is the marginal of the chosen label."""
    feats = block_features(doc, block, model.lexicon)
    tagger = model.tagger
    labels = tagger.tag(feats)  # type: ignore[attr-defined]
    if not any(lab.endswith(CUE) for lab in labels):
        return []  # no cue, no attribution
    # Only tokens inside a span need their marginal: spans score the mean over their tokens.
    marginal = tagger.marginal  # type: ignore[attr-defined]
    probs = [0.0 if lab == OUTSIDE else marginal(lab, k) for k, lab in enumerate(labels)]
    return bio_spans(labels, probs, block[0])


def predict_attributions(doc: Doc, model_dir: Path = MODEL_DIR) -> list[Attribution]:
    """Attribution triples of a parsed Doc (tagger + parser + ner of en_core_web_sm)."""
    model = load_model(model_dir)
    if len(doc) == 0 or not doc.has_annotation("DEP"):
        return []
    out: list[Attribution] = []
    for block in paragraph_blocks(doc):
        if not is_candidate(doc, block, model.lexicon):
            continue
        try:
            spans = merge_split_content(tag_block(model, doc, block))
            found = group_triples(doc, spans)
        except (ValueError, IndexError, KeyError):  # one odd block never loses the rest
            continue
        out.extend(a for a in found if a.score >= MIN_SCORE)
    return out
