"""Times: every rule of issue 3 on small sentences, anchored on the seed's date (a Wednesday)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from vedette.extract.times import find_times
from vedette.records import TimeRef

ANCHOR = "2021-12-08"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seed" / "000_422543fb29edb296.txt"


def _times(nlp: Language, text: str, anchor: str | None = ANCHOR) -> dict[str, TimeRef]:
    refs = find_times(nlp(text), anchor)
    for ref in refs:
        assert text[ref.span.start : ref.span.end] == ref.span.text
    return {ref.span.text: ref for ref in refs}


def _value(nlp: Language, text: str, expr: str, anchor: str | None = ANCHOR) -> str | None:
    found = _times(nlp, text, anchor)
    assert expr in found, f"{expr!r} not found in {sorted(found)}"
    return found[expr].value


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("Biden warned Putin in a virtual meeting on Tuesday.", "Tuesday", "2021-12-07"),
        ("Reznikov said on Monday that the build-up was an attempt.", "Monday", "2021-12-06"),
        ("Zelensky is expected to speak with Biden on Thursday.", "Thursday", "2021-12-09"),
        ("He said during a news conference on Wednesday that it was fine.", "Wednesday",
         "2021-12-08"),
        ("The leaders will meet on Friday.", "Friday", "2021-12-10"),
        ("The leaders plan to meet on Monday.", "Monday", "2021-12-13"),
        ("They met next Tuesday.", "next Tuesday", "2021-12-14"),
    ],
)
def test_weekday_by_tense(nlp: Language, text: str, expr: str, value: str) -> None:
    assert _value(nlp, text, expr) == value


@pytest.mark.parametrize(
    ("text", "expr", "value", "granularity"),
    [
        ("CNN reported last week that troops moved.", "last week", "2021-W48", "week"),
        ("Troops moved this week.", "this week", "2021-W49", "week"),
        ("Talks resume next week.", "next week", "2021-W50", "week"),
        ("A package approved earlier this week.", "earlier this week", "2021-W49", "week"),
        ("Flights tripled from the same period last year.", "the same period last year", "2020",
         "year"),
        ("Prices rose last year.", "last year", "2020", "year"),
        ("He left last June.", "last June", "2021-06", "month"),
        ("They arrived in early December.", "early December", "2021-12", "month"),
        ("They met in March.", "March", "2021-03", "month"),
        ("Profits fell in the third quarter.", "the third quarter", "2021-Q3", "quarter"),
        ("It will be cold this winter.", "this winter", "2021-WI", "season"),
        ("Tensions grew in the 1990s.", "the 1990s", "199", "decade"),
        ("Russia annexed Crimea in 2014.", "2014", "2014", "year"),
    ],
)
def test_calendar_units(nlp: Language, text: str, expr: str, value: str,
                        granularity: str) -> None:
    ref = _times(nlp, text)[expr]
    assert (ref.type, ref.value, ref.granularity, ref.resolved) == ("date", value, granularity,
                                                                    True)


@pytest.mark.parametrize(
    ("text", "expr"),
    [
        ("The report came out on Dec. 8.", "Dec. 8"),
        ("The report came out on December 8, 2021.", "December 8, 2021"),
        ("The report came out on 8 December 2021.", "8 December 2021"),
        ("The report came out on 2021-12-08.", "2021-12-08"),
        ("The report came out today.", "today"),
    ],
)
def test_day_forms(nlp: Language, text: str, expr: str) -> None:
    ref = _times(nlp, text)[expr]
    assert (ref.value, ref.granularity) == ("2021-12-08", "day")


def test_yesterday_tomorrow_tonight_and_clock(nlp: Language) -> None:
    found = _times(nlp, "Yesterday he flew; tomorrow he speaks, tonight at 12:38 P.M. "
                        "and this morning.")
    assert found["Yesterday"].value == "2021-12-07"
    assert found["tomorrow"].value == "2021-12-09"
    assert (found["tonight"].type, found["tonight"].value) == ("time", "2021-12-08TNI")
    assert (found["12:38 P.M."].type, found["12:38 P.M."].value) == ("time", "2021-12-08T12:38")
    assert found["this morning"].value == "2021-12-08TMO"


@pytest.mark.parametrize(
    ("text", "expr", "value"),
    [
        ("The war lasted five years.", "five years", "P5Y"),
        ("The talks lasted two hours.", "two hours", "PT2H"),
        ("It takes 24 to 48 hours.", "48 hours", "PT48H"),
        ("It takes 24 to 48 hours.", "24", "PT24H"),
        ("She waited for several days.", "several days", "PXD"),
    ],
)
def test_durations(nlp: Language, text: str, expr: str, value: str) -> None:
    ref = _times(nlp, text)[expr]
    assert (ref.type, ref.value, ref.resolved) == ("duration", value, True)


def test_sets(nlp: Language) -> None:
    found = _times(nlp, "Inspectors come every week and report annually.")
    assert (found["every week"].type, found["every week"].value) == ("set", "P1W")
    assert found["annually"].type == "set"


def test_reference_words(nlp: Language) -> None:
    found = _times(nlp, "Troops are now near the border and currently drilling; "
                        "recently they moved.")
    assert found["now"].value == "PRESENT_REF"
    assert found["currently"].value == "PRESENT_REF"
    assert found["recently"].value == "PAST_REF"


def test_no_anchor_leaves_relative_unresolved(nlp: Language) -> None:
    found = _times(nlp, "He spoke on Tuesday, last week and in 2014 for five years.", None)
    for expr in ("Tuesday", "last week"):
        assert found[expr].resolved is False
        assert found[expr].reason == "no publication date"
        assert found[expr].value is None or "X" in found[expr].value
    assert (found["2014"].value, found["2014"].resolved) == ("2014", True)
    assert (found["five years"].value, found["five years"].resolved) == ("P5Y", True)


def test_may_the_verb_is_not_a_month(nlp: Language) -> None:
    text = "May I ask? Officials said they may act in May."
    refs = find_times(nlp(text), ANCHOR)
    assert [(r.span.start, r.value) for r in refs] == [(text.rindex("May"), "2022-05")]
    assert _value(nlp, "Officials said they acted in May.", "May") == "2021-05"


def test_ages_are_not_durations(nlp: Language) -> None:
    assert not any("year" in expr for expr in _times(nlp, "The 44-year-old minister spoke."))


@pytest.fixture(scope="module")
def seed_times() -> dict[str, list[str | None]]:
    if not SEED.exists():
        pytest.skip(f"{SEED} not available (../shared is absent)")
    from vedette.service import analyze_text

    report = analyze_text(SEED.read_text(encoding="utf-8"), raw=False, published=ANCHOR)
    text = report.article.text
    values: dict[str, list[str | None]] = {}
    for ref in report.times:
        assert text[ref.span.start : ref.span.end] == ref.span.text
        values.setdefault(ref.span.text, []).append(ref.value)
    return values


@pytest.mark.parametrize(
    ("expr", "value"),
    [("Tuesday", "2021-12-07"), ("Monday", "2021-12-06"), ("Thursday", "2021-12-09"),
     ("last week", "2021-W48"), ("Wednesday", "2021-12-08"), ("earlier this week", "2021-W49"),
     ("the same period last year", "2020")],
)
def test_seed_article(seed_times: dict[str, list[str | None]], expr: str, value: str) -> None:
    assert seed_times.get(expr) and set(seed_times[expr]) == {value}
