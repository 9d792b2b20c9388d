"""Ingest, edit a file, ingest again, ingest a third time: no error, two revisions of that
file, and `vedette history` shows the changed number. (Before revisions, the edited text and
its earlier version formed a copy family of one path and every later ingest failed with
an IntegrityError on families.article_id.)"""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from vedette.cli import app

runner = CliRunner()
BODY = (
    "Ukraine’s Defense Minister Oleksii Reznikov said on Monday that Russia had massed "
    "{n} troops near the border, up from 90,000 in November. Satellite images show new field "
    "hospitals, fuel depots and rail cars carrying tanks toward Yelnya and Pogonovo. "
    "“We are ready for any scenario,” Reznikov told lawmakers in Kyiv, adding that reserves "
    "had been called up in the eastern regions and that talks with allies would continue.\n"
)


def _write(path: Path, troops: str) -> None:
    head = "Title: Troops at the border\nOutlet: Example Wire\nDate published: 2021-12-08\n---\n"
    path.write_text(head + "Troops at the border\n\n" + BODY.format(n=troops) * 3,
                    encoding="utf-8")


def _ingest(folder: Path, db: str) -> str:
    result = runner.invoke(app, ["ingest", str(folder), "--db", db])
    assert result.exit_code == 0, result.output
    return result.stderr


def test_edit_then_ingest_twice(db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    _write(folder / "border.txt", "100,000")
    _write(folder / "other.txt", "95,000")
    _ingest(folder, db_url)
    _write(folder / "border.txt", "120,000")
    assert "1 stored, 1 already stored, 0 rejected" in _ingest(folder, db_url)
    third = _ingest(folder, db_url)
    assert "0 stored, 2 already stored, 0 rejected" in third and "[V" not in third
    shown = runner.invoke(app, ["history", "border.txt", "--db", db_url, "--json"])
    assert shown.exit_code == 0, shown.output
    (found,) = [json.loads(line) for line in shown.stdout.splitlines()]
    assert [r["revision"] for r in found["revisions"]] == [1, 2]
    (step,) = found["changes"]
    revised = [(c["before"]["value"], c["after"]["value"]) for c in step["claims"]
               if c["change"] == "revised" and c["before"]["counted"].endswith("troops")]
    assert revised and set(revised) == {(100_000, 120_000)}
    assert "100,000 → 120,000" in runner.invoke(app, ["history", "border.txt",
                                                      "--db", db_url]).stdout
    latest = runner.invoke(app, ["estimates", "--db", db_url, "--json", "--counted", "troops"])
    every = runner.invoke(app, ["estimates", "--db", db_url, "--json", "--counted", "troops",
                                "--revisions", "all"])
    values = {json.loads(line)["value"] for line in latest.stdout.splitlines()}
    assert 100_000 not in values and 120_000 in values
    assert 100_000 in {json.loads(line)["value"] for line in every.stdout.splitlines()}
    assert runner.invoke(app, ["rejects", "--db", db_url, "--json"]).stdout == ""


def test_revisions_keep_the_input_order(db_url: str, tmp_path: Path) -> None:
    """A new text and then a stored one at the same URL, in one input: the stored one is
    saved without analysis, yet after the new one (the analysis reads ahead of the saves)."""
    first, second = BODY.format(n="100,000"), BODY.format(n="120,000")
    url = "https://example.org/border"
    (tmp_path / "a.jsonl").write_text(json.dumps(
        {"url": "https://example.org/other", "text": second}) + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text("".join(
        json.dumps({"url": url, "text": text}) + "\n" for text in (first, second)),
        encoding="utf-8")
    _ingest(tmp_path / "a.jsonl", db_url)
    _ingest(tmp_path / "b.jsonl", db_url)
    shown = runner.invoke(app, ["history", url, "--db", db_url, "--json"])
    (found,) = [json.loads(line) for line in shown.stdout.splitlines()]
    revisions = found["revisions"]
    assert [r["revision"] for r in revisions] == [1, 2]
    assert [r["latest"] for r in revisions] == [False, True]
    (step,) = found["changes"]
    assert any(c["change"] == "revised" and (c["before"]["value"], c["after"]["value"])
               == (100_000, 120_000) for c in step["claims"])
