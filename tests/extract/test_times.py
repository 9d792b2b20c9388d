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


# --------------------------------------------------------------------------- event date


def _event_values(nlp: Language, text: str, published: str, title: str | None = None
                  ) -> dict[str, str]:
    return {r.span.text: r.value for r in find_times(nlp(text), published, title)}


def test_dateline_under_the_title_anchors_today_and_tomorrow(nlp: Language) -> None:
    text = ("Talks with the Prime Minister of Hungary\n\n"
            "March 3, 2022 20:15 Novo-Ogaryovo, Moscow Region\n\n"
            "The President: Today we discussed gas supplies. Tomorrow our ministers meet.")
    values = _event_values(nlp, text, "2022-03-05")
    assert values["Today"] == "2022-03-03"
    assert values["Tomorrow"] == "2022-03-04"


def test_day_month_dateline_with_weekday(nlp: Language) -> None:
    text = "Opening remarks\n\nThursday, 10 March 2022\n\nGood morning. Today we will decide."
    assert _event_values(nlp, text, "2022-03-11")["Today"] == "2022-03-10"


def test_held_on_in_a_transcript_anchors_relative_dates(nlp: Language) -> None:
    text = ("The consultations were held on 12 January in Brussels.\n\n"
            "MS. SHERMAN: Thank you. Today we listened.\n\n"
            "MR. STOLTENBERG: Yes. Tomorrow we report to the Council.\n\n"
            "Q Will you meet again?\n\nMS. SHERMAN: Not today.")
    values = _event_values(nlp, text, "2022-01-14")
    assert values["Today"] == "2022-01-12"
    assert values["Tomorrow"] == "2022-01-13"


def test_title_ending_in_the_date_anchors_the_briefing(nlp: Language) -> None:
    values = _event_values(nlp, "MR. KIRBY: Good afternoon. Today the Secretary travels.",
                           "2022-04-02", "Press Briefing by John Kirby, April 1, 2022")
    assert values["Today"] == "2022-04-01"


def test_news_story_about_earlier_talks_keeps_its_own_day(nlp: Language) -> None:
    text = "The talks were held on 7 February in Moscow. Today the leaders agreed to meet again."
    assert _event_values(nlp, text, "2022-02-09")["Today"] == "2022-02-09"


def test_a_date_mentioned_in_the_body_is_not_the_event_date(nlp: Language) -> None:
    text = ("Citizens of the country, I will begin with what I said in my address on "
            "February 21, 2022, about our concerns. Today I have decided to act.")
    assert _event_values(nlp, text, "2022-02-24")["Today"] == "2022-02-24"


def test_a_dateline_after_publication_or_long_before_is_ignored(nlp: Language) -> None:
    later = "Statement\n\nMarch 30, 2022\n\nToday we call for calm."
    assert _event_values(nlp, later, "2022-03-01")["Today"] == "2022-03-01"
    old = "Statement\n\nJanuary 5, 2021\n\nToday we call for calm."
    assert _event_values(nlp, old, "2022-03-01")["Today"] == "2022-03-01"
