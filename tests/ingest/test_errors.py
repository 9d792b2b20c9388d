"""Every rejection: its code, its one-line coded message, and that batches go on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vedette.errors import (
    BadJson,
    BinaryFile,
    DecodeError,
    EmptyText,
    InputRejected,
    MissingText,
    NoArticleText,
    NotFound,
    TooLarge,
)
from vedette.ingest import MAX_TEXT_BYTES, read_articles, read_articles_with_rejections

from ._helpers import write

CASES: list[tuple[str, str | bytes, type[InputRejected]]] = [
    ("empty.txt", b"", EmptyText),
    ("blank.txt", " \n\t\r\n  \n", EmptyText),
    ("blank-unicode.txt", "\u00a0\u3000\n", EmptyText),
    ("header-only.txt", "Title: Ministers meet\nOutlet: Example Gazette\n---\n\n", EmptyText),
    ("nul.txt", b"Officials met\x00 on Tuesday.\n", BinaryFile),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), BinaryFile),
    ("controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20 + b"text", BinaryFile),
    ("latin.txt", bytes(range(0xA0, 0x100)) * 4, DecodeError),
    ("bad-utf16.txt", b"\xff\xfeO\x00\x00\xd8", DecodeError),  # lone surrogate after the BOM
    (
        "script.html",
        "<html><head><script>var x = 1;</script></head><body></body></html>",
        NoArticleText,
    ),
    ("record.json", json.dumps({"title": "Ministers meet"}), MissingText),
    ("number-text.json", json.dumps({"text": 42}), MissingText),
    ("blank-text.json", json.dumps({"text": "   "}), EmptyText),
    ("broken.json", '{"text": "unterminated', BadJson),
    ("scalar.json", "[1, 2]", BadJson),
    ("empty-list.json", "[]", EmptyText),
    ("all-bad.jsonl", "{oops\n[also bad\n", BadJson),
]


@pytest.mark.parametrize(("name", "content", "error"), CASES, ids=[c[0] for c in CASES])
def test_rejection_codes(
    tmp_path: Path, name: str, content: str | bytes, error: type[InputRejected]
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(error) as caught:
        read_articles(path)
    message = str(caught.value)
    assert message.startswith(f"[{error.code}] {error.reason}: {path}")
    assert "\n" not in message


@pytest.mark.parametrize(("name", "content", "error"), CASES, ids=[c[0] for c in CASES])
def test_rejections_are_returned_not_raised(
    tmp_path: Path, name: str, content: str | bytes, error: type[InputRejected]
) -> None:
    articles, rejections = read_articles_with_rejections(write(tmp_path, name, content))
    assert articles == []
    assert [r.code for r in rejections[:1]] == [error.reason]
    assert all(r.message.startswith("[V0") for r in rejections)


def test_raw_mode_still_rejects(tmp_path: Path) -> None:
    with pytest.raises(EmptyText):
        read_articles(write(tmp_path, "blank.txt", "  \n"), raw=True)
    with pytest.raises(BinaryFile):
        read_articles(write(tmp_path, "nul.txt", b"a\x00b"), raw=True)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match=r"^\[V001\] not_found: "):
        read_articles(tmp_path / "nowhere.txt")


def test_too_large_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # a sparse file: no 20 MiB written
        handle.truncate(MAX_TEXT_BYTES + 1)
    with pytest.raises(TooLarge, match=r"^\[V005\] too_large: "):
        read_articles(path)


def test_at_the_limit_is_not_too_large(tmp_path: Path) -> None:
    # Sized to the limit but made of NULs: it gets past the size check to the binary check.
    path = tmp_path / "limit.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_TEXT_BYTES)
    with pytest.raises(BinaryFile):
        read_articles(path)
