"""Rule-based quotes over a parsed Doc: cue verbs, "according to", quote-mark passages.

Pure functions: `find_quotes(doc)` yields `Candidate` records with character offsets.
Speakers, chains and channels are resolved later (attribution.py) with article context.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from vedette.config import MIN_DIRECT_QUOTE_CHARS
from vedette.extract.doctext import doc_passages, doc_text
from vedette.extract.lexicon import CHANNEL_VERBS, SPEECH_VERBS
from vedette.extract.passages import (
    CLOSERS,
    OPENERS,
    STRAIGHT,
    Passage,
    passage_at,
    passages_within,
)

QUOTE_MARKS = OPENERS + CLOSERS + STRAIGHT
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CONTENT_DEPS = frozenset({"ccomp", "xcomp"})
# A passage counts as adjacent to a cue clause when at most this many characters apart.
ADJACENT_CHARS = 4
# Content at least this share inside quotation marks is a direct quote.
DIRECT_SHARE = 0.9
TRIM_CHARS = " \t\n,;:.–—-"
# Cues that may borrow the subject of the verb they hang from ("..., adding that ...").
INHERITING_CUES = frozenset({"add", "say", "tell", "warn", "note", "explain", "stress", "insist"})
# Cues whose object may be a verbless small clause, as in headlines.
SMALL_CLAUSE_CUES = frozenset({"say", "report", "claim", "estimate", "confirm"})
SMALL_CLAUSE_MIN = 3  # tokens after the head of the object
# Cues whose content is the rest of their verb phrase ("warned Putin about invading Ukraine").
PHRASE_CUES = frozenset(
    {"describe", "warn", "accuse", "urge", "threaten", "promise", "pledge", "deny"}
)
Range = tuple[int, int]


@dataclass(slots=True)
class Candidate:
    """A quote before speaker resolution. Offsets are characters into doc.text."""

    content: Range
    cue: Range | None
    source: Range | None
    cue_token: int | None = None
    kind: str = "indirect"
    origin: str = "rule"
    channel_token: int | None = None
    extra: dict[str, Range] = field(default_factory=dict)


def find_quotes(doc: Doc) -> list[Candidate]:
    """All rule quotes of a Doc, one per cue; a failure in one sentence never loses the rest."""
    passages = doc_passages(doc)
    found: list[Candidate] = []
    for sent in doc.sents:
        try:
            found.extend(_sentence_quotes(sent, passages))
        except (IndexError, ValueError):  # a malformed parse: skip this sentence only
            continue
    return _dedupe(found)


def _sentence_quotes(sent: SpacySpan, passages: list[Passage]) -> Iterator[Candidate]:
    for tok in sent:
        if passage_at(passages, tok.idx, tok.idx + len(tok)) is not None:
            continue  # a cue inside a quotation belongs to the quoted speaker's own words
        if _is_according(tok):
            cand = _according_to(tok, sent)
        elif _is_cue(tok):
            cand = _verb_quote(tok, sent, passages)
        else:
            continue
        if cand is not None:
            cand.kind = quote_kind(cand.content, passages)
            yield cand
            more = continuation(cand, passages, sent.doc)
            if more is not None:
                yield more


def _is_cue(tok: Token) -> bool:
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    return tok.lemma_.lower() in SPEECH_VERBS or _clear_that(tok) is not None \
        or _noun_that(tok) is not None or _as_put_it(tok)


# "made a firm commitment that ...": a light verb whose object is a speech noun with a clause.
LIGHT_VERBS = frozenset({"make", "give", "issue", "offer"})
SPEECH_NOUNS = frozenset(
    {"commitment", "promise", "pledge", "assurance", "announcement", "statement", "claim",
     "warning", "proposal", "mention"})
# "made a mention of X", "gave a warning about X": the object of the preposition is the content.
SPEECH_NOUN_PREPS = frozenset({"of", "about"})


def _noun_that(tok: Token) -> Token | None:
    """The clause of "made a commitment that ..." (hanging from the noun)."""
    if tok.lemma_.lower() not in LIGHT_VERBS:
        return None
    for obj in tok.children:
        if obj.dep_ == "dobj" and obj.lemma_.lower() in SPEECH_NOUNS:
            for clause in obj.children:
                if clause.dep_ in {"acl", "ccomp"} and any(
                        c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
                    return clause
            return _prep_object(obj) or _prep_object(tok)
    return None


def _prep_object(head: Token) -> Token | None:
    """'of the possibility ...' after a speech noun (or its verb, when a clause intervenes)."""
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ in SPEECH_NOUN_PREPS:
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def _as_put_it(tok: Token) -> bool:
    """'..., as he put it': the verb of an as-clause that reports the main clause."""
    return tok.lemma_.lower() == "put" and _as_clause(tok) and any(
        c.dep_ == "dobj" and c.lower_ == "it" for c in tok.children)


def _as_clause(cue: Token) -> bool:
    """'as he said many times, ...': an adverbial as-clause of a speech verb."""
    return cue.dep_ == "advcl" and cue.head.i != cue.i and any(
        c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)


# "made clear that ...", "was clear that ...": a statement, the clause hanging from the verb
# or from "clear" (officials' readouts report what a leader said this way).
CLEAR_VERBS = frozenset({"make", "be"})


def _clear_that(tok: Token) -> Token | None:
    """The "clear" of "made clear that ..." / "was clear that ...", when a clause follows."""
    if tok.lemma_.lower() not in CLEAR_VERBS:
        return None
    for child in tok.children:
        if child.lower_ == "clear" and child.i > tok.i:
            clauses = [c for c in (*tok.children, *child.children)
                       if c.dep_ == "ccomp" and c.i > child.i]
            return child if clauses else None
    return None


def _is_according(tok: Token) -> bool:
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return tok.lower_ == "according" and nxt is not None and nxt.lower_ == "to"


def _verb_quote(cue: Token, sent: SpacySpan, passages: list[Passage]) -> Candidate | None:
    source = _subject(cue) or _borrowed_subject(cue)
    content = _content(cue, sent, passages)
    if content is None:
        return None
    if source is None and not (_inherits_subject(cue) and cue.lemma_ in INHERITING_CUES):
        return None
    return Candidate(
        content=content,
        cue=_cue_range(cue),
        source=source,
        cue_token=cue.i,
        channel_token=channel_token(cue),
    )


def _subject(cue: Token) -> Range | None:
    for child in cue.children:
        if child.dep_ in SUBJECT_DEPS:
            return _trimmed(cue.doc, child.left_edge.i, child.right_edge.i + 1)
    return None


def _inherits_subject(cue: Token) -> bool:
    """'..., adding that ...', 'X said ... and added ...', 'X responded by saying that ...':
    the subject is the head's."""
    if cue.dep_ == "pcomp" and cue.head.lower_ == "by":
        return cue.head.head.i != cue.head.i and cue.lemma_ in INHERITING_CUES
    return cue.dep_ in {"advcl", "conj", "xcomp"} and cue.head.i != cue.i


def _borrowed_subject(cue: Token) -> Range | None:
    """'responded by saying that ...': the subject of the verb the cue hangs from."""
    if cue.dep_ != "pcomp" or cue.head.lower_ != "by":
        return None
    return _subject(cue.head.head)


def _content(cue: Token, sent: SpacySpan, passages: list[Passage]) -> Range | None:
    adjacent = _adjacent_passage(cue, sent, passages)
    if adjacent is not None:
        return adjacent
    has_subject = _subject(cue) is not None
    if _as_clause(cue) and has_subject:
        return _clause_without(cue.head, sent, cue.left_edge.i, cue.right_edge.i + 1)
    clause = _noun_that(cue)
    if clause is not None:
        return _trimmed(cue.doc, clause.left_edge.i, clause.right_edge.i + 1)
    clear = _clear_that(cue)
    if clear is not None:
        for child in (*clear.children, *cue.children):
            if child.dep_ == "ccomp" and child.i > clear.i:
                return _trimmed(cue.doc, child.left_edge.i, child.right_edge.i + 1)
    for child in cue.children:
        # A complement on the left only for "X ..., the report said" (the cue has a subject).
        if child.dep_ in CONTENT_DEPS and (child.i > cue.i or has_subject):
            return _trimmed(cue.doc, child.left_edge.i, child.right_edge.i + 1)
    if cue.lemma_ in PHRASE_CUES:
        return _right_of(cue)
    if cue.lemma_ in SMALL_CLAUSE_CUES and has_subject:
        # Headline style: "report says 120,000 Russian soldiers near border".
        for child in cue.children:
            if child.dep_ == "dobj" and child.right_edge.i - child.left_edge.i >= SMALL_CLAUSE_MIN:
                return _trimmed(cue.doc, child.left_edge.i, child.right_edge.i + 1)
    if cue.dep_ in {"parataxis", "advcl", "ccomp"} and cue.head.i < cue.i:
        # "Russia has intensified its intelligence, the report said": content is the head clause.
        return _left_of_cue_clause(cue)
    return None


def _adjacent_passage(cue: Token, sent: SpacySpan, passages: list[Passage]) -> Range | None:
    """“...,” he said  /  he said: “...”  — a passage right before or after the cue clause.

    The clause is the cue's subtree outside quotation marks, because the sentence splitter
    often cuts a multi-sentence quotation in two.
    """
    outside = [t for t in cue.subtree if passage_at(passages, t.idx, t.idx + len(t)) is None]
    outside = [t for t in outside if t.text not in QUOTE_MARKS]
    if not outside:
        return None
    left = min(t.idx for t in outside)
    right = max(t.idx + len(t) for t in outside)
    text = doc_text(cue.doc)
    # Only passages within a separator's reach of the clause can be adjacent to it.
    reach = ADJACENT_CHARS + 2
    for p in passages_within(passages, left - reach, right + reach):
        if p.end - p.start < MIN_DIRECT_QUOTE_CHARS:
            continue
        if p.end < left and _only_separators(text[p.end + 1 : left], ","):
            return (p.start, p.end)
        if right < p.start and p.start < sent.end_char:
            if _only_separators(text[right : p.start - 1], ",:"):
                return (p.start, p.end)
    return None


def continuation(cand: Candidate, passages: list[Passage], doc: Doc) -> Candidate | None:
    """“A,” he said. “B.” — the quotation resumes right after the cue's sentence."""
    if cand.cue_token is None or cand.kind != "direct":
        return None
    sent_end = doc[cand.cue_token].sent.end_char
    after = doc_text(doc)[sent_end:]
    gap = len(after) - len(after.lstrip(" "))
    if gap > ADJACENT_CHARS:
        return None
    resume = sent_end + gap + 1
    for p in passages_within(passages, resume, resume):
        if p.start == resume and p.start > cand.content[1]:
            return Candidate(content=(p.start, p.end), cue=cand.cue, source=cand.source,
                             cue_token=cand.cue_token, kind="direct",
                             channel_token=cand.channel_token)
    return None


def _only_separators(gap: str, separators: str) -> bool:
    return len(gap) <= ADJACENT_CHARS and not gap.strip(" " + separators + QUOTE_MARKS)


def _right_of(cue: Token) -> Range | None:
    """The rest of the cue's verb phrase, without a coordinated clause ("..., and ...")."""
    toks = [
        t
        for t in cue.subtree
        if t.i > cue.i and not _under_dep(t, cue, frozenset({"conj", "cc"}) | SUBJECT_DEPS)
    ]
    if not toks:
        return None
    end = toks[-1].i + 1
    for t in toks[:-1]:
        # Stop before a coordinated clause the parser hung inside the phrase (", and ...").
        if t.text == "," and t.nbor(1).dep_ == "cc":
            end = t.i
            break
    return _trimmed(cue.doc, toks[0].i, end)


def _left_of_cue_clause(cue: Token) -> Range | None:
    head = cue.head
    start = head.left_edge.i
    end = cue.left_edge.i
    return _trimmed(cue.doc, start, end) if end > start else None


def _under_dep(tok: Token, root: Token, deps: frozenset[str]) -> bool:
    while tok.head.i != tok.i and tok.head.i != root.i:
        tok = tok.head
    return tok.dep_ in deps and tok.head.i == root.i


def channel_token(cue: Token) -> int | None:
    """The indirect object of 'told CNN' / 'told reporters'."""
    if cue.lemma_ not in CHANNEL_VERBS:
        return None
    for child in cue.children:
        if child.dep_ in {"dobj", "dative", "iobj"} and child.pos_ in {"PROPN", "NOUN"}:
            return child.i
    return None


def _cue_range(cue: Token) -> Range:
    """The cue verb with its particles: 'pointed out', 'described'."""
    end = cue.idx + len(cue)
    for child in cue.children:
        if child.dep_ == "prt" and child.i == cue.i + 1:
            end = child.idx + len(child)
    return (cue.idx, end)


def _according_to(tok: Token, sent: SpacySpan) -> Candidate | None:
    to = tok.nbor(1)
    objs = [c for c in to.children if c.dep_ == "pobj"]
    if not objs:
        return None
    obj = objs[0]
    doc = tok.doc
    source = _trimmed(doc, obj.left_edge.i, obj.right_edge.i + 1)
    phrase_start, phrase_end = tok.i, obj.right_edge.i + 1
    head = tok.head if tok.head.i != tok.i else sent.root
    if _is_cue(head) and any(c.dep_ == "nsubj" for c in head.children):
        return None  # "According to X, the ministry said ...": the verb's quote wins
    content = _clause_without(head, sent, phrase_start, phrase_end)
    if content is None:
        return None
    cue = (tok.idx, to.idx + len(to))
    return Candidate(content=content, cue=cue, source=source, cue_token=tok.i)


def _clause_without(head: Token, sent: SpacySpan, start: int, end: int) -> Range | None:
    """The clause governed by `head`, minus the 'according to X' phrase, on its larger side."""
    doc = head.doc
    clause_start = max(min(head.left_edge.i, start), sent.start)
    clause_end = min(max(head.right_edge.i + 1, end), sent.end)
    left = _trimmed(doc, clause_start, start) if start > clause_start else None
    right = _trimmed(doc, end, clause_end) if clause_end > end else None
    sides = [r for r in (left, right) if r is not None and r[1] > r[0]]
    return max(sides, key=lambda r: r[1] - r[0]) if sides else None


def _trimmed(doc: Doc, start_tok: int, end_tok: int) -> Range | None:
    """Character range of tokens [start_tok, end_tok) without edge punctuation or space."""
    if end_tok <= start_tok:
        return None
    start = doc[start_tok].idx
    end = doc[end_tok - 1].idx + len(doc[end_tok - 1])
    text = doc_text(doc)
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    return (start, end) if end > start else None


def quote_kind(content: Range, passages: list[Passage]) -> str:
    """direct: the content is a quoted passage; mixed: it holds one; else indirect."""
    start, end = content
    if passage_at(passages, start, end) is not None:
        return "direct"
    near = passages_within(passages, start, end)
    quoted = sum(max(0, min(end, p.end) - max(start, p.start)) for p in near)
    if quoted == 0:
        return "indirect"
    return "direct" if quoted >= DIRECT_SHARE * (end - start) else "mixed"


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One quote per cue and content; the first wins."""
    seen: set[tuple[Range | None, Range]] = set()
    out: list[Candidate] = []
    for c in cands:
        key = (c.cue, c.content)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
