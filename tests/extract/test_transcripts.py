from vedette.extract.transcripts import find_turns, speaker_for_label

BRIEFING = """MS. PSAKI: Good afternoon. We have two items today.

Q Thanks, Jen. Is an invasion imminent?

MS. PSAKI: We have seen no decision yet.

THE PRESIDENT: Thank you all.
"""


def test_turns_and_speakers() -> None:
    turns = find_turns(BRIEFING, "The White House, Briefing Room")
    assert [t.speaker for t in turns] == ["Jen Psaki", "Reporter", "Jen Psaki", "Joe Biden"]
    assert [t.question for t in turns] == [False, True, False, False]
    first = turns[0]
    assert BRIEFING[first.content_start : first.content_end].startswith("Good afternoon")
    assert BRIEFING[first.label_start : first.label_end] == "MS. PSAKI"


def test_labels() -> None:
    assert speaker_for_label("President of Russia Vladimir Putin", None)[0] == "Vladimir Putin"
    assert speaker_for_label("SECRETARY BLINKEN", None)[0] == "Antony Blinken"
    assert speaker_for_label("PRESS SECRETARY JOHN F. KIRBY", None)[0] == "John Kirby"
    assert speaker_for_label("THE PRESIDENT", "President of Russia (en.kremlin.ru)")[0] == (
        "Vladimir Putin"
    )


def test_prose_is_not_a_transcript() -> None:
    text = "Let me be clear: we will respond.\nThe point is: nothing changed."
    assert find_turns(text) == []


def test_single_known_speaker_label() -> None:
    text = "Intro line.\n\nPresident of Russia Vladimir Putin: Mr Prime Minister, colleagues."
    (turn,) = find_turns(text)
    assert turn.speaker == "Vladimir Putin"


def test_inline_labels_of_a_collapsed_scrape() -> None:
    text = (
        "President of Russia Vladimir Putin: Welcome to Moscow. We will talk. "
        "Federal Chancellor of Germany Olaf Scholz Scholz OlafFederal Chancellor of the "
        "Federal Republic of Germany(retranslated): Thank you. Question(retranslated): "
        "Mr President, will you withdraw? Vladimir Putin: Partly."
    )
    turns = find_turns(text, "President of Russia (en.kremlin.ru)")
    assert [(t.speaker, t.question) for t in turns] == [
        ("Vladimir Putin", False), ("Olaf Scholz", False), ("Reporter", True),
        ("Vladimir Putin", False),
    ]
    assert text[turns[1].content_start : turns[1].content_end] == "Thank you."
