"""Whose forces (issue 9): the actor whose troops, ships or tanks a claim counts, and the kind
of claim (a force level, casualties, a hypothetical).

The owner is read from the parse, most specific first: the counted noun's own modifiers
("Russian troops", "Russia's forces", "troops of the Russian Federation", "their soldiers"),
then the noun that governs it ("Moscow's build-up of 100,000 troops"), then the subject of a
verb of deploying or having ("Russia has amassed 100,000 troops"), then the recipient of a
delivery, procurement by the speaker's side, the sentence a fragment continues, and the other
side named before forces massed at a border. Pronouns resolve by role:
"we/our" is the speaker's side, "they/their" the nearest other actor named before, "he/his"
the nearest person's side. Nothing the text does not tie to an actor gets one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from vedette.config import PRONOUN_LOOKBACK_SENTENCES
from vedette.extract.lexicon import load_json
from vedette.records import ClaimKind

if TYPE_CHECKING:  # the claim clustering imports this module in processes without spaCy
    from spacy.tokens import Token

# Lemmas of counted nouns that are forces or military equipment.
FORCE_WORDS = frozenset(
    """troop soldier serviceman servicemen servicemember personnel force military army navy
    marine sailor airman paratrooper reservist conscript mercenary fighter combatant
    battalion brigade division regiment btg btgs company squadron fleet contingent unit
    ship warship vessel submarine frigate destroyer cruiser corvette boat gunboat radar
    aircraft plane jet bomber helicopter drone tank vehicle launcher artillery howitzer missile
    iskander rocket system armor armour""".split()
)
# Counted nouns that are casualties whatever the verb.
CASUALTY_NOUNS = frozenset("casualty death fatality dead wounded injured killed loss".split())
# Verbs that make a count of people or forces a count of casualties ("40 servicemen killed").
CASUALTY_VERBS = frozenset("kill die wound injure lose perish capture slay murder".split())
# Verbs whose subject owns the forces they take as object ("Russia has amassed 100,000 troops").
OWNING_VERBS = frozenset(
    """have amass mass deploy station keep move send position gather concentrate assemble
    build put mobilize mobilise field bring pull withdraw add maintain commit dispatch surge
    array place base lose draw redeploy muster insert rotate reinforce double triple
    increase reduce receive get obtain acquire form include comprise total""".split()
)
# Dependencies that modify a noun with its owner ("Russian", "Russia's", "NATO").
OWNER_DEPS = frozenset({"poss", "amod", "compound", "nmod", "npadvmod"})
OWNER_PREPS = frozenset({"of", "from"})
# A capitalised armed service named without a country ("the Navy", "Ground Forces", "the
# Strategic Missile Force") is the speaker's own: officials name the other side's forces.
SERVICE_WORDS = frozenset("navy army force forces fleet marines guard".split())
# Deliveries name the recipient of equipment: "assistance ... to the Ukrainian military".
_RECIPIENT = re.compile(
    r"\b(?:assistance|aid|package|deliver\w*|provid\w*|suppl(?:y|ied|ies)|transfer\w*|"
    r"donat\w*|committed|sen[dt]s?)\b"
    r"[^.;:]{0,80}?\bto\s+(?:the\s+)?(?P<who>[A-Z][\w’'.-]+)")
RECIPIENT_LOOKBACK_SENTENCES = 2
# A list item ("- 800 Stinger systems;") reads back to its list's heading through at most this
# many items.
MAX_LIST_ITEMS = 30
LIST_MARKS = ("-", "•", "*", "–")
# Procurement and formation are reported by a side about its own forces ("the Navy received
# three submarines", "two regiments have been formed"): with no owner named, the speaker's.
PROCUREMENT_LEMMAS = frozenset(
    """receive form commission construct construction procure procurement acquire purchase
    equip rearm rearmament modernise modernize upgrade""".split())
COMBAT_DUTY = "combat duty"
BORDER_WORDS = frozenset({"border", "frontier", "borderline"})
# "soldiers of any army": the text names no owner on purpose.
NO_OWNER_DETS = frozenset({"any", "every", "all", "each"})
# Equipment, not people: only equipment is handed over.
PEOPLE_WORDS = frozenset("""troop soldier serviceman servicemen servicemember personnel force
    military army navy marine sailor airman paratrooper reservist conscript mercenary fighter
    combatant""".split())
FIRST_PERSON = frozenset({"we", "our", "us", "ours", "ourselves"})
THIRD_GROUP = frozenset({"they", "their", "them", "theirs", "its", "it"})
THIRD_PERSON = frozenset({"he", "his", "him", "she", "her"})
# Forms this short ("US", "UK", "EU") match only in capitals: "Us" is a pronoun.
SHORT_FORM = 3
MAX_ACTOR_WORDS = 6
# Modifier chains are followed this deep ("Russian Armed Forces personnel").
MAX_MODIFIER_DEPTH = 3


@cache
def actor_lexicon() -> dict[str, tuple[str, bool]]:
    """Lower-case surface -> (actor, is a person): country names, aliases and demonyms
    (geo_countries.json), then metonyms, alliances, people and bodies (forces.json)."""
    surfaces: dict[str, tuple[str, bool]] = {}
    countries = load_json("geo_countries.json")["countries"].values()
    # A shared demonym ("American") names the most populous country that uses it.
    for country in sorted(countries, key=lambda c: -(c.get("population") or 0)):
        name = country["name"]
        demonyms = [d.strip() for d in (country.get("demonym") or "").split(",") if d.strip()]
        for s in [name, *country.get("aliases", []), *demonyms, *(d + "s" for d in demonyms)]:
            surfaces.setdefault(s.removeprefix("the ").lower(), (name, False))
    data = load_json("forces.json")
    for table in ("metonyms", "alliances", "bodies"):
        for s, actor in data[table].items():
            surfaces[s.lower()] = (actor, False)
    for s, actor in data["people"].items():
        surfaces.setdefault(s.lower(), (actor, True))
        surfaces.setdefault(s.split()[-1].lower(), (actor, True))  # "Putin", "Reznikov"
    return surfaces


def actor_named(text: str) -> str | None:
    """The actor a name, demonym or metonym stands for: "Russian" -> Russia, "Putin" -> Russia."""
    found = _lookup(text.strip().removeprefix("the ").strip())
    return found[0] if found else None


def _lookup(text: str) -> tuple[str, bool] | None:
    if not text or not text[0].isupper():
        return None  # "turkey", "chad": only a capitalised word names an actor
    key = text.removesuffix("’s").removesuffix("'s")
    bare = key.replace(".", "")
    if len(bare) <= SHORT_FORM and not bare.isupper():
        return None  # "US", "U.S.", "EU" as written; "Us" is a pronoun
    return actor_lexicon().get(key.lower())


def is_force(counted: str) -> bool:
    words = counted.lower().replace("-", " ").split()
    return any(_lemma(w) in FORCE_WORDS for w in words[-3:])


def _lemma(word: str) -> str:
    if word in FORCE_WORDS:
        return word
    for suffix in ("ies", "es", "s"):
        if word.endswith(suffix) and word[: -len(suffix)] + ("y" if suffix == "ies" else "") \
                in FORCE_WORDS:
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


# --- the owner ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Context:
    """What a pronoun needs: the speaker's own side ("we"), for "they" to exclude it."""

    speaker_actor: str | None


def owner(noun: Token, ctx: Context) -> str | None:
    """Whose forces `noun` counts, or None when the text does not say."""
    if _unowned(noun):
        return None
    found = _own_modifiers(noun, ctx)
    while noun.dep_ in ("conj", "appos") and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head  # "received three submarines, four ships": the list shares its verb
    for step in (_own_modifiers, _governing_noun, _clause_subject, _recipient, _procured,
                 _fragment, _at_border):
        found = found or step(noun, ctx)
    return found


def _unowned(noun: Token) -> bool:
    return any(g.dep_ == "pobj" and any(d.lower_ in NO_OWNER_DETS for d in g.children)
               for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for g in c.children)


def _at_border(noun: Token, ctx: Context) -> str | None:
    """Forces massed at a country's border with no owner named belong to the nearest other
    side named before them ("It is Russia. ... one country with 150,000 troops on the
    border"): never the country whose border it is, nor the speaker's own side."""
    if not any(t.lemma_.lower() in BORDER_WORDS for t in noun.sent):
        return None
    # Every country whose border is spoken of in the window is excluded, not only this one's.
    window = noun.doc[_window_start(noun):noun.sent.end]
    border = [t for t in window if t.lemma_.lower() in BORDER_WORDS]
    bordered = {a for t in border for m in _modifiers(t, 0) if (a := _actor_of(m, ctx))}
    bordered |= {a for t in border for c in t.children if c.dep_ == "prep"
                 for g in c.children if (a := _actor_of(g, ctx))}
    excluded = bordered | {ctx.speaker_actor}
    for tok in reversed(noun.doc[_window_start(noun):noun.i]):
        found = _name_at(tok) if tok.text[:1].isupper() else None
        if found and not found[1] and found[0] not in excluded:
            return found[0]
    return None


def _fragment(noun: Token, ctx: Context) -> str | None:
    """A verbless sentence continues the one before: "The Russian military build-up
    continues. With tens of thousands of combat troops." takes that subject's owner."""
    sent = noun.sent
    if sent.start == 0 or any(t.pos_ in ("VERB", "AUX") for t in sent):
        return None
    before = noun.doc[sent.start - 1].sent
    for subject in (t for t in before if t.dep_ in ("nsubj", "nsubjpass")):
        found = _actor_of(subject, ctx) or _first(_actor_of(t, ctx)
                                                  for t in _modifiers(subject, 0))
        if found:
            return found
    return None


def _procured(noun: Token, ctx: Context) -> str | None:
    """Forces received, formed or put on combat duty with no owner named: the speaker's."""
    verb = noun
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        if verb.lemma_.lower() in PROCUREMENT_LEMMAS:
            return ctx.speaker_actor
        verb = verb.head
    lemmas = {verb.lemma_.lower(), *(c.lemma_.lower() for c in verb.children)}
    if lemmas & PROCUREMENT_LEMMAS or COMBAT_DUTY in noun.sent.text.lower():
        return ctx.speaker_actor
    return None


def _own_modifiers(noun: Token, ctx: Context) -> str | None:
    for tok in _modifiers(noun, 0):
        found = _actor_of(tok, ctx)
        if found:
            return found
    for appos in noun.children:  # "100,000 troops — Russian troops — on the border"
        if appos.dep_ == "appos" and appos.i > noun.i:
            found = _first(_actor_of(t, ctx) for t in _modifiers(appos, 0))
            if found:
                return found
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ in OWNER_PREPS:
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    found = _actor_of(obj, ctx) or _first(_actor_of(t, ctx)
                                                          for t in _modifiers(obj, 0))
                    if found:
                        return found
    return None


def _modifiers(noun: Token, depth: int) -> Iterator[Token]:
    """Owner-like modifiers before the noun, nearest first, with their own modifiers."""
    if depth >= MAX_MODIFIER_DEPTH:
        return
    for child in sorted((c for c in noun.children if c.dep_ in OWNER_DEPS and c.i < noun.i),
                        key=lambda c: -c.i):
        if child.like_num:
            continue
        yield child
        yield from _modifiers(child, depth + 1)


def _first(values: Iterator[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _governing_noun(noun: Token, ctx: Context) -> str | None:
    """"Russia's build-up of 100,000 troops": the owner of the event noun."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.pos_ not in ("NOUN", "PROPN"):
        return None
    event = prep.head
    agents = [g for c in event.children if c.dep_ == "prep" and c.lower_ == "by"
              for g in c.children if g.dep_ == "pobj"]  # "the deployment of ... by the US"
    return _first(_actor_of(t, ctx) for t in [*_modifiers(event, 0), *agents]) \
        or _clause_subject(event, ctx)


def _clause_subject(noun: Token, ctx: Context) -> str | None:
    """The subject (or passive agent) of the verb of deploying or having that takes the noun."""
    verb = _owning_verb(noun)
    if verb is None:
        return None
    for subject in _subjects(verb):
        found = _actor_of(subject, ctx) or _first(_actor_of(t, ctx)
                                                  for t in _modifiers(subject, 0))
        if found:
            return found
    return None


def _owning_verb(noun: Token) -> Token | None:
    tok = noun
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        tok = tok.head  # "added to its 100,000 troops"
    if tok.dep_ in ("dobj", "nsubjpass", "attr", "prep", "dative", "oprd"):
        verb = tok.head
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in OWNING_VERBS:
            return verb
    verb = noun.head  # "they have 100,000 troops concentrated there"
    if noun.dep_ in ("nsubj", "nsubjpass") and verb.dep_ in ("ccomp", "xcomp", "oprd") \
            and verb.head.lemma_.lower() in OWNING_VERBS:
        return verb.head
    for child in noun.children:  # "the troops that Russia has deployed"
        if child.dep_ in ("relcl", "acl") and child.lemma_.lower() in OWNING_VERBS:
            return child
    return None


def _subjects(verb: Token) -> list[Token]:
    deps: tuple[str, ...] = ("nsubj", "csubj")
    for _ in range(MAX_MODIFIER_DEPTH):
        found = [c for c in verb.children if c.dep_ in deps]
        found += [g for c in verb.children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj"]
        if found:
            return found
        if verb.dep_ not in ("xcomp", "conj", "advcl", "relcl") or verb.head.i == verb.i:
            return []
        if verb.dep_ == "relcl":
            return [verb.head] if verb.head.pos_ in ("NOUN", "PROPN") else []
        if verb.dep_ in ("xcomp", "advcl"):  # "casualties were assessed to include 285 tanks"
            deps = ("nsubj", "csubj", "nsubjpass")
        verb = verb.head  # "Russia plans to deploy", "Russia moved and deployed"
    return []


def _actor_of(tok: Token, ctx: Context) -> str | None:
    """The actor one word stands for: a name, a demonym, a metonym or a pronoun."""
    lower = "" if tok.text.isupper() and len(tok.text) > 1 else tok.lower_  # "US" is no "us"
    if lower in FIRST_PERSON:
        return ctx.speaker_actor
    if lower in THIRD_GROUP:
        return _antecedent(tok, ctx, persons=False)
    if lower in THIRD_PERSON:
        return _antecedent(tok, ctx, persons=True)
    found = _name_at(tok)
    if found is None and tok.lower_ in SERVICE_WORDS and tok.text[:1].isupper() \
            and not tok.is_sent_start:
        return ctx.speaker_actor  # "the Navy", "Ground Forces" (not "Forces" opening a line)
    return found[0] if found else None


def _recipient(noun: Token, ctx: Context) -> str | None:
    """Equipment in a delivery: "the package to the Ukrainian military includes 800 ..."."""
    if _lemma(noun.lower_) in PEOPLE_WORDS:
        return None
    equipped = _equipped(noun, ctx)  # "provide the Missile Forces with 21 launchers"
    if equipped:
        return equipped
    doc = noun.doc
    sent = noun.sent
    budget = RECIPIENT_LOOKBACK_SENTENCES
    for _ in range(RECIPIENT_LOOKBACK_SENTENCES + MAX_LIST_ITEMS + 1):
        found = [actor_named(m.group("who")) or _service(m.group("who"), ctx)
                 for m in _RECIPIENT.finditer(sent.text)]
        found = [f for f in found if f]
        if found:
            return found[-1]
        if not sent.text.lstrip().startswith(LIST_MARKS):
            budget -= 1  # list items do not use up the look-back
        if sent.start == 0 or budget < 0:
            break
        sent = doc[sent.start - 1].sent
    return None


def _service(word: str, ctx: Context) -> str | None:
    """"delivered to the Army": an armed service without a country is the speaker's."""
    return ctx.speaker_actor if word.lower() in SERVICE_WORDS else None


def _equipped(noun: Token, ctx: Context) -> str | None:
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "with":
        return None
    return _first(_actor_of(o, ctx) or _first(_actor_of(t, ctx) for t in _modifiers(o, 0))
                  for o in prep.head.children if o.dep_ == "dobj")


def _name_at(tok: Token) -> tuple[str, bool] | None:
    """The longest actor name that covers `tok` ("United States", "Russian Federation")."""
    doc = tok.doc
    for size in range(MAX_ACTOR_WORDS, 0, -1):
        for start in range(max(0, tok.i - size + 1), tok.i + 1):
            end = start + size
            if end > len(doc):
                continue
            words = doc[start:end]
            if any(t.is_sent_start and t.i != start for t in words):
                continue
            found = _lookup(words.text)
            if found:
                return found
    return None


def _antecedent(pronoun: Token, ctx: Context, *, persons: bool) -> str | None:
    """The nearest actor named before the pronoun in the last few sentences, other than the
    speaker's own side (a speaker says "we", not "they", of their own side)."""
    doc = pronoun.doc
    first = _window_start(pronoun)
    for i in range(pronoun.i - 1, first - 1, -1):
        tok = doc[i]
        if not tok.text[:1].isupper():
            continue
        found = _name_at(tok)
        if found is None or found[1] != persons or found[0] == ctx.speaker_actor:
            continue
        return found[0]
    return None


def _window_start(tok: Token) -> int:
    sent = tok.sent
    for _ in range(PRONOUN_LOOKBACK_SENTENCES):
        if sent.start == 0:
            break
        sent = tok.doc[sent.start - 1].sent
    return sent.start


# Words for the same counted thing collapse to one head ("Russian soldiers" ~ "troops").
SYNONYMS: dict[str, str] = {
    "soldier": "troops", "soldiers": "troops", "troop": "troops", "troops": "troops",
    "servicemen": "troops", "serviceman": "troops", "personnel": "troops", "forces": "troops",
    "force": "troops", "military": "troops", "men": "troops", "fighters": "troops",
    "servicemembers": "troops", "service members": "troops", "members": "troops",
    "btg": "battalion tactical groups", "btgs": "battalion tactical groups",
    "group": "groups", "groups": "groups", "tank": "tanks", "tanks": "tanks",
    "ship": "ships", "ships": "ships", "warship": "ships", "warships": "ships",
    "vessel": "ships", "vessels": "ships",
}
PHRASES: dict[str, str] = {"battalion tactical group": "battalion tactical groups",
                           "service member": "troops"}
_WORD = re.compile(r"[a-z][a-z\-]+")


def counted_head(counted: str) -> str:
    lowered = counted.lower()
    for phrase, head in PHRASES.items():
        if phrase in lowered:
            return head
    words = _WORD.findall(lowered)
    if not words:
        return lowered.strip()
    # The head is the last word: "military exercises" counts exercises, not troops.
    return SYNONYMS.get(words[-1], words[-1])


# --- the kind -------------------------------------------------------------------------------

PREDICATE_DEPS = frozenset({"acomp", "oprd", "xcomp", "acl", "amod", "ccomp"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "lest"})
HYPOTHETICAL_AUX = frozenset({"would", "'d", "’d"})


def claim_kind(counted: str, noun: Token | None, governors: list[Token]) -> ClaimKind:
    """force (force levels, deployments, equipment), casualty, hypothetical, or other."""
    if _conditional(governors):
        return "hypothetical"
    words = {_lemma(w) for w in counted.lower().replace("-", " ").split()}
    # "left 300 soldiers wounded", "40 killed soldiers": the predicate may hang below.
    lemmas = {t.lemma_.lower() for g in governors for t in (g, *g.children)
              if t is g or t.dep_ in PREDICATE_DEPS or t.dep_ == "advcl" and t.tag_ == "VBN"}
    # "Russian casualties were assessed to include 285 tanks": the subject says what is lost.
    lemmas |= {t.lemma_.lower() for t in _subjects(governors[-1])}
    lost = noun is not None and _people(noun, counted) and bool(lemmas & CASUALTY_VERBS)
    if words & CASUALTY_NOUNS or lemmas & CASUALTY_NOUNS or lost:
        return "casualty"
    return "force" if is_force(counted) else "other"


def _people(noun: Token, counted: str) -> bool:
    return is_force(counted) or noun.ent_type_ in ("NORP", "PERSON") or noun.lemma_.lower() in {
        "people", "person", "civilian", "man", "woman", "child", "citizen", "resident"}


def _conditional(governors: list[Token]) -> bool:
    for g in governors:
        for child in g.children:
            if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS:
                return True
            if child.dep_ == "aux" and child.lower_ in HYPOTHETICAL_AUX:
                return True
    return False
