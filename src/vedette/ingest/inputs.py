"""Command-line inputs (files, directories, globs) -> the files to read, and what was skipped.

A directory or a glob is a root: its walk never follows a symbolic link out of that root
(unless asked with `follow_links`), never walks a folder twice (no link loops), and every
path it skips (a loop, a link out, a broken link, a file that is not a document) gets a
coded line.
"""

from __future__ import annotations

import errno
import glob
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from vedette.errors import InputRejected, NotFound, UnsafePath, UnsupportedInput
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
_RECURSIVE = "**"
# Glob syntax -> regular expression, for patterns walked by `_walk` ("**" spans folders).
_GLOB_TOKENS = re.compile(r"\*\*/|\*\*|\*|\?|\[[^\]]*\]|[^*?\[]+|\[")


@dataclass(slots=True)
class _Walk:
    """Files found under one root, what was skipped, and the folders already walked."""

    root: Path
    follow_links: bool
    wanted: re.Pattern[str] | None = None  # a "**" glob: only files it matches
    files: list[Path] = field(default_factory=list)
    skipped: list[Rejection] = field(default_factory=list)
    seen: set[Path] = field(default_factory=set)

    def skip(self, error: InputRejected) -> None:
        self.skipped.append(to_rejection(error))


def expand_inputs(paths: Sequence[str], *,
                  follow_links: bool = False) -> tuple[list[Path], list[Rejection]]:
    """Files in the order given; directories recursively and sorted, hidden entries skipped.

    A path that matches nothing is a `not_found` rejection; a directory entry that is not a
    document (say `index.csv`) is an `unsupported` one, so nothing is skipped silently.
    """
    files: list[Path] = []
    known: set[Path] = set()
    rejections: list[Rejection] = []
    for name in paths:
        found, skipped = _expand_one(name, follow_links)
        for file in found:
            if file not in known:
                known.add(file)
                files.append(file)
        rejections.extend(skipped)
    return files, rejections


def to_rejection(error: InputRejected) -> Rejection:
    """The record of a rejected input, carrying the one-line coded message."""
    return Rejection(path=error.path, code=error.reason, message=str(error))


def display_path(path: Path | str) -> str:
    """The path as printable, storable text on one line: bytes of a file name that are not
    UTF-8 (kept by Python as surrogate escapes) and control characters (a newline in a file
    name) become backslash escapes."""
    text = os.fsencode(path).decode("utf-8", errors="backslashreplace")
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def _expand_one(name: str, follow_links: bool) -> tuple[list[Path], list[Rejection]]:
    path = Path(name)
    if path.is_file():
        return [path], []  # named by the user: read wherever a link leads
    if path.is_dir():
        return _walk(_Walk(path, follow_links))
    if _GLOB_MAGIC & set(name):
        found, skipped = _expand_glob(name, follow_links)
        if found or skipped:
            return found, skipped
    return [], [to_rejection(NotFound("no such file or directory", path=display_path(name)))]


def _expand_glob(pattern: str, follow_links: bool) -> tuple[list[Path], list[Rejection]]:
    """A glob's root is its folder before the first wildcard; "**" is walked, never globbed
    (glob follows links into loops)."""
    root = _glob_root(pattern)
    if _RECURSIVE in pattern:
        walk = _Walk(root, follow_links, _glob_regex(pattern))
        return _walk(walk) if root.is_dir() else ([], [])
    walk = _Walk(root, follow_links)
    folders = [f for m in sorted(glob.glob(pattern)) for f in _take(walk, Path(m), top=True)]
    files, skipped = walk.files, walk.skipped
    for folder in folders:  # a folder matched by the glob is walked as its own root
        found, more = _walk(_Walk(folder, follow_links))
        files.extend(found)
        skipped.extend(more)
    return files, skipped


def _glob_root(pattern: str) -> Path:
    parts = Path(pattern).parts
    fixed = [p for p in parts[: next(i for i, p in enumerate(parts) if _GLOB_MAGIC & set(p))]]
    return Path(*fixed) if fixed else Path(".")


def _glob_regex(pattern: str) -> re.Pattern[str]:
    out = []
    for token in _GLOB_TOKENS.findall(os.path.normpath(pattern)):
        if token == "**/":
            out.append("(?:.*/)?")
        elif token == "**":
            out.append(".*")
        elif token == "*":
            out.append("[^/]*")
        elif token == "?":
            out.append("[^/]")
        elif token.startswith("[") and len(token) > 1:
            out.append("[" + token[1:-1].replace("\\", "\\\\").replace("!", "^", 1) + "]")
        else:
            out.append(re.escape(token))
    return re.compile("".join(out))


def _walk(walk: _Walk) -> tuple[list[Path], list[Rejection]]:
    """Every document under the root, sorted; folders by an explicit stack, never twice."""
    walk.seen.add(walk.root.resolve())
    stack = [walk.root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            walk.skip(NotFound(exc.strerror or "cannot list", path=display_path(folder)))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            stack.extend(_take(walk, path, top=False))
    walk.files.sort()
    return walk.files, walk.skipped


def _take(walk: _Walk, path: Path, *, top: bool) -> list[Path]:
    """Record `path` as a file or a skip; return it when it is a folder still to walk."""
    real = path
    if path.is_symlink():
        target = _link_target(walk, path)
        if target is None:
            return []
        real = target
    if real.is_dir():
        if real in walk.seen:
            walk.skip(UnsafePath("symbolic-link loop (folder already walked)",
                                 path=display_path(path)))
            return []
        walk.seen.add(real)
        return [path]
    if walk.wanted is not None and not walk.wanted.fullmatch(os.path.normpath(path)):
        return []  # not matched by the glob: not a skip
    if not real.is_file():
        walk.skip(UnsupportedInput("not a regular file", path=display_path(path)))
    elif top or _is_document(path):
        walk.files.append(path)
    else:
        error = UnsupportedInput(f"not a document type ({path.suffix})", path=display_path(path))
        walk.skip(error)
    return []


def _link_target(walk: _Walk, link: Path) -> Path | None:
    """Where a link leads, or None (with a coded line) when it is broken, loops, or leaves
    the root without `follow_links`."""
    try:
        target = link.resolve(strict=True)
    except RuntimeError:  # Python 3.11-3.12 report a loop this way
        walk.skip(UnsafePath("symbolic-link loop", path=display_path(link)))
        return None
    except OSError as exc:
        error = (UnsafePath("symbolic-link loop", path=display_path(link))
                 if exc.errno == errno.ELOOP
                 else NotFound("broken symbolic link", path=display_path(link)))
        walk.skip(error)
        return None
    root = walk.root.resolve()
    if not walk.follow_links and target != root and root not in target.parents:
        walk.skip(UnsafePath(f"symbolic link leads out of {display_path(walk.root)}",
                             path=display_path(link)))
        return None
    return target


def _is_document(path: Path) -> bool:
    # ".warc.gz" is two suffixes: match the name's end, not only Path.suffix.
    name = path.name.lower()
    return path.suffix.lower() in DOCUMENT_SUFFIXES or name.endswith(WARC_SUFFIXES)
