"""ingest -> rejects, estimates, timeline, who, contradictions, export; kill -9 and resume."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vedette.cli import app
from vedette.config import config_hash

runner = CliRunner()
PARAGRAPH = (
    "Ukraine’s Defense Minister Oleksii Reznikov said on Monday that Russia had massed "
    "{n} troops near the border. “We are ready,” he told reporters in Kyiv.\n"
)
KILL_TIMEOUT_S = 120


def _corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        day = f"2021-12-{i % 28 + 1:02d}"
        header = f"Title: Report {i}\nOutlet: Example Wire\nDate published: {day}\n---\n"
        body = "".join(PARAGRAPH.format(n=f"{90_000 + 1_000 * i:,}") for _ in range(3))
        (folder / f"a{i:02d}.txt").write_text(header + f"Report {i}\n\n" + body, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    return folder


def test_ingest_then_query(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c", 3)
    db = str(tmp_path / "v.db")
    first = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    # empty.txt is rejected: exit 1, as `analyze` does (docs/reliability.md)
    assert first.exit_code == 1, first.output
    again = runner.invoke(app, ["ingest", str(corpus), "--db", db])
    assert "0 stored, 3 already stored" in again.stderr
    rejects = runner.invoke(app, ["rejects", "--db", db, "--json"])
    assert json.loads(rejects.stdout.splitlines()[0])["code"] == "empty_text"
    who = runner.invoke(app, ["who", "Reznikov", "--db", db, "--json"])
    said = [json.loads(line) for line in who.stdout.splitlines()]
    assert said and all(q["speaker"] == "Oleksii Reznikov" for q in said)
    for command in (["timeline", "--json"], ["estimates", "--json"], ["contradictions"],
                    ["estimates", "--csv"], ["estimates"], ["timeline"]):
        result = runner.invoke(app, [*command, "--db", db])
        assert result.exit_code == 0, (command, result.output)
    _estimates_of(db)
    out = tmp_path / "quotes.csv"
    exported = runner.invoke(app, ["export", "--format", "csv", "--table", "quotes",
                                   "--out", str(out), "--db", db])
    assert exported.exit_code == 0 and "Oleksii Reznikov" in out.read_text(encoding="utf-8")
    reports = runner.invoke(app, ["export", "--format", "jsonl", "--db", db])
    assert len(reports.stdout.splitlines()) == 3


def _estimates_of(db: str) -> None:
    """Issue 9: `--of` filters whose forces; JSON and CSV carry `of`; a bad --kind is coded."""
    found = runner.invoke(app, ["estimates", "--of", "Russia", "--json", "--db", db])
    rows = [json.loads(line) for line in found.stdout.splitlines()]
    assert rows and {r["of"] for r in rows} == {"Russia"}
    assert runner.invoke(app, ["estimates", "--of", "Ukraine", "--json", "--db", db]).stdout == ""
    table = runner.invoke(app, ["estimates", "--of", "Russia", "--csv", "--db", db]).stdout
    assert table.splitlines()[0].split(",")[6] == "of" and ",Russia," in table
    bad = runner.invoke(app, ["estimates", "--kind", "rumour", "--db", db])
    assert bad.exit_code != 0


def test_parquet_export(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    corpus = _corpus(tmp_path / "c", 1)
    db = str(tmp_path / "v.db")
    runner.invoke(app, ["ingest", str(corpus), "--db", db])
    out = tmp_path / "q.parquet"
    result = runner.invoke(app, ["export", "--format", "parquet", "--table", "quotes",
                                 "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert pq.read_table(out).num_rows >= 1


def test_chart(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c", 2)
    db = str(tmp_path / "v.db")
    runner.invoke(app, ["ingest", str(corpus), "--db", db])
    chart = tmp_path / "est.svg"
    result = runner.invoke(app, ["estimates", "--db", db, "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    assert chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    assert "<svg" in chart.with_suffix(".html").read_text(encoding="utf-8")


def test_kill_9_then_resume_loses_nothing(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c", 12)
    db = tmp_path / "v.db"
    cmd = [sys.executable, "-m", "vedette.cli", "ingest", str(corpus), "--db", str(db)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + KILL_TIMEOUT_S
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        stored = _count(db)
        if stored >= 2:
            break
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = _count(db)
    assert before >= 2 or proc.returncode == 0
    rerun = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert rerun.returncode == 1, rerun.stderr  # empty.txt is rejected again
    assert _count(db) == 12
    assert f"{12 - before} stored, {before} already stored" in rerun.stderr


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_two_workers_store_the_same_reports(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "c", 4)
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    # exit 1: empty.txt is rejected (docs/reliability.md)
    assert runner.invoke(app, ["ingest", str(corpus), "--db", one]).exit_code == 1
    result = runner.invoke(app, ["ingest", str(corpus), "--db", two, "--workers", "2"])
    assert result.exit_code == 1, result.output
    exports = [runner.invoke(app, ["export", "--table", "quotes", "--format", "csv", "--db", db])
               for db in (one, two)]
    assert exports[0].stdout == exports[1].stdout and exports[0].stdout.count("\n") > 4
    hashes = [_config_hashes(Path(db)) for db in (one, two)]
    assert hashes[0] == hashes[1] == {config_hash()}  # the workers' hash is this process's


def _config_hashes(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {h for (h,) in conn.execute("SELECT DISTINCT config_hash FROM articles")}


def test_store_failure_is_a_coded_rejection_not_a_traceback(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    from sqlalchemy.exc import IntegrityError

    from vedette.store import SqlStore

    def broken(self: SqlStore, report: object, **kwargs: object) -> bool:
        raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))

    monkeypatch.setattr(SqlStore, "save_report", broken)
    corpus = _corpus(tmp_path / "c", 2)
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "v.db")])
    assert result.exit_code == 1  # inputs rejected, the batch went on
    assert "store_error" in result.stderr and "Traceback" not in result.output
    rejects = runner.invoke(app, ["rejects", "--db", str(tmp_path / "v.db"), "--json"])
    codes = sorted(json.loads(line)["code"] for line in rejects.stdout.splitlines())
    assert codes == ["empty_text", "store_error", "store_error"]


def test_unexpected_error_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "not-a-db.db"
    db.write_bytes(b"this is not sqlite" * 100)
    proc = subprocess.run([sys.executable, "-m", "vedette.cli", "rejects", "--db", str(db)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("[V040] store_error: cannot open")
    assert len(proc.stderr.strip().splitlines()) == 1
