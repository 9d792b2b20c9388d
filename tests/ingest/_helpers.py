"""Small helpers for ingest tests: write hand-written documents, check span identity."""

from __future__ import annotations

from pathlib import Path

from vedette.records import Article, Span

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


def write(directory: Path, name: str, content: str | bytes) -> Path:
    """Write bytes as given, text as UTF-8 without newline translation."""
    path = directory / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def assert_span_identity(article: Article, span: Span | None) -> None:
    assert span is not None
    assert article.text[span.start : span.end] == span.text
