"""Estimates, confirmations, contradictions, timeline over a store (issues 5 and 9)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from vedette.analyze.contradictions import contradictions
from vedette.analyze.estimates import estimates
from vedette.analyze.timeline import timeline
from vedette.records import Article, Claim, Event, Report, Span, Speaker
from vedette.store import Store, open_store
from vedette.store.rows import FamilyRow

TEXT = "Russia has 100,000 troops near the border, the ministry said on Monday."


def _report(text: str = TEXT, value: float = 100_000, source: str = "Ukrainian Defense Ministry",
            path: str = "a.txt", published: str = "2021-12-08", *, open_above: bool = False,
            of: str | None = "Russia", kind: str = "force", place: str = "near the border",
            chain: tuple[str, ...] = (), events: tuple[Event, ...] | None = None) -> Report:
    article = Article(text=text, path=path, title="t", publisher="P", published=published)
    evidence = Span.of(text, 0, len(text))
    claim = Claim("c1", value, value, None if open_above else value, "troops", "Russian troops",
                  place, published, "reported", Speaker(source, None), list(chain), evidence,
                  of=of, kind=kind)  # type: ignore[arg-type]
    default = (Event("e1", "MOBILIZE", ["Russia"], "border", published, "happened", evidence),)
    return Report(article=article, claims=[claim],
                  events=list(default if events is None else events))


def _save(store: Store, *reports: Report) -> None:
    for r in reports:
        store.save_report(r, version="t", config_hash="h")


def test_copies_count_once(store: Store) -> None:
    a = _report(path="a.txt")
    copy = _report(TEXT + " ", path="copy.txt")  # another article, same family
    independent = _report(TEXT + "  ", source="US officials", path="c.txt")
    _save(store, a, copy, independent)
    store.replace_families([FamilyRow(a.article.id, "f1", a.article.id, None, None),
                            FamilyRow(copy.article.id, "f1", a.article.id, None, None)])
    counts = {e.path: e.confirmations for e in estimates(store)}
    assert counts == {"a.txt": 2, "copy.txt": 2, "c.txt": 2}


def test_confirmations_ignore_the_wording_of_the_place(store: Store) -> None:
    _save(store, _report(path="a.txt", place="near the border"),
          _report(TEXT + " ", source="CNN", path="b.txt", place="in and around Ukraine"),
          _report(TEXT + "  ", source="NATO", path="c.txt", place=None),  # type: ignore[arg-type]
          _report(TEXT + "   ", source="Pentagon", path="d.txt", place="in Belarus"))
    counts = {e.path: e.confirmations for e in estimates(store)}
    assert counts == {"a.txt": 3, "b.txt": 3, "c.txt": 3, "d.txt": 1}


def test_estimates_of_one_actor_and_kind(store: Store) -> None:
    _save(store, _report(path="a.txt"),
          _report(TEXT + " ", value=2_500, of="United States", path="b.txt"),
          _report(TEXT + "  ", value=40, kind="casualty", path="c.txt"))
    assert [e.path for e in estimates(store, of="russia")] == ["a.txt"]
    assert sorted(str(e.of) for e in estimates(store)) == ["Russia", "United States"]
    assert [e.path for e in estimates(store, kind="casualty")] == ["c.txt"]
    assert len(estimates(store, kind="all")) == 3


def test_contradiction_between_sources(store: Store) -> None:
    _save(store, _report(path="a.txt", chain=("security sources",)),
          _report(TEXT + " ", value=125_000, source="Emmanuel Macron", path="b.txt",
                  published="2021-12-10"))
    (found,) = contradictions(store)
    assert {found.a.source, found.b.source} == {"Ukrainian Defense Ministry", "Emmanuel Macron"}
    assert found.a.chain == ("security sources",) and found.b.start == 0


def test_no_contradiction_inside_one_document_or_family(store: Store) -> None:
    a = _report(path="a.txt")
    b = _report(TEXT + " ", value=125_000, source="Emmanuel Macron", path="b.txt")
    _save(store, a, b)
    store.replace_families([FamilyRow(a.article.id, "f1", None, None, None),
                            FamilyRow(b.article.id, "f1", None, None, None)])
    assert contradictions(store) == []


def test_no_contradiction_across_actors_weeks_or_shared_origin(store: Store) -> None:
    _save(store, _report(path="a.txt"),
          _report(TEXT + " ", value=125_000, source="Emmanuel Macron", path="b.txt",
                  of="Ukraine"),
          _report(TEXT + "  ", value=150_000, source="Boris Johnson", path="c.txt",
                  published="2022-01-08"),
          _report(TEXT + "   ", value=60_000, source="CNN", path="d.txt",
                  chain=("Ukrainian Defense Ministry",)),
          _report(TEXT + "    ", value=30_000, source="Pentagon", path="e.txt",
                  kind="hypothetical"),
          _report(TEXT + "     ", value=30_000, source="Kremlin", path="f.txt", of=None))
    assert contradictions(store) == []


def test_overlap_within_ten_percent_is_no_contradiction(store: Store) -> None:
    _save(store, _report(path="a.txt"),
          _report(TEXT + " ", value=115_000, source="Emmanuel Macron", path="b.txt"))
    assert contradictions(store) == []


def test_more_than_is_not_contradicted_by_a_larger_number(store: Store) -> None:
    _save(store, _report(path="a.txt", open_above=True),
          _report(TEXT + " ", value=150_000, source="Linda Thomas-Greenfield", path="b.txt",
                  published="2021-12-10"))
    assert contradictions(store) == []


def _event(kind: str, actors: list[str], when: str | None, n: int = 1) -> Event:
    return Event(f"e{n}", kind, actors, None, when, "happened", Span.of(TEXT, 0, 6))


def test_timeline_merges_the_same_event(store: Store) -> None:
    _save(store, _report(path="a.txt"), _report(TEXT + " ", path="b.txt"))
    (entry,) = timeline(store)
    assert entry.type == "MOBILIZE" and entry.sources == ("a.txt", "b.txt")


def test_one_outlet_citing_one_source_twice_is_one_confirmation(store: Store) -> None:
    """The definition in vedette.provenance.confirm: origin (family, else credited outlet or
    publisher) and underlying source; another outlet citing the same source is another."""
    same_outlet = _report(TEXT + " ", path="b.txt")
    other_outlet = _report(TEXT + "  ", path="c.txt")
    other_outlet.article.publisher = "Other Wire"
    for r in (_report(path="a.txt"), same_outlet, other_outlet):
        store.save_report(r, version="t", config_hash="h")
    assert {e.path: e.confirmations for e in estimates(store)} == {
        "a.txt": 2, "b.txt": 2, "c.txt": 2}


def test_timeline_keeps_events_with_an_actor_and_a_day(store: Store) -> None:
    _save(store, _report(path="a.txt", published="2022-02-10", events=(
        _event("MOBILIZE", [], "2022-02-10", 1),  # no actor
        _event("CONSULT", ["Joe Biden"], None, 2),  # no date
        _event("AID", ["United States"], "2022-02", 3),  # not a day
        _event("ACCUSE", ["Russia"], "PRESENT_REF", 4),  # "now": the article's day
    )))
    assert [(e.type, e.date) for e in timeline(store)] == [("ACCUSE", "2022-02-10")]
    assert len(timeline(store, everything=True)) == 4


def test_timeline_merges_within_a_day_only(store: Store) -> None:
    _save(store, _report(path="a.txt", events=(_event("CONSULT", ["Joe Biden"], "2022-02-12"),)),
          _report(TEXT + " ", path="b.txt",
                  events=(_event("CONSULT", ["Joe Biden"], "2022-02-13"),)),
          _report(TEXT + "  ", path="c.txt",
                  events=(_event("CONSULT", ["Joe Biden"], "2022-03-12"),)),
          _report(TEXT + "   ", path="d.txt",
                  events=(_event("CONSULT", ["Vladimir Putin"], "2022-02-12"),)))
    found = [(e.date, e.actors, e.sources) for e in timeline(store)]
    assert found == [("2022-02-12", ("Joe Biden",), ("a.txt", "b.txt")),
                     ("2022-02-12", ("Vladimir Putin",), ("d.txt",)),
                     ("2022-03-12", ("Joe Biden",), ("c.txt",))]


def test_timeline_leaves_out_hypotheticals_denials_and_questions(store: Store) -> None:
    asked = Event("e2", "ASSAULT", ["Russia"], None, "2022-02-10", "happened",
                  Span.of("Will Russia invade?", 0, 19))
    _save(store, _report(path="a.txt", published="2022-02-10", events=(
        Event("e1", "ASSAULT", ["Russia"], None, "2022-02-10", "hypothetical",
              Span.of(TEXT, 0, 6)), asked)))
    assert timeline(store) == [] and len(timeline(store, everything=True)) == 1


def test_upgrade_adds_claim_of_and_keeps_old_claims_in_the_tracker(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    open_store(db).save_report(_report(), version="t", config_hash="h")
    with open_store(db).engine.begin() as conn:  # a database from before 0004_claim_of
        conn.execute(text("DROP INDEX ix_claims_of"))
        for column in ('"of"', "kind"):
            conn.execute(text(f"ALTER TABLE claims DROP COLUMN {column}"))
        conn.execute(text("DELETE FROM migrations WHERE name = '0004_claim_of'"))
    store = open_store(db)
    assert {"of", "kind"} <= {c["name"] for c in inspect(store.engine).get_columns("claims")}
    (old,) = estimates(store)  # no kind yet: counted as "other", not dropped
    assert (old.of, old.kind, old.value) == (None, None, 100_000)
