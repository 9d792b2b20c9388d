"""Bytes to text: size limit, binary sniffing, UTF-8/BOM, then a trusted legacy charset."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import charset_normalizer

from vedette.errors import BinaryFile, DecodeError, EmptyText, NotFound, TooLarge
from vedette.ingest.limits import (
    MAX_CONTROL_RATIO,
    MAX_LEGACY_HIGH_RATIO,
    MAX_TEXT_BYTES,
    MIN_CHARSET_COHERENCE,
    MIN_VALID_UTF8_SHARE,
    SNIFF_BYTES,
)

# UTF-16/32 files are full of NUL bytes: recognise their BOM before sniffing for binary.
# UTF-32 first: its little-endian BOM starts with the UTF-16 one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that plain text does not contain (tab, LF, FF, CR and ESC are allowed).
_CONTROL_BYTES = bytes(sorted((set(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D, 0x1B}) | {0x7F}))
_HIGH_BYTES = bytes(range(0x80, 0x100))
# `surrogateescape` maps an undecodable byte B to the lone surrogate U+DC00 + B.
_SURROGATE_BASE = 0xDC00
_STRAY = re.compile("[\udc80-\udcff]")


def read_text_file(path: Path) -> str:
    """Read and decode a file, or raise the InputRejected that says why it cannot be text."""
    data = read_bytes(path)
    return decode_bytes(data, where=str(path))


def read_bytes(path: Path) -> bytes:
    """Read a file, checking its size before reading it whole."""
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise TooLarge(f"{size} bytes, limit {MAX_TEXT_BYTES}", path=where)
        with path.open("rb") as handle:
            # Read one byte past the limit: the file may have grown since stat().
            data = handle.read(MAX_TEXT_BYTES + 1)
    except OSError as exc:  # missing, a directory, unreadable: all "not readable" to the user
        raise NotFound(exc.strerror or "cannot read", path=where) from None
    if len(data) > MAX_TEXT_BYTES:
        raise TooLarge(f"more than {MAX_TEXT_BYTES} bytes", path=where)
    return data


def decode_bytes(data: bytes, *, where: str = "") -> str:
    """Decode bytes to text, rejecting empty, binary and undecodable input."""
    if not data.strip():
        raise EmptyText("no text", path=where)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, encoding, where)
    if _looks_binary(data[:SNIFF_BYTES]):
        raise BinaryFile("NUL or control bytes", path=where)
    text = _decode_unmarked(data)
    if text is None:
        raise DecodeError("not UTF-8 and no confident charset", path=where)
    if not text.strip():
        raise EmptyText("no text", path=where)
    return text


def _decode_with_bom(data: bytes, encoding: str, where: str) -> str:
    try:
        text = data.decode(encoding).lstrip("\ufeff")
    except UnicodeDecodeError:
        raise DecodeError(f"invalid {encoding} after its byte-order mark", path=where) from None
    if not text.strip():
        raise EmptyText("no text", path=where)
    return text


def _looks_binary(sample: bytes) -> bool:
    if b"\x00" in sample:
        return True
    controls = _count(sample, _CONTROL_BYTES)
    return controls > MAX_CONTROL_RATIO * len(sample)


def _decode_unmarked(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    high = _count(data, _HIGH_BYTES)
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed
    if high <= MAX_LEGACY_HIGH_RATIO * len(data):
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass  # cp1252 leaves five bytes undefined; let charset-normalizer try.
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.coherence < MIN_CHARSET_COHERENCE:
        return None
    return str(best)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few stray legacy bytes (a Latin-1 paste): each stray byte read as cp1252.

    In a legacy-encoded file almost no non-ASCII byte run is valid UTF-8; here most are.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    stray = len(_STRAY.findall(text))
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    if non_ascii - stray < MIN_VALID_UTF8_SHARE * non_ascii:
        return None
    return _STRAY.sub(_legacy_char, text)


def _legacy_char(match: re.Match[str]) -> str:
    byte = bytes([ord(match.group()) - _SURROGATE_BASE])
    return byte.decode("cp1252", errors="ignore") or byte.decode("latin-1")


def _count(data: bytes, members: bytes) -> int:
    """How many bytes of `data` are in `members` (bytes.translate runs in C)."""
    return len(data) - len(data.translate(None, members))
