"""The command line: JSON contract, several inputs, coded errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vedette.cli import app

runner = CliRunner()
ARTICLE = (
    "Officials say talks will resume next month – Daily Example\n\n"
    "Russian President Vladimir Putin met reporters on Tuesday. "
    "“We have no plans to attack anyone,” he said.\n"
)
CONTRACT_KEYS = {"article", "entities", "speakers", "quotes", "quantities", "claims", "times",
                 "places", "events", "provenance"}


@pytest.fixture()
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_json_contract(article: Path) -> None:
    result = runner.invoke(app, ["analyze", str(article), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert set(report) == CONTRACT_KEYS
    text = report["article"]["text"]
    assert report["article"]["publisher"] == "Daily Example"
    for quote in report["quotes"]:
        for key in ("content", "cue", "source"):
            span = quote[key]
            if span:
                assert text[span["start"] : span["end"]] == span["text"]
    for speaker in report["speakers"]:
        for span in speaker["turns"]:
            assert text[span["start"] : span["end"]] == span["text"]
    he_said = [q for q in report["quotes"] if q["source"] and q["source"]["text"] == "he"]
    assert he_said[0]["speaker"]["name"] == "Vladimir Putin"
    assert he_said[0]["kind"] == "direct"


def test_raw_offsets_are_file_offsets(article: Path) -> None:
    result = runner.invoke(app, ["analyze", str(article), "--json", "--raw"])
    report = json.loads(result.stdout)
    assert report["article"]["text"] == article.read_text(encoding="utf-8")
    assert report["article"]["publisher"] is None


def test_several_inputs_give_json_lines_and_a_summary(tmp_path: Path, article: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    result = runner.invoke(app, ["analyze", str(article), str(empty), str(binary), "--json"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0]["article"]["path"] == str(article)
    assert "empty_text" in result.stderr and "binary_file" in result.stderr
    assert "1 analysed, 2 rejected" in result.stderr
    assert "Traceback" not in result.output


def test_readable_report(article: Path) -> None:
    result = runner.invoke(app, ["analyze", str(article)])
    assert result.exit_code == 0
    assert "Vladimir Putin" in result.stdout


def test_bad_published_date(article: Path) -> None:
    result = runner.invoke(app, ["analyze", str(article), "--published", "08/12/2021"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_missing_path_is_one_line_error(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "vedette.cli", "analyze", str(tmp_path / "nope.txt")],
        capture_output=True, text=True, check=False,
    )
    assert proc.returncode != 0
    assert "not_found" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) <= 3
