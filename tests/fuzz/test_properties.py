"""Property tests (Hypothesis, derandomized so every run is the same): for any text, every
span of the report points into it; quantity parsing and date normalisation never raise."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vedette.errors import BadDate
from vedette.extract.pipeline import load_nlp, parse
from vedette.extract.quantities import find_quantities
from vedette.extract.times import find_times
from vedette.ingest.dates import normalise_date
from vedette.service import analyze_text, check_date

# Pieces news text is made of, and the characters that break naive code.
_WORDS = st.sampled_from([
    "Reznikov", "said", "told", "reporters", "Putin", "according", "to", "the", "Pentagon",
    "troops", "tanks", "near", "Belarus", "on", "Tuesday", "last", "week", "about", "more",
    "than", "km", "million", "$60", "120,000", "1/0", "9" * 40, "1e999", "½", "2021-12-08",
    "“", "”", '"', "'", "«", "»", "—", ",", ".", "?", ":", "\n", "\n\n", "\u2028",
    "\u200b", "\u202e", "שלום", "القوات", "é", "[/b]", "\t", "  ",
])
_TEXTS = st.lists(_WORDS | st.text(max_size=6), min_size=1, max_size=60).map(" ".join)
_NUMBERS = st.lists(
    st.sampled_from(["1", "12", "123", ",", ".", "/", "0", "9" * 30, "e", "-", "½", " ",
                     "million", "billion", "km", "troops", "per cent", "%", "$", "between",
                     "and", "to", "about", "up to", "thousand", "hundreds of"]),
    min_size=1, max_size=25).map("".join)
_SETTINGS = settings(max_examples=30, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.too_slow])


def _spans(node: Any) -> list[dict[str, Any]]:
    """Every {"start", "end", "text"} object anywhere in a report's JSON."""
    found: list[dict[str, Any]] = []
    if isinstance(node, dict):
        if isinstance(node.get("start"), int) and isinstance(node.get("text"), str) \
                and isinstance(node.get("end"), int):
            found.append(node)
        for value in node.values():
            found.extend(_spans(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_spans(value))
    return found


@_SETTINGS
@given(_TEXTS)
def test_every_span_points_into_the_text(text: str) -> None:
    report = analyze_text(text, raw=True).to_json()
    article = report.pop("article")
    assert article["text"] == text
    for span in _spans(report):
        assert text[span["start"]:span["end"]] == span["text"], span


@_SETTINGS
@given(_TEXTS, st.integers(min_value=1, max_value=4))
def test_slices_join_back_to_the_text(text: str, times: int) -> None:
    long = (text + "\n") * times + '"' * 1_200  # a run longer than MAX_RUN_CHARS
    assert parse(long).text == long


@settings(max_examples=80, deadline=None, derandomize=True)
@given(_NUMBERS)
def test_quantity_parsing_never_raises(text: str) -> None:
    doc = load_nlp()(text)
    for q in find_quantities(doc):
        assert text[q.span.start:q.span.end] == q.span.text
        for value in (q.value, q.low, q.high):
            assert value is None or abs(value) < float("inf")


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.one_of(st.text(max_size=30), st.none(), st.integers(), st.dates().map(str),
                 st.dates().map(lambda d: f"{d}T10:00:00Z"),
                 st.from_regex(r"\d{4}-\d{2}-\d{2}\s?", fullmatch=True)))
def test_date_normalisation_never_raises(value: object) -> None:
    day = normalise_date(value)
    if day is not None:
        assert dt.date.fromisoformat(day).isoformat() == day
    if isinstance(value, str):
        try:
            assert check_date(value) == value
        except BadDate:
            pass


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.dates(min_value=dt.date(1, 1, 8), max_value=dt.date(9999, 12, 24)),
       st.sampled_from(["on Tuesday", "last week", "next month", "in two days",
                        "on December 31", "the following year", "yesterday"]))
def test_relative_dates_at_any_anchor_never_raise(anchor: dt.date, phrase: str) -> None:
    text = f"Troops arrived {phrase}, officials said."
    for t in find_times(load_nlp()(text), anchor.isoformat()):
        assert text[t.span.start:t.span.end] == t.span.text
