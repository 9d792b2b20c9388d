"""The tense of the clause around a temporal expression, from spaCy's parse."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from vedette.extract.timex.calendar import Tense
from vedette.extract.timex.lexicon import FUTURE_AUXILIARIES, FUTURE_LEMMAS

MAX_HEAD_STEPS = 6  # how far up the tree a time expression looks for its verb
MAX_CONTROL_STEPS = 3  # "is expected to [speak]": how many xcomp links up a future cue may sit
VERB_POS = frozenset({"VERB", "AUX"})
CONTROL_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj"})
PAST_TAGS = frozenset({"VBD"})
PERFECT_AUX = frozenset({"have", "has"})
# Modals before a base verb look forward ("could come as soon as Tuesday").
MODALS = frozenset({"would", "could", "might", "may", "can", "should", "must", "ca"})
# Verbs whose own object is a plan ("planned a rally on Saturday").
PLAN_LEMMAS = frozenset({"plan", "schedule"})


def token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def governing_verb(token: Token) -> Token | None:
    for _ in range(MAX_HEAD_STEPS):
        if token.pos_ in VERB_POS:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _is_future(verb: Token) -> bool:
    current = verb
    for step in range(MAX_CONTROL_STEPS):
        for child in current.children:
            if child.dep_ not in ("aux", "auxpass"):
                continue
            if child.lower_ in FUTURE_AUXILIARIES:
                return True
            if child.lower_ in MODALS and current.tag_ == "VB":
                return True
        lemma = current.lemma_.lower()
        if lemma in PLAN_LEMMAS or (step and lemma in FUTURE_LEMMAS):
            return True
        if current.dep_ not in ("xcomp",) or current.head is current:
            return False
        current = current.head
    return False


def _is_past(verb: Token) -> bool:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ in PAST_TAGS or any(a.tag_ in PAST_TAGS for a in auxes):
        return True
    return verb.tag_ == "VBN" and any(a.lower_ in PERFECT_AUX for a in auxes)


def clause_tense(doc: Doc, char: int) -> Tense:
    """Future when a modal or a verb of intention governs the clause, past on a past verb."""
    token = token_at(doc, char)
    verb = governing_verb(token) if token is not None else None
    if verb is None:
        return "present"
    if _is_future(verb):
        return "future"
    return "past" if _is_past(verb) else "present"
