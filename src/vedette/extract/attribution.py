"""From quote candidates to attributed quotes: speakers, pronouns, channels and chains."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from vedette.config import PRONOUN_LOOKBACK_SENTENCES
from vedette.extract.doctext import doc_passages, doc_text
from vedette.extract.entities import EntityIndex, aliases, strip_titles
from vedette.extract.lexicon import (
    DOCUMENT_NOUNS,
    PRONOUNS_FIRST,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    PRONOUNS_SECOND,
    RELATIVE_PRONOUNS,
    RELAY_VERBS,
)
from vedette.extract.passages import Passage, passage_at
from vedette.extract.quotes import Candidate
from vedette.extract.transcripts import Turn, speaker_for_label, turn_at
from vedette.records import Quote, Span, Speaker

# Venue nouns that name the channel of a statement ("during a televised news conference").
VENUE_NOUNS = frozenset(
    {"conference", "briefing", "interview", "statement", "call", "meeting", "speech", "address"}
)
VENUE_PREPS = frozenset({"in", "during", "at", "on", "to"})
_DETERMINERS = ("the ", "The ", "a ", "A ", "an ", "An ")


@dataclass(slots=True)
class Context:
    """What speaker resolution needs to know about the article."""

    doc: Doc
    index: EntityIndex
    turns: Sequence[Turn]
    passages: list[Passage]
    publisher: str | None = None
    # Who delivers a speech or statement, from its title ("statement by … Ben Wallace").
    document_speaker: Speaker | None = None


def resolve_quotes(doc: Doc, candidates: Sequence[Candidate], index: EntityIndex,
                   turns: Sequence[Turn], publisher: str | None = None,
                   document_speaker: Speaker | None = None) -> list[Quote]:
    ctx = Context(doc, index, turns, doc_passages(doc), publisher, document_speaker)
    by_cue: dict[int, Quote] = {}
    quotes: list[Quote] = []
    for n, cand in enumerate(candidates, start=1):
        quote = _resolve(cand, ctx, by_cue, quotes, f"q{n}")
        if quote is None:
            continue
        if cand.cue_token is not None:
            by_cue[cand.cue_token] = quote
        quotes.append(quote)
    return quotes


def _resolve(cand: Candidate, ctx: Context, by_cue: dict[int, Quote], earlier: list[Quote],
             qid: str) -> Quote | None:
    text = doc_text(ctx.doc)
    if cand.source and _in_label(cand.source, ctx.turns):
        return None  # "Q Thanks, Jen." parsed as a subject is a turn label, not a source
    source = Span.of(text, *cand.source) if cand.source else None
    speaker: Speaker | None = None
    chain: list[str] = []
    if source is None and cand.cue_token is not None:
        governing = _governing_quote(ctx.doc[cand.cue_token], by_cue)
        if governing is not None:
            source, speaker, chain = governing.source, governing.speaker, list(governing.chain)
    if source is not None and speaker is None:
        speaker, inherited_chain = _speaker(source, ctx, earlier)
        chain.extend(inherited_chain)
    channel = _channel(cand, ctx)
    for link in _relay_chain(cand, ctx):
        if link not in chain:
            chain.append(link)
    if channel and _is_outlet(channel) and channel not in chain:
        chain.append(channel)
    turn = turn_at(ctx.turns, cand.content[0])
    if turn is not None and turn.speaker and (speaker is None or speaker.name != turn.speaker):
        chain.append(turn.speaker)
    return Quote(
        id=qid,
        kind=cand.kind,  # type: ignore[arg-type]
        content=Span.of(text, *cand.content),
        cue=Span.of(text, *cand.cue) if cand.cue else None,
        source=source,
        speaker=speaker,
        channel=channel,
        chain=chain,
        origin=cand.origin,
    )


def _in_label(source: tuple[int, int], turns: Sequence[Turn]) -> bool:
    return any(t.label_start <= source[0] < t.label_end for t in turns)


def _governing_quote(cue: Token, by_cue: dict[int, Quote]) -> Quote | None:
    """'..., adding that ...': the quote of the verb this cue hangs from."""
    tok = cue
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.i in by_cue:
            return by_cue[tok.i]
    return None


def _speaker(source: Span, ctx: Context, earlier: list[Quote]) -> tuple[Speaker | None, list[str]]:
    lowered = source.text.lower()
    if lowered in PRONOUNS_PERSON:
        speaker = _pronoun_antecedent(source.start, ctx)
        _add_mention(speaker, source, ctx)
        return speaker, []
    if lowered in PRONOUNS_FIRST or lowered in PRONOUNS_SECOND:
        turn = _addressed_turn(source.start, ctx, second=lowered in PRONOUNS_SECOND)
        if turn is not None and turn.speaker:
            return Speaker(turn.speaker, turn.entity_id), []
        if not ctx.turns and lowered in PRONOUNS_FIRST and ctx.document_speaker is not None:
            return ctx.document_speaker, []  # "I" in a speech is its speaker
    if lowered in RELATIVE_PRONOUNS:
        antecedent = _relative_antecedent(source, ctx)
        if antecedent is not None:
            source = antecedent
    office = _office_holder(source.text, ctx)
    if office is not None:
        return office, []
    entity = ctx.index.speaker_in(source.start, source.end)
    if entity is not None and _names_head(source, entity, ctx):
        return Speaker(entity.name, entity.id), []
    if lowered in PRONOUNS_GROUP and earlier:
        prior = earlier[-1]
        return prior.speaker, list(prior.chain)
    doc_noun = _document_noun(source, ctx)
    if doc_noun is not None:
        prior_quote = _quote_mentioning(doc_noun, earlier, ctx)
        if prior_quote is not None and prior_quote.speaker is not None:
            return prior_quote.speaker, list(prior_quote.chain)
    name = _strip_determiner(source.text)
    canonical = aliases().canonical(name) or aliases().canonical(strip_titles(name))
    return Speaker(canonical or name, None), []


def _addressed_turn(offset: int, ctx: Context, *, second: bool) -> Turn | None:
    """'I' is the turn's speaker; 'you' in a reporter's question is whoever answered last."""
    turn = turn_at(ctx.turns, offset)
    if turn is None or not second:
        return turn
    if not turn.question:
        return None
    answered = [t for t in ctx.turns if t.content_end <= offset and not t.question]
    return answered[-1] if answered else None


def _relative_antecedent(source: Span, ctx: Context) -> Span | None:
    """'officials who said ...' -> 'officials'."""
    span = ctx.doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None:
        return None
    verb = span.root.head
    if verb.dep_ != "relcl" or verb.head.i == verb.i:
        return None
    noun = verb.head
    left = noun.left_edge
    text = doc_text(ctx.doc)
    return Span.of(text, left.idx, noun.idx + len(noun))


def _office_holder(text: str, ctx: Context) -> Speaker | None:
    """'the President' in a White House transcript is Joe Biden."""
    label = _strip_determiner(text).upper()
    if label not in {"PRESIDENT"} or not ctx.publisher:
        return None
    name, entity_id = speaker_for_label("THE PRESIDENT", ctx.publisher)
    return Speaker(name, entity_id) if name and name != "President" else None


def _add_mention(speaker: Speaker | None, mention: Span, ctx: Context) -> None:
    """A resolved pronoun becomes one more mention of its entity ("he" -> Vladimir Putin)."""
    entity = ctx.index.get(speaker.entity_id) if speaker and speaker.entity_id else None
    if entity is not None and mention not in entity.mentions:
        entity.mentions.append(mention)
        entity.mentions.sort(key=lambda m: m.start)


def _names_head(source: Span, entity: object, ctx: Context) -> bool:
    """'Ukraine’s Defense Minister Reznikov' names Reznikov; 'US officials' does not name the US."""
    span = ctx.doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None:
        return True
    head = span.root
    mentions = getattr(entity, "mentions", [])
    return any(m.start <= head.idx < m.end for m in mentions) or getattr(entity, "type", "") in {
        "PERSON"
    }


def _strip_determiner(text: str) -> str:
    for det in _DETERMINERS:
        if text.startswith(det):
            return text[len(det):]
    return text


def _pronoun_antecedent(offset: int, ctx: Context) -> Speaker | None:
    """The most recent person named as a sentence subject nearby, else the most recent person."""
    sents = list(ctx.doc.sents)
    here = next((i for i, s in enumerate(sents) if s.start_char <= offset < s.end_char), 0)
    window_start = sents[max(0, here - PRONOUN_LOOKBACK_SENTENCES)].start_char
    candidates = [
        (m, e)
        for m, e in ctx.index.persons_before(offset)
        if m.start >= window_start and passage_at(ctx.passages, m.start, m.end) is None
    ]
    if not candidates:
        return None
    subjects = [(m, e) for m, e in candidates if _is_subject(m, ctx.doc)]
    m, e = (subjects or candidates)[-1]
    return Speaker(e.name, e.id)


def _is_subject(mention: Span, doc: Doc) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.dep_ in {"compound", "appos", "conj"} and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in {"nsubj", "nsubjpass"}


def _document_noun(source: Span, ctx: Context) -> str | None:
    span = ctx.doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None:
        return None
    lemma = span.root.lemma_.lower()
    return lemma if lemma in DOCUMENT_NOUNS else None


def _quote_mentioning(noun: str, earlier: list[Quote], ctx: Context) -> Quote | None:
    """The latest earlier quote whose sentence names the same document ('its assessment')."""
    for quote in reversed(earlier):
        anchor = quote.cue or quote.content
        sent = ctx.doc.char_span(anchor.start, anchor.end, alignment_mode="expand")
        if sent is None or quote.speaker is None:
            continue
        sentence = sent.sent
        named = any(t.lemma_.lower() == noun and t.pos_ == "NOUN" for t in sentence)
        if named and not _is_document(quote, ctx):
            return quote
        if _is_document(quote, ctx) and quote.source and noun in quote.source.text.lower():
            return quote
    return None


def _is_document(quote: Quote, ctx: Context) -> bool:
    return quote.source is not None and _document_noun(quote.source, ctx) is not None


def _channel(cand: Candidate, ctx: Context) -> str | None:
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


def _relay_chain(cand: Candidate, ctx: Context) -> list[str]:
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
