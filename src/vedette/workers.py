"""The worker pool of `ingest --workers N`, startable before the heavy imports.

Each worker imports spaCy and loads the model and tables (about 1.4 s of CPU). The CLI starts
the pool first thing, so that this overlaps the ingest process's own imports (about 0.9 s)
instead of following them. Kept light: importing this module imports no spaCy.
"""

from __future__ import annotations

import multiprocessing as mp
from multiprocessing.pool import Pool


def start_pool(workers: int) -> Pool | None:
    """A pool of `workers` warm processes, or None for one worker (analysis in process)."""
    if workers <= 1:
        return None
    ctx = mp.get_context("spawn")  # no forked spaCy state, same on every platform
    return ctx.Pool(workers, initializer=_warm)


def _warm() -> None:
    from vedette.service import warm_up

    warm_up()
