"""Quantities (issue 3): numbers with their qualifier, range, unit and change.

One compiled regex finds number atoms in the text ("120,000", "$1.5bn", "tens of thousands",
"three"); short anchored regexes then read what surrounds each atom (qualifier, range, unit,
change) and the parse supplies the counted noun. Dates, clock times, ordinals and labels
("No. 3", "Windows 10") are not quantities.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpanT

from vedette.extract.doctext import doc_text
from vedette.extract.lexicon import load_json
from vedette.records import Quantity, Span

# Years outside this window are plain numbers ("1000 hp" keeps its unit anyway).
YEAR_MIN, YEAR_MAX = 1000, 2100
# Characters looked back for a qualifier ("well over", "as many as", "an estimated").
QUALIFIER_WINDOW = 30
# Tokens after the number searched for "of (the) NOUN" ("millions of Americans").
OF_WINDOW = 3

SMALL = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * n for n, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
          "k": 1e3, "mil": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12,
          "dozen": 12, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
# Plural scale words are orders of magnitude: "hundreds" = 100 to 1,000.
PLURAL_SCALES = {"dozens": 12, "scores": 20, "hundreds": 1e2, "thousands": 1e3,
                 "millions": 1e6, "billions": 1e9}
MULTIPLIER_VERBS = {"double": 2.0, "triple": 3.0, "quadruple": 4.0, "quintuple": 5.0,
                    "halve": 0.5}

# Qualifier -> which bound the number sets: "low" (more than), "high" (up to), "both"
# (exact-ish), or None (approximate: no bound implied).
QUALIFIERS: dict[str, str | None] = {
    "well over": "low", "well above": "low", "just over": "low", "more than": "low",
    "over": "low", "above": "low", "at least": "low", "no fewer than": "low",
    "no less than": "low", "upwards of": "low", "in excess of": "low", "still well over": "low",
    "up to": "high", "fewer than": "high", "less than": "high", "under": "high",
    "below": "high", "at most": "high", "no more than": "high", "as many as": "high",
    "as much as": "high", "nearly": "high", "almost": "high", "just under": "high",
    "about": None, "around": None, "roughly": None, "approximately": None, "approx.": None,
    "some": None, "an estimated": None, "close to": None, "~": None, "circa": None,
    "c.": None, "ca.": None,
    "an additional": "both", "another": "both", "only": "both", "just": "both",
}
UP_WORDS = ("up|rose|risen|rise|rises|rising|increased|increases|increase|grew|grown|gained|"
            "jumped|climbed|soared|surged|added|raised|boosted|higher")
DOWN_WORDS = ("down|fell|fallen|falls|dropped|drops|declined|decreased|decrease|lost|slid|"
              "plunged|plummeted|tumbled|sank|shed|cut|lowered|lower|shrank|slumped")
UP_NOUNS = "increase|rise|gain|jump|growth|hike|surge|boost|climb"
DOWN_NOUNS = "drop|decline|decrease|fall|cut|reduction|loss|slump|plunge"

MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
          r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
# Words before a number that make it a label, not an amount ("No. 3", "Part 3").
LABEL_WORDS = frozenset(
    "no no. nos. number # part section row article chapter room page level phase category "
    "game round week act title episode season vol. volume grade class type gate route "
    "flight line step stage tier zone unit ward district p sp s&p stoxx nasdaq ftse dax "
    "big iphone model planet boeing airbus covid windows galaxy ios android".split())
# Head nouns that are not counted things ("2 of them" has no count noun).
NOT_COUNTED = frozenset("of them us which who whom those these".split())


@dataclass(frozen=True, slots=True)
class Lexicon:
    atom: re.Pattern[str]
    partner: re.Pattern[str]  # the second number of a range: no look-behind
    unit_after: re.Pattern[str]
    qualifier: re.Pattern[str]
    range_sep: re.Pattern[str]
    unit_forms: dict[str, str]
    currencies: dict[str, str]


def _alternation(forms: list[str]) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


@cache
def lexicon() -> Lexicon:
    data = load_json("units.json")
    currencies: dict[str, str] = data["prefix_currencies"]
    case_sensitive = set(data["case_sensitive"])
    forms: dict[str, str] = {}
    sensitive: list[str] = []
    insensitive: list[str] = []
    for unit, surfaces in data["units"].items():
        for s in surfaces:
            if s in case_sensitive:
                forms[s] = unit
                sensitive.append(s)
            else:
                forms[s.lower()] = unit
                insensitive.append(s)
    cur = _alternation(list(currencies))
    # Units a hyphenated number word may carry ("six-mile", "three-foot"): word forms only.
    hyphen_units = _alternation([f for f in insensitive if f[:1].isalpha() and len(f) > 2])
    words = "|".join(sorted([*SMALL, *TENS], key=len, reverse=True))
    word_num = rf"(?:{words})(?:-(?:{'|'.join(SMALL)}))?"
    scale = r"(?:hundred|thousand|million|billion|trillion|dozen|mln|mn|bn|tn|lakhs?|crores?)"
    # "12,34,567.89" (Indian grouping) and "10, 000" (tokenised text) as well as "120,000".
    digits = (r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d+)?|\d{1,3}(?:,\d{3}|,\s000(?!\d))+(?:\.\d+)?"
              r"|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3}(?!\d))+"  # "175 000" with a thin space
              r"|\d+(?:\.\d+)?|\.\d+")
    plural = r"(?:(?:tens|hundreds)\s+of\s+)?(?:dozens|scores|hundreds|thousands|millions|billions)"
    fraction = (r"(?:a|one|two|three)[\s-](?:half|third|quarter|fourth|fifth)s?|"
                r"half(?=\s+of\b)")
    guard = (
        r"(?<![\w.,:/$£€×⁄−])(?<![A-Za-z]-)"
    )
    body = (
        rf"(?:(?P<cur>{cur})\s?)?"
        rf"(?:(?P<sfrac>(?:\d{{1,3}}\s)?[1-7]/[2348](?![\d/])|(?:\d{{1,3}}\s?)?[½¼¾])|"
        rf"(?P<sign>(?<!\S)[-−](?=[\d.,]+\s?%)|(?<!\S)[-−]\s?(?=[\d.,]+\s?(?i:°|deg))"
        rf"|(?i:minus|negative)\s)?(?P<num>{digits})(?:(?P<abbr>[kKmMbB]|bn|mn|mil|tn)\b|(?:\s|-)?(?P<scale>(?i:{scale})"
        rf"(?:(?:\s|-)(?i:{scale}))*)\b)?"
        rf"|(?P<frac>\b(?i:{fraction})\b)"
        rf"|(?P<words>\b(?i:{word_num}|a\s+(?:dozen|hundred|thousand|million|billion))"
        rf"(?:(?:\s|-)(?i:{scale}|{word_num}))*\b(?!-(?!(?i:{hyphen_units})\b)\w))"
        rf"|(?P<plural>\b(?i:{plural})\b))"
    )
    partner = re.compile(body)
    atom = re.compile(guard + r"(?<!\d[-–])" + body)
    unit_after = re.compile(
        rf"(?:[\s-]?(?P<s>{_alternation(sensitive)})|[\s-]?(?i:(?P<i>{_alternation(insensitive)})))"
        r"(?![\w])"
    )
    quals = _alternation(list(QUALIFIERS))
    qualifier = re.compile(rf"(?i:(?<![\w])(?P<q>{quals}))\s+$|(?P<t>~)\s*$")
    # Any dash (hyphen, en, em, figure, minus), "to", "and" after "between"; a line break
    # may sit on either side (an infobox cell: "175,000–\n190,000").
    range_sep = re.compile(r"\s*(?:-|–|—|‒|―|−|(?i:to|and|or))\s*(?=\$|£|€|\d|[a-z])")
    return Lexicon(atom, partner, unit_after, qualifier, range_sep, forms, currencies)


@dataclass(slots=True)
class _Atom:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    currency: str | None
    is_words: bool
    is_bare_digits: bool
    scale: float = 1.0


def find_quantities(doc: Doc) -> list[Quantity]:
    """Every quantity in the document, in text order."""
    text = doc_text(doc)
    lex = lexicon()
    out: list[Quantity] = []
    pos = 0
    for m in lex.atom.finditer(text):
        if m.start() < pos:
            continue
        atom = _finite_atom(m)
        if atom is None:
            continue
        quantity = _build(doc, text, lex, atom)
        if quantity is not None and _is_finite(quantity):
            out.append(quantity)
            pos = quantity.span.end
    out.extend(_multiplier_verbs(doc, text, {q.span.start for q in out}))
    out.sort(key=lambda q: q.span.start)
    return out


def _finite_atom(m: re.Match[str]) -> _Atom | None:
    """The number a match reads as; None when it is no finite number ("1/0", 400 digits)."""
    try:
        atom = _parse_atom(m)
    except ArithmeticError:  # ZeroDivisionError, OverflowError
        return None
    if atom is None or not all(_finite(v) for v in (atom.value, atom.low, atom.high)):
        return None
    return atom


def _is_finite(q: Quantity) -> bool:
    return all(_finite(v) for v in (q.value, q.low, q.high))


def _finite(value: float | None) -> bool:
    return value is None or math.isfinite(value)


def _parse_atom(m: re.Match[str]) -> _Atom | None:
    cur = m.group("cur")
    start = m.start()
    if m.group("plural"):
        low, high = _plural_range(m.group("plural"))
        return _Atom(start, m.end(), None, low, high, None, True, False)
    if m.group("sfrac"):
        value = _slash_fraction(m.group("sfrac"))
        return _Atom(start, m.end(), value, value, value, None, False, False)
    if m.group("frac"):
        value = _fraction_value(m.group("frac"))
        return _Atom(start, m.end(), value, value, value, None, True, False)
    if m.group("words"):
        words = _words_value(m.group("words"))
        if words is None:
            return None
        return _Atom(start, m.end(), words, words, words, cur, True, False)
    raw = m.group("num")
    value = float(re.sub(r"[,\s]", "", raw)) * (-1.0 if m.group("sign") else 1.0)
    abbr = m.group("abbr")
    if abbr:
        if abbr == "b" and not cur:
            return None
        if abbr == "m" and not cur and _METRES_AFTER.match(m.string, m.end()):
            return _Atom(start, m.end() - 1, value, value, value, None, False, False)
    scale = SCALES[abbr.lower()] if abbr else 1.0
    for word in (m.group("scale") or "").lower().replace("-", " ").split():
        scale *= SCALES[word]
    if abbr == "m" and not cur:
        return None  # "5m" may be metres; only "$5m" or "1.2M" is surely millions
    value *= scale
    bare = not (cur or abbr or m.group("scale")) and "," not in raw and "." not in raw
    return _Atom(start, m.end(), value, value, value, cur, False, bare, scale)


# "1.8m tall", "48m" at the end: metres, not millions.
_METRES_AFTER = re.compile(
    r"(?i:\s+(?:tall|long|high|wide|deep|away|above|below|in\s+(?:length|height|diameter))\b"
    r"|\s*[.,;]?\s*$)"
)

FRACTIONS = {"half": 0.5, "halves": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25,
             "quarters": 0.25, "fourth": 0.25, "fourths": 0.25, "fifth": 0.2, "fifths": 0.2}


def _fraction_value(phrase: str) -> float:
    words = phrase.lower().replace("-", " ").split()
    count = SMALL.get(words[0], 1) if len(words) > 1 else 1
    return count * FRACTIONS[words[-1]]


UNICODE_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75}


def _slash_fraction(text: str) -> float:
    """ "10 1/2" -> 10.5, "1/4" -> 0.25, "½" -> 0.5."""
    whole = 0.0
    head = text.rstrip("½¼¾")
    if head != text:
        return float(head or 0) + UNICODE_FRACTIONS[text[-1]]
    if " " in text:
        w, text = text.split(" ", 1)
        whole = float(w)
    num, den = text.split("/")
    return whole + int(num) / int(den)


def _plural_range(phrase: str) -> tuple[float, float]:
    words = phrase.lower().split()
    base = PLURAL_SCALES[words[-1]]
    factor = {"tens": 10.0, "hundreds": 100.0}.get(words[0], 1.0) if len(words) > 1 else 1.0
    return base * factor, base * factor * 10


def _words_value(phrase: str) -> float | None:
    """ "twenty-five" -> 25, "two hundred thousand" -> 200000, "a dozen" -> 12."""
    total, current = 0.0, 0.0
    seen = False
    for word in phrase.lower().replace("-", " ").split():
        if word in ("a", "one") and not seen:
            current, seen = 1.0, True
        elif word in SMALL:
            current += SMALL[word]
            seen = True
        elif word in TENS:
            current += TENS[word]
            seen = True
        elif word == "hundred" or word == "dozen":
            current = max(current, 1.0) * SCALES[word]
        elif word in SCALES:
            total += max(current, 1.0) * SCALES[word]
            current = 0.0
    value = total + current
    return value if seen or value else None


def _build(doc: Doc, text: str, lex: Lexicon, atom: _Atom) -> Quantity | None:
    start, end = atom.start, atom.end
    unit = lex.currencies.get(atom.currency or "")
    value, low, high = atom.value, atom.low, atom.high
    # Range: "80,000-90,000", "between 169,000 and 190,000", "175,000 to 190,000".
    second, unit_end, unit2 = _range_partner(text, lex, atom)
    if second is not None:
        unit = unit or second.currency and lex.currencies.get(second.currency) or unit2
        low, high, value = atom.low, second.high, None
        if atom.value is not None and second.value is not None and atom.scale == 1.0 \
                and atom.value * second.scale <= second.value:
            low = atom.value * second.scale  # "1.5 to 2 million", "$89 to $93 billion"
        end = unit_end
        if unit is not None and " per " not in unit:
            unit, end = _per(text, unit, end)
    else:
        found = _unit(text, lex, end)
        if found is not None:
            unit, end = found[0] if unit is None or found[0] == "multiplier" else unit, found[1]
            if unit == "lb" and atom.scale >= 1e6:
                unit = "GBP"  # "361 million pounds" is money
            scaled = _SCALE_AFTER.match(text, end)
            if scaled and unit in CURRENCY_UNITS and atom.scale == 1.0 and value is not None:
                factor = SCALES[scaled.group("w").lower()]  # "75 USD million"
                value, low, high, end = value * factor, value * factor, value * factor, \
                    scaled.end()
        elif unit is not None:
            unit, end = _per(text, unit, end)
        elif _AGE_BEFORE.search(text[max(0, start - 8):start]) and not atom.currency:
            unit = "year-old"  # "aged 10", "the age of 87"
    if _is_not_amount(doc, text, atom, unit):
        return None
    if unit is None and re.search(r"[/½¼¾]", text[atom.start:atom.end]):
        return None  # "1/4" without a unit may be a date or a score
    tokens = doc.char_span(atom.start, end if unit is None else atom.end,
                           alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    if atom.is_words and not _words_are_numbers(tokens):
        return None
    if _after_label_word(tokens):
        return None
    if unit is None:
        noun = counted_noun(tokens[-1])
        if noun is not None and noun.tag_ == "NNP":
            noun = None  # "iPhone 11 Pro", "787 Dreamliner": a name, not a count
        if noun is None and (_is_label(tokens, atom) or atom.is_words and atom.value == 1):
            return None  # "No. 3"; bare "one" is a pronoun ("the same one")
        unit = count_unit(tokens[-1], noun) if noun is not None else None
    qualifier, qstart = _qualifier(text, lex, start)
    if qualifier is not None:
        start = qstart
        low, high = _bounds(qualifier, value, low, high)
    if second is not None and qualifier is None and text[max(0, start - 8):start].lower() \
            .rstrip().endswith("between"):
        start = text.lower().rindex("between", 0, start)
    return Quantity(span=Span.of(text, start, end), value=value, low=low, high=high, unit=unit,
                    qualifier=qualifier, change=_change(text, start, end))


def _range_partner(text: str, lex: Lexicon, atom: _Atom) -> tuple[_Atom | None, int, str | None]:
    """The second number of a range, the end of the range, and a unit between the two."""
    if atom.value is None:
        return None, atom.end, None
    pos = atom.end
    unit1 = _unit(text, lex, pos)
    if unit1 is not None:
        pos = unit1[1]
    note = _FOOTNOTE.match(text, pos)  # "175,000[3]–190,000[4]"
    pos = note.end() if note else pos
    sep = lex.range_sep.match(text, pos)
    if sep is None:
        return None, atom.end, None
    word = sep.group().strip().lower()
    before = text[max(0, atom.start - 12):atom.start].lower()
    if word == "and" and "between" not in before:
        return None, atom.end, None
    if word == "or":
        return None, atom.end, None
    if word == "to" and _CHANGE_BEFORE.search(before) and (unit1 or atom.currency):
        return None, atom.end, None  # "increased by $43.6 billion to $419.2 billion"
    m = lex.partner.match(text, sep.end())
    if m is None:
        return None, atom.end, None
    second = _parse_atom(m)
    if second is None or second.value is None or m.group("plural") or m.group("frac"):
        return None, atom.end, None
    if _SCORE.fullmatch(text, atom.start, m.end()) and unit1 is None \
            and _unit(text, lex, m.end()) is None and not _COUNT_WORD_AFTER.match(text, m.end()):
        return None, atom.end, None  # "won 2-1"; "10-12 tanks" is a range
    if word == "to" and "from" not in before and unit1 is not None:
        # "up 9.4 per cent to $84" is a change, not a range; "1 to 1.5 degrees" is one.
        unit2 = _unit(text, lex, second.end)
        if unit2 is None or unit2[0] != unit1[0]:
            return None, atom.end, None
    end = second.end
    note = _FOOTNOTE.match(text, end)
    unit2 = _unit(text, lex, note.end() if note else end)
    if unit2 is not None:
        end = unit2[1]
    unit = unit1[0] if unit1 else unit2[0] if unit2 else None
    if second.value < atom.value and "from" not in before:
        return None, atom.end, None
    return second, end, unit


# A reference mark after a number in copied web pages: "[3]", "[a]", "[note 2]".
_FOOTNOTE = re.compile(r"\[(?:\d{1,3}|[a-z]|note \d{1,3})\]")
_CHANGE_BEFORE = re.compile(rf"(?i:\b(?:by|{UP_WORDS}|{DOWN_WORDS})\s+)$")
# A word after "10-12" that a score is not followed by: "10-12 tanks", not "2-1 in the final".
_COUNT_WORD_AFTER = re.compile(
    r"\s+(?!(?:in|on|at|to|for|with|win|victory|lead|defeat|draw|loss|and|after|against|over"
    r"|the|a|an|at|home|away|score|scoreline)\b)[a-z]{3,}\b")
_SCORE = re.compile(r"\d{1,2}[-–]\d{1,2}(?![\d.,%])")


_PER = re.compile(
    r"(?:\s*-\s*|\s+)(?i:per|an?)(?:\s*-\s*|\s+)(?P<per>square (?:foot|metre|meter)|barrel|"
    r"gallon|share|gramme|gram|ounce|tonne|ton|litre|liter|kilogram|kg|night|person|head|month|"
    r"year|annum|week|day|hour|minute|second|millisecond|game|mile|kilometre|kilometer|dozen)\b"
    r"(?!\s+(?i:earlier|ago|before|later|previously)\b)"
    r"|\s?/\s?(?P<slash>millisecond|ms|second|s|hour|hr|h|day|year|yr)\b"
)
PER_NAMES = {"annum": "year", "gramme": "gram", "ms": "millisecond", "s": "second",
             "hr": "hour", "h": "hour", "yr": "year"}
# Currency symbols written after the number ("15 €"); "$ 30" after a number starts the next one.
SUFFIX_SYMBOLS = frozenset("$ € £ ¥ ₹ ₿".split())
_BRACKETED = re.compile(r"\s?(?:\((?P<a>[^()\s]{1,6})\)|\[(?P<b>[^\[\]\s]{1,6})\]"
                        r"|\{(?P<c>[^{}\s]{1,6})\}|<(?P<d>[^<>\s]{1,6})>)")
# Words before a bare number that make it an age ("aged 10", "at the age of 10", "of age 87").
_AGE_BEFORE = re.compile(r"(?i:\b(?:aged|ages|age(?:\s+of)?)\s+)$")
_SCALE_AFTER = re.compile(r"\s+(?i:(?P<w>thousand|million|billion|trillion|mn|bn))\b")
CURRENCY_UNITS = frozenset(
    "USD EUR GBP JPY CNY AUD MYR HKD ILS CAD NZD RUB UAH INR DKK CHF SGD BRL MXN TRY BTC CRC "
    "GEL LAK LKR SEK NOK KRW PLN ZAR rupee".split())


def _unit(text: str, lex: Lexicon, pos: int) -> tuple[str, int] | None:
    """The unit written right after `pos`, with a rate ("$52 a barrel" -> "USD per barrel")."""
    m = lex.unit_after.match(text, pos)
    if m is None:
        b = _BRACKETED.match(text, pos)  # "20 (kg)", "20 [kg]"
        if b is None:
            return None
        surface = next(g for g in b.groups() if g)
        unit = lex.unit_forms.get(surface) or lex.unit_forms.get(surface.lower())
        if not unit or surface in SUFFIX_SYMBOLS:
            return None
        return unit, b.end()
    surface = m.group("s") or m.group("i")
    if surface in SUFFIX_SYMBOLS and re.match(r"\s?[\d.]", text[m.end():m.end() + 2]):
        return None  # "10 $ 30": the symbol belongs to the next number
    unit = lex.unit_forms.get(surface) or lex.unit_forms.get(surface.lower())
    if not unit:
        return None
    return _per(text, unit, m.end())


def _per(text: str, unit: str, pos: int) -> tuple[str, int]:
    rate = _PER.match(text, pos)
    if rate is None:
        return unit, pos
    per = (rate.group("per") or rate.group("slash")).lower()
    return f"{unit} per {PER_NAMES.get(per, per)}", rate.end()


def _qualifier(text: str, lex: Lexicon, start: int) -> tuple[str | None, int]:
    window = text[max(0, start - QUALIFIER_WINDOW):start]
    m = lex.qualifier.search(window)
    if m is None:
        return None, start
    group = "q" if m.group("q") else "t"
    return m.group(group).lower(), start - len(window) + m.start(group)


def _bounds(qualifier: str, value: float | None, low: float | None,
            high: float | None) -> tuple[float | None, float | None]:
    if value is None:
        return low, high
    kind = QUALIFIERS.get(qualifier)
    if kind == "low":
        return value, None
    if kind == "high":
        return None, value
    if kind == "both":
        return value, value
    return None, None


_UP_BEFORE = re.compile(rf"(?i:\b(?:{UP_WORDS})(?:\s+by)?\s+(?:an?\s+)?)$")
_DOWN_BEFORE = re.compile(rf"(?i:\b(?:{DOWN_WORDS})(?:\s+by)?\s+(?:an?\s+)?)$")
_UP_AFTER = re.compile(rf"(?i:\s+(?:{UP_NOUNS})\b|\s+(?:higher|more)\b)")
_DOWN_AFTER = re.compile(rf"(?i:\s+(?:{DOWN_NOUNS})\b|\s+(?:lower|fewer|less)\b)")


def _change(text: str, start: int, end: int) -> str | None:
    """ "rose 30%", "a 30% increase" -> increase; "fell 5%", "a 3 percent drop" -> decrease."""
    before = text[max(0, start - 20):start]
    if _UP_BEFORE.search(before) or _UP_AFTER.match(text, end):
        return "increase"
    if _DOWN_BEFORE.search(before) or _DOWN_AFTER.match(text, end):
        return "decrease"
    return None


_DATE_BEFORE = re.compile(rf"(?i:\b(?:{MONTHS})\.?,?\s*)$")
_DATE_AFTER = re.compile(rf"(?i:\s*(?:st|nd|rd|th)\b|\s*(?:of\s+)?(?:{MONTHS})\b|s\b|'s\b)")
_CLOCK_AFTER = re.compile(
    r"(?i:\s?(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b|et\b|est\b|edt\b|bst\b|cet\b|hrs\b|h\b)"
    r"|[:.]\d\d\b|:\d)"
)
# A year, not a count, after a temporal preposition or a name: "by 2030", "Resolve 2022".
MODERN_YEARS = (1900, 2100)
_YEAR_CONTEXT = re.compile(
    r"(?:\b(?i:by|in|until|till|since|before|after|through|during)|[a-z]\s[A-Z][a-z]+)\s+$")
_LABEL_BEFORE = re.compile(r"(?i:\b(?:no|nos|nr)\.\s*|#\s*)$")
_ATTACHED = re.compile(r"[A-Za-z]|[×⁄/]\d")


def _is_not_amount(doc: Doc, text: str, atom: _Atom, unit: str | None) -> bool:
    """Dates, clock times, years, ordinals and codes such as "5G", "1990s", "A4"."""
    if atom.currency:
        return False
    after = atom.end
    if unit is None and after < len(text) and _ATTACHED.match(text, after):
        return True
    if _CLOCK_AFTER.match(text, after) and unit is None:
        return True
    if _LABEL_BEFORE.search(text[max(0, atom.start - 8):atom.start]):
        return True
    if atom.is_bare_digits and _FOOTNOTE.fullmatch(text, max(0, atom.start - 1),
                                                   min(len(text), atom.end + 1)):
        return True  # "[3]" is a reference mark
    if atom.is_words:
        return False
    if _DATE_BEFORE.search(text[max(0, atom.start - 12):atom.start]) and atom.value is not None \
            and atom.value <= 31 and atom.is_bare_digits:
        return True
    if _DATE_AFTER.match(text, after) and unit is None:
        return True
    if atom.is_bare_digits and atom.value is not None and YEAR_MIN <= atom.value <= YEAR_MAX \
            and len(text[atom.start:atom.end]) == 4 and unit is None:
        if _YEAR_CONTEXT.search(text[max(0, atom.start - 24):atom.start]) \
                and MODERN_YEARS[0] <= atom.value <= MODERN_YEARS[1]:
            return True  # "by 2030 of 34 ships", "Allied Resolve 2022 military exercises"
        return not _has_plural_count(doc, atom)
    return False


def _has_plural_count(doc: Doc, atom: _Atom) -> bool:
    tokens = doc.char_span(atom.start, atom.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return False
    noun = counted_noun(tokens[-1])
    return noun is not None and noun.tag_ == "NNS"


def _words_are_numbers(tokens: SpanT) -> bool:
    """ "one" the pronoun ("each one", "the one") is not a number."""
    last = tokens[-1]
    if last.pos_ == "NUM" or last.lower_ in PLURAL_SCALES or last.lower_ == "dozen":
        return True
    return False


def _after_label_word(tokens: SpanT) -> bool:
    first = tokens[0]
    return first.i > 0 and first.nbor(-1).lower_ in LABEL_WORDS


def _is_label(tokens: SpanT, atom: _Atom) -> bool:
    """A bare number naming, not counting: "Windows 10", "575 Wilbraham Road", "(4)"."""
    first, last = tokens[0], tokens[-1]
    doc = first.doc
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if nxt is not None and (nxt.pos_ == "PROPN" and nxt.is_title or
                            nxt.text == ")" and first.i > 0 and first.nbor(-1).text == "("):
        return True
    if first.i == 0:
        return False
    prev = first.nbor(-1)
    return not atom.is_words and prev.pos_ == "PROPN" and not prev.is_sent_start \
        and prev.ent_type_ != "DATE"


def count_unit(number: Token, noun: Token) -> str:
    """A counted noun as a unit: its modifiers after the number, lemmatised ("four different
    bosses" -> "different boss"), as NewsQuant normalises count units."""
    start = max(number.i + 1, noun.left_edge.i)
    words = [t for t in noun.doc[start:noun.i] if t.pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT")
             and t.dep_ not in ("det", "poss", "nummod")]
    out = "".join(t.lemma_.lower() + t.whitespace_ for t in words)
    return out + noun.lemma_.lower()


def counted_noun(token: Token) -> Token | None:
    """What a number counts: the noun it modifies, or the noun of "of" after it."""
    while token.dep_ == "conj" and token.head.i < token.i and token.head.like_num:
        token = token.head  # "between 110 and 120 groups": 120 hangs on 110
    head = token.head
    if token.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.i > token.i \
            and head.pos_ in ("NOUN", "PROPN") and head.lower_ not in NOT_COUNTED:
        while head.dep_ in ("compound", "nmod") and head.head.pos_ == "NOUN" \
                and head.head.i > head.i:
            head = head.head  # "110 battalion tactical groups" counts groups
        return head
    doc = token.doc
    if token.dep_ == "ROOT":  # a fragment the parser split ("120,000–135,000 troops")
        for nxt in doc[token.i + 1:min(token.i + 1 + OF_WINDOW, len(doc))]:
            if "\n" in nxt.text or nxt.dep_ == "ROOT" and nxt.tag_ != "NNS":
                break
            if nxt.dep_ == "ROOT":
                return nxt
    for i in range(token.i + 1, min(token.i + 1 + OF_WINDOW, len(doc))):
        tok = doc[i]
        if tok.lower_ == "of":
            for child in tok.children:
                if child.dep_ == "pobj" and child.pos_ in ("NOUN", "PROPN"):
                    return child
            return None
        if not (tok.is_punct is False and tok.pos_ in ("ADJ", "ADV")):
            break
    return None


_MULTIPLIER = re.compile(
    r"(?i:\b(?P<verb>doubl|tripl|quadrupl|quintupl|halv)(?:ed|es|e|ing)\b"
    r"|\b(?P<fold>two|three|four|five|six|seven|eight|nine|ten)-?fold\b)"
)


def _multiplier_verbs(doc: Doc, text: str, taken: set[int]) -> list[Quantity]:
    """ "tripled" -> 3 (multiplier, increase); "halved" -> 0.5; "threefold" -> 3."""
    out: list[Quantity] = []
    for m in _MULTIPLIER.finditer(text):
        if m.start() in taken:
            continue
        if m.group("fold"):
            value = float(SMALL.get(m.group("fold").lower(), 0) or TENS.get(m.group("fold"), 0))
            out.append(Quantity(Span.of(text, m.start(), m.end()), value, value, value,
                                "multiplier", None, "increase"))
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or span[0].pos_ != "VERB":
            continue
        factor = MULTIPLIER_VERBS.get(span[0].lemma_.lower())
        if factor is None:
            continue
        change = "decrease" if factor < 1 else "increase"
        qualifier, start = _qualifier(text, lexicon(), m.start())
        out.append(Quantity(Span.of(text, start, m.end()), factor, factor, factor, "multiplier",
                            qualifier, change))
    return out
