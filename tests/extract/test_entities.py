"""Canonical names within an article."""

from __future__ import annotations

from vedette.service import analyze_text

TEXT = (
    "Ukraine’s President Volodymyr Zelensky met Oleksey Reznikov in Kiev. "
    "Zelenskyy later spoke to Reznikov. Russian President Vladimir Putin was not invited. "
    "Putin has moved tanks, howitzers and Iskander missiles. He said nothing."
)


def _entities() -> dict[str, tuple[str, list[str], int]]:
    report = analyze_text(TEXT, raw=True)
    return {e.name: (e.type, e.aliases, len(e.mentions)) for e in report.entities}


def test_alias_table_variants() -> None:
    ents = _entities()
    assert "Kyiv" in ents and "Kiev" in ents["Kyiv"][1]
    assert ents["Volodymyr Zelenskyy"][0] == "PERSON"
    assert ents["Volodymyr Zelenskyy"][2] >= 2
    assert ents["Oleksii Reznikov"][2] >= 2


def test_surname_links_to_full_name() -> None:
    ents = _entities()
    assert ents["Vladimir Putin"][2] >= 2
    assert "Putin" not in ents


def test_equipment_lexicon() -> None:
    ents = _entities()
    for name in ("tank", "artillery", "Iskander missile"):
        assert ents[name][0] == "EQUIPMENT"


def test_unknown_surname_links_within_article() -> None:
    report = analyze_text("General Ivan Petrenko arrived. Petrenko said the troops left.", raw=True)
    names = {e.name for e in report.entities if e.type == "PERSON"}
    assert "Ivan Petrenko" in names and "Petrenko" not in names
    said = [q for q in report.quotes if q.cue and q.cue.text == "said"]
    assert said and said[0].speaker is not None and said[0].speaker.name == "Ivan Petrenko"


def test_entity_ids_are_unique() -> None:
    report = analyze_text("The Navy sent ships. The navy said European and Europeans agreed.",
                          raw=True)
    ids = [e.id for e in report.entities]
    assert len(ids) == len(set(ids))
