"""Who speaks in a document, and who said each quote: one explicit, ordered sieve.

After Muzny et al. (2017, "A Two-stage Sieve Approach for Quote Attribution"): the document's
own speakers come first (transcript turns, the speaker a speech's or statement's title names),
then each quote is tied to a mention (its source span, a pronoun, a role noun such as "the
Federal Chancellor"), and the mention to an entity. Each sieve is a small named function; the
first one that decides wins, and the quote records which one it was (`Quote.sieve`), so a gold
set can report each sieve's contribution. A sieve that recognises its case but cannot name the
speaker decides "unresolved": a wrong name is worse than none.

Rules: first person in a turn is the turn's speaker ("we" of an official is the official, the
organisation kept as `on_behalf_of`); a quotation or reported speech inside a turn belongs to
the person it is attributed to, with the turn's speaker in the chain; everything in a reporter's
turn is a question; "he"/"she" resolve only to a compatible person named earlier in the same turn.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from vedette.config import PRONOUN_LOOKBACK_SENTENCES
from vedette.extract.doctext import doc_passages, doc_text
from vedette.extract.entities import EntityIndex, aliases, slug, strip_titles
from vedette.extract.lexicon import (
    DOCUMENT_NOUNS,
    PRONOUNS_FIRST,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    PRONOUNS_SECOND,
    RELATIVE_PRONOUNS,
    TITLES,
    load_json,
)
from vedette.extract.passages import Passage, passage_at
from vedette.extract.quotes import Candidate
from vedette.extract.transcripts import OFFICE_HOLDERS, Turn, find_turns
from vedette.records import Article, DocumentSpeaker, Entity, Quote, Span, Speaker

REPORTER = "Reporter"
FIRST_PERSON = PRONOUNS_FIRST | {"myself", "ourselves", "i myself", "we all", "all of us"}
THIRD_PERSON = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
INTERROGATIVES = frozenset({"who", "whose", "whom", "what", "which", "whoever"})
# Offices named in full that one person held in the period of the corpus (data/offices.json).
NAMED_OFFICES: dict[str, str] = {k: str(v) for k, v in load_json("offices.json").items()}
# Words of a role or title ("Press Secretary", "NATO Secretary General"): a speaker's name made
# only of these is a title fragment, never a name.
ROLE_WORDS = TITLES | frozenset(
    """secretary-general federal vice first lady aide spokesperson official officials senior
    administration the of to nato nsc un eu un's pentagon kremlin presidential
    executive governor mayor senator congressman congresswoman representative commander
    envoy""".split()
)
HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mister": "m", "ms": "f", "ms.": "f", "mrs": "f",
                    "mrs.": "f", "madam": "f", "madame": "f"}
# Words that make a phrase an office ("the Federal Chancellor"), not an organisation ("NATO").
OFFICE_WORDS = frozenset(
    """president secretary secretary-general spokesperson spokesman spokeswoman minister
    chancellor ambassador aide adviser advisor general admiral chairman
    director premier governor mayor senator congressman congresswoman representative
    commander spokesman spokeswoman envoy""".split()
)
# How far before a mention an honorific or title may stand ("Secretary Austin").
TITLE_WINDOW_CHARS = 40

# --- the speaker named by a document's title --------------------------------------------

_TITLE_LEAD = re.compile(
    r"\b(?:remarks|speech|statement|address|op-ed|message|(?:press|news) conference|"
    r"(?:press )?briefing|(?:press )?gaggle|interview|press availability|(?:press )?call)"
    r"\s+(?:by|of|from)\s+(?:the\s+)?",
    re.IGNORECASE,
)
_TITLE_ACT = re.compile(
    r"^(?P<who>.+?)\s+(?:holds|gives|delivers|answered|answers|briefs|makes|in an interview)\b",
    re.IGNORECASE,
)
_WHO_STOP = frozenset(
    """on at to during in before after following ahead announcing for with about regarding
    amid as ahead vs""".split()
)
_WHO_JOINERS = frozenset({"of", "the", "de", "von", "van", "der", "al"})
_TO_TITLES = frozenset({"aide", "adviser", "advisor", "assistant", "envoy", "representative"})
_WHO_SPLIT = frozenset({"and", "&"})
_WHO_PUNCT = re.compile(r"[,;:()\[\]–—|]")


@dataclass(frozen=True, slots=True)
class Named:
    """A person named by a title or label, with the role words before the name."""

    name: str
    entity_id: str | None
    role: str | None


def title_speakers(title: str | None, publisher: str | None = None) -> list[Named]:
    """'Remarks by President Biden Announcing ...' -> Joe Biden (role President)."""
    if not title:
        return []
    phrases = _who_phrases(title)
    return [n for n in (name_in_phrase(p, publisher) for p in phrases) if n is not None]


def _who_phrases(title: str) -> list[list[str]]:
    m = _TITLE_LEAD.search(title)
    if m is not None:
        rest = title[m.end():]
    else:
        act = _TITLE_ACT.match(title)
        if act is None:
            return []
        rest = act.group("who")
    cut = _WHO_PUNCT.search(rest)
    words = (rest[: cut.start()] if cut else rest).split()
    phrases: list[list[str]] = [[]]
    for word in words:
        low = word.lower()
        if low in _WHO_SPLIT:
            phrases.append([])
        elif low == "to" and phrases[-1] and phrases[-1][-1].lower() in _TO_TITLES:
            phrases[-1].append(word)  # "Aide to the President Yury Ushakov"
        elif low in _WHO_STOP or _is_gerund(word) or not (word[0].isupper() or
                                                          low in _WHO_JOINERS):
            break
        else:
            phrases[-1].append(word)
    return [p for p in phrases if p]


def _is_gerund(word: str) -> bool:
    return len(word) > 5 and word.lower().endswith("ing")


def name_in_phrase(words: Sequence[str], publisher: str | None = None) -> Named | None:
    """The person a title phrase names: an office, a known name, or the words after the titles."""
    phrase = " ".join(words).strip()
    office = NAMED_OFFICES.get(_strip_det(phrase).lower())
    if office is not None:
        return Named(office, person_id(office), _strip_det(phrase))
    holder = _office_by_publisher(phrase, publisher)
    if holder is not None:
        return Named(holder, person_id(holder), _strip_det(phrase))
    known = _known_suffix(words)
    if known is not None:
        return known
    start = 0
    while start < len(words) and (words[start].lower().strip(",") in ROLE_WORDS
                                  or words[start].isupper()):
        start += 1
    if start == len(words):
        return None  # only titles: "Secretary General" is not a name
    name = " ".join(words[start:])
    return Named(name, person_id(name) if len(words) - start >= 2 else None,
                 " ".join(words[:start]) or None)


def _known_suffix(words: Sequence[str]) -> Named | None:
    """The longest tail of the phrase that the alias table knows as a person."""
    table = aliases()
    for lookup in (table.lookup.get, table.canonical):
        for i in range(len(words)):
            canonical = lookup(" ".join(words[i:]).lower())
            if canonical is not None and table.types.get(canonical) == "PERSON":
                return Named(canonical, person_id(canonical), " ".join(words[:i]) or None)
    return None


def _office_by_publisher(phrase: str, publisher: str | None) -> str | None:
    holders = OFFICE_HOLDERS.get(_strip_det(phrase).upper())
    if holders is None or not publisher:
        return None
    return next((h for key, h in holders.items() if key in publisher.lower()), None)


def person_id(name: str) -> str:
    return f"person:{slug(name)}"


def is_title_fragment(name: str) -> bool:
    """'Secretary General', 'the President', 'Biden Providing' -> True; 'Jens Stoltenberg' no."""
    words = [strip_possessive(w).lower().strip(",.") for w in name.split()]
    if not words:
        return True
    if all(w in ROLE_WORDS for w in words) and words[-1] in OFFICE_WORDS:
        return True  # the head is an office: "Secretary General", not "general staff"
    if aliases().canonical(name) is not None:
        return False
    # A title's verb glued to a name: "Biden Providing" (a known name, then a gerund).
    parts = name.split()
    return any(_is_gerund(w) and aliases().canonical(prev) is not None
               for prev, w in zip(parts, parts[1:], strict=False))


# --- the document model --------------------------------------------------------------------


@dataclass(slots=True)
class DocumentModel:
    """What the sieve knows about one document before it looks at a single quote."""

    doc: Doc
    article: Article
    index: EntityIndex
    turns: list[Turn]
    speakers: list[DocumentSpeaker]
    passages: list[Passage] = field(default_factory=list)
    # The speaker of a speech or statement (its title), when the document has one.
    document_speaker: DocumentSpeaker | None = None

    @property
    def text(self) -> str:
        return doc_text(self.doc)

    def turn_at(self, offset: int) -> Turn | None:
        return next((t for t in self.turns if t.content_start <= offset < t.content_end), None)

    def speaker_named(self, name: str | None) -> DocumentSpeaker | None:
        return next((s for s in self.speakers if s.name == name), None)


def document_model(doc: Doc, article: Article, index: EntityIndex) -> DocumentModel:
    """Turns of a transcript, else the speech's own speaker over the whole body."""
    text = doc_text(doc)
    named = title_speakers(article.title, article.publisher)
    turns = [_named_turn(t, named) for t in find_turns(text, article.publisher)]
    if not turns and not named:
        named = _issuing_office(article) or _signatories(doc, article)
    if not turns and named and (_single_voice(article) or named[0].role in ISSUED
                                or named[0].role == "signatories"):
        turns = [_document_turn(text, article, named[0])]
    speakers = _document_speakers(turns, named, text, article.publisher)
    doc_speaker = next((s for s in speakers if named and s.name == named[0].name), None)
    return DocumentModel(doc, article, index, turns, speakers, doc_passages(doc), doc_speaker)


# Documents an office issues in its own voice: a readout's "President Biden made clear that ..."
# is the office reporting what the President said.
ISSUED = {"readout": re.compile(r"^\s*readout\b", re.IGNORECASE),
          "fact sheet": re.compile(r"^\s*fact sheet\b", re.IGNORECASE)}


def _issuing_office(article: Article) -> list[Named]:
    """The publishing office of a readout or fact sheet ("The White House")."""
    institution = publisher_institution(article.publisher)
    for kind, pattern in ISSUED.items():
        if institution and pattern.search(article.title or ""):
            return [Named(institution, f"org:{slug(institution)}", kind)]
    return []


def _signatories(doc: Doc, article: Article) -> list[Named]:
    """A signed statement's authors: "We, the leaders of France, Germany, ... condemn ..."."""
    if "statement" not in (article.title or "").lower():
        return []
    start = article.body_start if article.title_span else 0
    first = next((t for t in doc if t.idx >= start and not t.is_space), None)
    if first is None or first.lower_ != "we":
        return []
    appos = next((c for c in first.children if c.dep_ == "appos"), None)
    if appos is None:
        return []
    words = doc[appos.left_edge.i:appos.right_edge.i + 1].text
    return [Named(_strip_det(words), None, "signatories")]


def publisher_institution(publisher: str | None) -> str | None:
    """'The White House, Briefing Room (statements-releases)' -> 'The White House'."""
    if not publisher:
        return None
    return re.split(r"[,(]", publisher)[0].strip() or None


def _single_voice(article: Article) -> bool:
    """A speech, statement, address or remarks: one voice (not a news item about someone, not
    an interview, whose unlabelled questions are the interviewer's)."""
    m = _TITLE_LEAD.search(article.title or "")
    return m is not None and "interview" not in m.group(0).lower()


def _named_turn(turn: Turn, named: Sequence[Named]) -> Turn:
    """'SECRETARY GENERAL:' is the Secretary General the title names, never "General"."""
    if turn.question or not turn.speaker or not is_title_fragment(turn.speaker):
        return turn
    label = turn.label.lower()
    match = next((n for n in named if n.role and label in n.role.lower()), None)
    if match is None and len(named) == 1 and named[0].role:
        match = named[0] if _role_overlap(label, named[0].role) else None
    if match is None:
        return _replace_speaker(turn, None, None)
    return _replace_speaker(turn, match.name, match.entity_id)


def _role_overlap(label: str, role: str) -> bool:
    words = {w for w in label.lower().split() if w not in {"the", "of"}}
    return bool(words) and words <= set(role.lower().split())


def _replace_speaker(turn: Turn, name: str | None, entity_id: str | None) -> Turn:
    return Turn(turn.label_start, turn.label_end, turn.content_start, turn.content_end,
                turn.label, name, entity_id, turn.question)


def _document_turn(text: str, article: Article, who: Named) -> Turn:
    title = article.title_span
    label_start, label_end = (title.start, title.end) if title else (0, 0)
    start = article.body_start if title else 0
    while start < len(text) and text[start].isspace():
        start += 1
    end = len(text.rstrip())
    return Turn(label_start, label_end, start, end, article.title or "", who.name,
                who.entity_id, False)


def _document_speakers(turns: Sequence[Turn], named: Sequence[Named], text: str,
                       publisher: str | None) -> list[DocumentSpeaker]:
    """One record per speaker, in order of first turn; the title's speakers come first."""
    speakers: dict[str, DocumentSpeaker] = {}
    for n in named:
        speakers[n.name] = DocumentSpeaker(n.name, n.entity_id, n.role, None)
    for turn in turns:
        if not turn.speaker:
            continue
        record = speakers.setdefault(turn.speaker,
                                     DocumentSpeaker(turn.speaker, turn.entity_id, None, None))
        record.role = record.role or (REPORTER.lower() if turn.question else
                                      _label_role(turn.label, turn.speaker))
        record.turns.append(Span.of(text, turn.content_start, turn.content_end))
    for record in speakers.values():
        record.on_behalf_of = on_behalf_of(record.role, publisher)
    return list(speakers.values())


def _label_role(label: str, name: str) -> str | None:
    """'President of Russia Vladimir Putin' -> 'President of Russia'."""
    words = label.replace("(retranslated)", "").split()
    last = name.split()[-1].lower()
    for i, word in enumerate(words):
        if word.lower().strip(".") == last or word.lower() == name.split()[0].lower():
            role = [w for w in words[:i] if w.lower().rstrip(".") not in {"mr", "ms", "mrs"}]
            return " ".join(role).title() if role and words[0].isupper() else (
                " ".join(role) or None)
    return None


_OF_PLACE = re.compile(r"\bof\s+(?:the\s+)?(?P<org>[A-Z][\w.\- ]+)$")


def on_behalf_of(role: str | None, publisher: str | None) -> str | None:
    """The organisation an official speaks for: named in the role, else the publishing office."""
    if not role or role == REPORTER.lower():
        return None
    org = _org_in(role)
    if org is not None:
        return org
    if role in ISSUED:
        return None  # the office itself speaks
    institution = publisher_institution(publisher)
    if not OFFICE_WORDS & {w.lower() for w in role.split()} or not institution:
        return None
    return _org_in(institution) or institution


def _org_in(phrase: str) -> str | None:
    """'NATO Secretary General' -> NATO; 'Federal Chancellor of Germany' -> Germany."""
    m = _OF_PLACE.search(phrase.strip())
    if m is not None:
        place = m.group("org").strip()
        return aliases().canonical(place) or place
    for word in phrase.split():
        canonical = aliases().canonical(word)
        if canonical is not None and aliases().types.get(canonical) in {"ORG", "GPE"}:
            return canonical
        if word.isupper() and len(word) > 1 and word.isalpha():
            return word
    return None


# --- the quote sieve ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Decision:
    """A sieve's verdict: the speaker (None: recognised but unresolved) and the sieve's name."""

    speaker: Speaker | None
    sieve: str
    chain: tuple[str, ...] = ()


@dataclass(slots=True)
class Case:
    """One quote candidate on its way through the sieve."""

    cand: Candidate
    source: Span | None
    turn: Turn | None
    earlier: list[Quote]
    governing: Quote | None = None


Sieve = Callable[[Case, DocumentModel], Decision | None]


def decide(case: Case, model: DocumentModel) -> Decision:
    """The first sieve that decides; a quote no sieve decides stays unresolved."""
    for sieve in SIEVES:
        decision = sieve(case, model)
        if decision is not None:
            return decision
    return Decision(None, "unresolved")


def question_turn(case: Case, model: DocumentModel) -> Decision | None:
    """Everything said in a reporter's turn is the reporter's question, whoever it quotes."""
    if case.turn is not None and case.turn.question:
        return Decision(Speaker(case.turn.speaker or REPORTER, None), "question_turn")
    return None


def governing_quote(case: Case, model: DocumentModel) -> Decision | None:
    """'..., adding that ...': the speaker of the quote whose cue this cue hangs from."""
    if case.source is None and case.governing is not None:
        return Decision(case.governing.speaker, "governing_quote", tuple(case.governing.chain))
    return None


def no_source(case: Case, model: DocumentModel) -> Decision | None:
    """No source span: words in quotation marks stay unresolved; other content inside a turn
    is the turn speaker's own ("we have seen no sign of withdrawal")."""
    if case.source is not None:
        return None
    if case.cand.kind == "direct" or case.turn is None or not case.turn.speaker:
        return Decision(None, "no_source")
    return Decision(_turn_speaker(case.turn), "turn_content")


def first_person(case: Case, model: DocumentModel) -> Decision | None:
    """'I', 'we', 'myself' in a turn or a speech: the turn's speaker."""
    assert case.source is not None
    lowered = _lower(case.source)
    if lowered not in FIRST_PERSON and not _WE_AND.match(lowered):
        return None
    if case.turn is not None and case.turn.speaker:
        return Decision(_turn_speaker(case.turn), "first_person")
    if not model.turns and model.document_speaker is not None and \
            "interview" in (model.article.title or "").lower():
        # An unlabelled interview: "I" is the interviewee the title names.
        named = model.document_speaker
        return Decision(Speaker(named.name, named.entity_id), "first_person")
    return Decision(None, "first_person")


# "we and our allies", "I and my colleagues": the speaker with others, the speaker first.
_WE_AND = re.compile(r"^(?:we|i)(?: and \w|, )")
_POSSESSIVES = frozenset({"my", "our", "your", "his", "her", "their", "its"})


def second_person(case: Case, model: DocumentModel) -> Decision | None:
    """'you' in an answer is the reporter whose question it answers; elsewhere (a speech's
    audience) unresolved."""
    assert case.source is not None
    if _lower(case.source) not in PRONOUNS_SECOND:
        return None
    if case.turn is None or case.turn.question:
        return Decision(None, "second_person")
    asked = [t for t in model.turns if t.content_end <= case.source.start and t.question]
    if asked:
        return Decision(Speaker(asked[-1].speaker or REPORTER, None), "second_person")
    return Decision(None, "second_person")


def relative_pronoun(case: Case, model: DocumentModel) -> Decision | None:
    """'officials who said ...' -> 'officials'; 'who'/'whose' with no antecedent: unresolved."""
    assert case.source is not None
    lowered = _lower(case.source)
    if lowered not in RELATIVE_PRONOUNS | INTERROGATIVES:
        return None
    antecedent = _relative_antecedent(case.source, model)
    if antecedent is None and lowered in {"that", "which"}:
        case.source = None  # a misparsed complementiser: as if no source were named
        return no_source(case, model)
    if antecedent is None:
        return Decision(None, "relative_pronoun")
    case.source = antecedent
    return None  # the antecedent goes on through the remaining sieves


def role_noun(case: Case, model: DocumentModel) -> Decision | None:
    """'the President', 'the Federal Chancellor', 'the secretary': a document speaker with that
    role other than the one speaking, else the office's holder, else a titled person earlier."""
    assert case.source is not None
    phrase = _strip_det(strip_possessive(case.source.text))
    office = NAMED_OFFICES.get(phrase.lower())
    if office is not None:
        return Decision(Speaker(office, person_id(office)), "role_noun")
    if not phrase or not is_title_fragment(phrase) or _lower(case.source) in PRONOUNS_GROUP:
        return None
    speaker = _role_holder(phrase, case, model)
    return Decision(speaker, "role_noun")


def expletive(case: Case, model: DocumentModel) -> Decision | None:
    """'It is estimated that ...' inside a turn: nobody else is named, the turn speaker says it."""
    assert case.source is not None
    if _lower(case.source) != "it" or not _is_expletive(case.source, model):
        return None
    if case.turn is not None and case.turn.speaker:
        return Decision(_turn_speaker(case.turn), "expletive")
    return Decision(None, "expletive")


def _is_expletive(source: Span, model: DocumentModel) -> bool:
    span = model.doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    tok = span[0]
    passive = any(c.dep_ == "auxpass" for c in tok.head.children)
    return tok.dep_ == "expl" or (tok.dep_ == "nsubjpass" and passive) or \
        tok.head.lemma_ == "be"


def pronoun(case: Case, model: DocumentModel) -> Decision | None:
    """'he'/'she': the nearest compatible person named earlier in the same turn; 'they'/'it'
    are left unresolved rather than guessed."""
    assert case.source is not None
    lowered = _lower(case.source)
    if lowered in GROUP_SUBJECTS:
        group = group_antecedent(case.source.start, case.turn, model)
        return Decision(group, "pronoun")
    if lowered in PRONOUNS_GROUP:
        return Decision(None, "pronoun")
    if lowered not in PRONOUNS_PERSON:
        return None
    speaker = antecedent(case.source.start, THIRD_PERSON.get(lowered), case.turn, model)
    if speaker is not None:
        _add_mention(speaker, case.source, model)
    return Decision(speaker, "pronoun")


def named_entity(case: Case, model: DocumentModel) -> Decision | None:
    """The person, organisation or country the source span names."""
    assert case.source is not None
    entity = model.index.speaker_in(case.source.start, case.source.end)
    if entity is None or not _names_head(case.source, entity, model):
        return None
    if entity.type == "PERSON" and is_title_fragment(entity.name):
        return None
    office = NAMED_OFFICES.get(_strip_det(case.source.text).lower())
    if office is not None:
        return Decision(Speaker(office, person_id(office)), "named_entity")
    return Decision(Speaker(entity.name, entity.id), "named_entity")


def document_noun(case: Case, model: DocumentModel) -> Decision | None:
    """'the assessment said': the speaker of an earlier quote naming that document."""
    assert case.source is not None
    noun = _document_noun(case.source, model)
    if noun is None:
        return None
    prior = _quote_mentioning(noun, case.earlier, model)
    if prior is None or prior.speaker is None:
        return None
    return Decision(prior.speaker, "document_noun", tuple(prior.chain))


def source_text(case: Case, model: DocumentModel) -> Decision | None:
    """The source as written ("Ukrainian security sources"), canonical when the table knows it."""
    assert case.source is not None
    name = _strip_det(case.source.text.strip())
    if not name or _lower(case.source) in THIRD_PERSON or name.lower() in INTERROGATIVES:
        return Decision(None, "source_text")
    if name.split()[0].lower() in _POSSESSIVES:
        return Decision(None, "source_text")  # "their findings", "my colleague": nobody named
    canonical = aliases().canonical(name) or aliases().canonical(strip_titles(name))
    if canonical is None and is_title_fragment(name):
        return Decision(None, "source_text")
    return Decision(Speaker(canonical or name, None), "source_text")


SIEVES: tuple[Sieve, ...] = (
    question_turn, governing_quote, no_source, first_person, second_person, relative_pronoun,
    role_noun, expletive, pronoun, named_entity, document_noun, source_text,
)


# --- helpers of the sieves ------------------------------------------------------------------


_QUANTIFIERS = re.compile(r"^(?:all|both|each) of |\s+(?:all|both|themselves)$")


def _lower(span: Span) -> str:
    """The source as a pronoun would be looked up: 'They all' -> 'they'."""
    return _QUANTIFIERS.sub("", span.text.strip().lower())


def _strip_det(text: str) -> str:
    words = text.strip().split()
    if words and words[0].lower() in {"the", "a", "an", "our"}:
        words = words[1:]
    return " ".join(words)


def strip_possessive(text: str) -> str:
    return re.sub(r"[’']s$", "", text.strip())


def _turn_speaker(turn: Turn) -> Speaker:
    return Speaker(turn.speaker or "", turn.entity_id)


def _role_holder(phrase: str, case: Case, model: DocumentModel) -> Speaker | None:
    speaking = case.turn.speaker if case.turn else None
    low = phrase.lower()
    office = NAMED_OFFICES.get(low)
    if office is not None:
        return Speaker(office, person_id(office))
    holders = [s for s in model.speakers if s.name != speaking and s.role
               and _role_overlap(low, s.role)]
    if len({s.name for s in holders}) == 1:
        return Speaker(holders[0].name, holders[0].entity_id)
    holder = _office_by_publisher(phrase, model.article.publisher)
    if holder is not None and holder != speaking:
        return Speaker(holder, person_id(holder))
    return _titled_person_before(low, case, model, speaking)


def _titled_person_before(title: str, case: Case, model: DocumentModel,
                          speaking: str | None) -> Speaker | None:
    """'the secretary' after 'Secretary Austin' earlier in the same turn -> Lloyd Austin."""
    assert case.source is not None
    start = case.turn.content_start if case.turn else 0
    last = title.split()[-1]
    for mention, entity in reversed(model.index.persons_before(case.source.start)):
        if mention.start < start or entity.name == speaking:
            continue
        before = model.text[max(start, mention.start - TITLE_WINDOW_CHARS):mention.start]
        if last in before.lower().split() or last in mention.text.lower().split():
            return Speaker(entity.name, entity.id)
    return None


def antecedent(offset: int, gender: str | None, turn: Turn | None,
               model: DocumentModel) -> Speaker | None:
    """The nearest compatible person before `offset`, in the same turn and sentence window,
    other than the turn's own speaker (who would say "I"); subjects first."""
    sents = list(model.doc.sents)
    here = next((i for i, s in enumerate(sents) if s.start_char <= offset < s.end_char), 0)
    window = sents[max(0, here - PRONOUN_LOOKBACK_SENTENCES)].start_char
    if turn is not None:
        window = max(window, turn.content_start)
    speaking = turn.speaker if turn else None
    found = [(m, e) for m, e in _persons_before(offset, model)
             if m.start >= window and e.name != speaking and _compatible(e, gender, model)]
    if not found:
        return None
    subjects = [(m, e) for m, e in found if _is_subject(m, model.doc)]
    _, entity = (subjects or found)[-1]
    return Speaker(entity.name, entity.id)


# Pronouns that may stand for an organisation, a country or a people ("they said", "it said").
GROUP_SUBJECTS = frozenset({"they", "it"})
GROUP_TYPES = frozenset({"ORG", "NORP", "GPE"})
# A group pronoun looks back this many sentences at most (groups are named close by).
GROUP_LOOKBACK_SENTENCES = 2


def group_antecedent(offset: int, turn: Turn | None, model: DocumentModel) -> Speaker | None:
    """'they'/'it': the nearest organisation, country or people named as a subject in the same
    turn, at most GROUP_LOOKBACK_SENTENCES back, or named earlier in the same sentence; anything
    less certain stays unresolved."""
    sents = list(model.doc.sents)
    here = next((i for i, s in enumerate(sents) if s.start_char <= offset < s.end_char), 0)
    window = sents[max(0, here - GROUP_LOOKBACK_SENTENCES)].start_char
    if turn is not None:
        window = max(window, turn.content_start)
    found = [(m, e) for e in model.index.entities if e.type in GROUP_TYPES
             for m in e.mentions if window <= m.start and m.end <= offset
             and passage_at(model.passages, m.start, m.end) is None]
    subjects = [(m, e) for m, e in found if _is_subject(m, model.doc)]
    # Else a group named earlier in the same sentence ("we spoke to our European colleagues,
    # they all said"); further back, only a subject is safe enough.
    near = [(m, e) for m, e in found if m.start >= sents[here].start_char]
    if not (subjects or near):
        return None
    _, entity = max(subjects or near, key=lambda p: p[0].start)
    return Speaker(entity.name, entity.id)


def _persons_before(offset: int, model: DocumentModel) -> list[tuple[Span, Entity]]:
    """Person mentions before `offset` outside quotations, plus role nouns of document speakers
    ("the Federal Chancellor" is a mention of Olaf Scholz)."""
    found = [(m, e) for m, e in model.index.persons_before(offset)
             if passage_at(model.passages, m.start, m.end) is None]
    for speaker in model.speakers:
        entity = _person_entity(speaker.name, speaker.entity_id, model)
        found.extend((m, entity) for m in _role_mentions(speaker, offset, model))
    for m, holder in _office_mentions(offset, model):
        found.append((m, _person_entity(holder, person_id(holder), model)))
    return sorted(found, key=lambda p: p[0].start)


def _person_entity(name: str, entity_id: str | None, model: DocumentModel) -> Entity:
    return model.index.get(entity_id or "") or Entity(entity_id or "", name, "PERSON")


_OFFICE_MENTION = re.compile(
    r"\b(?:the|our) (?P<office>" + "|".join(re.escape(o) for o in NAMED_OFFICES) + r")\b",
    re.IGNORECASE)


_THE_PRESIDENT = re.compile(r"\b(?:the|our) President\b(?! of)")


def _office_mentions(offset: int, model: DocumentModel) -> list[tuple[Span, str]]:
    """'the Russian President', 'the President of Russia' before `offset`, with the holder;
    'the President' on the site of a president's office is that president."""
    text = model.text
    found = [(Span.of(text, m.start(), m.end()), NAMED_OFFICES[m.group("office").lower()])
             for m in _OFFICE_MENTION.finditer(text, 0, offset)]
    holder = _office_by_publisher("PRESIDENT", model.article.publisher)
    if holder is not None:
        found.extend((Span.of(text, m.start(), m.end()), holder)
                     for m in _THE_PRESIDENT.finditer(text, 0, offset))
    return found


def _role_mentions(speaker: DocumentSpeaker, offset: int, model: DocumentModel) -> list[Span]:
    """'the Federal Chancellor' before `offset`, when the speaker's role ends with it."""
    if not speaker.role or speaker.role == REPORTER.lower():
        return []
    words = [w for w in speaker.role.split() if w[:1].isupper() and w.lower() != "of"]
    head = " ".join(words[:2]) if words else ""
    if not head or len(head) < 5:
        return []
    pattern = re.compile(rf"\bthe {re.escape(head)}\b", re.IGNORECASE)
    text = model.text
    return [Span.of(text, m.start(), m.end()) for m in pattern.finditer(text, 0, offset)]


def _compatible(entity: Entity, gender: str | None, model: DocumentModel) -> bool:
    if gender is None:
        return True
    known = _gender(entity, model)
    return known is None or known == gender


def _gender(entity: Entity, model: DocumentModel) -> str | None:
    """From an honorific before one of its mentions ("Mr Schroeder", "Ms. Psaki")."""
    text = model.text
    for m in entity.mentions:
        words = text[max(0, m.start - 12):m.start].lower().split()
        if words and words[-1] in HONORIFIC_GENDER:
            return HONORIFIC_GENDER[words[-1]]
    return None


def _is_subject(mention: Span, doc: Doc) -> bool:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.dep_ in {"compound", "appos", "conj"} and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ in {"nsubj", "nsubjpass"}


def _add_mention(speaker: Speaker, mention: Span, model: DocumentModel) -> None:
    """A resolved pronoun becomes one more mention of its entity ("he" -> Vladimir Putin)."""
    entity = model.index.get(speaker.entity_id) if speaker.entity_id else None
    if entity is not None and mention not in entity.mentions:
        entity.mentions.append(mention)
        entity.mentions.sort(key=lambda m: m.start)


def _relative_antecedent(source: Span, model: DocumentModel) -> Span | None:
    span = model.doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None:
        return None
    verb = span.root.head
    if verb.dep_ != "relcl" or verb.head.i == verb.i:
        return None
    noun = verb.head
    return Span.of(model.text, noun.left_edge.idx, noun.idx + len(noun))


def _names_head(source: Span, entity: Entity, model: DocumentModel) -> bool:
    """'Ukraine’s Defense Minister Reznikov' names Reznikov; 'US officials' does not name the US."""
    span = model.doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None:
        return True
    head = span.root
    if any(m.start <= head.idx < m.end for m in entity.mentions):
        return True
    # "President Putin" may parse with the title as head; "an aide to Wilson" names the aide.
    return entity.type == "PERSON" and head.lower_ in ROLE_WORDS


def _document_noun(source: Span, model: DocumentModel) -> str | None:
    span = model.doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None:
        return None
    lemma = span.root.lemma_.lower()
    return lemma if lemma in DOCUMENT_NOUNS else None


def _quote_mentioning(noun: str, earlier: list[Quote], model: DocumentModel) -> Quote | None:
    """The latest earlier quote whose sentence names the same document ('its assessment')."""
    for quote in reversed(earlier):
        anchor = quote.cue or quote.content
        span = model.doc.char_span(anchor.start, anchor.end, alignment_mode="expand")
        if span is None or quote.speaker is None:
            continue
        named = any(t.lemma_.lower() == noun and t.pos_ == "NOUN" for t in span.sent)
        is_doc = quote.source is not None and _document_noun(quote.source, model) is not None
        if named and not is_doc:
            return quote
        if is_doc and quote.source is not None and noun in quote.source.text.lower():
            return quote
    return None


def governing(cue: Token, by_cue: dict[int, Quote]) -> Quote | None:
    """'..., adding that ...': the quote of the verb this cue hangs from."""
    tok = cue
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.i in by_cue:
            return by_cue[tok.i]
    return None


# --- turns as quotes ------------------------------------------------------------------------


def turn_quotes(model: DocumentModel, start_id: int) -> list[Quote]:
    """Each turn is a direct quote of its speaker; a reporter's turn is a question."""
    quotes = []
    text = model.text
    for n, turn in enumerate(model.turns, start=start_id):
        speaker = Speaker(turn.speaker, turn.entity_id) if turn.speaker else None
        source = Span.of(text, turn.label_start, turn.label_end) \
            if turn.label_end > turn.label_start else None
        document = turn.label_end <= turn.label_start or turn.label == model.article.title
        quotes.append(Quote(
            id=f"q{n}", kind="direct",
            content=Span.of(text, turn.content_start, turn.content_end),
            cue=None, source=source, speaker=speaker, question=turn.question,
            origin="document" if document else "transcript",
            sieve="document_speaker" if document else "turn_label",
        ))
    return quotes
