"""Command-line inputs (files, directories, globs) -> the files to read, and what was skipped."""

from __future__ import annotations

import glob
from collections.abc import Sequence
from pathlib import Path

from vedette.errors import InputRejected, NotFound, UnsupportedInput
from vedette.ingest.feed import FEED_SUFFIXES, XML_SUFFIXES
from vedette.ingest.warc import WARC_SUFFIXES
from vedette.records import Rejection

# Files taken from a directory; a file named explicitly is read whatever its suffix.
DOCUMENT_SUFFIXES = frozenset(
    {"", ".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson"}
    | FEED_SUFFIXES
    | XML_SUFFIXES
)
_GLOB_MAGIC = frozenset("*?[")


def expand_inputs(paths: Sequence[str]) -> tuple[list[Path], list[Rejection]]:
    """Files in the order given; directories recursively and sorted, hidden entries skipped.

    A path that matches nothing is a `not_found` rejection; a directory entry that is not a
    document (say `index.csv`) is an `unsupported` one, so nothing is skipped silently.
    """
    files: list[Path] = []
    rejections: list[Rejection] = []
    for name in paths:
        found, skipped = _expand_one(name)
        files.extend(f for f in found if f not in files)
        rejections.extend(skipped)
    return files, rejections


def to_rejection(error: InputRejected) -> Rejection:
    """The record of a rejected input, carrying the one-line coded message."""
    return Rejection(path=error.path, code=error.reason, message=str(error))


def _expand_one(name: str) -> tuple[list[Path], list[Rejection]]:
    path = Path(name)
    if path.is_file():
        return [path], []
    if path.is_dir():
        return _walk(path)
    if _GLOB_MAGIC & set(name):
        matches = [Path(m) for m in sorted(glob.glob(name, recursive=True))]
        if matches:
            return _expand_matches(matches)
    return [], [to_rejection(NotFound("no such file or directory", path=name))]


def _expand_matches(matches: list[Path]) -> tuple[list[Path], list[Rejection]]:
    files: list[Path] = []
    rejections: list[Rejection] = []
    for match in matches:
        found, skipped = _walk(match) if match.is_dir() else ([match], [])
        files.extend(found)
        rejections.extend(skipped)
    return files, rejections


def _is_document(path: Path) -> bool:
    # ".warc.gz" is two suffixes: match the name's end, not only Path.suffix.
    name = path.name.lower()
    return path.suffix.lower() in DOCUMENT_SUFFIXES or name.endswith(WARC_SUFFIXES)


def _walk(directory: Path) -> tuple[list[Path], list[Rejection]]:
    files: list[Path] = []
    rejections: list[Rejection] = []
    for path in sorted(directory.rglob("*")):
        relative = path.relative_to(directory)
        if any(part.startswith(".") for part in relative.parts) or not path.is_file():
            continue
        if _is_document(path):
            files.append(path)
        else:
            error = UnsupportedInput(f"not a document type ({path.suffix})", path=str(path))
            rejections.append(to_rejection(error))
    return files, rejections
