"""Ingest many inputs into the store: streamed, idempotent, resumable, optionally parallel.

Steps know nothing about where they run: the same `analyze_articles` runs in this process or
in worker processes that load spaCy once each. Only this process writes to the store, one
transaction per article, so a killed ingest loses at most the articles in flight, and running
the same command again skips everything already stored (the article id is its content hash).
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from vedette.config import EXTRACTOR_VERSION, IN_FLIGHT_PER_WORKER, config_hash
from vedette.records import Article, Rejection
from vedette.service import Outcome, analyze_articles, check_date
from vedette.store import Store, StoreError

Progress = Callable[[str, int], None]  # (event, amount): "file", "stored", "skipped", ...


@dataclass(slots=True)
class IngestSummary:
    files: int = 0
    stored: int = 0
    already_stored: int = 0
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)


def ingest(paths: Sequence[str], store: Store, *, workers: int = 1, raw: bool = False,
           published: str | None = None, progress: Progress | None = None) -> IngestSummary:
    from vedette.ingest import expand_inputs

    anchor = check_date(published)
    files, missing = expand_inputs(paths)
    summary = IngestSummary(files=len(files))
    notify = progress or (lambda _event, _n: None)
    for rejection in missing:
        _reject(store, summary, rejection)
    with _Analyzer(workers) as analyzer:
        for outcome in analyzer.stream(_new_articles(files, store, summary, anchor, notify)):
            _save(store, summary, outcome, notify)
    return summary


def _new_articles(files: Sequence[Path], store: Store, summary: IngestSummary,
                  anchor: str | None, notify: Progress) -> Iterator[Article]:
    """Articles not stored yet, file by file; known ones are skipped before parsing.

    Runs in the main thread, lazily: memory holds one file's articles at a time.
    """
    from vedette.ingest import read_articles_with_rejections

    for file in files:
        articles, rejections = read_articles_with_rejections(file)  # never raises for bad input
        for rejection in rejections:
            _reject(store, summary, rejection)
        known = store.known_ids(a.id for a in articles)
        for article in articles:
            if article.id in known:
                summary.already_stored += 1
                notify("skipped", 1)
                continue
            article.published = article.published or anchor
            yield article
        notify("file", 1)


def _save(store: Store, summary: IngestSummary, outcome: Outcome, notify: Progress) -> None:
    if outcome.rejection is not None:
        _reject(store, summary, outcome.rejection)
        return
    assert outcome.report is not None
    try:
        saved = store.save_report(outcome.report, version=EXTRACTOR_VERSION,
                                  config_hash=config_hash())
    except SQLAlchemyError as err:  # this article's transaction rolled back; go on
        failure = StoreError(str(err).splitlines()[0][:300], path=outcome.path)
        _reject(store, summary, Rejection(outcome.path, failure.reason, str(failure)))
        return
    if saved:
        summary.stored += 1
        notify("stored", 1)
    else:
        summary.already_stored += 1  # the same text twice in one run
        notify("skipped", 1)


def _reject(store: Store, summary: IngestSummary, rejection: Rejection) -> None:
    store.save_rejection(rejection)
    summary.rejected += 1
    summary.rejections.append(rejection)


class _Analyzer:
    """In-process analysis for one worker; a process pool (spaCy loaded once each) for more."""

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)
        self.pool: mp.pool.Pool | None = None

    def __enter__(self) -> _Analyzer:
        if self.workers > 1:
            ctx = mp.get_context("spawn")  # no forked spaCy state, same on every platform
            self.pool = ctx.Pool(self.workers, initializer=_warm)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()

    def stream(self, articles: Iterator[Article]) -> Iterator[Outcome]:
        """Outcomes in input order. With a pool, up to IN_FLIGHT_PER_WORKER articles per
        worker are queued, so no worker waits for a slow neighbour's batch to finish."""
        if self.pool is None:
            yield from analyze_articles(articles)
            return
        pending: deque[AsyncResult[list[Outcome]]] = deque()
        limit = IN_FLIGHT_PER_WORKER * self.workers
        for article in articles:
            pending.append(self.pool.apply_async(_analyze_chunk, ([article],)))
            while len(pending) >= limit:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


def _warm() -> None:
    from vedette.extract.pipeline import load_nlp

    load_nlp()


def _analyze_chunk(articles: list[Article]) -> list[Outcome]:
    return list(analyze_articles(articles))


def update_families(store: Store) -> int:
    """Add the new articles to the provenance index (links, merged families, origins: work
    grows with the new articles, not the store); returns the number of families."""
    try:
        from vedette.provenance.stored import update_index
    except ImportError:
        return 0
    update_index(store)
    return store.count("provenance_families")
