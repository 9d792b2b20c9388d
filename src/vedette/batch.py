"""Ingest many inputs into the store: streamed, idempotent, resumable, optionally parallel.

Steps know nothing about where they run: the same `analyze_articles` runs in this process or
in worker processes that load spaCy once each. Only this process writes to the store, one
transaction per article, committed as soon as that article's parse batch is analysed, so a
killed ingest loses at most the articles in flight (IN_PROCESS_BATCH with one worker), and
running the same command again skips everything already stored (the article id is its
content hash).

Isolation: each file is read, and each article analysed and stored, inside its own guard
(vedette.guard): a time budget, and any failure a coded rejection of that input alone. A
worker process that stops answering (a C call past its budget, a worker killed for memory)
is caught by a backstop here: its article is `too_slow`, the pool is replaced and the
articles in flight are sent again.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from vedette.budgets import (
    DEFERRED_REVISIONS,
    KNOWN_PRINTS,
    LOOKAHEAD_CHARS,
    LOOKAHEAD_PER_WORKER,
    POOL_BACKSTOP_FACTOR,
    POOL_GRACE_SECONDS,
    POOL_POLL_SECONDS,
)
from vedette.config import EXTRACTOR_VERSION, IN_FLIGHT_PER_WORKER
from vedette.dates import check_date
from vedette.errors import InternalError, TooSlow
from vedette.guard import as_rejection, seconds_for
from vedette.records import Article, Outcome, Rejection
from vedette.store import Store, StoreError, source_of
from vedette.store.rows import Saved
from vedette.store.settings import INDEX_ATTEMPTS, RETRY_BACKOFF_S
from vedette.workers import start_pool

if TYPE_CHECKING:
    from vedette.provenance.stored import TextPrint

Progress = Callable[[str, int], None]  # (event, amount): "file", "stored", "skipped", ...
# Articles parsed together by `nlp.pipe` with one worker: about 10% less CPU than one at a
# time over ../shared/corpus, for at most this many analyses lost when the run is killed.
IN_PROCESS_BATCH = 8


@dataclass(slots=True)
class IngestSummary:
    files: int = 0
    stored: int = 0
    already_stored: int = 0
    revised: int = 0  # new texts at known sources, stored as their next revision
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    notes: list[Rejection] = field(default_factory=list)  # library warnings, not rejections
    # Provenance fingerprints the workers computed, by text hash: the index update reuses them.
    prints: dict[str, TextPrint] = field(default_factory=dict, repr=False)
    config_hash: str | None = None  # the hash the reports were stored with (None: none were)


def ingest(paths: Sequence[str], store: Store, *, workers: int = 1, raw: bool = False,
           published: str | None = None, progress: Progress | None = None,
           follow_links: bool = False, pool: Pool | None = None) -> IngestSummary:
    """`pool`: workers started already (`vedette.workers.start_pool(workers)`); this
    function terminates it when done."""
    from vedette.ingest import expand_inputs

    anchor = check_date(published)
    files, missing = expand_inputs(paths, follow_links=follow_links)
    summary = IngestSummary(files=len(files))
    notify = progress or (lambda _event, _n: None)
    for rejection in missing:
        _reject(store, summary, rejection)
    order = _InputOrder()
    with _Analyzer(workers, pool, fingerprints=True) as analyzer:
        articles = _new_articles(files, store, summary, anchor, notify, order)
        for outcome in analyzer.stream(articles):
            _save_revisions(store, summary, order, notify, upto=order.saved)
            _save(store, summary, outcome, notify, analyzer.config_hash)
            order.saved += 1
        _save_revisions(store, summary, order, notify, upto=None)
        summary.prints = analyzer.prints
        summary.config_hash = analyzer.config
    return summary


def _new_articles(files: Sequence[Path], store: Store, summary: IngestSummary,
                  anchor: str | None, notify: Progress,
                  order: _InputOrder) -> Iterator[Article]:
    """Articles not stored yet, file by file; known ones are skipped before parsing.

    Runs in the main thread, lazily: memory holds one file's articles at a time. The
    analysis reads ahead of the saves, so a stored text met at a new source while analysed
    articles are in flight waits in `order` for its turn: a source's revisions keep the
    input's order. Past DEFERRED_REVISIONS waiting, they are saved at once (memory), ahead
    of the articles still in flight.
    """
    from vedette.ingest import read_input

    for file in files:
        found = read_input(file)  # guarded: never raises for the input's sake
        summary.notes.extend(found.notes)
        for rejection in found.rejections:
            _reject(store, summary, rejection)
        known = store.known_ids(a.id for a in found.articles)
        latest = store.latest_by_source(source_of(a) for a in found.articles)
        for article in found.articles:
            if latest.get(source_of(article)) == article.id:
                summary.already_stored += 1
                notify("skipped", 1)
                continue
            if article.id in known:  # a stored text, new at this source: no need to parse
                order.revisions.append((order.sent, article))
                if order.saved == order.sent or len(order.revisions) > DEFERRED_REVISIONS:
                    _save_revisions(store, summary, order, notify, upto=None)
                continue
            article.published = article.published or anchor
            order.sent += 1
            yield article
        notify("file", 1)


@dataclass(slots=True)
class _InputOrder:
    """Analysed articles sent and saved so far, and the revisions of stored texts waiting,
    each with the number of analysed articles read before it."""

    sent: int = 0
    saved: int = 0
    revisions: deque[tuple[int, Article]] = field(default_factory=deque)


def _save_revisions(store: Store, summary: IngestSummary, order: _InputOrder,
                    notify: Progress, *, upto: int | None) -> None:
    """The revisions read before analysed article number `upto` (None: all waiting)."""
    while order.revisions and (upto is None or order.revisions[0][0] <= upto):
        _save_revision(store, summary, order.revisions.popleft()[1], notify)


def _save(store: Store, summary: IngestSummary, outcome: Outcome, notify: Progress,
          config: Callable[[], str]) -> None:
    if outcome.note is not None:
        summary.notes.append(outcome.note)
    if outcome.rejection is not None:
        _reject(store, summary, outcome.rejection)
        return
    assert outcome.report is not None
    try:  # the writer is idempotent and retries lock conflicts: what fails here is real
        saved = store.save_report(outcome.report, version=EXTRACTOR_VERSION,
                                  config_hash=config())
    except SQLAlchemyError as err:  # this article's transaction rolled back; go on
        _reject(store, summary, as_rejection(StoreError(_first_line(err), path=outcome.path)))
        return
    except Exception as err:  # noqa: BLE001 - a bug in writing one report: that one only
        failure = InternalError(f"storing: {type(err).__name__}: {_first_line(err)}",
                                path=outcome.path)
        _reject(store, summary, as_rejection(failure))
        return
    _count(summary, saved, notify)


def _save_revision(store: Store, summary: IngestSummary, article: Article,
                   notify: Progress) -> None:
    try:
        saved = store.save_revision(article)
    except SQLAlchemyError as err:
        _reject(store, summary, as_rejection(StoreError(_first_line(err), path=article.path)))
        return
    _count(summary, saved, notify)


def _count(summary: IngestSummary, saved: Saved, notify: Progress) -> None:
    if saved.stored:
        summary.stored += 1
        notify("stored", 1)
    else:
        summary.already_stored += 1  # stored by an earlier run, another process, or twice here
        notify("skipped", 1)
    if saved.revision is not None and saved.revision > 1:
        summary.revised += 1


def _first_line(err: BaseException) -> str:
    lines = str(err).splitlines()
    return lines[0][:300] if lines else ""


def _reject(store: Store, summary: IngestSummary, rejection: Rejection) -> None:
    store.save_rejection(rejection)
    summary.rejected += 1
    summary.rejections.append(rejection)


@dataclass(slots=True, eq=False)
class _Task:
    """One article on its way through the pool."""

    article: Article
    result: AsyncResult[_Analysed] | None = None  # None: not sent (again) yet
    outcomes: list[Outcome] | None = None  # set once its result is in


class _Analyzer:
    """In-process analysis for one worker; a process pool (spaCy loaded once each) for more.

    With a pool, articles are read ahead (LOOKAHEAD_PER_WORKER per worker), the longest
    waiting one is sent first while fewer than IN_FLIGHT_PER_WORKER per worker are unfinished,
    finished outcomes wait for their turn, and outcomes leave in input order: the store sees
    the order of one worker, and no worker idles behind a long article at the head."""

    def __init__(self, workers: int, pool: Pool | None = None, *,
                 fingerprints: bool = False) -> None:
        self.workers = max(1, workers)
        self.pool = pool
        self.fingerprints = fingerprints  # workers return provenance prints (ingest only)
        self.pending: deque[_Task] = deque()  # read, in input order, until yielded
        self.running: list[_Task] = []  # sent and unfinished, in the order sent
        self.watched: tuple[_Task, float] | None = None  # oldest running, since when
        self.wake = threading.Event()  # set by the pool when a result comes in
        self.prints: dict[str, TextPrint] = {}  # from the workers, at most KNOWN_PRINTS
        self.config: str | None = None  # the configuration hash of the analysis

    def __enter__(self) -> _Analyzer:
        if self.workers > 1 and self.pool is None:
            self.pool = self._new_pool()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()

    def stream(self, articles: Iterator[Article]) -> Iterator[Outcome]:
        """Outcomes in input order. In this process articles are parsed IN_PROCESS_BATCH at a
        time (spaCy's batched parse is the cheaper one), each stored once its batch is
        analysed."""
        if self.pool is None:
            from vedette.service import analyze_articles

            yield from analyze_articles(articles, batch_size=IN_PROCESS_BATCH)
            return
        more = True
        while more or self.pending:
            self.wake.clear()  # before looking: a result arriving after this wakes the wait
            more = more and self._read_ahead(articles)
            self._collect()
            self._send()
            if self.pending and self.pending[0].outcomes is not None:
                while self.pending and self.pending[0].outcomes is not None:
                    yield from self.pending.popleft().outcomes or []
            elif self.pending:
                self.wake.wait(POOL_POLL_SECONDS)

    def config_hash(self) -> str:
        """The configuration hash the outcomes were analysed with: the workers' (so the
        ingest process of a pool imports no spaCy: three processes would share two cores
        while it did), else this process's."""
        if self.config is None:
            from vedette.config import config_hash

            self.config = config_hash()
        return self.config

    def _read_ahead(self, articles: Iterator[Article]) -> bool:
        """Fill the look-ahead; False once the input is exhausted."""
        chars = sum(len(t.article.text) for t in self.pending)
        while len(self.pending) < self.workers or (
                len(self.pending) < LOOKAHEAD_PER_WORKER * self.workers
                and chars < LOOKAHEAD_CHARS):
            article = next(articles, None)
            if article is None:
                return False
            self.pending.append(_Task(article))
            chars += len(article.text)
        return True

    def _send(self) -> None:
        """The longest unsent articles, while fewer than the in-flight limit are unfinished."""
        assert self.pool is not None
        while len(self.running) < IN_FLIGHT_PER_WORKER * self.workers:
            unsent = [t for t in self.pending if t.result is None and t.outcomes is None]
            if not unsent:
                return
            task = max(unsent, key=lambda t: len(t.article.text))  # first of equals: input order
            task.result = self.pool.apply_async(_analyze_chunk,
                                                ([task.article], self.fingerprints),
                                                callback=self._woken,
                                                error_callback=self._woken)
            self.running.append(task)

    def _woken(self, _result: object) -> None:
        self.wake.set()

    def _collect(self) -> None:
        """Outcomes of finished articles; the backstop for the oldest unfinished one."""
        for task in [t for t in self.running if t.result is not None and t.result.ready()]:
            task.outcomes = self._outcome(task)
            self.running.remove(task)
        if not self.running:
            self.watched = None
            return
        oldest = self.running[0]  # the pool's queue is first in, first out: it is running
        if self.watched is None or self.watched[0] is not oldest:
            self.watched = (oldest, time.monotonic())
        article = oldest.article
        # The worker's own deadline fires first; this one only catches a worker that cannot
        # run Python any more (a long C call, killed by the system).
        backstop = POOL_BACKSTOP_FACTOR * seconds_for(len(article.text)) + POOL_GRACE_SECONDS
        if time.monotonic() - self.watched[1] > backstop:
            error = TooSlow(f"its worker stopped answering after {backstop:.0f} s",
                            path=article.path)
            oldest.outcomes = [Outcome(article.path, rejection=as_rejection(error))]
            self._restart()

    def _outcome(self, task: _Task) -> list[Outcome]:
        assert task.result is not None
        try:
            done = task.result.get()
            self.config = done.config
            for text_id, known in done.prints.items():
                if len(self.prints) < KNOWN_PRINTS:
                    self.prints[text_id] = known
            return done.outcomes
        except Exception as err:  # noqa: BLE001 - the worker failed outside the guard
            error = InternalError(f"worker: {type(err).__name__}: {_first_line(err)}",
                                  path=task.article.path)
            return [Outcome(task.article.path, rejection=as_rejection(error))]

    def _new_pool(self) -> Pool:
        pool = start_pool(self.workers)
        assert pool is not None
        return pool

    def _restart(self) -> None:
        """A new pool; the articles that were in flight in the old one are sent again."""
        assert self.pool is not None
        self.pool.terminate()
        self.pool.join()
        self.pool = self._new_pool()
        for task in self.running:
            task.result = None
        self.running.clear()
        self.watched = None


@dataclass(slots=True)
class _Analysed:
    """A worker's answer: the outcomes, and the provenance fingerprint of each analysed text
    (by text hash), which the index update would otherwise compute alone at the end."""

    outcomes: list[Outcome]
    prints: dict[str, TextPrint]
    config: str  # the worker's configuration hash (vedette.config.config_hash)


def _analyze_chunk(articles: list[Article], fingerprints: bool = False) -> _Analysed:
    from vedette.config import config_hash
    from vedette.provenance.stored import text_print
    from vedette.service import analyze_articles

    outcomes = list(analyze_articles(articles))
    texts = [o.report.article for o in outcomes if o.report is not None] if fingerprints else []
    return _Analysed(outcomes, {a.id: text_print(a.text) for a in texts}, config_hash())


def update_families(store: Store, known: Mapping[str, TextPrint] | None = None) -> int:
    """Add the new articles to the provenance index (links, merged families, origins: work
    grows with the new articles, not the store); returns the number of families. `known`:
    fingerprints computed already (IngestSummary.prints)."""
    try:
        from vedette.provenance.stored import update_index
    except ImportError:
        return 0
    for attempt in range(INDEX_ATTEMPTS):
        try:
            update_index(store, known=known)
            break
        except (IntegrityError, OperationalError):
            # Another ingest indexed at the same moment: its batch took the same index keys
            # and ours rolled back whole. Read again: what it left unindexed is done now.
            if attempt == INDEX_ATTEMPTS - 1:
                raise
            time.sleep(RETRY_BACKOFF_S * 2**attempt)
    return store.count("provenance_families")
