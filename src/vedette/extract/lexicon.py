"""Word lists the rules share. Lemmas, lower case."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

# Verbs that introduce reported speech or a reported finding.
SPEECH_VERBS: frozenset[str] = frozenset(
    """say tell add warn describe state claim announce report note insist argue explain
    deny confirm acknowledge admit declare assert stress emphasize emphasise suggest write
    predict caution allege reveal disclose estimate assess believe conclude indicate show
    accuse urge threaten promise pledge vow reiterate repeat recall maintain contend point
    complain charge question ask answer reply respond testify tweet post find signal""".split()
)
# Cue verbs whose indirect object is the channel ("told CNN").
CHANNEL_VERBS: frozenset[str] = frozenset({"tell", "inform", "brief"})
# Nouns that stand for a document speaking ("the report said").
DOCUMENT_NOUNS: frozenset[str] = frozenset(
    """report assessment statement document analysis estimate estimates readout memo
    intelligence dossier briefing survey study review""".split()
)
# Verbs that pass information along a chain ("shared with CNN by security sources").
RELAY_VERBS: frozenset[str] = frozenset({"share", "provide", "give", "leak", "pass", "send"})
# Labels that mark a reporter's turn in a transcript.
QUESTION_LABELS: frozenset[str] = frozenset(
    {"Q", "QUESTION", "REPORTER", "PARTICIPANT", "AUDIENCE"}
)
PRONOUNS_PERSON: frozenset[str] = frozenset({"he", "she", "him", "her", "his"})
PRONOUNS_GROUP: frozenset[str] = frozenset({"they", "it", "its", "their", "them"})
PRONOUNS_FIRST: frozenset[str] = frozenset({"i", "we", "me", "my", "our", "us"})
PRONOUNS_SECOND: frozenset[str] = frozenset({"you", "your"})
RELATIVE_PRONOUNS: frozenset[str] = frozenset({"who", "which", "that", "whom"})
# Titles dropped before matching a name against the alias table.
TITLES: frozenset[str] = frozenset(
    """mr mr. ms ms. mrs mrs. dr dr. president prime minister secretary general gen gen.
    spokesman spokeswoman spokesperson press defense defence foreign minister chancellor
    ambassador senator sen. rep. adm. admiral colonel col. lt. lieutenant major the us u.s.
    russian ukrainian ukraine's ukraine’s pentagon kremlin white house national security
    adviser advisor state chairman chief of staff deputy principal""".split()
)
QUOTE_OPEN = "“‘\"«„"
QUOTE_CLOSE = "”’\"»“"


@cache
def load_json(name: str) -> dict[str, Any]:
    """A bundled data file from vedette/extract/data."""
    text = resources.files("vedette.extract").joinpath("data", name).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    data.pop("_comment", None)
    return data
