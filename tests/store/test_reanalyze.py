"""A store written by an older extractor is brought up to date by `vedette reanalyze`, which
is killed halfway (kill -9) and resumed: nothing is lost, nothing done twice."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from typer.testing import CliRunner

from tests.store.test_concurrency import FILES, _write_corpus
from vedette.cli import app
from vedette.config import EXTRACTOR_VERSION
from vedette.store import SqlStore, open_store, schema

KILL_TIMEOUT_S = 300
POLL_S = 0.02


def test_reanalyze_killed_then_resumed(db_url: str, tmp_path: Path) -> None:
    paths = _write_corpus(tmp_path / "c")
    ingested = CliRunner().invoke(app, ["ingest", *map(str, paths), "--db", db_url])
    assert ingested.exit_code == 0, ingested.output
    store = open_store(db_url)
    expected = _snapshot(store)
    _make_old(store)
    assert f"{FILES} stored article(s) were analysed by an older" in CliRunner().invoke(
        app, ["ingest", *map(str, paths), "--db", db_url]).stderr
    cmd = [sys.executable, "-m", "vedette.cli", "reanalyze", "--db", db_url]
    done = _kill_when_some_done(cmd, store)
    assert 1 <= done < FILES, "the kill came too late to test resuming"
    if store.backend == "sqlite":
        with sqlite3.connect(db_url) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rerun = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    left = FILES - done
    assert f"{left} re-analysed of {left} stale, 0 done by another process, 0 failed" in (
        rerun.stderr)
    assert _current(store) == FILES
    assert _snapshot(store) == expected


def _make_old(store: SqlStore) -> None:
    """What an older extractor left: another version and hash, no claims, no quotes."""
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE articles SET extractor_version = '0.1.0', "
                          "config_hash = 'older'"))
        conn.execute(text("DELETE FROM claims"))
        conn.execute(text("DELETE FROM quotes"))


def _kill_when_some_done(cmd: list[str], store: SqlStore) -> int:
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + KILL_TIMEOUT_S
    while time.monotonic() < deadline and proc.poll() is None and _current(store) < 1:
        time.sleep(POLL_S)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return _current(store)


def _current(store: SqlStore) -> int:
    a = schema.articles
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(a).where(
            a.c.extractor_version == EXTRACTOR_VERSION)).scalar_one())


def _snapshot(store: SqlStore) -> dict[str, Any]:
    """Every stored report and item, as re-analysis must leave it."""
    with store.engine.connect() as conn:
        return {t: sorted(map(tuple, conn.execute(select(schema.metadata.tables[t]))),
                          key=repr) for t in ("articles", "quotes", "claims", "events")}
