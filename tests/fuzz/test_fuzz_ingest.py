"""Every hostile category of issue 8, mixed with good articles, through `vedette ingest` as a
subprocess (two workers): the batch goes on, every good article is stored, every bad input
gets a coded line, nothing is an internal error, time and memory stay within the budgets."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fuzz.generate import Manifest, generate
from vedette.budgets import MAX_PEAK_RSS_BYTES, SECONDS_ENV
from vedette.ingest import display_path

SEED = 8
# The large inputs at this share of the sizes: still far past every budget that
# applies to them (JSON records, archive lines, slices, runs), and a few minutes in all.
SCALE = 0.05
# A flat time budget per input, so the slow ones are rejected quickly.
SECONDS_PER_INPUT = "15"
# The whole run, start-up of two workers included (a busy two-core machine).
MAX_WALL_SECONDS = 600
_CODED = re.compile(r"^\[V\d{3}\] [a-z_]+: ")
_SUMMARY = re.compile(r"^\d+ stored, \d+ already stored, \d+ rejected")
# Measures the peak memory of the ingest and its workers, and nothing else.
_RUNNER = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.monotonic()\n"
    "p = subprocess.run(sys.argv[1:], capture_output=True, text=True, errors='replace')\n"
    "print(json.dumps({'rc': p.returncode, 'stderr': p.stderr, 'wall': time.monotonic() - t,\n"
    "  'rss': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024}))\n"
)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Manifest, dict[str, object], Path]:
    base = tmp_path_factory.mktemp("fuzz")
    manifest = generate(base / "in", SEED, SCALE)
    db = base / "fuzz.db"
    cmd = [sys.executable, "-m", "vedette.cli", "ingest", str(manifest.root), "--db", str(db),
           "--workers", "2"]
    env = {**os.environ, SECONDS_ENV: SECONDS_PER_INPUT}
    proc = subprocess.run([sys.executable, "-c", _RUNNER, *cmd], capture_output=True,
                          text=True, env=env, check=True, timeout=MAX_WALL_SECONDS + 60)
    return manifest, json.loads(proc.stdout), db


def _stored(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT path, text FROM articles"))


def _shown(manifest: Manifest, relative: str) -> str:
    return display_path(os.path.join(manifest.root, relative))


def test_the_batch_goes_on_without_internal_errors(run: tuple[Manifest, dict, Path]) -> None:
    _, result, _ = run
    assert result["rc"] == 1, result["stderr"][-3000:]  # ran, some inputs rejected
    assert "internal_error" not in result["stderr"]
    assert "Traceback" not in result["stderr"]


def test_every_line_is_coded(run: tuple[Manifest, dict, Path]) -> None:
    _, result, _ = run
    lines = [line for line in result["stderr"].splitlines() if line.strip()]
    stray = [line for line in lines if not (_CODED.match(line) or _SUMMARY.match(line)
                                            or line.startswith("ingest "))]
    assert stray == []


def test_every_good_article_is_stored(run: tuple[Manifest, dict, Path]) -> None:
    manifest, _, db = run
    stored = _stored(db)
    missing = [p for p in manifest.good if _shown(manifest, p) not in stored]
    assert missing == []
    for container, n in manifest.good_records.items():
        shown = _shown(manifest, container)
        assert sum(path.startswith(shown + "#") for path in stored) == n, container


def test_every_bad_input_has_a_coded_line(run: tuple[Manifest, dict, Path]) -> None:
    manifest, result, db = run
    coded = [line for line in result["stderr"].splitlines() if _CODED.match(line)]
    stored = _stored(db)
    silent = [p for p in manifest.bad
              if not any(f" {_shown(manifest, p)}: " in line for line in coded)]
    assert silent == []
    unaccounted = [p for p in manifest.either if _shown(manifest, p) not in stored
                   and not any(_shown(manifest, p) in line for line in coded)]
    assert unaccounted == []


def test_nothing_from_outside_the_inputs_is_stored(run: tuple[Manifest, dict, Path]) -> None:
    manifest, _, db = run
    texts = _stored(db).values()
    assert not [f for f in manifest.forbidden for text in texts if f in text]


def test_within_time_and_memory(run: tuple[Manifest, dict, Path]) -> None:
    _, result, _ = run
    assert result["wall"] < MAX_WALL_SECONDS
    assert result["rss"] < MAX_PEAK_RSS_BYTES, f"{result['rss'] / 2**20:.0f} MiB"


def test_generator_is_seeded(tmp_path: Path) -> None:
    one, two = generate(tmp_path / "a", SEED, 0.001), generate(tmp_path / "b", SEED, 0.001)
    for name in one.good:
        assert (one.root / name).read_bytes() == (two.root / name).read_bytes()
    assert sorted(one.bad) == sorted(two.bad) and sorted(one.either) == sorted(two.either)
