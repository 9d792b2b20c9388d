"""Rule quotes and the trained attribution model, merged without double counting."""

from __future__ import annotations

from spacy.tokens import Doc

from vedette.config import MIN_MODEL_SCORE
from vedette.errors import ModelMissing
from vedette.extract.doctext import doc_passages
from vedette.extract.quotes import Candidate, find_quotes, quote_kind

# A model quote duplicates a rule quote when their contents overlap by this share.
DUPLICATE_OVERLAP = 0.5


def all_candidates(doc: Doc, *, use_model: bool = True) -> list[Candidate]:
    rules = find_quotes(doc)
    if not use_model:
        return rules
    return rules + [m for m in model_candidates(doc) if not _duplicates(m, rules)]


def model_candidates(doc: Doc) -> list[Candidate]:
    try:
        from vedette.extract.attribution_model import predict_attributions
    except ImportError:
        return []
    try:
        predicted = predict_attributions(doc)
    except ModelMissing:
        return []
    passages = doc_passages(doc)
    out: list[Candidate] = []
    for a in predicted:
        if a.content is None or a.score < MIN_MODEL_SCORE:
            continue
        cand = Candidate(content=a.content, cue=a.cue, source=a.source, origin="model")
        cand.kind = quote_kind(a.content, passages)
        out.append(cand)
    return out


def _duplicates(m: Candidate, rules: list[Candidate]) -> bool:
    for r in rules:
        if m.cue is not None and r.cue is not None and _overlap(m.cue, r.cue) > 0:
            return True
        if _overlap(m.content, r.content) >= DUPLICATE_OVERLAP * (m.content[1] - m.content[0]):
            return True
    return False


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))
