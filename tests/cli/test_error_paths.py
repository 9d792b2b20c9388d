"""The error paths of issue 8, through `vedette` run as a subprocess: what a user sees is one
coded line and the documented exit code, never a traceback (an in-process runner cannot
tell a traceback from a handled error)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = (
    "Troops near the border\n\n"
    "Defense Minister Oleksii Reznikov said on Monday that 90,000 troops were near the "
    "border. “We are watching [/b] every [bold]move[/],” Reznikov told reporters.\n"
)
_CODED = re.compile(r"^\[V\d{3}\] [a-z_]+: ", re.M)


def vedette(*args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns)}
    return subprocess.run([sys.executable, "-m", "vedette.cli", *args], capture_output=True,
                          text=True, errors="replace", env=env, check=False, timeout=600)


def _one_coded_line(proc: subprocess.CompletedProcess[str], code: str) -> None:
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"[{code}] "), proc.stderr


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with one article, and a claim dated 9999-12-31 as an absurd record would be."""
    folder = tmp_path_factory.mktemp("store")
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = folder / "v.db"
    proc = vedette("ingest", str(folder / "a.txt"), "--db", str(db))
    assert proc.returncode == 0, proc.stderr
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE claims SET day = '9999-12-31', as_of = '9999-12-31'")
        conn.execute("UPDATE articles SET published = '9999-12-31'")
    return db


def test_unsupported_database_is_one_coded_line() -> None:
    proc = vedette("who", "Reznikov", "--db", "mysql://user@host/news")
    assert proc.returncode == 2
    _one_coded_line(proc, "V040")


def test_read_only_store_refuses_ingest_but_answers_queries(store: Path, tmp_path: Path
                                                             ) -> None:
    uri = f"file:{store}?mode=ro"
    (tmp_path / "b.txt").write_text(ARTICLE.replace("90,000", "95,000"), encoding="utf-8")
    proc = vedette("ingest", str(tmp_path / "b.txt"), "--db", uri)
    assert proc.returncode == 2
    _one_coded_line(proc, "V040")
    assert vedette("who", "Reznikov", "--db", uri).returncode == 0


def test_export_to_a_folder_or_nowhere(store: Path, tmp_path: Path) -> None:
    for out in (tmp_path, tmp_path / "missing" / "x.jsonl"):
        proc = vedette("export", "--db", str(store), "--out", str(out))
        assert proc.returncode == 2
        _one_coded_line(proc, "V050")


def test_chart_with_an_absurd_date(store: Path, tmp_path: Path) -> None:
    chart = tmp_path / "c.svg"
    proc = vedette("estimates", "--db", str(store), "--chart", str(chart))
    assert proc.returncode == 0, proc.stderr
    assert "9999-12-31" in proc.stdout  # listed, left off the chart only
    assert chart.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    unwritable = vedette("estimates", "--db", str(store), "--chart",
                         str(tmp_path / "no" / "c.png"))
    assert unwritable.returncode == 2
    assert _CODED.search(unwritable.stderr) and "Traceback" not in unwritable.stderr


def test_who_treats_like_wildcards_as_characters(store: Path) -> None:
    every = vedette("who", "%", "--db", str(store), "--json")
    assert every.returncode == 0 and every.stdout == ""
    some = vedette("who", "Rezn", "--db", str(store), "--json")
    assert some.stdout.count("\n") >= 1


@pytest.mark.parametrize("date", ["2022-02-30", "2022-02-03\n", "2022-2-3"])
def test_bad_dates_are_refused_at_the_edge(date: str, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    command = (["analyze", str(tmp_path / "a.txt")] if date != "2022-02-30" else
               ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "v.db")])
    proc = vedette(*command, "--published", date)
    assert proc.returncode == 2
    _one_coded_line(proc, "V009")


def test_markup_and_undecodable_file_names_print_as_they_are(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    names = [b"rich-[bold]x[red].txt", b"latin1-\xe9\xff.txt"]
    for name in names:
        with open(os.path.join(os.fsencode(folder), name), "wb") as handle:
            handle.write(ARTICLE.encode("utf-8"))
    (folder / "empty-[bold].txt").write_text("\u200b" * 10, encoding="utf-8")
    proc = vedette("analyze", str(folder))
    assert proc.returncode == 1  # the empty one is rejected; the others are analysed
    assert "Traceback" not in proc.stderr and "internal_error" not in proc.stderr
    assert "[/b]" in proc.stdout  # the quotation, shown as it is
    assert "[V002] empty_text: " in proc.stderr and "empty-[bold].txt" in proc.stderr
    as_json = vedette("analyze", str(folder), "--json")
    paths = {Path(json.loads(line)["article"]["path"]).name
             for line in as_json.stdout.splitlines()}
    assert paths == {"rich-[bold]x[red].txt", "latin1-\\xe9\\xff.txt"}
    db = tmp_path / "v.db"
    ingest = vedette("ingest", str(folder), "--db", str(db))
    assert ingest.returncode == 1, ingest.stderr
    rejects = vedette("rejects", "--db", str(db), columns=400)  # shown as they are
    assert rejects.returncode == 0 and "Traceback" not in rejects.stderr
    assert "empty-[bold].txt" in rejects.stdout


def test_exit_codes_agree_between_analyze_and_ingest(tmp_path: Path) -> None:
    good = tmp_path / "good"
    good.mkdir()
    (good / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert vedette("analyze", str(good)).returncode == 0
    assert vedette("ingest", str(good), "--db", str(tmp_path / "v.db")).returncode == 0
    (good / "empty.txt").write_text(" \n", encoding="utf-8")
    assert vedette("analyze", str(good)).returncode == 1
    assert vedette("ingest", str(good), "--db", str(tmp_path / "v.db")).returncode == 1
    assert vedette("analyze", str(tmp_path / "nothing-here")).returncode == 1
