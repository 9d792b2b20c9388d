"""Every command's help works in a real process: a fresh install once broke here
(click vs typer)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from vedette.cli import app

VEDETTE = Path(sys.executable).parent / "vedette"
COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands if c.callback)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(VEDETTE), *args], capture_output=True, text=True, timeout=120)


def test_top_level_help_lists_every_command() -> None:
    result = _run("--help")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "[V099]" not in result.stdout + result.stderr
    for name in COMMANDS:
        assert name.replace("_", "-") in result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help(command: str) -> None:
    result = _run(command.replace("_", "-"), "--help")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Usage:" in result.stdout
    assert "[V099]" not in result.stdout + result.stderr


def test_missing_argument_is_a_usage_error_not_an_internal_error() -> None:
    result = _run("analyze")
    assert result.returncode == 2
    assert "[V099]" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
