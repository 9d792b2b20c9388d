"""Claims: a quantity bound to what it counts, where, when and on whose authority."""

from __future__ import annotations

from pathlib import Path

import pytest

from vedette.records import Claim, Report
from vedette.service import analyze_text

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "000_422543fb29edb296.txt"


def _claims(text: str, published: str | None = "2021-12-08") -> list[Claim]:
    report: Report = analyze_text(text, raw=True, published=published)
    for c in report.claims:
        assert text[c.evidence.start:c.evidence.end] == c.evidence.text
    return report.claims


def _only(text: str) -> Claim:
    claims = _claims(text)
    assert len(claims) == 1, claims
    return claims[0]


def test_counted_place_and_date() -> None:
    c = _only("Russia has massed 100,000 Russian soldiers near the border, officials said.")
    assert (c.value, c.counted, c.place, c.as_of) == (100000, "Russian soldiers",
                                                       "near the border", "2021-12-08")
    assert c.quantity is not None and c.quantity.text == "100,000"


def test_place_in_country() -> None:
    c = _only("Moscow moved 30,000 troops in Belarus for drills.")
    assert c.counted == "troops"
    assert c.place == "in Belarus"


def test_source_from_quote() -> None:
    c = _only('"We see 175,000 troops," Psaki said.')
    assert c.source is not None and "Psaki" in c.source.name


@pytest.mark.parametrize(("text", "modality"), [
    ("Officials estimated that Russia has 70,000 troops near the border.", "estimate"),
    ("The force could reach 175,000 troops.", "planned"),
    ("Russia plans to deploy 100 battalion tactical groups.", "planned"),
    ("Russia will deploy 50,000 troops next month.", "forecast"),
    ("Does Russia have 100,000 troops on the border?", "question"),
    ("Moscow did not send 100,000 troops.", "denied"),
    ("Russia sent 100,000 troops.", "reported"),
])
def test_modality(text: str, modality: str) -> None:
    assert _only(text).modality == modality


def test_multiplier_counts_subject() -> None:
    c = _only("The number of reconnaissance aircraft flights tripled.")
    assert (c.value, c.unit, c.counted) == (3, "multiplier", "reconnaissance aircraft flights")


def test_bare_numbers_and_durations_are_not_claims() -> None:
    assert _claims("The score was 3 and then 5. The talks lasted three hours.") == []


def test_conversion_is_one_claim() -> None:
    claims = _claims("Units are about 260 km (160 mi) from the border.")
    assert [(c.value, c.unit) for c in claims] == [(260, "km")]
    assert claims[0].place == "about 260 km (160 mi) from the border"


def test_seed_article() -> None:
    if not SEED.exists():
        pytest.skip(f"{SEED} not available (../shared is absent)")
    from vedette.ingest import read_articles
    from vedette.service import analyze_article

    article = read_articles(SEED)[0]
    claims = analyze_article(article).claims
    by_value = {c.value: c for c in claims}

    soldiers = by_value[120000]
    assert soldiers.counted == "Russian soldiers"
    assert soldiers.evidence.end <= len(article.text.split("\n")[0])  # from the headline
    assert soldiers.source is not None
    assert any(k in soldiers.source.name for k in ("military report", "Defense Ministry"))
    assert soldiers.place == "near border"

    distance = by_value[260]
    assert distance.unit == "km"
    assert distance.place == "about 260 km (160 mi) from Ukraine’s state border"

    aid = by_value[60_000_000]
    assert aid.unit == "USD"
    assert aid.source is not None and aid.source.name == "John Kirby"

    flights = by_value[3]
    assert flights.unit == "multiplier"
    assert "reconnaissance" in flights.counted and "flights" in flights.counted


def test_small_counts_of_people_are_not_claims_but_small_military_counts_are() -> None:
    from vedette.service import analyze_text

    text = ("The two presidents met for three hours. Russia moved three battalion tactical "
            "groups and two warships toward Crimea, officials said.")
    counted = [c.counted for c in analyze_text(text, raw=True, published="2022-01-10").claims]
    assert not any("president" in c for c in counted)
    assert any("battalion tactical groups" in c for c in counted)
    assert any("warships" in c for c in counted)


# --- issue 9: whose forces, kind, modality from the governing verb -------------------------

@pytest.mark.parametrize(("text", "of"), [
    ("Moscow has massed 90,000 Russian soldiers in the region.", "Russia"),
    ("Satellite images show 60,000 of Russia's troops near the lake.", "Russia"),
    ("The alliance counted 5,000 troops of the Russian Federation on the island.", "Russia"),
    ("Washington will send 3,000 American troops to Poland.", "United States"),
    ("About 2,000 U.S. soldiers arrived in Romania.", "United States"),
    ("Belarus has put 20,000 troops on alert.", "Belarus"),
    ("The Kremlin has moved 30,000 troops north.", "Russia"),
    ("NATO placed 40,000 troops under its command.", "NATO"),
    ("The deployment of 1,700 troops by the United States was announced.", "United States"),
    ("There are 100,000 troops near the border.", None),  # the text does not say whose
])
def test_whose_forces(text: str, of: str | None) -> None:
    claim = next(c for c in _claims(text) if c.kind == "force")
    assert claim.of == of


def test_pronouns_resolve_by_role() -> None:
    text = ("Kuleba spoke about the Russian build-up. \"Russia keeps moving units. They now have "
            "120,000 soldiers at our border, and we have 250,000 troops ready,\" Kuleba said.")
    of = [c.of for c in _claims(text) if c.kind == "force"]
    assert of == ["Russia", "Ukraine"]


def test_they_of_the_other_side_said_by_a_leader() -> None:
    text = ("Putin spoke about Ukraine and the line of contact. \"They have 100,000 or 125,000 "
            "troops concentrated there,\" Putin said.")
    assert {c.of for c in _claims(text) if c.kind == "force"} == {"Ukraine"}


@pytest.mark.parametrize(("text", "kind"), [
    ("Some 40 servicemen have been killed in the shelling.", "casualty"),
    ("The fighting left 300 soldiers wounded.", "casualty"),
    ("Russia has 100,000 troops near the border.", "force"),
    ("If Russia sent 50,000 more troops, the risk would grow.", "hypothetical"),
    ("The package is worth $60 million.", "other"),
])
def test_kind(text: str, kind: str) -> None:
    assert _claims(text)[0].kind == kind


@pytest.mark.parametrize(("text", "modality"), [
    ("Russia now has well over 150,000 troops arrayed along the borders, and it could "
     "invade at any moment.", "reported"),
    ("We have not seen any pullback of the 150,000 Russian troops.", "reported"),
    ("Russia has not withdrawn its 100,000 troops from the border.", "reported"),
    ("Moscow denied that it had sent 100,000 troops.", "denied"),
])
def test_modality_follows_the_governing_verb(text: str, modality: str) -> None:
    assert _claims(text)[0].modality == modality


def test_range_claim_across_an_infobox_line() -> None:
    c = _claims("Strength\n120,000–135,000 Russian troops at the eastern frontier")[0]
    assert (c.value, c.low, c.high, c.of) == (None, 120000, 135000, "Russia")


def test_a_repeated_number_takes_the_owner_named_with_it() -> None:
    text = ("The Pentagon put 8,500 American troops on alert. Officials said those 8,500 troops "
            "could deploy within days.")
    assert [c.of for c in _claims(text) if c.kind != "other"] == ["United States"] * 2


def test_procurement_and_armed_services_are_the_speakers_own() -> None:
    text = ('"The Navy received three submarines this year, and two regiments have been formed," '
            "Shoigu said.")
    assert {c.of for c in _claims(text) if c.kind == "force"} == {"Russia"}


def test_delivered_equipment_is_the_recipients() -> None:
    text = ("The package goes to the Ukrainian military. It includes:\n- 800 anti-aircraft "
            "systems;\n- 2,000 anti-armor weapons.")
    assert {c.of for c in _claims(text) if c.kind == "force"} == {"Ukraine"}


def test_losses_listed_under_casualties_are_casualties() -> None:
    c = _claims("Russian casualties were assessed to include 285 tanks.")[0]
    assert (c.of, c.kind) == ("Russia", "casualty")


def test_forces_at_a_border_belong_to_the_other_side_named_before() -> None:
    text = ("Only one country makes threats here. It is Russia. Only one country has 150,000 "
            "troops on the border of Ukraine, poised to attack.")
    assert [c.of for c in _claims(text) if c.kind == "force"] == ["Russia"]


def test_a_year_after_a_preposition_or_a_name_is_no_count() -> None:
    text = "They praised the Allied Resolve 2022 military exercises planned by 2030 for 34 ships."
    assert [c.value for c in _claims(text)] == [34]
