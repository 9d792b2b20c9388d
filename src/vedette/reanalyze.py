"""Re-analysis: stored articles analysed by another extractor version or configuration are
re-extracted from their stored text and replaced in place.

One transaction per article, so a killed run loses at most the articles in flight and the
same command resumes with what is still stale; two processes may run it at once (an article
already brought up to date by the other is left alone).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy.exc import SQLAlchemyError

from vedette.batch import Progress
from vedette.batch import _Analyzer as Analyzer  # the same analysis stages as `ingest`
from vedette.config import EXTRACTOR_VERSION, config_hash
from vedette.records import Article, Outcome, Rejection
from vedette.store import Store, StoreError

# Stored articles loaded from the store at a time.
LOAD_CHUNK = 32


@dataclass(slots=True)
class ReanalyzeSummary:
    stale: int = 0
    updated: int = 0
    done_elsewhere: int = 0  # brought up to date by another process meanwhile
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)


def stale_count(store: Store, config: str | None = None) -> int:
    """Stored articles analysed by another extractor version or configuration; `config`: the
    current configuration hash when known already (an ingest's workers computed it)."""
    return store.stale_count(EXTRACTOR_VERSION, config or config_hash())


def reanalyze(store: Store, *, workers: int = 1,
              progress: Progress | None = None) -> ReanalyzeSummary:
    ids = store.stale_ids(EXTRACTOR_VERSION, config_hash())
    summary = ReanalyzeSummary(stale=len(ids))
    notify = progress or (lambda _event, _n: None)
    notify("total", len(ids))
    with Analyzer(workers) as analyzer:
        for outcome in analyzer.stream(_articles(store, ids)):
            _replace(store, summary, outcome)
            notify("file", 1)
    return summary


def _articles(store: Store, ids: Sequence[str]) -> Iterator[Article]:
    for i in range(0, len(ids), LOAD_CHUNK):
        yield from store.load_articles(ids[i : i + LOAD_CHUNK])


def _replace(store: Store, summary: ReanalyzeSummary, outcome: Outcome) -> None:
    if outcome.rejection is not None:  # the old analysis stays, still stale
        _reject(store, summary, outcome.rejection)
        return
    assert outcome.report is not None
    try:
        replaced = store.replace_report(outcome.report, version=EXTRACTOR_VERSION,
                                        config_hash=config_hash())
    except SQLAlchemyError as err:
        failure = StoreError(str(err).splitlines()[0][:300], path=outcome.path)
        _reject(store, summary, Rejection(outcome.path, failure.reason, str(failure)))
        return
    if replaced:
        summary.updated += 1
    else:
        summary.done_elsewhere += 1


def _reject(store: Store, summary: ReanalyzeSummary, rejection: Rejection) -> None:
    store.save_rejection(rejection)
    summary.rejected += 1
    summary.rejections.append(rejection)
