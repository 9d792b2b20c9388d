"""The ingest pool's scheduling (batch._Analyzer with workers): the longest article read
ahead is sent first, outcomes leave in input order, a failing or silent worker costs its
own article only. A thread pool stands in for the process pool, the analysis is a stub that
records what it was given: scheduling is what is tested here; `tests/cli` runs real workers.
"""

from __future__ import annotations

import threading
import time
from multiprocessing.pool import ThreadPool

import pytest

from vedette import batch
from vedette.records import Article, Outcome


class _Stub:
    """Analysis in name only: records the order articles start in."""

    def __init__(self, hang: str | None = None, fail: str | None = None) -> None:
        self.started: list[str] = []
        self.hang, self.fail = hang, fail
        self.lock = threading.Lock()

    def __call__(self, articles: list[Article], fingerprints: bool = False
                 ) -> batch._Analysed:
        article = articles[0]
        with self.lock:
            self.started.append(article.path)
        if article.path == self.fail:
            raise RuntimeError("worker lost")
        if article.path == self.hang and self.started.count(article.path) == 1:
            time.sleep(3)  # silent past the backstop (a thread cannot be killed: it returns)
        time.sleep(len(article.text) / 100_000)
        return batch._Analysed([Outcome(article.path)], {}, "worker-config")


def _articles(lengths: list[int]) -> list[Article]:
    return [Article(text="x" * n, path=f"a{i}") for i, n in enumerate(lengths)]


@pytest.fixture
def pooled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch._Analyzer, "_new_pool", lambda self: ThreadPool(self.workers))


def _run(stub: _Stub, articles: list[Article], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setattr(batch, "_analyze_chunk", stub)
    with batch._Analyzer(2) as analyzer:
        return [o.path for o in analyzer.stream(iter(articles))]


def test_longest_first_outcomes_in_input_order(pooled: None,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _articles([500, 800, 300, 20_000, 700, 100, 900, 400])
    stub = _Stub()
    out = _run(stub, articles, monkeypatch)
    assert out == [a.path for a in articles]
    assert stub.started[0] == "a3"  # the longest, fourth in the input, went first
    assert sorted(stub.started) == sorted(out)  # each analysed once


def test_look_ahead_is_bounded(pooled: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "LOOKAHEAD_PER_WORKER", 2)
    articles = _articles([100] * 10 + [50_000])
    stub = _Stub()
    out = _run(stub, articles, monkeypatch)
    assert out == [a.path for a in articles]
    assert stub.started.index("a10") >= 6  # beyond the look-ahead: not seen early


def test_failing_worker_rejects_its_article_only(pooled: None,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    articles = _articles([300, 200, 100])
    stub = _Stub(fail="a1")
    monkeypatch.setattr(batch, "_analyze_chunk", stub)
    with batch._Analyzer(2) as analyzer:
        outcomes = list(analyzer.stream(iter(articles)))
    assert [o.path for o in outcomes] == ["a0", "a1", "a2"]
    rejected = [o for o in outcomes if o.rejection is not None]
    assert [o.path for o in rejected] == ["a1"]
    assert rejected[0].rejection is not None and rejected[0].rejection.code == "internal_error"


def test_silent_worker_is_too_slow_and_the_rest_goes_on(pooled: None,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batch, "seconds_for", lambda _chars: 0.1)
    monkeypatch.setattr(batch, "POOL_GRACE_SECONDS", 0.3)
    monkeypatch.setattr(batch, "POOL_POLL_SECONDS", 0.05)
    articles = _articles([900, 100, 200, 300])
    stub = _Stub(hang="a0")
    monkeypatch.setattr(batch, "_analyze_chunk", stub)
    with batch._Analyzer(2) as analyzer:
        outcomes = list(analyzer.stream(iter(articles)))
    assert [o.path for o in outcomes] == ["a0", "a1", "a2", "a3"]
    codes = {o.path: (o.rejection.code if o.rejection else None) for o in outcomes}
    assert codes == {"a0": "too_slow", "a1": None, "a2": None, "a3": None}


def test_the_configuration_hash_is_the_workers(pooled: None,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """With a pool, outcomes are stored with the hash their worker computed: the ingest
    process never computes one (that would import every extraction module, and spaCy)."""
    import vedette.config

    def not_here() -> str:
        raise AssertionError("the ingest process computed a configuration hash")

    monkeypatch.setattr(vedette.config, "config_hash", not_here)
    monkeypatch.setattr(batch, "_analyze_chunk", _Stub())
    with batch._Analyzer(2) as analyzer:
        assert [o.path for o in analyzer.stream(iter(_articles([100, 200])))] == ["a0", "a1"]
        assert analyzer.config_hash() == "worker-config"
