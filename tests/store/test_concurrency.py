"""Four `vedette ingest` processes on one store, with overlapping inputs, at once: every
distinct text stored exactly once, nothing rejected, the database intact. On SQLite the four
also create the store at once (a new file)."""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from vedette.ingest import read_articles
from vedette.store import open_store

PROCESSES = 4
FILES = 12
WINDOW = 6  # process k ingests files 2k .. 2k+5: each file by two or three processes
SHARED_URL = "https://example.org/news/border"
TIMEOUT_S = 600
OFFICIALS = ("Oleksii Reznikov", "Antony Blinken", "Jens Stoltenberg", "Linda Thomas-Greenfield")


def _write_corpus(folder: Path) -> list[Path]:
    """Small distinct articles; the last two are two texts of one URL (two revisions)."""
    folder.mkdir()
    paths = []
    for i in range(FILES):
        url = SHARED_URL if i >= FILES - 2 else f"https://example.org/news/{i}"
        speaker = OFFICIALS[i % len(OFFICIALS)]
        body = (f"{speaker} said on Monday that Russia had massed {90_000 + 1_000 * i:,} troops "
                f"near the border. “We are watching closely,” {speaker} told reporters.\n")
        head = (f"Title: Report {i}\nOutlet: Example Wire\nDate published: 2021-12-{i + 1:02d}"
                f"\nURL: {url}\n---\n")
        path = folder / f"a{i:02d}.txt"
        path.write_text(f"{head}Report {i}\n\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


def test_four_ingests_at_once(db_url: str, tmp_path: Path) -> None:
    paths = _write_corpus(tmp_path / "c")
    batches = [[paths[(2 * k + j) % FILES] for j in range(WINDOW)] for k in range(PROCESSES)]
    procs = [subprocess.Popen([sys.executable, "-m", "vedette.cli", "ingest",
                               *map(str, batch), "--db", db_url],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for batch in batches]
    outputs = [p.communicate(timeout=TIMEOUT_S)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * PROCESSES, outputs
    assert not any("Traceback" in o or "[V" in o for o in outputs), outputs
    # Each process counts what it wrote: the twelve texts were stored once in all.
    stored = [tuple(map(int, re.search(r"(\d+) stored, (\d+) already stored", o).groups()))
              for o in outputs]  # type: ignore[union-attr]
    assert sum(s for s, _ in stored) == FILES, outputs
    assert sum(s + k for s, k in stored) == PROCESSES * WINDOW
    _check_store(db_url, paths)


def _check_store(db_url: str, paths: list[Path]) -> None:
    store = open_store(db_url)
    texts = {a.id for p in paths for a in read_articles(p)}
    assert {a.id for a in store.articles("all")} == texts and store.count() == len(texts)
    assert store.rejections() == []
    revisions = store.history(SHARED_URL)
    assert [r.revision for r in revisions] == [1, 2]
    assert sum(r.latest for r in revisions) == 1
    assert store.count("revisions") == FILES
    with store.engine.connect() as conn:  # every article's quotes, as many as its report has
        rows = conn.execute(text(
            "SELECT a.report, (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) "
            "FROM articles a")).all()
    assert all(len(json.loads(report)["quotes"]) == n for report, n in rows)
    assert sum(n for _, n in rows) > 0
    store.engine.dispose()
    if store.backend == "sqlite":
        with sqlite3.connect(db_url) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
