"""The speaker sieve (issue 9), one small self-written document per rule."""

from __future__ import annotations

import pytest

from vedette.extract.speakers import SIEVES, is_title_fragment, title_speakers
from vedette.records import Article, Quote, Report
from vedette.service import analyze_article

KREMLIN = "President of Russia (en.kremlin.ru)"
WHITE_HOUSE = "The White House, Briefing Room (speeches-remarks)"


def _report(text: str, title: str | None = None, publisher: str | None = None) -> Report:
    return analyze_article(Article(text=text, path="t.txt", title=title, publisher=publisher))


def _covering(report: Report, words: str) -> Quote:
    """The most specific quote holding `words` (the shortest whose content contains them)."""
    start = report.article.text.index(words)
    end = start + len(words)
    inside = [q for q in report.quotes if q.content.start <= start and end <= q.content.end]
    assert inside, f"no quote holds {words!r}"
    return min(inside, key=lambda q: q.content.end - q.content.start)


def _name(quote: Quote) -> str | None:
    return quote.speaker.name if quote.speaker else None


# --- document speakers ----------------------------------------------------------------------


@pytest.mark.parametrize(("title", "name", "role"), [
    ("Remarks by President Biden Providing an Update on Russia and Ukraine", "Joe Biden",
     "President"),
    ("Press conference by NATO Secretary General Jens Stoltenberg following the meeting",
     "Jens Stoltenberg", "NATO Secretary General"),
    ("Ukraine Update (statement by Defence Secretary Ben Wallace), Volume 710", "Ben Wallace",
     "Defence Secretary"),
    ("Pentagon Press Secretary John F. Kirby Holds a Press Briefing", "John Kirby",
     "Pentagon Press Secretary"),
    ("Address by the President of the Russian Federation", "Vladimir Putin",
     "President of the Russian Federation"),
    ("Briefing by Aide to the President Yury Ushakov following a call", "Yury Ushakov",
     "Aide to the President"),
    ("Remarks by Governor Maria Example-Smith at the Harbour Conference",
     "Maria Example-Smith", "Governor"),
])
def test_title_names_the_speaker_in_full(title: str, name: str, role: str) -> None:
    (named,) = title_speakers(title, WHITE_HOUSE)
    assert (named.name, named.role) == (name, role)
    assert not is_title_fragment(named.name)


def test_title_without_a_speaker_names_nobody() -> None:
    assert title_speakers("Background Press Call by Senior Administration Officials") == []
    assert title_speakers("Russian troops near the border") == []


def test_title_fragments() -> None:
    assert is_title_fragment("Secretary General")
    assert is_title_fragment("the President")
    assert is_title_fragment("Biden Providing")
    assert not is_title_fragment("Jens Stoltenberg")
    assert not is_title_fragment("US officials")


def test_single_titled_label_opens_a_turn() -> None:
    text = ("PRESS SECRETARY JOHN F. KIRBY: Good afternoon. We have seen no withdrawal. "
            "I want to explain why.\n")
    report = _report(text, "Pentagon Press Secretary John F. Kirby Holds a Press Briefing",
                     "U.S. Department of Defense (defense.gov)")
    (kirby,) = report.speakers
    assert kirby.name == "John Kirby"
    assert kirby.on_behalf_of == "Pentagon"
    assert _name(_covering(report, "We have seen no withdrawal")) == "John Kirby"


def test_office_label_takes_the_name_from_the_title() -> None:
    text = ("SECRETARY GENERAL: Good afternoon. We call on Russia to withdraw its forces.\n\n"
            "QUESTION: Will NATO send troops?\n\n"
            "SECRETARY GENERAL: We have no plans to do so.\n")
    report = _report(text, "Press conference by NATO Secretary General Jens Stoltenberg",
                     "NATO (nato.int)")
    names = [s.name for s in report.speakers]
    assert "Jens Stoltenberg" in names and "General" not in names
    stoltenberg = next(s for s in report.speakers if s.name == "Jens Stoltenberg")
    assert stoltenberg.on_behalf_of == "NATO" and len(stoltenberg.turns) == 2
    assert _name(_covering(report, "We have no plans to do so")) == "Jens Stoltenberg"
    assert _covering(report, "Will NATO send troops").question


def test_speech_is_one_turn_of_its_speaker_and_we_is_the_speaker() -> None:
    text = ("Good afternoon. We have seen no sign of withdrawal so far. "
            "We call on Russia to do what it says.\n")
    report = _report(text, "Press conference by NATO Secretary General Jens Stoltenberg",
                     "NATO (nato.int)")
    (speaker,) = report.speakers
    assert (speaker.name, speaker.on_behalf_of) == ("Jens Stoltenberg", "NATO")
    assert _name(_covering(report, "We call on Russia")) == "Jens Stoltenberg"
    assert _covering(report, "no sign of withdrawal").sieve in {"document_speaker", "first_person",
                                                              "turn_content"}


def test_the_president_label_on_the_presidents_site() -> None:
    text = "THE PRESIDENT: Good afternoon. Today I am announcing new sanctions.\n"
    report = _report(text, "Remarks by President Biden on Russia", WHITE_HOUSE)
    assert [s.name for s in report.speakers] == ["Joe Biden"]
    assert _name(_covering(report, "announcing new sanctions")) == "Joe Biden"


# --- embedded speech --------------------------------------------------------------------------


JOINT = (
    "Following the talks, the leaders spoke to the press.\n\n"
    "President of Russia Vladimir Putin: We discussed gas supplies at length. "
    "The Federal Chancellor has just said that a war in Europe is unimaginable for his "
    "generation.\n\n"
    "Federal Chancellor of Germany Olaf Scholz: Thank you. The President said that Russia is "
    "conducting exercises near the border. We are concerned about 100,000 troops there.\n\n"
    "Question: Mr Putin, the Foreign Minister said that talks will go on. Will you withdraw?\n\n"
    "Vladimir Putin: We will act according to plan.\n"
)


@pytest.fixture(scope="module")
def joint() -> Report:
    return _report(JOINT, "News conference following Russian-German talks", KREMLIN)


def test_one_leader_reporting_the_other(joint: Report) -> None:
    reported = _covering(joint, "Russia is conducting exercises near the border")
    assert _name(reported) == "Vladimir Putin"
    assert "Olaf Scholz" in reported.chain
    scholz = _covering(joint, "a war in Europe is unimaginable")
    assert _name(scholz) == "Olaf Scholz" and "Vladimir Putin" in scholz.chain


def test_roles_and_turns_of_a_joint_conference(joint: Report) -> None:
    by_name = {s.name: s for s in joint.speakers}
    assert by_name["Vladimir Putin"].role == "President of Russia"
    assert by_name["Olaf Scholz"].on_behalf_of == "Germany"
    assert len(by_name["Vladimir Putin"].turns) == 2


def test_reporters_question_quoting_someone_is_a_question(joint: Report) -> None:
    quoted = _covering(joint, "talks will go on")
    assert quoted.question
    assert _name(quoted) == "Reporter"


def test_claim_source_is_the_most_specific_attribution(joint: Report) -> None:
    troops = next(c for c in joint.claims if c.value == 100_000)
    assert troops.source is not None and troops.source.name == "Olaf Scholz"


def test_turn_spans_point_into_the_text(joint: Report) -> None:
    text = joint.article.text
    for speaker in joint.speakers:
        assert speaker.turns
        for span in speaker.turns:
            assert text[span.start:span.end] == span.text
    assert {s.name for s in joint.speakers} >= {"Vladimir Putin", "Olaf Scholz"}


def test_every_quote_records_its_sieve(joint: Report) -> None:
    names = {s.__name__ for s in SIEVES} | {"turn_label", "document_speaker", "unresolved",
                                              "turn_content"}
    assert all(q.sieve in names for q in joint.quotes)


# --- pronouns -----------------------------------------------------------------------------


def test_pronoun_resolves_within_the_turn_not_to_the_speaker() -> None:
    text = ("President of Russia Vladimir Putin: Mr Schroeder supported the pipeline. "
            "He said that the project is purely commercial.\n\n"
            "Question: What about sanctions?\n\n"
            "Vladimir Putin: He said that sanctions would fail.\n")
    report = _report(text, "News conference", KREMLIN)
    first = _covering(report, "the project is purely commercial")
    assert _name(first) == "Schroeder" and first.sieve == "pronoun"
    # No person named earlier in this turn: unresolved, never the turn's own speaker.
    second = _covering(report, "sanctions would fail")
    assert second.speaker is None and second.sieve == "pronoun"


def test_they_stays_unresolved_and_says_so() -> None:
    text = ("MS. PSAKI: Our European partners met today. They said that the sanctions are "
            "ready. We agree.\n\nQ Thanks. Is that final?\n\nMS. PSAKI: Yes.\n")
    report = _report(text, "Press Briefing by Press Secretary Jen Psaki", WHITE_HOUSE)
    quote = _covering(report, "the sanctions are ready")
    assert quote.speaker is None and quote.sieve == "pronoun"
    assert "Jen Psaki" in quote.chain


def test_signed_statement_speaks_for_its_signatories() -> None:
    text = ("We, the leaders of Atlantis and Freedonia, condemn the attack. We will impose "
            "further costs. We and our allies stand ready.\n")
    report = _report(text, "Joint Statement on Further Measures", WHITE_HOUSE)
    (signed,) = report.speakers
    assert signed.role == "signatories" and "Atlantis" in signed.name
    assert _name(_covering(report, "stand ready")) == signed.name


def test_a_possessive_phrase_is_not_a_name() -> None:
    text = ("MS. PSAKI: Good afternoon. Their findings show that the talks failed.\n\n"
            "Q Thanks. Why?\n\nMS. PSAKI: I will not speculate.\n")
    report = _report(text, "Press Briefing by Press Secretary Jen Psaki", WHITE_HOUSE)
    for quote in report.quotes:
        assert quote.speaker is None or not quote.speaker.name.lower().startswith("their")
