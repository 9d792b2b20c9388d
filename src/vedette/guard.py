"""The per-input guard: a time budget, library noise captured, any failure made a rejection.

Every input (one file being read, one article being analysed) runs inside `guarded`, in the
main process or in a worker process alike: the batch never stops for one input.

The time budget is an interval timer (SIGALRM) in the thread that runs the input, so it needs
no helper thread and works in pool workers, whose tasks run in their main thread. Python
delivers the signal between bytecodes; long C calls are bounded by parsing in slices.
Where no interval timer exists (Windows, or a thread other than the main one), the input
runs without one; the pool's own backstop (vedette.batch) still applies there.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType
from typing import Generic, TypeVar

from vedette.budgets import BASE_SECONDS_PER_INPUT, CHARS_PER_EXTRA_SECOND, SECONDS_ENV
from vedette.errors import InputRejected, InternalError, LibraryWarning, TooSlow, VedetteError
from vedette.records import Rejection

T = TypeVar("T")
# Characters of a library's message kept in the one coded line.
_MAX_NOTE_CHARS = 160


class TimeUp(BaseException):  # noqa: N818 - not an error of the input's making, a signal
    """Raised by the timer. A BaseException, so `except Exception` in readers and
    extractors (which turn bad markup into a rejection) cannot swallow it."""


@dataclass(slots=True)
class Guarded(Generic[T]):
    """What one guarded call gave: its value, or the rejection; notes from libraries."""

    value: T | None = None
    rejection: InputRejected | None = None
    notes: list[str] = field(default_factory=list)

    def note(self, where: str) -> InputRejected | None:
        """The captured library messages as one coded line (None when there were none)."""
        if not self.notes:
            return None
        more = f" (and {len(self.notes) - 1} more)" if len(self.notes) > 1 else ""
        first = _one_line(self.notes[0]).removeprefix(f"{where}: ")
        return LibraryWarning(first + more, path=where)


def as_rejection(error: VedetteError) -> Rejection:
    """The record of a rejected input, carrying the one-line coded message."""
    return Rejection(path=error.path, code=error.reason, message=str(error))


def seconds_for(chars: int) -> float:
    """The time budget of an input of `chars` characters (or bytes, before decoding); the
    environment variable SECONDS_ENV sets one flat budget instead (the fuzz tests do)."""
    flat = os.environ.get(SECONDS_ENV)
    if flat:
        return float(flat)
    return BASE_SECONDS_PER_INPUT + chars / CHARS_PER_EXTRA_SECOND


def guarded(where: str, seconds: float, call: Callable[[], T]) -> Guarded[T]:
    """Run `call` for the input `where` within `seconds`; never raises for the input's sake.

    A rejection raised inside stays itself; time running out becomes `too_slow`; anything
    else (a bug, RecursionError, MemoryError) becomes `internal_error` naming the input.
    """
    result: Guarded[T] = Guarded()
    try:
        with _captured(result.notes), deadline(seconds):
            result.value = call()
    except InputRejected as exc:
        result.rejection = exc
    except TimeUp:
        result.rejection = TooSlow(f"over its time budget of {seconds:.0f} s", path=where)
    except Exception as exc:  # noqa: BLE001 - the guard's purpose: one input, one line
        result.rejection = InternalError(_describe(exc), path=where)
    return result


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise TimeUp in this thread after `seconds`; nested deadlines keep the outer one."""
    if not _can_time() or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _time_up)
    signal.setitimer(signal.ITIMER_REAL, max(seconds, 0.001))
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _can_time() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _time_up(_signum: int, _frame: FrameType | None) -> None:
    raise TimeUp


class _NoteHandler(logging.Handler):
    def __init__(self, notes: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.notes = notes

    def emit(self, record: logging.LogRecord) -> None:
        self.notes.append(record.getMessage())


@contextmanager
def _captured(notes: list[str]) -> Iterator[None]:
    """Library warnings (the warnings module, logging at WARNING and above) into `notes`.

    A handler on the root logger also keeps Python's last-resort handler from printing
    uncoded lines to stderr.
    """
    handler = _NoteHandler(notes)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                yield
            finally:
                notes.extend(str(w.message) for w in caught)
    finally:
        root.removeHandler(handler)


def _describe(exc: BaseException) -> str:
    message = _one_line(str(exc))
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def _one_line(text: str) -> str:
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(printable.split())[:_MAX_NOTE_CHARS]
