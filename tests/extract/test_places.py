"""Places: recognition, canonical names, coordinates and context disambiguation."""

from __future__ import annotations

from pathlib import Path

import pytest

from vedette.records import Place

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "000_422543fb29edb296.txt"


def _places(text: str) -> list[Place]:
    from vedette.service import analyze_text

    report = analyze_text(text)
    for place in report.places:
        assert text[place.span.start:place.span.end] == place.span.text
    return report.places


def _by_text(places: list[Place], surface: str) -> Place:
    return next(p for p in places if p.span.text == surface)


def test_belarus_is_a_country_with_coordinates() -> None:
    belarus = _by_text(_places("Troops gathered in Belarus last week."), "Belarus")
    assert (belarus.name, belarus.country, belarus.kind) == ("Belarus", "BY", "country")
    assert belarus.lat is not None and belarus.lon is not None
    assert abs(belarus.lat - 53.9) < 1.5 and abs(belarus.lon - 27.6) < 1.5


def test_seas_are_seas_and_azov_sea_is_canonical() -> None:
    places = _places("Ships sailed from the Black Sea into the Azov Sea on Monday.")
    black = _by_text(places, "Black Sea")
    azov = _by_text(places, "Azov Sea")
    assert black.kind == "sea" and azov.kind == "sea"
    assert azov.name == "Sea of Azov"
    assert azov.lat is not None and 45 < azov.lat < 47.5


def test_kiev_resolves_to_kyiv() -> None:
    kyiv = _by_text(_places("Officials in Kiev said talks would resume."), "Kiev")
    assert (kyiv.name, kyiv.country, kyiv.kind) == ("Kyiv", "UA", "city")
    assert kyiv.lat is not None and abs(kyiv.lat - 50.45) < 0.5


def test_georgia_next_to_russia_is_the_country() -> None:
    text = "Russia invaded Georgia in 2008, and Ukraine fears the same."
    georgia = _by_text(_places(text), "Georgia")
    assert (georgia.country, georgia.kind) == ("GE", "country")


def test_georgia_next_to_atlanta_is_the_state() -> None:
    georgia = _by_text(_places("Voters in Atlanta, Georgia queued for hours."), "Georgia")
    assert (georgia.country, georgia.kind) == ("US", "region")


def test_washington_in_diplomacy_is_the_capital() -> None:
    text = "Moscow warned Washington against sending weapons to Ukraine."
    washington = _by_text(_places(text), "Washington")
    assert washington.country == "US" and washington.kind == "city"
    assert washington.lat is not None and abs(washington.lat - 38.9) < 0.5


def test_state_qualifier_picks_the_city() -> None:
    portland = _by_text(_places("She moved to Portland, Maine, in May."), "Portland")
    assert portland.lon is not None and portland.lon > -75  # Maine, not Oregon


def test_demonyms_are_not_places() -> None:
    places = _places("Russian and Ukrainian officials met with American diplomats.")
    assert not any(p.span.text in {"Russian", "Ukrainian", "American"} for p in places)


def test_seed_article_places() -> None:
    if not SEED.exists():
        pytest.skip(f"{SEED} not available (../shared is absent)")
    from vedette.service import analyze_text

    text = SEED.read_text(encoding="utf-8")
    report = analyze_text(text, raw=False, published="2021-12-08")
    by_name = {p.name: p for p in report.places}
    for name in ("Belarus", "Black Sea", "Sea of Azov"):
        assert name in by_name, f"{name} missing"
        assert by_name[name].lat is not None and by_name[name].lon is not None
    assert by_name["Belarus"].country == "BY"
    for place in report.places:
        assert report.article.text[place.span.start:place.span.end] == place.span.text


# --------------------------------------------------------------------------- issue 9 classes


def _names(text: str) -> dict[str, Place]:
    return {p.span.text: p for p in _places(text)}


def test_a_world_city_beats_a_small_namesake_in_the_countrys_context() -> None:
    text = ("The American and Russian presidents met in Lausanne last year. Officials in "
            "Washington, Chicago and Moscow said Lausanne had been a useful venue.")
    lausanne = _names(text)["Lausanne"]
    assert lausanne.country == "CH"


def test_a_former_name_of_a_capital_does_not_beat_the_town_of_that_name() -> None:
    text = "Investigators in Salisbury, where the attack happened, briefed British ministers."
    assert _names(text)["Salisbury"].country == "GB"


def test_a_country_beats_a_city_reached_by_an_alternate_name() -> None:
    assert _names("Migrants crossed from Guatemala into Mexico overnight.")["Mexico"].kind \
        == "country"


def test_a_country_named_like_a_us_state_next_to_its_neighbour() -> None:
    text = "Moscow recognised two breakaway regions of Georgia after the war with Russia."
    assert _names(text)["Georgia"].country == "GE"


def test_institutions_in_their_buildings_are_not_geocoded() -> None:
    text = ("The Pentagon said on Friday that the White House had approved the plan; "
            "the Kremlin and Downing Street did not comment.")
    names = _names(text)
    assert not {"Pentagon", "White House", "Kremlin", "Downing Street"} & names.keys()


def test_an_institutions_building_used_as_a_location_is_placed_on_it() -> None:
    building = _names("Reporters waited outside the White House in the rain.")["White House"]
    assert building.lat is not None and abs(building.lat - 38.9) < 0.1


def test_named_agreements_and_variants_are_not_places() -> None:
    text = ("Kyiv said the Minsk agreements were dead; Paris wants the Budapest Memorandum "
            "honoured, as the Delta variant spread.")
    names = _names(text)
    assert "Minsk" not in names and "Budapest" not in names and "Delta" not in names
    assert names["Kyiv"].country == "UA" and names["Paris"].country == "FR"


def test_a_persons_first_name_or_surname_is_not_a_place() -> None:
    text = "Elena Kostyuk was arrested. Later Elena told reporters in Kharkiv she was fine."
    names = _names(text)
    assert "Elena" not in names
    assert names["Kharkiv"].country == "UA"


def test_crisis_area_places_in_every_spelling() -> None:
    text = ("Shelling hit Kharkov, Mariupol and Lugansk; separatists in Donbass blamed Kiev. "
            "Troops massed near Belgorod and in the Gomel region, and Ukraine retook "
            "Zmiinyi Island near Odessa.")
    names = _names(text)
    expected = {"Kharkov": "Kharkiv", "Lugansk": "Luhansk", "Donbass": "Donbas", "Kiev": "Kyiv",
                "Odessa": "Odesa", "Mariupol": "Mariupol", "Belgorod": "Belgorod"}
    for surface, name in expected.items():
        assert names[surface].name == name, surface
    island = next(p for p in _places(text) if p.name == "Snake Island")
    assert island.lat is not None and abs(island.lat - 45.25) < 0.1


def test_big_cities_the_ner_calls_people_are_still_places() -> None:
    names = _names("Mariupol has been encircled, and Kharkiv is under fire, Zelensky said.")
    assert names["Mariupol"].country == "UA" and names["Kharkiv"].country == "UA"


def test_an_unknown_building_is_placed_by_the_known_place_in_its_name() -> None:
    place = _names("Mourners filled Lviv Cathedral on Sunday.")["Lviv Cathedral"]
    assert place.lat is not None and abs(place.lat - 49.84) < 0.2
