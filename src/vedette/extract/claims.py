"""Claims (issue 3): a quantity bound to what it counts, where, when and on whose authority.

A claim is made for every quantity that counts something (troops, money, flights, distance to
a border); bare numbers, durations and a parenthesised conversion ("260 km (160 mi)") are not
claims. The source is the speaker of the quote that contains the number, else the speaker of
the transcript turn, else nobody.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpanT

from vedette.extract.doctext import doc_text
from vedette.extract.forces import (
    Context,
    actor_named,
    claim_kind,
    counted_head,
    is_force,
    owner,
)
from vedette.extract.quantities import counted_noun
from vedette.extract.transcripts import Turn
from vedette.records import (
    Article,
    Claim,
    Modality,
    Place,
    Quantity,
    Quote,
    Span,
    Speaker,
    TimeRef,
)

# Units that measure time: a duration is a time expression, not a claim.
DURATION_UNITS = frozenset("year month week day hour minute second".split())
DISTANCE_UNITS = frozenset("km mi m ft yd".split())
PERCENT_UNITS = frozenset(["percent", "percentage point", "basis point"])
# A conversion "(160 mi)" starts at most this many characters after the quantity it converts.
CONVERSION_GAP = 3
# Nouns that stand for "the count of" what follows: "the number of flights tripled".
COUNT_HEADS = frozenset("number amount count level total size figure".split())
PLACE_PREPS = frozenset("near in along at on over inside into across around from".split())
PLACE_NOUNS = frozenset(
    "border borders frontier region area peninsula sea coast territory territories "
    "north south east west".split())
PLACE_ENTS = frozenset(["GPE", "LOC", "FAC"])
# Lemmas that set a claim's modality, in the order they win.
DENY_LEMMAS = frozenset(["deny", "dismiss", "refute", "reject"])
PLAN_LEMMAS = frozenset(["plan", "intend", "aim", "prepare"])
PLAN_AUX = frozenset(["could", "might", "may", "would"])
FORECAST_LEMMAS = frozenset(["expect", "forecast", "predict", "project", "anticipate"])
FORECAST_AUX = frozenset(["will", "shall", "'ll"])
# Children of the governing words that change modality ("could", "not", "if").
MODAL_DEPS = frozenset({"aux", "auxpass", "neg", "mark", "advmod"})
# A withdrawal presupposes the force it withdraws: "did not pull back 150,000 troops" still
# reports 150,000 troops.
PRESUPPOSING_LEMMAS = frozenset(
    "withdraw pull remove reduce leave retreat return pullback withdrawal drawdown reduction "
    "departure de-escalate deescalate disengage".split())
ESTIMATE_LEMMAS = frozenset(["estimate", "assessment", "assess", "believe", "calculate",
                             "approximate"])
# Words a rule quote may take as a speaker that stand for nobody ("It is estimated that ...").
NOT_SPEAKERS = frozenset(["it", "this", "that", "there", "which", "what"])
_AFTER_DISTANCE = re.compile(
    r"(?:\s*\([^)]{1,40}\))?\s+(?:(?:to\s+the\s+)?(?:north|south|east|west)(?:-?\w+)?\s+of|"
    r"away\s+from|from|of|off|inside|outside)\s+[^,.;:“”\"()]{1,80}"
)


def build_claims(doc: Doc, article: Article, quantities: Sequence[Quantity],
                 quotes: Sequence[Quote], turns: Sequence[Turn], times: Sequence[TimeRef],
                 places: Sequence[Place]) -> list[Claim]:
    """Claims for the quantities that count something, in text order."""
    text = doc_text(doc)
    claims: list[Claim] = []
    previous_end = -CONVERSION_GAP - 1
    for quantity in quantities:
        is_conversion = 0 <= quantity.span.start - previous_end <= CONVERSION_GAP \
            and text[previous_end:quantity.span.start].strip() == "("
        previous_end = quantity.span.end
        if is_conversion or quantity.unit in DURATION_UNITS:
            continue
        tokens = doc.char_span(quantity.span.start, quantity.span.end,
                               alignment_mode="expand")
        if tokens is None or len(tokens) == 0:
            continue
        counted = _counted(quantity, tokens)
        if counted is None or not _significant(quantity, counted):
            continue
        claim = _claim(f"c{len(claims) + 1}", text, article, quantity, tokens, counted,
                       quotes, turns, times, places)
        claims.append(claim)
    return inherit_owners(claims)


# Small counts are claims only for things a crisis analyst counts ("three battalion tactical
# groups", "two warships"), not for "the two presidents" or "three questions".
SMALL_COUNT = 20
CRISIS_COUNT_WORDS = frozenset(
    """troop soldier serviceman servicemen personnel force forces battalion brigade division
    regiment group groups btg btgs ship warship vessel submarine aircraft plane jet jets
    helicopter drone missile missiles tank tanks vehicle vehicles launcher launchers artillery
    howitzer system systems flight flights sortie sorties casualty casualties death deaths
    killed wounded injured dead refugee refugees civilian civilians hostage hostages prisoner
    prisoners unit units camp camps base bases exercise exercises drill drills sanction
    sanctions package packages boat boats gunboat gunboats radar radars""".split()
)


def inherit_owners(claims: list[Claim]) -> list[Claim]:
    """A number of forces repeated without its owner ("those 8,500 troops") is the one named
    with its owner elsewhere in the document ("8,500 American troops"): same counted thing,
    same number. Left alone when the owned mentions disagree."""
    owned = [c for c in claims if c.of and is_force(c.counted)]
    for claim in claims:
        if claim.of or not is_force(claim.counted):
            continue
        owners = {c.of for c in owned if counted_head(c.counted) == counted_head(claim.counted)
                  and _same_number(c, claim)}
        if len(owners) == 1:
            claim.of = owners.pop()
    return claims


def _same_number(a: Claim, b: Claim) -> bool:
    """The same number as written: value and bounds ("more than 100,000" is not "100,000")."""
    return (a.value, a.low, a.high) == (b.value, b.low, b.high) and (
        a.value is not None or a.low is not None or a.high is not None)


def _significant(quantity: Quantity, counted: str) -> bool:
    unit = quantity.unit
    if unit is None or not unit.islower() or unit in PERCENT_UNITS | DISTANCE_UNITS | {
        "multiplier"
    }:
        return True  # money, percentages, distances, changes are always worth keeping
    value = quantity.value if quantity.value is not None else quantity.high
    if value is None or value >= SMALL_COUNT:
        return True
    words = counted.lower().replace("-", " ").split()
    return any(w in CRISIS_COUNT_WORDS or w.removesuffix("s") in CRISIS_COUNT_WORDS
               for w in words)


def _claim(cid: str, text: str, article: Article, quantity: Quantity, tokens: SpanT,
           counted: str, quotes: Sequence[Quote], turns: Sequence[Turn],
           times: Sequence[TimeRef], places: Sequence[Place]) -> Claim:
    sent = tokens[0].sent
    evidence = _trimmed(text, sent.start_char, sent.end_char)
    quote = _containing_quote(quantity.span, quotes)
    turn = _containing_turn(quantity.span, turns)
    source, chain = claim_source(quantity.span, quotes)
    question = bool(quote and quote.question) or bool(turn and turn.question)
    claim = Claim(
        id=cid, value=quantity.value, low=quantity.low, high=quantity.high,
        unit=quantity.unit, counted=counted,
        place=_place(text, quantity, tokens, sent, places),
        as_of=_as_of(sent, times, article.published),
        modality=_modality(tokens, sent, evidence, question),
        source=source, chain=chain, evidence=evidence, quantity=quantity.span,
    )
    return _with_owner(claim, tokens)


def _with_owner(claim: Claim, tokens: SpanT) -> Claim:
    """The claim's kind, and for forces and equipment, whose they are (`of`)."""
    number = _number_token(tokens)
    noun = None if claim.unit == "multiplier" else counted_noun(number)
    claim.kind = claim_kind(claim.counted, noun, _governors(number))
    if noun is not None and is_force(claim.counted):
        speaker = actor_named(claim.source.name) if claim.source else None
        claim.of = owner(noun, Context(speaker))
    return claim


def claim_source(span: Span, quotes: Sequence[Quote]) -> tuple[Speaker | None, list[str]]:
    """The most specific attribution of the words holding `span`: an embedded quote's speaker,
    else the turn's (transcripts), else the document's (a speech is one turn of its speaker).

    An embedded quote whose source the text names but the sieve could not resolve ("he said")
    leaves the claim without a source (its relays stay in the chain) rather than fall back to
    the turn's speaker, who did not say it; words in quotation marks without any source pass on
    to the enclosing quote.
    """
    inside = sorted((q for q in quotes
                     if q.content.start <= span.start and span.end <= q.content.end),
                    key=lambda q: q.content.end - q.content.start)
    for quote in inside:
        if quote.speaker is not None and quote.speaker.name.lower() not in NOT_SPEAKERS:
            return quote.speaker, list(quote.chain)
        if quote.source is not None and quote.origin not in {"transcript", "document"}:
            return None, list(quote.chain)
    return None, []


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span.of(text, start, end)


def _counted(quantity: Quantity, tokens: SpanT) -> str | None:
    """What the quantity counts, as written ("Russian soldiers"), or None for a bare number."""
    if quantity.unit == "multiplier":
        return _multiplied(tokens)
    if quantity.unit in DISTANCE_UNITS:
        return "distance"
    number = _number_token(tokens)
    noun = counted_noun(number)
    if noun is not None:
        return _phrase(number, noun)
    if quantity.unit is None:
        return None
    if quantity.unit in PERCENT_UNITS:
        return "share"
    return "amount" if quantity.unit.isupper() else quantity.unit


def _number_token(tokens: SpanT) -> Token:
    """The last numeric token of the span ("about 120,000" -> "120,000")."""
    for tok in reversed(tokens):
        if tok.like_num or tok.pos_ == "NUM":
            return tok
    return tokens[-1]


def _phrase(number: Token, noun: Token) -> str:
    """The counted noun with its modifiers after the number: "120,000 Russian soldiers"."""
    start = max(number.i + 1, noun.left_edge.i)
    words = [t for t in noun.doc[start:noun.i + 1]
             if t.dep_ not in ("det", "poss", "nummod", "cc") and not t.like_num]
    return "".join(t.text_with_ws for t in words).strip() or noun.text


def _multiplied(tokens: SpanT) -> str | None:
    """The subject of "tripled": "the number of reconnaissance aircraft flights" -> flights."""
    verb = tokens[-1]
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subjects:
        return None
    subject = subjects[0]
    if subject.lemma_.lower() in COUNT_HEADS:
        for prep in subject.children:
            if prep.lower_ == "of":
                objs = [c for c in prep.children if c.dep_ == "pobj"]
                if objs:
                    return _noun_phrase(objs[0])
    return _noun_phrase(subject)


def _noun_phrase(noun: Token) -> str:
    words = [t for t in noun.doc[noun.left_edge.i:noun.i + 1]
             if t.dep_ not in ("det", "poss", "case", "predet")]
    return "".join(t.text_with_ws for t in words).strip()


def _place(text: str, quantity: Quantity, tokens: SpanT, sent: SpanT,
           places: Sequence[Place]) -> str | None:
    """Where: "about 260 km (160 mi) from Ukraine's state border", "near the border"."""
    if quantity.unit in DISTANCE_UNITS:
        m = _AFTER_DISTANCE.match(text, quantity.span.end)
        if m is not None:
            return text[quantity.span.start:m.end()].rstrip()
    in_sentence = [p for p in places if sent.start_char <= p.span.start < sent.end_char]
    clause = _clause(tokens[-1])
    best: str | None = None
    for tok in clause.subtree:
        if tok.lower_ not in PLACE_PREPS or tok.dep_ != "prep":
            continue
        objs = [c for c in tok.children if c.dep_ == "pobj"]
        if not objs or not _is_place(objs[0], in_sentence):
            continue
        phrase = _cut(text[tok.idx:objs[0].right_edge.idx + len(objs[0].right_edge)])
        if tok.i > tokens[-1].i:
            return phrase  # the first place after the number is the one it stands at
        best = best or phrase
    return best


def _clause(token: Token) -> Token:
    """The verb (or root) whose clause holds the quantity."""
    for tok in (token, *token.ancestors):
        if tok.pos_ in ("VERB", "AUX") or tok.dep_ == "ROOT":
            return tok
    return token


_PHRASE_END = re.compile(r"\n| [–—|] ")


def _cut(phrase: str) -> str:
    """A headline runs into the site name ("near border – Henry's Club"): stop there."""
    m = _PHRASE_END.search(phrase)
    return (phrase[:m.start()] if m else phrase).strip()


def _is_place(obj: Token, places: Sequence[Place]) -> bool:
    start, end = obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge)
    if any(start <= p.span.start < end for p in places):
        return True
    return any(t.ent_type_ in PLACE_ENTS or t.lower_ in PLACE_NOUNS for t in obj.subtree)


def _as_of(sent: SpanT, times: Sequence[TimeRef], published: str | None) -> str | None:
    """A calendar date in the sentence, else the publication date ("now" is the latter)."""
    for t in times:
        if sent.start_char <= t.span.start < sent.end_char and t.resolved and t.type == "date" \
                and t.value and CALENDAR_VALUE.match(t.value):
            return t.value
    return published


# TIMEX3 values that name a calendar day, month, year or ISO week (not PRESENT_REF, XXXX-..).
CALENDAR_VALUE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?$")


def _modality(tokens: SpanT, sent: SpanT, evidence: Span, question: bool) -> Modality:
    """From the words that govern the number up to its clause's verb, not from a negation or
    a modal elsewhere in the sentence."""
    if question or evidence.text.rstrip("”\"' ").endswith("?"):
        return "question"
    governors = _governors(_number_token(tokens))
    near = [*governors, *(c for g in governors for c in g.children if c.dep_ in MODAL_DEPS)]
    lemmas = {t.lemma_.lower() for t in near}
    if _negated(governors) or lemmas & DENY_LEMMAS or _denied_by_speaker(governors):
        return "denied"
    if lemmas & PLAN_LEMMAS or lemmas & PLAN_AUX:
        return "planned"
    if lemmas & FORECAST_LEMMAS or {t.lower_ for t in near} & FORECAST_AUX:
        return "forecast"
    if {t.lemma_.lower() for t in sent} & ESTIMATE_LEMMAS:
        return "estimate"
    return "reported"


def _governors(number: Token) -> list[Token]:
    """The number and the words it hangs from up to its clause's verb, and on through the
    verbs that take that clause as their complement ("plans to deploy")."""
    out = [number]
    tok = number
    while tok.head.i != tok.i:
        tok = tok.head
        out.append(tok)
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("xcomp", "aux", "auxpass"):
            break
    return out


def _negated(governors: list[Token]) -> bool:
    """A negation of the number's own verb; not of a withdrawal, which presupposes the force
    ("has not pulled back its 150,000 troops"), nor of another event noun on the way up
    ("no sign of a pullback of the 150,000 troops")."""
    for i, g in enumerate(governors):
        if not any(c.dep_ == "neg" for c in g.children):
            continue
        if g.lemma_.lower() in PRESUPPOSING_LEMMAS:
            return False
        between = governors[2:i]  # past the number and its counted noun
        return not any(t.pos_ == "NOUN" and t.lemma_.lower() not in COUNT_HEADS
                       for t in between)
    return False


def _denied_by_speaker(governors: list[Token]) -> bool:
    """"Moscow denied that it has 100,000 troops there"."""
    verb = governors[-1]
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in DENY_LEMMAS


def _containing_quote(span: Span, quotes: Sequence[Quote]) -> Quote | None:
    inside = [q for q in quotes
              if q.content.start <= span.start and span.end <= q.content.end]
    if not inside:
        return None
    # The innermost quote is the one nearest the speaker ("X said ..." inside a turn).
    attributed = [q for q in inside if q.speaker is not None] or inside
    return min(attributed, key=lambda q: q.content.end - q.content.start)


def _containing_turn(span: Span, turns: Sequence[Turn]) -> Turn | None:
    for turn in turns:
        if turn.content_start <= span.start < turn.content_end:
            return turn
    return None
