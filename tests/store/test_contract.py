"""The same contract for both backends: idempotent writes, rejections, queries."""

from __future__ import annotations

from vedette.records import Article, Claim, Event, Quote, Rejection, Report, Span, Speaker
from vedette.store import Store
from vedette.store.rows import FamilyRow

TEXT = "Russia has 100,000 troops near the border, the ministry said on Monday."


def _report(text: str = TEXT, value: float = 100_000, source: str = "Ukrainian Defense Ministry",
            path: str = "a.txt", published: str = "2021-12-08",
            open_above: bool = False) -> Report:
    article = Article(text=text, path=path, title="t", publisher="P", published=published)
    evidence = Span.of(text, 0, len(text))
    speaker = Speaker(source, None)
    return Report(
        article=article,
        quotes=[Quote("q1", "indirect", Span.of(text, 0, 41), Span.of(text, 57, 61),
                      Span.of(text, 43, 55), speaker)],
        claims=[Claim("c1", value, value, None if open_above else value, "troops",
                      "Russian troops", "near the border",
                      published, "reported", speaker, [], evidence)],
        events=[Event("e1", "MOBILIZE", ["Russia"], "border", published, "happened", evidence)],
    )


def test_migrations_are_recorded_once(store: Store) -> None:
    assert store.migrate() == []  # already applied by open_store


def test_save_is_idempotent(store: Store) -> None:
    report = _report()
    assert store.save_report(report, version="t", config_hash="h").stored is True
    assert store.save_report(report, version="t", config_hash="h").stored is False
    assert store.count() == 1
    assert store.count("quotes") == 1 and store.count("claims") == 1
    assert store.known_ids([report.article.id, "nope"]) == {report.article.id}


def test_rejections_are_kept_once(store: Store) -> None:
    r = Rejection("bad.txt", "empty_text", "[V002] empty_text: bad.txt: no text")
    store.save_rejection(r)
    store.save_rejection(r)
    assert store.rejections() == [r]


def test_queries(store: Store) -> None:
    store.save_report(_report(), version="t", config_hash="h")
    other = _report(TEXT.replace("100,000", "120,000"), value=120_000, source="CNN",
                    path="b.txt", published="2021-12-09")
    store.save_report(other, version="t", config_hash="h")
    claims = store.claims(counted="troops")
    assert [c.value for c in claims] == [100_000, 120_000]
    assert store.claims(since="2021-12-09")[0].source == "CNN"
    assert store.claims(near="belarus") == []
    assert [q.speaker for q in store.quotes_by("ministry")] == ["Ukrainian Defense Ministry"]
    assert store.events()[0].type == "MOBILIZE"
    assert [a.path for a in store.articles()] == ["a.txt", "b.txt"]


def test_families_replace(store: Store) -> None:
    report = _report()
    store.save_report(report, version="t", config_hash="h")
    store.replace_families([FamilyRow(report.article.id, "f1", None, "CNN", None)])
    store.replace_families([FamilyRow(report.article.id, "f2", None, "CNN", None)])
    assert [f.family for f in store.families()] == ["f2"]
    assert store.claims()[0].family == "f2"
