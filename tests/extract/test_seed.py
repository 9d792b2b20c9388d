"""The seed article: every attribution an analyst must untangle (read from ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import shared_path
from vedette.records import Quote, Report


@pytest.fixture(scope="module")
def seed_report() -> Report:
    from vedette.ingest import read_articles
    from vedette.service import analyze_article

    path = shared_path("seed", "000_422543fb29edb296.txt")
    (article,) = read_articles(Path(path))
    return analyze_article(article)


def _by_speaker(report: Report, name: str) -> list[Quote]:
    return [q for q in report.quotes if q.speaker and q.speaker.name == name]


def test_publisher_split_from_headline(seed_report: Report) -> None:
    assert seed_report.article.publisher == "Henry’s Club"
    assert seed_report.provenance.publisher == "Henry’s Club"
    assert seed_report.article.title is not None
    assert not seed_report.article.title.endswith("Club")


def test_spans_point_into_text(seed_report: Report) -> None:
    text = seed_report.article.text
    for q in seed_report.quotes:
        for span in (q.content, q.cue, q.source):
            if span is not None:
                assert text[span.start : span.end] == span.text
    for e in seed_report.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text


def test_defense_ministry_with_chain(seed_report: Report) -> None:
    quotes = _by_speaker(seed_report, "Ukrainian Defense Ministry")
    first = next(q for q in quotes if q.cue and q.cue.text == "said")
    assert first.content.text.startswith("fighters and other military equipment")
    assert first.chain == ["Ukrainian security sources", "CNN"]
    assert first.source is not None and "Defense Ministry" in first.source.text


def test_putin_quotes_with_pronoun_resolved(seed_report: Report) -> None:
    quotes = _by_speaker(seed_report, "Vladimir Putin")
    he_said = [q for q in quotes if q.source and q.source.text == "he"]
    assert he_said and he_said[0].kind == "direct"
    assert he_said[0].content.text.startswith("Russia is pursuing a peaceful foreign policy")
    described = [q for q in quotes if q.cue and q.cue.text.endswith("described")]
    assert described and "provocative" in described[0].content.text
    assert described[0].kind == "mixed"


def test_reznikov_direct_via_cnn_and_indirect(seed_report: Report) -> None:
    quotes = _by_speaker(seed_report, "Oleksii Reznikov")
    direct = [q for q in quotes if q.kind == "direct"]
    indirect = [q for q in quotes if q.kind == "indirect"]
    assert direct and direct[0].channel == "CNN"
    assert direct[0].content.text.startswith("This gathering of their soldiers")
    assert indirect and indirect[0].content.text.startswith("that the build-up of Russian troops")


def test_biden_warning(seed_report: Report) -> None:
    warned = [q for q in _by_speaker(seed_report, "Joe Biden") if q.cue and q.cue.text == "warned"]
    assert warned and "invading Ukraine" in warned[0].content.text
    assert "Washington is preparing" not in warned[0].content.text


def test_kirby_according_to(seed_report: Report) -> None:
    (kirby,) = _by_speaker(seed_report, "John Kirby")
    assert kirby.cue is not None and kirby.cue.text == "according to"
    assert "$60 million" in kirby.content.text


def test_headline_attributes_to_military_report(seed_report: Report) -> None:
    headline = [q for q in seed_report.quotes if q.content.start < 100]
    assert headline
    assert headline[0].speaker is not None
    assert headline[0].speaker.name == "Ukrainian military report"
    assert headline[0].content.text == "120,000 Russian soldiers near border"


def test_other_attributions(seed_report: Report) -> None:
    speakers = {q.speaker.name for q in seed_report.quotes if q.speaker}
    assert "US officials" in speakers
    cnn = [q for q in _by_speaker(seed_report, "CNN")
           if q.cue and q.cue.text.startswith("reported")]
    assert cnn and cnn[0].content.text.startswith("that the Russian military has the ability")
    report_said = [q for q in seed_report.quotes if q.source and q.source.text == "the report"]
    assert report_said


def test_entities_canonical(seed_report: Report) -> None:
    names = {e.name: e for e in seed_report.entities}
    assert "Kyiv" in names and "Kiev" in names["Kyiv"].aliases
    assert names["Vladimir Putin"].type == "PERSON"
    assert len(names["Vladimir Putin"].mentions) >= 2
    assert "Iskander missile" in names and names["Iskander missile"].type == "EQUIPMENT"
    assert "tank" in names


def _spans(node: object) -> list[dict[str, object]]:
    """Every {start, end, text} object anywhere in a JSON report."""
    found: list[dict[str, object]] = []
    if isinstance(node, dict):
        if {"start", "end", "text"} <= set(node):
            found.append(node)
        for value in node.values():
            found.extend(_spans(value))
    elif isinstance(node, list):
        for value in node:
            found.extend(_spans(value))
    return found


def test_every_span_in_the_json_report_points_into_the_text(seed_report: Report) -> None:
    data = seed_report.to_json()
    text = data["article"]["text"]
    spans = _spans({k: v for k, v in data.items() if k != "article"})
    assert len(spans) > 100
    for span in spans:
        assert text[span["start"] : span["end"]] == span["text"], span  # type: ignore[misc]
    for key in ("quantities", "claims", "times", "places", "events"):
        assert data[key], f"{key} is empty for the seed"
