"""Quantities: numbers, words, abbreviations, ranges, qualifiers, units and changes."""

from __future__ import annotations

import pytest

from vedette.extract.quantities import find_quantities
from vedette.records import Quantity


def _quantities(nlp, text: str) -> list[Quantity]:  # type: ignore[no-untyped-def]
    found = find_quantities(nlp(text))
    for q in found:
        assert text[q.span.start:q.span.end] == q.span.text
    return found


def _one(nlp, text: str) -> Quantity:  # type: ignore[no-untyped-def]
    found = _quantities(nlp, text)
    assert len(found) == 1, found
    return found[0]


def test_digits_with_count_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    q = _one(nlp, "Russia has deployed 120,000 soldiers near the border.")
    assert (q.value, q.low, q.high, q.unit, q.qualifier) == (120000, 120000, 120000,
                                                              "soldier", None)
    assert q.span.text == "120,000"


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The unit lost three tanks.", 3, "tank"),
    ("They saw a dozen drones overhead.", 12, "drone"),
    ("Twenty-five soldiers were wounded.", 25, "soldier"),
    ("Officials counted two hundred thousand refugees.", 200000, "refugee"),
])
def test_number_words(nlp, text: str, value: float, unit: str) -> None:  # type: ignore[no-untyped-def]
    q = _one(nlp, text)
    assert (q.value, q.unit) == (value, unit)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Tens of thousands of troops are massed there.", 10000, 100000),
    ("Hundreds of tanks were seen.", 100, 1000),
])
def test_vague_magnitudes_are_ranges(nlp, text: str, low: float, high: float) -> None:  # type: ignore[no-untyped-def]
    q = _one(nlp, text)
    assert (q.value, q.low, q.high) == (None, low, high)


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Russia has nearly 120K troops there.", 120000, "troop"),
    ("Washington approved $60M in aid.", 60_000_000, "USD"),
    ("The budget is 1.2 million hryvnias.", 1_200_000, "UAH"),
    ("The deal is worth $1.5bn.", 1_500_000_000, "USD"),
    ("The fine was €2 million.", 2_000_000, "EUR"),
    ("Sanctions froze £300m of assets.", 300_000_000, "GBP"),
])
def test_abbreviations_and_currencies(nlp, text: str, value: float, unit: str) -> None:  # type: ignore[no-untyped-def]
    q = _one(nlp, text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


@pytest.mark.parametrize(("text", "low", "high", "surface"), [
    ("There are between 169,000 and 190,000 troops.", 169000, 190000,
     "between 169,000 and 190,000"),
    ("The force could grow to 175,000 to 190,000 troops.", 175000, 190000,
     "175,000 to 190,000"),
    ("They estimated 80,000-90,000 Russian troops.", 80000, 90000, "80,000-90,000"),
    ("Prices range from $1.5 to $2 million.", 1_500_000, 2_000_000, "from $1.5 to $2 million"),
    # issue 9: every dash, a line break inside an infobox cell, reference marks, thin spaces
    ("Strength\n120,000–135,000 at the eastern frontier", 120000, 135000, "120,000–135,000"),
    ("Units:\n60,000 –\n75,000 near the lake", 60000, 75000, "60,000 –\n75,000"),
    ("They counted 40,000−45,000 soldiers.", 40000, 45000, "40,000−45,000"),
    ("They counted 40,000‒45,000 soldiers.", 40000, 45000, "40,000‒45,000"),
    ("Strength: 30,000[12]–32,000[13] in the north", 30000, 32000, "30,000[12]–32,000"),
    ("They counted 50\u202f000–60\u202f000 soldiers.", 50000, 60000,
     "50\u202f000–60\u202f000"),
    ("The brigade has 10-12 tanks left.", 10, 12, "10-12"),
])
def test_ranges(nlp, text: str, low: float, high: float, surface: str) -> None:  # type: ignore[no-untyped-def]
    q = _one(nlp, text)
    assert (q.value, q.low, q.high) == (None, low, high)
    assert surface.endswith(q.span.text) or q.span.text == surface


@pytest.mark.parametrize(("text", "qualifier", "low", "high"), [
    ("There are about 90,000 troops.", "about", None, None),
    ("There are around 90,000 troops.", "around", None, None),
    ("There are roughly 70,000 troops.", "roughly", None, None),
    ("There are approximately 7,000 troops.", "approximately", None, None),
    ("There are some 90,000 troops.", "some", None, None),
    ("There are nearly 100,000 troops.", "nearly", None, 100000),
    ("There are almost 100,000 troops.", "almost", None, 100000),
    ("There are more than 92,000 troops.", "more than", 92000, None),
    ("There are over 130,000 troops.", "over", 130000, None),
    ("There are well over 100,000 troops.", "well over", 100000, None),
    ("There are at least 100,000 troops.", "at least", 100000, None),
    ("There are up to 175,000 troops.", "up to", None, 175000),
    ("There are fewer than 5,000 troops.", "fewer than", None, 5000),
    ("There are as many as 175,000 troops.", "as many as", None, 175000),
    ("There are c. 175,000 troops.", "c.", None, None),
])
def test_qualifiers(nlp, text: str, qualifier: str, low, high) -> None:  # type: ignore[no-untyped-def]
    q = _one(nlp, text)
    assert q.qualifier == qualifier
    assert (q.low, q.high) == (low, high)
    assert q.span.text.lower().startswith(qualifier)


def test_distance_with_conversion(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Units live about 260 km (160 mi) from Ukraine's state border."
    km, mi = _quantities(nlp, text)
    assert (km.value, km.unit, km.qualifier, km.span.text) == (260, "km", "about", "about 260 km")
    assert (mi.value, mi.unit, mi.span.text) == (160, "mi", "160 mi")


def test_percent_and_change(nlp) -> None:  # type: ignore[no-untyped-def]
    q = _one(nlp, "Exports saw a 30% increase.")
    assert (q.value, q.unit, q.change) == (30, "percent", "increase")
    q = _one(nlp, "Shares fell 5 per cent.")
    assert (q.value, q.unit, q.change) == (5, "percent", "decrease")


@pytest.mark.parametrize(("text", "value", "change"), [
    ("The number of flights tripled from last year.", 3, "increase"),
    ("The number of flights doubled.", 2, "increase"),
    ("Imports were halved.", 0.5, "decrease"),
])
def test_multipliers(nlp, text: str, value: float, change: str) -> None:  # type: ignore[no-untyped-def]
    q = _one(nlp, text)
    assert (q.value, q.unit, q.change) == (value, "multiplier", change)


@pytest.mark.parametrize("text", [
    "The talks took place in 2021.",
    "The meeting is on Dec. 8 in Geneva.",
    "The briefing began at 12:38 P.M. sharp.",
    "He was the first to arrive.",
    "She ranked No. 3 in the list.",
    "Windows 10 is installed.",
    "The 1990s were different.",
])
def test_not_quantities(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _quantities(nlp, text) == []


def test_offsets_in_longer_text(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Headline\n\nOn Monday, officials said 1,500 paratroopers and 40 helicopters arrived."
    found = _quantities(nlp, text)
    assert [(q.value, q.unit) for q in found] == [(1500, "paratrooper"), (40, "helicopter")]


@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The patient is 87 years of age.", 87, "year-old"),
    ("A 90 day old bill is late.", 90, "day-old"),
    ("The baby is six weeks old.", 6, "week-old"),
    ("He was aged 10 at the time.", 10, "year-old"),
    ("It was -5 degrees Fahrenheit.", -5, "degF"),
    ("Water boils at 100° Celsius.", 100, "degC"),
    ("The temperature is 40 deg celsius.", 40, "degC"),
    ("The rally took a six-mile route.", 6, "mi"),
    ("They bought a 45-acre farm.", 45, "acre"),
    ("The output was 16,000 metric tons.", 16000, "t"),
    ("The crane lifts 100t easily.", 100, "t"),
    ("I'm 1.8m tall.", 1.8, "m"),
    ("The track is a 1/4 mile oval.", 0.25, "mi"),
    ("Add 75 ml of water.", 75, "ml"),
    ("The weight is 20 (kg).", 20, "kg"),
    ("Banknotes worth 15 € each.", 15, "EUR"),
    ("I would like to buy this item for GBP 350.", 350, "GBP"),
    ("The charge was c $ 300.", 300, "CAD"),
    ("The loan was 35 lakh rupees.", 3_500_000, "rupee"),
    ("Operating profit rose to 361 million pounds.", 361_000_000, "GBP"),
    ("They lost 75 USD million.", 75_000_000, "USD"),
    ("The bid was 470 pence a share.", 470, "penny per share"),
    ("Revenue grew about 15 % per annum.", 15, "percent per year"),
])
def test_dev_set_units(nlp, text: str, value: float, unit: str) -> None:  # type: ignore[no-untyped-def]
    q = _one(nlp, text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


def test_rate_not_a_year_earlier(nlp) -> None:  # type: ignore[no-untyped-def]
    q = _one(nlp, "Revenue rose to $ 13.18 billion a year earlier.")
    assert q.unit == "USD"


def test_dollar_sign_before_next_number_is_a_prefix(nlp) -> None:  # type: ignore[no-untyped-def]
    found = _quantities(nlp, "In 1988 $ 14 million was spent.")
    assert [(q.value, q.unit) for q in found] == [(14_000_000, "USD")]


def test_slash_fraction_needs_a_unit(nlp) -> None:  # type: ignore[no-untyped-def]
    assert all(q.value != 0.75 for q in _quantities(nlp, "He scored 3/4 in the test."))
