"""The README opens with the two commands and documents every CLI command."""

from __future__ import annotations

from pathlib import Path

from vedette.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_make_demo_and_test() -> None:
    block = README.split("```")[1]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == [
        "make demo",
        "make test",
    ]


def test_every_command_is_documented() -> None:
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        assert f"vedette {name}" in README, f"`vedette {name}` is not in README.md"
