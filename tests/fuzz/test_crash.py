"""`kill -9` of an ingest at seeded random points: after every kill the store passes SQLite's
integrity check and holds everything committed before; the last run stores exactly the rest."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.fuzz.generate import article

SEED = 8
KILLS = 10
# Enough articles (short ones: ~30 a second on an idle machine) that ten short runs do not
# store them all: a run that finishes before its kill point is no kill.
ARTICLES = 400
# Kill points: seeded, from half the measured start-up (nothing stored yet) to this many
# seconds past the first commit.
AFTER_FIRST_COMMIT_S = 1.0
RUN_TIMEOUT_S = 600


def _ids(db: Path) -> set[str]:
    if not db.exists():
        return set()
    with sqlite3.connect(db) as conn:
        try:
            return {row[0] for row in conn.execute("SELECT id FROM articles")}
        except sqlite3.OperationalError:  # killed before the schema was committed
            return set()


def _integrity(db: Path) -> str:
    if not db.exists():
        return "ok"
    with sqlite3.connect(db) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def _first_commit(cmd: list[str], db: Path) -> float:
    """Run until the first article is stored, kill -9 there; the seconds that took."""
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not _ids(db) and proc.poll() is None and time.monotonic() - started < RUN_TIMEOUT_S:
        time.sleep(0.05)
    proc.kill()
    proc.wait()
    return time.monotonic() - started


def test_kill_9_at_random_points_loses_nothing(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    corpus = tmp_path / "in"
    corpus.mkdir()
    for n in range(ARTICLES):
        (corpus / f"a{n:02d}.txt").write_text(article(rng, n), encoding="utf-8")
    db = tmp_path / "v.db"
    cmd = [sys.executable, "-m", "vedette.cli", "ingest", str(corpus), "--db", str(db)]
    first = _first_commit(cmd, db)  # the first kill: right after the first commit
    committed = _ids(db)
    assert _integrity(db) == "ok" and committed
    kills = 1
    for _ in range(KILLS - 1):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            proc.wait(timeout=rng.uniform(first / 2, first + AFTER_FIRST_COMMIT_S))
        except subprocess.TimeoutExpired:
            proc.kill()  # SIGKILL: no handler, no cleanup
            proc.wait()
            kills += 1
        assert _integrity(db) == "ok"
        now = _ids(db)
        assert committed <= now  # nothing committed is lost
        committed = now
    assert kills >= KILLS // 2  # most runs were cut short, not finished
    assert 0 < len(committed)  # the kills fell before, during and after commits
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=RUN_TIMEOUT_S,
                           check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert len(_ids(db)) == ARTICLES and _integrity(db) == "ok"
    before = len(committed)
    assert f"{ARTICLES - before} stored, {before} already stored" in rerun.stderr
