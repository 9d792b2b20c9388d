"""Rule quotes on hand-written news sentences."""

from __future__ import annotations

from vedette.records import Report
from vedette.service import analyze_text


def _quotes(text: str) -> Report:
    return analyze_text(text, raw=True)


def test_indirect_said_that() -> None:
    r = _quotes("The minister said on Monday that the troops would stay near the border.")
    (q,) = [q for q in r.quotes if q.cue is not None and q.cue.text == "said"]
    assert q.kind == "indirect"
    assert q.cue is not None and q.cue.text == "said"
    assert q.source is not None and q.source.text == "The minister"
    assert q.content.text == "that the troops would stay near the border"


def test_direct_with_channel_and_pronoun() -> None:
    text = (
        "Defense Minister Oleksii Reznikov spoke on Monday. "
        "“We will not be intimidated by anyone,” he told Reuters."
    )
    r = _quotes(text)
    q = next(q for q in r.quotes if q.cue and q.cue.text == "told")
    assert q.kind == "direct"
    assert q.speaker is not None and q.speaker.name == "Oleksii Reznikov"
    assert q.channel == "Reuters"
    assert q.chain == ["Reuters"]


def test_according_to_trailing() -> None:
    r = _quotes("Russia moved 10,000 troops to the border, according to US officials.")
    q = next(q for q in r.quotes if q.cue and q.cue.text == "according to")
    assert q.source is not None and q.source.text == "US officials"
    assert q.content.text == "Russia moved 10,000 troops to the border"


def test_broken_quote_marks_keep_other_quotes() -> None:
    text = (
        "The ministry said “tanks remain near the border.” ”, After drills. ,\n\n"
        "“We are ready to talk,” the spokesman said."
    )
    r = _quotes(text)
    contents = [q.content.text for q in r.quotes]
    assert any(c.startswith("tanks remain") for c in contents)
    assert any(c.startswith("We are ready to talk") for c in contents)


def test_offsets_hold_on_odd_input() -> None:
    for text in ["", "   ", "“", "” ” ,. . does.", "said said said", "He said: “"]:
        r = _quotes(text)
        for q in r.quotes:
            assert text[q.content.start : q.content.end] == q.content.text


def test_first_person_in_a_speech_is_its_speaker() -> None:
    text = (
        "Title: Remarks by President Biden on Russia and Ukraine\nOutlet: The White House\n"
        "Date published: 2022-02-22\n---\n\nI said last week that Russia had massed "
        "150,000 troops on the border.\n"
    )
    r = analyze_text(text, raw=False)
    said = [q for q in r.quotes if q.source is not None and q.source.text == "I"]
    assert said and said[0].speaker is not None and said[0].speaker.name == "Joe Biden"
