"""Estimates, confirmations, contradictions, timeline over a store."""

from __future__ import annotations

from tests.store.test_contract import TEXT, _report
from vedette.analyze.contradictions import contradictions
from vedette.analyze.estimates import estimates
from vedette.analyze.timeline import timeline
from vedette.store import Store
from vedette.store.rows import FamilyRow


def test_copies_count_once(store: Store) -> None:
    a = _report(path="a.txt")
    copy = _report(TEXT + " ", path="copy.txt")  # another article, same family
    independent = _report(TEXT + "  ", source="US officials", path="c.txt")
    for r in (a, copy, independent):
        store.save_report(r, version="t", config_hash="h")
    store.replace_families([FamilyRow(a.article.id, "f1", a.article.id, None, None),
                            FamilyRow(copy.article.id, "f1", a.article.id, None, None)])
    counts = {e.path: e.confirmations for e in estimates(store)}
    assert counts == {"a.txt": 2, "copy.txt": 2, "c.txt": 2}


def test_contradiction_between_sources(store: Store) -> None:
    store.save_report(_report(path="a.txt"), version="t", config_hash="h")
    store.save_report(_report(TEXT + " ", value=125_000, source="Emmanuel Macron",
                              path="b.txt", published="2021-12-10"), version="t", config_hash="h")
    found = contradictions(store)
    assert len(found) == 1 and {found[0].a.source, found[0].b.source} == {
        "Ukrainian Defense Ministry", "Emmanuel Macron"}


def test_timeline_merges_the_same_event(store: Store) -> None:
    store.save_report(_report(path="a.txt"), version="t", config_hash="h")
    store.save_report(_report(TEXT + " ", path="b.txt"), version="t", config_hash="h")
    (entry,) = timeline(store)
    assert entry.type == "MOBILIZE" and entry.sources == ("a.txt", "b.txt")


def test_more_than_is_not_contradicted_by_a_larger_number(store: Store) -> None:
    store.save_report(_report(path="a.txt", open_above=True), version="t", config_hash="h")
    store.save_report(_report(TEXT + " ", value=150_000, source="Linda Thomas-Greenfield",
                              path="b.txt", published="2021-12-10"), version="t", config_hash="h")
    assert contradictions(store) == []


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
