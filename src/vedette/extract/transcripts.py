"""Transcripts attribute by turn: "MS. PSAKI:", "Q", "President of Russia Vladimir Putin:"."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from vedette.extract.entities import aliases, slug
from vedette.extract.lexicon import QUESTION_LABELS, TITLES

# At least this many labelled turns make a document a transcript (one "Note:" is prose).
MIN_TURNS = 2
MAX_LABEL_WORDS = 8
_CAPS_LABEL = r"(?:[A-Z][A-Z.'’\-]*)(?:[ \t]+(?:[A-Z][A-Z.'’\-]*|[IVX]+))*"
_ASKER_LABEL = r"(?:Question|Reporter|Participant|Audience)(?:\(retranslated\))?"
_TITLE_LABEL = r"[A-Z][\w.'’\-]+(?:[ \t]+(?:of|the|de|von|[A-Z][\w.'’\-]*)){1,6}"
LABEL = re.compile(
    rf"^(?P<label>Q(?=[ \t]|:|$)|{_CAPS_LABEL}(?=:)|{_TITLE_LABEL}(?=:)|{_ASKER_LABEL}(?=:))"
    r"(?P<colon>:?)[ \t]*",
    re.MULTILINE,
)
# Header keys and prose openers that look like labels but are not speakers.
NOT_SPEAKERS = frozenset(
    """TITLE OUTLET URL LICENSE TOPIC COMPLETENESS WORDS LOCATION NOTE SOURCE DATE UPDATE
    EDITOR'S NOTE EDITOR’S NOTE""".split("\n")[0].split()
)
HONORIFICS = ("MS. ", "MR. ", "MRS. ", "DR. ", "MS ", "MR ")
# Labels naming an office, resolved by who publishes the transcript.
OFFICE_HOLDERS: dict[str, dict[str, str]] = {
    "THE PRESIDENT": {"white house": "Joe Biden", "whitehouse": "Joe Biden",
                      "kremlin": "Vladimir Putin",
                      "president of russia": "Vladimir Putin",
                      "president of ukraine": "Volodymyr Zelenskyy"},
    "PRESIDENT": {"white house": "Joe Biden", "whitehouse": "Joe Biden",
                  "kremlin": "Vladimir Putin", "president of russia": "Vladimir Putin",
                  "president of ukraine": "Volodymyr Zelenskyy"},
}
LABEL_TITLES = re.compile(
    r"^(?:THE |PRESS SECRETARY |SECRETARY OF DEFENSE |SECRETARY OF STATE |SECRETARY |"
    r"PRESIDENT OF (?:RUSSIA|UKRAINE|THE UNITED STATES) |PRESIDENT |GENERAL |GEN\. |"
    r"AMBASSADOR |PRIME MINISTER |CHANCELLOR |ADMIRAL |ADM\. )+",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Turn:
    """One speaker's turn: the label and the text up to the next label."""

    label_start: int
    label_end: int
    content_start: int
    content_end: int
    label: str
    speaker: str | None
    entity_id: str | None
    question: bool


@dataclass(frozen=True, slots=True)
class _Label:
    start: int
    end: int  # end of the label text (before the colon)
    after: int  # where the turn's text may start
    text: str
    speaker: str | None = None  # set for inline labels, resolved from a known name


def find_turns(text: str, publisher: str | None = None) -> list[Turn]:
    """Turns of a transcript, or [] when the text is not one."""
    matches = [m for m in LABEL.finditer(text) if _is_label(m)]
    labels = [_Label(m.start("label"), m.end("label"), m.end(), m.group("label"))
              for m in matches]
    inline = _inline_labels(text, {lb.start for lb in labels},
                            {_bare_label(lb.text) for lb in labels})
    if len(matches) < MIN_TURNS and not any(_names_known_person(m, publisher) for m in matches):
        if len(inline) < MIN_TURNS and not any(
                lb.speaker and aliases().canonical(lb.speaker) for lb in inline):
            return []
    labels = sorted([*labels, *inline], key=lambda lb: lb.start)
    turns: list[Turn] = []
    for lb, nxt in zip(labels, [*labels[1:], None], strict=True):
        end = nxt.start if nxt is not None else len(text)
        content_start, content_end = _strip(text, lb.after, end)
        if content_end <= content_start:
            continue
        question = _bare_label(lb.text).upper() in QUESTION_LABELS or _asks(
            lb, text, text[content_start:content_end])
        speaker: str | None
        entity_id: str | None
        if lb.speaker is not None:
            speaker, entity_id = lb.speaker, f"person:{slug(lb.speaker)}"
        else:
            speaker, entity_id = speaker_for_label(_bare_label(lb.text), publisher)
        turns.append(Turn(lb.start, lb.end, content_start, content_end, lb.text, speaker,
                          entity_id, question))
    return turns


# Scraped transcripts (kremlin.ru) collapse paragraphs, so "... Russia? Vladimir Putin: ..."
# sits mid-line: a label after a sentence end that names a known person or a question.
INLINE_LABEL = re.compile(
    r"(?<=[.?!…”\"*] )(?P<label>[A-Z][\w.'’\-]*(?:[ \t]+(?:of|the|to|[A-Z][\w.'’\-]*)){0,16}"
    r"(?:\(retranslated\))?):[ \t]*"
)
RETRANSLATED = "(retranslated)"


# A titled label after a heading that ends without punctuation (kremlin.ru: "* * * Speech at
# the meeting of the Board President of Russia Vladimir Putin: ...").
TITLED_INLINE_LABEL = re.compile(
    r"(?<= )(?P<label>President of [A-Z][\w]+(?:[ \t]+[A-Z][\w.'’\-]*){1,3}):[ \t]*")


def _bare_label(label: str) -> str:
    return label.removesuffix(RETRANSLATED).strip()


def _inline_labels(text: str, taken: set[int], names: set[str]) -> list[_Label]:
    found: list[_Label] = []
    for m in TITLED_INLINE_LABEL.finditer(text):
        person = _known_person_in(m.group("label"))
        if person is not None and m.start("label") not in taken:
            found.append(_Label(m.start("label"), m.end("label"), m.end(), m.group("label"),
                                person))
            taken = taken | {m.start("label")}
    for m in INLINE_LABEL.finditer(text):
        if m.start("label") in taken:
            continue
        label = m.group("label")
        bare = _bare_label(label)
        if bare.upper() in QUESTION_LABELS:
            found.append(_Label(m.start("label"), m.end("label"), m.end(), label))
            continue
        person = _known_person_in(bare)
        if person is not None:
            found.append(_Label(m.start("label"), m.end("label"), m.end(), label, person))
        elif _plain_name(bare) and (bare in names or _introduced(text, m.end(), bare)):
            found.append(_Label(m.start("label"), m.end("label"), m.end(), label, bare))
    return found


def _plain_name(label: str) -> bool:
    """'Ksenia Golovanova': two or three capitalised words, none of them a title or a place."""
    words = label.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:].islower()
                                           for w in (p.replace("-", "") for p in words)):
        return False
    table = aliases()
    return not any(w.lower() in TITLES or table.canonical(w) for w in words)


# How far after an unknown person's label a question mark makes it a reporter's turn.
QUESTION_LOOKAHEAD_CHARS = 400


def _introduced(text: str, start: int, name: str) -> bool:
    """An unknown name opens a turn when the person introduces themselves somewhere
    ('Ksenia Golovanova, Interfax news agency') or asks something right after the label."""
    return f"{name}, " in text or "?" in text[start:start + QUESTION_LOOKAHEAD_CHARS]


def _asks(label: _Label, text: str, content: str) -> bool:
    """An unknown person's labelled turn that asks something, or that of someone who introduced
    themselves with their outlet, is a question (a named reporter in a Kremlin transcript,
    "Pavel Zarubin: ..."); known officials' turns never are."""
    if label.speaker is not None and aliases().canonical(label.speaker) is not None:
        return False
    bare = _bare_label(label.text)
    if not _plain_name(bare) or aliases().canonical(bare) is not None:
        return False
    return "?" in content or f"{bare}, " in text


def _known_person_in(label: str) -> str | None:
    """The first known person named by two adjacent words of the label."""
    words = label.split()
    table = aliases()
    for a, b in zip(words, words[1:], strict=False):
        canonical = table.canonical(f"{a} {b}")
        if canonical is not None and table.types.get(canonical) == "PERSON":
            return canonical
    return None


def _is_label(m: re.Match[str]) -> bool:
    label = m.group("label")
    if label == "Q":
        return True
    if not m.group("colon"):
        return False
    words = label.split()
    return len(words) <= MAX_LABEL_WORDS and label.upper() not in NOT_SPEAKERS


def _names_known_person(m: re.Match[str], publisher: str | None) -> bool:
    """A single label still opens a turn when it names a known person ("... Vladimir Putin:",
    "PRESS SECRETARY JOHN F. KIRBY:", "THE PRESIDENT:" on the president's own site)."""
    if not m.group("colon"):
        return False
    name, _ = speaker_for_label(_bare_label(m.group("label")), publisher)
    return name is not None and aliases().types.get(name) == "PERSON"


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def speaker_for_label(label: str, publisher: str | None) -> tuple[str | None, str | None]:
    """'MS. PSAKI' -> Jen Psaki; 'THE PRESIDENT' on whitehouse.gov -> Joe Biden."""
    upper = label.upper()
    if upper in QUESTION_LABELS:
        return "Reporter", None
    office = OFFICE_HOLDERS.get(upper)
    if office is not None and publisher:
        for key, holder in office.items():
            if key in publisher.lower():
                return holder, f"person:{slug(holder)}"
    name = label
    for honorific in HONORIFICS:
        if upper.startswith(honorific):
            name = label[len(honorific):]
    name = LABEL_TITLES.sub("", name).strip() or name
    if name.isupper():
        name = " ".join(w.capitalize() if len(w) > 3 or "." not in w else w for w in name.split())
        name = name.replace("Iii", "III")
    table = aliases()
    canonical = table.canonical(name) or table.canonical(name.split()[-1])
    if canonical is not None and table.types.get(canonical) == "PERSON":
        return canonical, f"person:{slug(canonical)}"
    if label.isupper() and len(label.split()) > 1 and "OFFICIAL" in upper:
        return label.capitalize(), None
    return name, f"person:{slug(name)}" if len(name.split()) >= 2 else None


def turn_at(turns: Sequence[Turn], offset: int) -> Turn | None:
    for turn in turns:
        if turn.content_start <= offset < turn.content_end:
            return turn
    return None
