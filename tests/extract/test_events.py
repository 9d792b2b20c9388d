"""PLOVER events on hand-written sentences and on the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from vedette.extract.entities import build_entities, collect_mentions
from vedette.extract.events import find_events
from vedette.records import Event

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "000_422543fb29edb296.txt"


def events_of(nlp: Language, text: str) -> list[Event]:
    doc = nlp(text)
    index = build_entities(doc, collect_mentions(doc, doc.spans.get("vedette_equipment", [])))
    return find_events(doc, index, [], [], [])


def types_of(nlp: Language, text: str) -> dict[str, Event]:
    return {e.type: e for e in events_of(nlp, text)}


@pytest.mark.parametrize(
    ("text", "kind", "modality"),
    [
        ("Russia has massed tens of thousands of troops near the Ukrainian border.",
         "MOBILIZE", "happened"),
        ("Belarus held large military exercises last week.", "MOBILIZE", "happened"),
        ("Joe Biden held a video call with Vladimir Putin.", "CONSULT", "happened"),
        ("Antony Blinken met Sergei Lavrov in Geneva.", "CONSULT", "happened"),
        ("Russia threatened to cut off gas supplies to Europe.", "THREATEN", "happened"),
        ("The European Union imposed sanctions on Russian banks.", "SANCTION", "happened"),
        ("The United States sent Javelin missiles to Ukraine.", "AID", "happened"),
        ("Ukraine accused Russia of shelling Mariupol.", "ACCUSE", "happened"),
        ("Moscow rejected the NATO proposal.", "REJECT", "happened"),
        ("Germany demanded that Russia withdraw its forces.", "DEMAND", "happened"),
        ("Russian artillery shelled Kharkiv on Sunday.", "ASSAULT", "happened"),
        ("Russian forces withdrew from the area around Kyiv.", "RETREAT", "happened"),
    ],
)
def test_category(nlp: Language, text: str, kind: str, modality: str) -> None:
    found = types_of(nlp, text)
    assert kind in found, [(e.type, e.trigger) for e in found.values()]
    assert found[kind].modality == modality


def test_threatened_sanctions_are_threats(nlp: Language) -> None:
    text = ("Washington is preparing harsh economic sanctions in the event of an attack "
            "on Ukraine.")
    events = events_of(nlp, text)
    sanctions = next(e for e in events if e.trigger and e.trigger.text == "sanctions")
    assert sanctions.type == "THREATEN"
    assert sanctions.modality in {"planned", "hypothetical"}
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.modality == "hypothetical"


def test_one_event_for_threaten_to_sanction(nlp: Language) -> None:
    events = events_of(nlp, "Britain threatened to impose sanctions on Russia.")
    assert [e.type for e in events] == ["THREATEN"]
    assert events[0].actors[0] == "United Kingdom"  # canonical name of Britain


def test_denied_and_planned(nlp: Language) -> None:
    ruled = types_of(nlp, "Biden ruled out sending US troops to Ukraine.")
    assert ruled["REJECT"].modality == "happened"
    assert ruled["MOBILIZE"].modality == "denied"
    negated = types_of(nlp, "Russia did not invade Ukraine.")
    assert negated["ASSAULT"].modality == "denied"
    planned = types_of(nlp, "The United States will send weapons to Ukraine.")
    assert planned["AID"].modality == "planned"


def test_actors_are_canonical_and_spans_align(nlp: Language) -> None:
    text = "President Joe Biden spoke with Vladimir Putin by phone on Tuesday."
    doc_events = events_of(nlp, text)
    consult = next(e for e in doc_events if e.type == "CONSULT")
    assert {"Joe Biden", "Vladimir Putin"} <= set(consult.actors)
    for e in doc_events:
        assert text[e.evidence.start:e.evidence.end] == e.evidence.text
        assert e.trigger is not None
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text


def test_place_from_locative_phrase(nlp: Language) -> None:
    found = types_of(nlp, "Russia deployed troops in Crimea.")
    assert found["MOBILIZE"].place == "Crimea"


def test_no_events_in_plain_text(nlp: Language) -> None:
    assert events_of(nlp, "The weather in Kyiv was mild and the markets were calm.") == []


@pytest.fixture(scope="module")
def seed_events() -> list[Event]:
    if not SEED.exists():
        pytest.skip(f"{SEED} not available (../shared is absent)")
    from vedette.service import analyze_text

    report = analyze_text(SEED.read_text("utf-8"), raw=False, published="2021-12-08")
    for e in report.events:
        assert report.article.text[e.evidence.start:e.evidence.end] == e.evidence.text
    return report.events


def test_seed_virtual_meeting(seed_events: list[Event]) -> None:
    consult = [e for e in seed_events if e.type == "CONSULT" and "meeting" in e.trigger.text]
    assert consult
    assert {"Joe Biden", "Vladimir Putin"} <= set(consult[0].actors)


def test_seed_aid_package(seed_events: list[Event]) -> None:
    aid = [e for e in seed_events if e.type == "AID"]
    assert aid and "$60 million" in aid[0].evidence.text
    assert "Ukraine" in aid[0].actors


def test_seed_threatened_sanctions(seed_events: list[Event]) -> None:
    threat = [e for e in seed_events if e.type in {"THREATEN", "SANCTION"}
              and "sanctions" in (e.trigger.text if e.trigger else "")]
    assert threat and threat[0].type == "THREATEN"
    assert threat[0].modality != "happened"


def test_seed_build_up(seed_events: list[Event]) -> None:
    mobilize = [e for e in seed_events if e.type == "MOBILIZE"]
    assert any(e.trigger and e.trigger.text == "build-up" for e in mobilize)


def test_issue9_dates_belong_to_their_clause_and_nationalities_to_countries() -> None:
    from vedette.service import analyze_text

    text = ("Today's talks were held against the backdrop of a Russian invasion of Ukraine. "
            "Yesterday, Russian forces attacked the city.")
    events = analyze_text(text, raw=True, published="2022-03-02").events
    assaults = [(e.trigger.text if e.trigger else "", e.date) for e in events
                if e.type == "ASSAULT"]
    assert assaults == [("invasion", None), ("attacked", "2022-03-01")]
    assert all("Russia" in e.actors for e in events if e.type == "ASSAULT")


@pytest.mark.parametrize(("text", "types"), [
    ("Well, we have been warning for weeks that American citizens should depart.", []),
    ("Russia warned that it would respond.", ["THREATEN"]),
    ("Officials insisted Wednesday there are still ways to help.", []),
    ("I would like to speak to our broader purpose here today.", []),
    ("The FDA yesterday withdrew the authorization for some treatments.", []),
    ("The President spoke with President Zelenskyy today.", ["CONSULT"]),
])
def test_issue9_statements_are_no_threats_demands_or_consultations(text: str,
                                                                  types: list[str]) -> None:
    from vedette.service import analyze_text

    assert [e.type for e in analyze_text(text, raw=True, published="2022-02-10").events] == types


def test_issue9_forces_go_to_a_destination_not_an_actor() -> None:
    from vedette.service import analyze_text

    (event,) = analyze_text("Russia has been deploying forces to Crimea for months.", raw=True,
                            published="2022-02-10").events
    assert event.actors == ["Russia"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Now we will be fighting the Omicron variant, of course.", []),
    ("Hearing Kevin McCarthy talk today was a reminder.", []),
    ("Today, the President spoke with the New York City mayor, Eric Adams.",
     [("CONSULT", ["Eric Adams"])]),
    ("Russian troops fought Ukrainian forces near Kharkiv yesterday.",
     [("ASSAULT", ["Russia", "Ukraine"])]),
    ("Today, we met with our close partners Ukraine and Georgia.",
     [("CONSULT", ["Ukraine", "Georgia"])]),
])
def test_issue9_actors_are_named_participants(text: str,
                                             expected: list[tuple[str, list[str]]]) -> None:
    from vedette.service import analyze_text

    events = analyze_text(text, raw=True, published="2022-02-10").events
    assert [(e.type, e.actors) for e in events] == expected
