"""PLOVER events: a trigger lexicon (data/plover_triggers.json) read over the dependency parse.

Each trigger token gives at most one event. Its actors come from the parse (subject first, then
objects), mapped to canonical entities; its modality comes from the words that govern it
("threatened to", "in the event of", "ruled out", "will"), so that a threatened sanction is
THREATEN and a ruled-out deployment is kept but marked denied.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from vedette.extract.doctext import doc_text
from vedette.extract.entities import EntityIndex
from vedette.extract.forces import actor_named, is_force
from vedette.extract.lexicon import RELATIVE_PRONOUNS, SPEECH_VERBS, load_json
from vedette.records import Event, Place, Quote, Span, TimeRef

TRIGGER_FILE = "plover_triggers.json"
HAPPENED = "happened"
PLANNED = "planned"
EXPECTED = "expected"
HYPOTHETICAL = "hypothetical"
DENIED = "denied"
THREATENED = "threatened"
DEMANDED = "demanded"
ALLEGED = "alleged"
# A sanction that has not (yet) been imposed is a threat (PLOVER THREATEN 'restrict').
UNREALISED = frozenset({PLANNED, EXPECTED, HYPOTHETICAL, THREATENED})
RETYPE_UNREALISED = {"SANCTION": "THREATEN"}
# A trigger governed by a trigger of these types inherits this modality.
GOVERNOR_TYPE_MODALITY = {"REJECT": DENIED, "THREATEN": THREATENED, "DEMAND": DEMANDED,
                          "ACCUSE": ALLEGED}
# Non-trigger governors ("preparing sanctions", "expected to speak", "ability to launch").
GOVERNOR_LEMMA_MODALITY: dict[str, str] = {
    **dict.fromkeys("plan prepare intend aim seek want decide agree promise pledge offer "
                    "approve schedule propose consider vow".split(), PLANNED),
    **dict.fromkeys("expect likely set poise".split(), EXPECTED),
    "prospect": HYPOTHETICAL,
    **dict.fromkeys("able ability capable capability possibility risk whether suggestion "
                    "fear warn".split(), HYPOTHETICAL),
}
AUX_MODALITY: dict[str, str] = {
    **dict.fromkeys(["will", "shall", "'ll", "’ll"], PLANNED),
    **dict.fromkeys(["would", "could", "might", "may", "'d"], HYPOTHETICAL),
}
AMOD_MODALITY: dict[str, str] = {
    **dict.fromkeys("planned upcoming future proposed scheduled".split(), PLANNED),
    **dict.fromkeys("possible potential hypothetical".split(), HYPOTHETICAL),
    **dict.fromkeys("alleged suspected".split(), ALLEGED),
}
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
# "in the event of", "in case of": the head nouns of conditional prepositional phrases.
CONDITIONAL_NOUNS = frozenset({"event", "case"})
# Relations that end the search for a governor: the clause above is about something else.
BARRIER_DEPS = frozenset({"conj", "relcl", "parataxis", "appos", "cc", "punct", "advcl_rel"})
# Prepositions that introduce a complement ("warned about", "accused of"), not an adjunct.
COMPLEMENT_PREPS = frozenset({"about", "of", "against", "to", "for", "on", "over", "as", "into",
                              "from", "with"})
# How far up the parse a governor may sit and still set the modality.
MAX_GOVERNOR_HOPS = 6
# "X said Y must do Z" is a demand on Y (PLOVER REQUEST); these verbs carry it.
DEMAND_MODAL = "must"
DEMAND_CARRIERS = SPEECH_VERBS | {"declare", "reiterate", "conclude", "remind"}
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr"})
# Prepositions whose object is a participant ("meet with", "attack on", "talks between").
PARTICIPANT_PREPS = frozenset({"with", "between", "against", "on", "by", "of", "to", "from"})
LOCATIVE_PREPS = frozenset({"in", "near", "at", "along", "on", "over", "into", "inside",
                            "across", "around", "outside", "within", "towards", "toward"})
# Verbs whose direct object is a topic, not a participant ("discussed energy issues").
TOPIC_VERBS = frozenset({"discuss", "negotiate", "mediate"})
# Subject/object relations passed down a chain of verbs ("redeploys and mobilizes").
INHERIT_DEPS = frozenset({"xcomp", "conj", "advcl"})
ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# A place named as a modifier ("US troops") says who, not where.
PLACE_DEPS = frozenset({"pobj", "dobj"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
FIRST_PERSON = frozenset({"we", "i", "us", "our"})
# A participle used as an adjective ("striking forces") is no event.
ADJECTIVAL_DEPS = frozenset({"amod", "compound"})
# Entity labels that are never participants ("on Tuesday", "two countries").
NON_ACTOR_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY",
                              "QUANTITY"})
VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
MAX_ACTOR_TOKENS = 6
# A noun trigger shares its verb's date only as one of the verb's direct arguments.
DIRECT_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr"})
# Words an entity recogniser may take for a name that stand for nobody in particular.
NOT_ACTORS = frozenset({"you", "we", "i", "they", "he", "she", "it", "us", "me", "state"})
# "warn that", "insist that ... are": statements; a demand needs "must" or "should".
ASSERTION_LEMMAS = frozenset({"warn", "warning", "insist"})
DEMAND_AUX = frozenset({"must", "should"})
THREAT_AUX = frozenset({"will", "would", "'ll", "could"})
WITHDRAW_LEMMAS = frozenset({"withdraw", "pull"})
FIGHT_LEMMAS = frozenset({"fight", "combat", "battle"})
PEOPLE_NOUNS = frozenset({"enemy", "people", "army", "rebel", "separatist", "invader",
                          "terrorist", "militant", "insurgent"})
SINGULAR_NOT_TRIGGERS = frozenset({"talk"})
# "speak with"/"talk to" consult only a partner: a name, a pronoun or one of these.
PARTNER_PREPS = frozenset({"with", "to"})
PARTNER_PRONOUNS = frozenset({"him", "her", "them"})
PARTNER_NOUNS = frozenset(
    """counterpart partner leader president minister official ally chancellor mayor secretary
    ambassador colleague delegation government team envoy premier king queen""".split())
# Destinations, not participants: "deploying forces to Crimea", "my visit to Moscow".
DESTINATION_TYPES = frozenset({"MOBILIZE", "CONSULT"})
DESTINATION_PREPS = frozenset({"to", "into", "in", "at"})
# Phrases that are triggers only when their first word is a verb ("called on Russia to").
VERB_ONLY_PHRASES = frozenset({("call", "on")})


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, str]
    nouns: dict[str, str]
    # verb lemma -> ((object lemmas, type), ...)
    object_verbs: dict[str, tuple[tuple[frozenset[str], str], ...]]
    # first lemma -> ((lemma sequence, type), ...), longest first
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]
    # Hashes of every lemma that can start a trigger: the one test made on every token.
    heads: frozenset[int]


@dataclass(frozen=True, slots=True)
class Trigger:
    head: Token  # the syntactic head of the trigger words
    start: int  # token range of the trigger words
    end: int
    type: str
    absorbed: tuple[int, ...] = ()  # token indices the trigger consumes (its object)


@dataclass(frozen=True, slots=True)
class Mentions:
    """Actor-type entity mentions of one document, sorted by start, for range lookups."""

    starts: list[int]
    items: list[tuple[int, int, str]]

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        out = []
        for i in range(bisect_left(self.starts, start), len(self.items)):
            m = self.items[i]
            if m[0] >= end:
                break
            if m[1] <= end:
                out.append(m)
        return out


@cache
def lexicon() -> Lexicon:
    data = load_json(TRIGGER_FILE)
    verbs = {lemma: t for t, lemmas in data["verbs"].items() for lemma in lemmas}
    nouns = {lemma: t for t, lemmas in data["nouns"].items() for lemma in lemmas}
    objects = {name: frozenset(words) for name, words in data["objects"].items()}
    object_verbs = {
        verb: tuple((objects[cls], t) for t, cls in table.items())
        for verb, table in data["object_verbs"].items()
    }
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for t, seqs in data["phrases"].items():
        for seq in seqs:
            phrases.setdefault(seq[0], []).append((tuple(seq), t))
    ordered = {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in phrases.items()}
    lemmas = {*verbs, *nouns, *object_verbs, *ordered, DEMAND_MODAL}
    return Lexicon(verbs, nouns, object_verbs, ordered,
                   frozenset(get_string_id(x) for x in lemmas))


def find_events(doc: Doc, index: EntityIndex, times: Sequence[TimeRef],
                places: Sequence[Place], quotes: Sequence[Quote]) -> list[Event]:
    """PLOVER-typed events of one document, one per trigger, in text order."""
    triggers = find_triggers(doc)
    if not triggers:
        return []
    by_head = {t.head.i: t for t in triggers}
    typed = [(t, *_type_and_modality(t, by_head)) for t in triggers]
    final = {t.head.i: kind for t, kind, _ in typed}
    mentions = _mentions(index)
    text = doc_text(doc)
    events: list[Event] = []
    for trig, kind, modality in typed:
        if _repeats_governor(trig, kind, final):
            continue
        actors = _actors(trig, mentions, quotes)
        sent = trig.head.sent
        events.append(Event(
            id=f"ev{len(events) + 1}",
            type=kind,
            actors=actors,
            place=_place(trig, sent, places, index, actors),
            date=_date(trig, sent, times),
            modality=modality,
            evidence=Span.of(text, sent.start_char, sent.end_char),
            trigger=Span.of(text, doc[trig.start].idx, _end_char(doc[trig.end - 1])),
        ))
    return events


# --- triggers -------------------------------------------------------------------------------

def find_triggers(doc: Doc) -> list[Trigger]:
    """Trigger words in `doc`: one hash lookup per token, work only on the hits."""
    lex = lexicon()
    found: list[Trigger] = []
    for tok in doc:
        if tok.lemma not in lex.heads and tok.lower not in lex.heads:
            continue
        trig = _phrase(tok, lex) or _object_verb(tok, lex) or _single(tok, lex)
        if trig is None and tok.lower_ == DEMAND_MODAL:
            trig = _modal_demand(tok)
        if trig is not None:
            found.append(trig)
    return _without_overlaps(found)


def _phrase(tok: Token, lex: Lexicon) -> Trigger | None:
    doc = tok.doc
    for seq, kind in lex.phrases.get(tok.lemma_, ()):
        if seq in VERB_ONLY_PHRASES and tok.pos_ not in VERB_POS:
            continue  # "a press call on Russia" is no demand
        if seq[-1] in PARTNER_PREPS and tok.i + len(seq) <= len(doc) \
                and not _partner_ok(doc[tok.i + len(seq) - 1]):
            continue
        end = tok.i + len(seq)
        if end <= len(doc) and all(doc[tok.i + k].lemma_.lower() == w
                                   for k, w in enumerate(seq)):
            return Trigger(doc[tok.i:end].root, tok.i, end, kind)
    return None


def _object_verb(tok: Token, lex: Lexicon) -> Trigger | None:
    table = lex.object_verbs.get(tok.lemma_)
    if not table or tok.pos_ not in VERB_POS:
        return None
    objects = _object_tokens(tok)
    for words, kind in table:
        hits = [o for o in objects if o.lemma_.lower() in words]
        if hits:
            return Trigger(tok, tok.i, tok.i + 1, kind, tuple(o.i for o in objects))
    return None


def _object_tokens(verb: Token) -> list[Token]:
    """The verb's object words with their compounds and conjuncts ("security aid package")."""
    heads = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "dative"}]
    heads += [c.head for c in verb.children if c.dep_ == "prt"]  # "cut off" keeps the verb
    heads += [g for c in verb.children if c.dep_ == "prep" for g in c.children
              if g.dep_ == "pobj" and c.lower_ in {"of", "on"}]
    out: list[Token] = []
    for h in heads:
        for t in (h, *h.conjuncts):
            out.append(t)
            out.extend(c for c in t.children if c.dep_ == "compound")
            out.extend(g for c in t.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj")
    return [t for t in out if t.i != verb.i]


def _single(tok: Token, lex: Lexicon) -> Trigger | None:
    lemma = tok.lemma_
    if tok.pos_ in VERB_POS and lemma in lex.verbs and tok.dep_ not in ADJECTIVAL_DEPS:
        if _asserts(tok) or _withdraws_no_force(tok) or _fights_no_one(tok):
            return None
        return Trigger(tok, tok.i, tok.i + 1, lex.verbs[lemma])
    if tok.pos_ in NOUN_POS and lemma.lower() in lex.nouns:
        if tok.lower_ in SINGULAR_NOT_TRIGGERS or _asserts(tok):
            return None  # "hearing McCarthy talk": talks are plural
        return Trigger(tok, tok.i, tok.i + 1, lex.nouns[lemma.lower()])
    return None


def _asserts(verb: Token) -> bool:
    """'warned that citizens should depart', 'insisted there are ways': a statement, not a
    threat or a demand ('insisted that Russia must withdraw' stays a demand)."""
    if verb.lemma_ not in ASSERTION_LEMMAS and verb.lower_ not in ASSERTION_LEMMAS:
        return False
    if verb.lemma_ in ("warn", "warning"):  # "warning that citizens should depart"
        if any(t.lower_ == "should" and t.dep_ == "aux" for t in verb.sent if t.i > verb.i):
            return True  # advice, however the parser hangs the clause
        marks = [t for t in verb.subtree if t.dep_ == "mark" and t.lower_ == "that"]
        return bool(marks) and not any(a.lower_ in THREAT_AUX for m in marks
                                       for a in m.head.children if a.dep_ == "aux")
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses:
        return False
    return not any(a.lower_ in DEMAND_AUX for c in clauses for a in c.children
                   if a.dep_ == "aux")


def _withdraws_no_force(verb: Token) -> bool:
    """'the FDA withdrew the authorisation' is no military retreat."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return verb.lemma_ in WITHDRAW_LEMMAS and bool(objects) and not any(
        is_force(o.lemma_) or o.ent_type_ in ("NORP", "GPE") for o in objects)


def _fights_no_one(verb: Token) -> bool:
    """'fighting the Omicron variant' is no assault: its object is neither an actor, a place
    nor a force."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    return verb.lemma_ in FIGHT_LEMMAS and bool(objects) and not any(
        o.ent_type_ in ACTOR_TYPES | {"LOC", "FAC"} or o.pos_ == "PROPN" or is_force(o.lemma_)
        or o.lemma_ in PEOPLE_NOUNS for o in objects)


def _partner_ok(last: Token) -> bool:
    """'spoke with President Zelenskyy / my counterparts / him', not 'speak to our purpose'."""
    objs = [c for c in last.children if c.dep_ == "pobj"]
    return any(o.pos_ == "PROPN" or o.ent_type_ in ACTOR_TYPES or o.lower_ in PARTNER_PRONOUNS
               or o.lemma_.lower() in PARTNER_NOUNS for o in objs)


def _modal_demand(tok: Token) -> Trigger | None:
    """'Russia said Sudan must return the helicopter': a demand on Sudan (PLOVER REQUEST)."""
    verb = tok.head
    if tok.dep_ != "aux" or verb.dep_ != "ccomp" or verb.head.lemma_ not in DEMAND_CARRIERS:
        return None
    return Trigger(verb, tok.i, tok.i + 1, "DEMAND")


def _without_overlaps(found: list[Trigger]) -> list[Trigger]:
    """One trigger per word: phrases win over the single words they cover; objects are eaten."""
    taken: set[int] = set()
    absorbed = {i for t in found for i in t.absorbed}
    out = []
    for trig in sorted(found, key=lambda t: (-(t.end - t.start), t.start)):
        words = set(range(trig.start, trig.end)) | {trig.head.i}
        if words & taken or (trig.end - trig.start == 1 and trig.head.i in absorbed):
            continue
        taken |= words
        out.append(trig)
    return sorted(out, key=lambda t: t.start)


# --- modality and type ----------------------------------------------------------------------

def _type_and_modality(trig: Trigger, by_head: dict[int, Trigger]) -> tuple[str, str]:
    modality = _modality(trig, by_head)
    kind = trig.type
    if modality in UNREALISED:
        kind = RETYPE_UNREALISED.get(kind, kind)
    return kind, modality


def _modality(trig: Trigger, by_head: dict[int, Trigger]) -> str:
    """The nearest word that governs the trigger and says whether it happened."""
    own = _local_modality(trig.head, first=True)
    if own:
        return own
    for tok in _governors(trig.head):
        governor = by_head.get(tok.i)
        if governor is not None and governor.type in GOVERNOR_TYPE_MODALITY:
            return _governor_modality(governor)
        found = _local_modality(tok, first=False)
        if found:
            return found
    return HAPPENED


def _governors(tok: Token) -> Iterator[Token]:
    """Words up the parse that take the trigger as a complement; adjuncts and coordination stop.

    'warned Putin about invading' reaches 'warned'; 'In a meeting, Biden warned' and
    'Biden warned ..., and Washington is preparing sanctions' do not.
    """
    for _ in range(MAX_GOVERNOR_HOPS):
        if tok.head.i == tok.i or tok.dep_ in BARRIER_DEPS:
            return
        if tok.dep_ == "prep" and tok.lower_ not in COMPLEMENT_PREPS:
            return
        tok = tok.head
        yield tok
        if tok.lemma_ in SPEECH_VERBS:
            return


def _governor_modality(governor: Trigger) -> str:
    if governor.head.lemma_ in GOVERNOR_LEMMA_MODALITY:  # "warned about invading": a risk
        return GOVERNOR_LEMMA_MODALITY[governor.head.lemma_]
    return GOVERNOR_TYPE_MODALITY[governor.type]


def _local_modality(tok: Token, first: bool) -> str | None:
    for child in tok.children:
        dep = child.dep_
        if dep == "neg":
            return DENIED
        if dep == "mark" and child.lower_ in CONDITIONAL_MARKS:
            return HYPOTHETICAL
        if dep in {"aux", "auxpass"} and child.lower_ in AUX_MODALITY:
            return AUX_MODALITY[child.lower_]
        if dep == "prep" and _is_conditional_prep(child):
            return HYPOTHETICAL
        if first and dep == "amod" and child.lower_ in AMOD_MODALITY:
            return AMOD_MODALITY[child.lower_]
    if tok.lemma_ in CONDITIONAL_NOUNS and tok.dep_ == "pobj":
        return HYPOTHETICAL
    if not first and tok.lemma_.lower() in GOVERNOR_LEMMA_MODALITY:
        return GOVERNOR_LEMMA_MODALITY[tok.lemma_.lower()]
    return None


def _is_conditional_prep(prep: Token) -> bool:
    return prep.lower_ == "in" and any(
        g.dep_ == "pobj" and g.lemma_ in CONDITIONAL_NOUNS for g in prep.children)


def _repeats_governor(trig: Trigger, kind: str, final: dict[int, str]) -> bool:
    """'threatened to impose sanctions' is one THREATEN; 'send arms ... aid package' one AID."""
    for tok in _governors(trig.head):
        if tok.i in final:
            return final[tok.i] == kind
    return False


# --- actors ---------------------------------------------------------------------------------

def _mentions(index: EntityIndex) -> Mentions:
    items = sorted((m.start, m.end, _actor_name(e.name, e.type)) for e in index.entities
                   if e.type in ACTOR_TYPES and e.name.lower() not in NOT_ACTORS
                   for m in e.mentions)
    return Mentions([m[0] for m in items], items)


def _actor_name(name: str, kind: str) -> str:
    """A nationality stands for its country ("Russian strikes" -> Russia)."""
    return (actor_named(name) or name) if kind == "NORP" else name


def _actors(trig: Trigger, mentions: Mentions, quotes: Sequence[Quote]) -> list[str]:
    names: list[str] = []
    for arg in _arguments(trig):
        if _destination(arg, trig):
            continue
        for name in _names(arg, mentions, quotes):
            if name not in names:
                names.append(name)
    return names


def _destination(arg: Token, trig: Trigger) -> bool:
    if trig.type not in DESTINATION_TYPES or arg.dep_ != "pobj" \
            or arg.head.lower_ not in DESTINATION_PREPS:
        return False
    # Forces go somewhere ("deploying forces to Crimea"); one meets someone, but visits places.
    return trig.type == "MOBILIZE" or arg.ent_type_ in ("GPE", "LOC", "FAC")


def _arguments(trig: Trigger) -> list[Token]:
    """Participant words: subjects (or passive agents) first, then objects and partners."""
    head = trig.head
    words = set(range(trig.start, trig.end)) | set(trig.absorbed)
    if head.pos_ in NOUN_POS:
        args = _participants([*_governing_subject(head), *_noun_arguments(head)])
        args = args or _participants(_clause_arguments(head))
    else:
        objects = _objects(head, topics=head.lemma_ not in TOPIC_VERBS)
        args = _participants([*_subjects(head), *objects])
    return _unique([a for a in args if a.i not in words])


def _participants(tokens: Iterable[Token]) -> list[Token]:
    return [t for t in tokens if t.ent_type_ not in NON_ACTOR_LABELS and t.pos_ != "NUM"]


def _noun_arguments(noun: Token) -> list[Token]:
    """'Russia's build-up', 'talks between Biden and Putin', 'Russian troops' build-up'."""
    args = [c for c in noun.children if c.dep_ == "poss"]
    args += [c for c in noun.children if c.dep_ in {"compound", "amod"}
             and (c.ent_type_ in ACTOR_TYPES or c.pos_ == "PROPN")]
    args += [g for c in noun.children if c.dep_ == "prep" and c.lower_ in PARTICIPANT_PREPS
             for g in c.children if g.dep_ == "pobj"]
    return args


def _governing_subject(noun: Token) -> list[Token]:
    """The subject of the verb a noun trigger is the object of ('Russia launched an attack')."""
    verb = noun.head
    if noun.dep_ in {"dobj", "attr"} and verb.pos_ in VERB_POS:
        return _subjects(verb)
    return []


def _clause_arguments(noun: Token) -> list[Token]:
    """A bare noun trigger takes the participants of its clause ('In a meeting, A warned B')."""
    verb = noun
    while verb.pos_ not in VERB_POS and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in VERB_POS:
        return []
    # An object that contains the trigger is not a participant ("a series of sanctions").
    others = [o for o in _objects(verb) if not o.left_edge.i <= noun.i <= o.right_edge.i]
    return [*_subjects(verb), *others]


def _subjects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    found += [g for c in verb.children if c.dep_ == "agent" for g in c.children
              if g.dep_ == "pobj"]
    if not found and verb.dep_ in INHERIT_DEPS and verb.head.i != verb.i:
        # "Zelensky is expected to speak": the raised passive subject speaks.
        raised = [c for c in verb.head.children if c.dep_ in PASSIVE_SUBJECT_DEPS]
        return raised if verb.dep_ == "xcomp" and raised else _subjects(verb.head)
    if verb.dep_ == "relcl" and (not found or all(
            t.lower_ in RELATIVE_PRONOUNS for t in found)):
        return [verb.head]  # "Nazi Germany, which attacked": Germany attacked
    return found


def _objects(verb: Token, topics: bool = True) -> list[Token]:
    """Objects and partners; `topics=False` keeps only partners ("discussed X with Y")."""
    deps = OBJECT_DEPS | PASSIVE_SUBJECT_DEPS if topics else PASSIVE_SUBJECT_DEPS
    found = [c for c in verb.children if c.dep_ in deps]
    found += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in PARTICIPANT_PREPS
              for g in c.children if g.dep_ == "pobj"]
    return found


def _unique(tokens: Iterable[Token]) -> list[Token]:
    seen: set[int] = set()
    out = []
    for t in tokens:
        if t.i not in seen:
            seen.add(t.i)
            out.append(t)
    return out


def _names(arg: Token, mentions: Mentions, quotes: Sequence[Quote]) -> list[str]:
    """Canonical entity names for an argument and its conjuncts. A noun phrase that names no
    entity ("the call", "suggestions", "reporters") is no actor (issue 9: a timeline of named
    actors)."""
    out = _apposed_names(arg, mentions)
    for tok in (arg, *arg.conjuncts):
        name = _entity_name(tok, mentions) or _pronoun_speaker(tok, quotes)
        if name and name.lower() in NOT_ACTORS:
            continue
        if name:
            out.append(name)
    return out


def _apposed_names(tok: Token, mentions: Mentions) -> list[str]:
    """"the mayor, Eric Adams", "our partners Ukraine and Georgia": the names in apposition."""
    if tok.pos_ != "NOUN":
        return []
    return [m[2] for c in tok.children if c.dep_ == "appos"
            for m in mentions.within(c.left_edge.idx, _end_char(c.right_edge))]


def _entity_name(tok: Token, mentions: Mentions) -> str | None:
    apposed = _apposed_names(tok, mentions)
    if apposed:
        return apposed[-1]
    start = max(tok.left_edge.i, tok.i - MAX_ACTOR_TOKENS)
    lo, hi = tok.doc[start].idx, _end_char(tok)
    hits = mentions.within(lo, hi)
    if not hits:
        # "the defense forces of Ukraine" stands for Ukraine.
        owners = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                  for g in c.children if g.dep_ == "pobj"]
        hits = [m for g in owners for m in mentions.within(g.idx, _end_char(g))]
    if not hits:
        return None
    # The mention at the head word ("US President Joe Biden" -> Joe Biden, not US).
    return max(hits, key=lambda m: m[1])[2]


def _pronoun_speaker(tok: Token, quotes: Sequence[Quote]) -> str | None:
    """'we' inside a quote is its speaker."""
    if tok.lower_ not in FIRST_PERSON:
        return None
    for q in quotes:
        if q.speaker and q.content.start <= tok.idx < q.content.end:
            return q.speaker.name
    return None


# --- place and date -------------------------------------------------------------------------

def _place(trig: Trigger, sent: SpacySpan, places: Sequence[Place], index: EntityIndex,
           actors: list[str]) -> str | None:
    """A place named where the trigger's clause says where ('near the border with Ukraine')."""
    candidates = _place_candidates(sent, places, index)
    if not candidates:
        return None
    heads = {trig.head.i, _clause_head(trig.head).i}
    for tok, name in candidates:  # "massed troops near Kharkiv"
        prep = tok.head
        if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPS and prep.head.i in heads:
            return name
    lo, hi = trig.head.left_edge.idx, _end_char(trig.head.right_edge)
    return next((name for tok, name in candidates if lo <= tok.idx < hi
                 and tok.dep_ in PLACE_DEPS and name not in actors), None)


def _place_candidates(sent: SpacySpan, places: Sequence[Place],
                      index: EntityIndex) -> list[tuple[Token, str]]:
    doc = sent.doc
    out = []
    for p in places:
        if sent.start_char <= p.span.start < sent.end_char:
            span = doc.char_span(p.span.start, p.span.end, alignment_mode="expand")
            if span is not None:
                out.append((span.root, p.name))
    if out:
        return out
    for ent in sent.ents:
        if ent.label_ in PLACE_LABELS:
            entity = index.by_mention.get((ent.start_char, ent.end_char))
            out.append((ent.root, entity.name if entity else ent.text))
    return out


def _clause_head(tok: Token) -> Token:
    """The verb a trigger belongs to (itself when it is a verb)."""
    while tok.pos_ not in VERB_POS and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _date(trig: Trigger, sent: SpacySpan, times: Sequence[TimeRef]) -> str | None:
    """A resolved date attached to the trigger, or to its clause when the trigger is the
    clause's verb or one of its direct arguments."""
    found = [t for t in times if t.resolved and t.value and t.type in {"date", "time"}
             and sent.start_char <= t.span.start < sent.end_char]
    if not found:
        return None
    doc = sent.doc
    head = trig.head
    scope = {head.i}
    if head.pos_ in VERB_POS or head.dep_ in DIRECT_ARGUMENT_DEPS:
        scope.add(_clause_head(head).i)  # "Russian strikes struck the tower yesterday"
    for t in found:
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        if span is not None and _attached(span.root, scope):
            return t.value
    # A date elsewhere in the sentence dates another clause ("Today's talks were held
    # against the backdrop of an invasion"): this event stays undated (issue 9).
    return None


def _attached(tok: Token, scope: set[int]) -> bool:
    """The time phrase hangs off the trigger or its verb, directly or through a preposition."""
    head = tok.head
    return head.i in scope or (head.dep_ == "prep" and head.head.i in scope)


def _end_char(tok: Token) -> int:
    return tok.idx + len(tok.text)
