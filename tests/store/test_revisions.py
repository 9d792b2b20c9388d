"""Revisions: a new text at a known source is its next revision; queries read the latest."""

from __future__ import annotations

from tests.store.test_contract import TEXT, _report
from vedette.analyze.estimates import estimates
from vedette.analyze.history import history
from vedette.records import Report
from vedette.store import Store

EDITED = TEXT.replace("100,000", "120,000")


def _save(store: Store, report: Report) -> None:
    store.save_report(report, version="t", config_hash="h")


def test_new_text_at_a_known_source_is_a_revision(store: Store) -> None:
    first = store.save_report(_report(), version="t", config_hash="h")
    second = store.save_report(_report(EDITED, value=120_000), version="t", config_hash="h")
    again = store.save_report(_report(EDITED, value=120_000), version="t", config_hash="h")
    assert (first.stored, first.revision, first.superseded) == (True, 1, None)
    assert (second.stored, second.revision) == (True, 2)
    assert second.superseded == _report().article.id
    assert (again.stored, again.revision) == (False, None)
    assert store.count() == 2 and store.count("revisions") == 2
    assert [c.value for c in store.claims()] == [120_000]
    assert sorted(c.value or 0 for c in store.claims(revisions="all")) == [100_000, 120_000]
    assert [a.text for a in store.latest_articles()] == [EDITED]
    assert len(list(store.articles("all"))) == 2
    assert len(store.quotes_by("ministry")) == 1 and len(store.events("all")) == 2


def test_a_text_that_comes_back_is_the_latest_again(store: Store) -> None:
    for text, value in ((TEXT, 100_000), (EDITED, 120_000), (TEXT, 100_000)):
        _save(store, _report(text, value=value))
    assert [r.revision for r in store.history("a.txt")] == [1, 2, 3]
    assert [c.value for c in store.claims()] == [100_000]


def test_the_same_text_at_two_sources_is_stored_once(store: Store) -> None:
    _save(store, _report(path="a.txt"))
    saved = store.save_revision(_report(path="mirror/a.txt").article)
    assert saved.revision == 1 and not saved.stored
    assert store.count() == 1
    assert store.latest_by_source(["a.txt", "mirror/a.txt", "nope"]) == {
        "a.txt": _report().article.id, "mirror/a.txt": _report().article.id}


def test_a_url_is_the_source_whatever_the_path(store: Store) -> None:
    first, second = _report(path="crawl1/page.html"), _report(EDITED, path="crawl2/page.html")
    for r in (first, second):
        r.article.url = "https://example.org/news/1"
        _save(store, r)
    (found,) = history(store, "https://example.org/news/1")
    assert [r.path for r in found.revisions] == ["crawl1/page.html", "crawl2/page.html"]


def test_history_shows_what_changed(store: Store) -> None:
    _save(store, _report())
    _save(store, _report(EDITED, value=120_000))
    (found,) = history(store, "a.txt")
    assert [r.latest for r in found.revisions] == [False, True]
    (step,) = found.changes
    (claim,) = step.claims
    assert claim.change == "revised"
    assert claim.before is not None and claim.after is not None
    assert (claim.before.value, claim.after.value) == (100_000, 120_000)
    assert [q.change for q in step.quotes] == ["revised"]


def test_revisions_do_not_confirm_each_other(store: Store) -> None:
    _save(store, _report())
    _save(store, _report(EDITED.replace("120,000", "101,000"), value=101_000))
    (only,) = estimates(store)
    assert only.confirmations == 1


def test_export_reads_latest_revisions_unless_asked(store: Store) -> None:
    from vedette.analyze.export import rows

    _save(store, _report())
    _save(store, _report(EDITED, value=120_000))
    assert [r["claims"][0]["value"] for r in rows(store, "articles")] == [120_000]
    assert len(list(rows(store, "claims", "all"))) == 2
    assert [r["revision"] for r in rows(store, "revisions")] == [1, 2]


def test_history_finds_a_url_however_it_is_spelled(store: Store) -> None:
    stored = "https://Example.org/news/1/?id=7&utm_source=feed"
    for text, value in ((TEXT, 100_000), (EDITED, 120_000)):
        report = _report(text, value=value, path="crawl/page.html")
        report.article.url = stored
        _save(store, report)
    other = _report(TEXT.replace("100,000", "90,000"), value=90_000, path="other.html")
    other.article.url = "https://example.org/news/1/?id=8"  # another page: another id
    _save(store, other)
    for spelled in ("HTTPS://EXAMPLE.ORG/news/1?id=7", "https://example.org/news/1?id=7#top",
                    "https://example.org/news/1/?utm_medium=email&id=7&utm_campaign=x"):
        (found,) = history(store, spelled)
        assert found.source == stored and len(found.revisions) == 2, spelled
    assert store.find_sources("https://example.org/news/1?id=9") == []
    assert store.find_sources("https://example.org/News/1?id=7") == []  # paths keep their case
