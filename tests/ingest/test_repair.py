"""Text repair, site-suffix split and date normalisation."""

from __future__ import annotations

import pytest

from vedette.ingest.dates import normalise_date
from vedette.ingest.repair import repair_text, split_site_suffix


def test_repair_fixes_mojibake() -> None:
    assert repair_text("The ministerâ€™s office") == "The minister’s office"


def test_repair_keeps_curly_quotes() -> None:
    text = "He said “we will talk” and ‘soon’."
    assert repair_text(text) == text


def test_repair_normalises_line_endings_and_edges() -> None:
    assert repair_text("\ufeff\n\n  \nFirst line\r\nSecond line\r\n\n") == "First line\nSecond line"


@pytest.mark.parametrize(
    ("headline", "title", "site"),
    [
        (
            "Officials say talks will resume next month – Daily Example",
            "Officials say talks will resume next month",
            "Daily Example",
        ),
        (
            "Officials say talks will resume next month | example.com",
            "Officials say talks will resume next month",
            "example.com",
        ),
        ("Ministers agree to meet again - Reuters", "Ministers agree to meet again", "Reuters"),
        (
            "Ministers agree to meet again — The Times of Example",
            "Ministers agree to meet again",
            "The Times of Example",
        ),
        # The last separator wins: a dash inside the title stays in the title.
        (
            "Russia - Ukraine talks will resume next month – Henry’s Club",
            "Russia - Ukraine talks will resume next month",
            "Henry’s Club",
        ),
    ],
)
def test_split_site_suffix(headline: str, title: str, site: str) -> None:
    split = split_site_suffix(headline)
    assert (split.title, split.site) == (title, site)


@pytest.mark.parametrize(
    "headline",
    [
        "Russia - Ukraine talks",  # left part too short to be a headline
        "Talks end – Daily Example",  # two words are not a sentence-like title
        "Officials say talks will resume – and then stall again",  # lower-case clause
        "Officials say talks will resume next month – Live Updates",  # a label, not a site
        "Officials say talks will resume – Officials Deny Any Such Plan Was Ever Made",  # too long
        "Officials say talks will resume – Next month.",  # sentence punctuation
        "Officials say talks will resume next month",  # no separator at all
        "Officials say talks will resume next month-Daily Example",  # hyphen without spaces
    ],
)
def test_split_site_suffix_leaves_other_titles_whole(headline: str) -> None:
    split = split_site_suffix(headline)
    assert split.site is None
    assert split.title == headline


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-12-08", "2021-12-08"),
        (" 2021-12-08 ", "2021-12-08"),
        ("2021-12-08T10:15:00Z", "2021-12-08"),
        ("2021-12-08 10:15", "2021-12-08"),
        ("2021-02-30", None),
        ("08/12/2021", None),
        ("December 8, 2021", None),
        ("2021-12-08garbage", None),
        ("", None),
        (None, None),
        (20211208, None),
    ],
)
def test_normalise_date(value: object, expected: str | None) -> None:
    assert normalise_date(value) == expected
