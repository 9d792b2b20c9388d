"""From quote candidates to attributed quotes: the speaker sieve (speakers.py), then the
channel ("told CNN") and the chain of relays ("shared with CNN by security sources")."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from vedette.extract.lexicon import RELAY_VERBS
from vedette.extract.merge import NESTED
from vedette.extract.quotes import Candidate
from vedette.extract.speakers import Case, DocumentModel, decide, governing
from vedette.extract.transcripts import Turn
from vedette.records import Quote, Span

# Venue nouns that name the channel of a statement ("during a televised news conference").
VENUE_NOUNS = frozenset(
    {"conference", "briefing", "interview", "statement", "call", "meeting", "speech", "address"}
)
VENUE_PREPS = frozenset({"in", "during", "at", "on", "to"})
_DETERMINERS = ("the ", "The ", "a ", "A ", "an ", "An ")


def resolve_quotes(model: DocumentModel, candidates: Sequence[Candidate]) -> list[Quote]:
    """Quotes with speakers decided by the sieve of speakers.py, plus channels and chains."""
    by_cue: dict[int, Quote] = {}
    quotes: list[Quote] = []
    for n, cand in enumerate(candidates, start=1):
        quote = _resolve(cand, model, by_cue, quotes, f"q{n}")
        if quote is None:
            continue
        if cand.cue_token is not None:
            by_cue[cand.cue_token] = quote
        quotes.append(quote)
    return quotes


def _resolve(cand: Candidate, model: DocumentModel, by_cue: dict[int, Quote],
             earlier: list[Quote], qid: str) -> Quote | None:
    text = model.text
    if cand.source and _in_label(cand.source, model.turns):
        return None  # "Q Thanks, Jen." parsed as a subject is a turn label, not a source
    if _crosses_turns(cand, model):
        return None  # a cue in one speaker's turn never reports another's words
    if NESTED in cand.extra and model.turn_at(cand.content[0]) is None:
        return None  # a report inside a report counts only where someone holds the floor
    if model.turn_at(cand.content[0]) is not None:
        cand.content = _within_sentence(cand, model)
    source = Span.of(text, *cand.source) if cand.source else None
    turn = model.turn_at(cand.content[0])
    case = Case(cand, source, turn, earlier)
    if source is None and cand.cue_token is not None:
        case.governing = governing(model.doc[cand.cue_token], by_cue)
        source = case.governing.source if case.governing is not None else None
    decision = decide(case, model)
    chain = list(decision.chain)
    channel = _channel(cand, model)
    for link in _relay_chain(cand, model):
        if link not in chain:
            chain.append(link)
    if channel and _is_outlet(channel) and channel not in chain:
        chain.append(channel)
    speaker = decision.speaker
    if turn is not None and turn.speaker and not turn.question and (
            speaker is None or speaker.name != turn.speaker) and turn.speaker not in chain:
        chain.append(turn.speaker)  # the turn's speaker relays what someone else said
    return Quote(
        id=qid,
        kind=cand.kind,  # type: ignore[arg-type]
        content=Span.of(text, *cand.content),
        cue=Span.of(text, *cand.cue) if cand.cue else None,
        source=source,
        speaker=speaker,
        channel=channel,
        chain=chain,
        question=turn is not None and turn.question,
        origin=cand.origin,
        sieve=decision.sieve,
    )


def _crosses_turns(cand: Candidate, model: DocumentModel) -> bool:
    anchor = cand.cue or cand.source
    if anchor is None:
        return False
    return model.turn_at(anchor[0]) is not model.turn_at(cand.content[0])


def _within_sentence(cand: Candidate, model: DocumentModel) -> tuple[int, int]:
    """Inside a turn, reported (indirect) speech ends with its sentence: what follows is the
    turn speaker's again ("The President said that Russia is ... . We are concerned ...").
    Only words in quotation marks run on. (Not applied to news prose: PolNeAR's contents often
    run across sentences.)"""
    start, end = cand.content
    if cand.kind == "direct":
        return start, end
    span = model.doc.char_span(start, start + 1, alignment_mode="expand")
    if span is None or len(span) == 0:
        return start, end
    stop = span[0].sent.end_char
    text = model.text
    while stop > start + 1 and text[stop - 1] in " .?!\n":
        stop -= 1
    return start, min(end, stop)


def _in_label(source: tuple[int, int], turns: Sequence[Turn]) -> bool:
    return any(t.label_start <= source[0] < t.label_end for t in turns)


def _channel(cand: Candidate, ctx: DocumentModel) -> str | None:
    doc = ctx.doc
    if cand.channel_token is not None:
        tok = doc[cand.channel_token]
        words = [t for t in tok.subtree if t.i <= tok.i and t.dep_ in {"compound", "poss"}]
        start = min([tok.i, *[t.i for t in words]])
        return doc[start : tok.i + 1].text
    if cand.cue_token is None:
        return None
    return _venue(doc[cand.cue_token])


def _venue(cue: Token) -> str | None:
    """'said during a televised news conference' -> 'televised news conference';
    'said in an interview with CNN' -> 'CNN'."""
    for prep in cue.children:
        if prep.dep_ != "prep" or prep.lower_ not in VENUE_PREPS:
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj" or pobj.lemma_.lower() not in VENUE_NOUNS:
                continue
            outlet = _with_object(pobj)
            if outlet is not None:
                return outlet
            mods = [t for t in pobj.lefts if t.dep_ in {"amod", "compound"}]
            start = mods[0].i if mods else pobj.i
            return cue.doc[start : pobj.i + 1].text
    return None


def _with_object(noun: Token) -> str | None:
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "with":
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.pos_ == "PROPN":
                    return noun.doc[obj.left_edge.i : obj.i + 1].text
    return None


def _relay_chain(cand: Candidate, ctx: DocumentModel) -> list[str]:
    """'shared with CNN by Ukrainian security sources' -> [Ukrainian security sources, CNN]."""
    anchor = cand.cue or cand.content
    span = ctx.doc.char_span(anchor[0], anchor[1], alignment_mode="expand")
    if span is None:
        return []
    chain: list[str] = []
    for tok in span.sent:
        if tok.lemma_.lower() not in RELAY_VERBS or tok.pos_ != "VERB":
            continue
        giver = _prep_object(tok, {"by"}, deps={"agent", "prep"})
        if giver is None:
            continue  # "will send arms to Ukraine" is not a chain; "shared ... by X" is
        receiver = _prep_object(tok, {"with", "to"}, deps={"prep", "dative"})
        chain.extend(x for x in (giver, receiver) if x)
    return chain


def _prep_object(verb: Token, preps: set[str], deps: set[str]) -> str | None:
    for prep in verb.children:
        if prep.dep_ in deps and prep.lower_ in preps:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    return _strip_determiner(verb.doc[obj.left_edge.i : obj.right_edge.i + 1].text)
    return None


def _is_outlet(name: str) -> bool:
    """A named organisation (CNN, Reuters), not 'reporters'."""
    return name[:1].isupper() and name.lower() not in {"reporters", "journalists"}


def _strip_determiner(text: str) -> str:
    for det in _DETERMINERS:
        if text.startswith(det):
            return text[len(det):]
    return text
