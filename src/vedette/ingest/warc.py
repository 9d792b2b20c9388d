"""WARC archives, streamed record by record: each HTML `response` -> an Article (path#RECORD).

A crawl may be far larger than MAX_TEXT_BYTES, so the archive is never read whole; the limit
applies to each record's payload instead. Records are numbered from 1 in archive order,
warcinfo included, so `crawl.warc.gz#4` is the fourth record whatever was skipped before it.
"""

from __future__ import annotations

import io
import itertools
import logging
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from vedette.errors import (
    BadWarc,
    EmptyText,
    InputRejected,
    NoArticleText,
    NotFound,
    TooLarge,
    UnsupportedInput,
)
from vedette.ingest.dates import normalise_date
from vedette.ingest.decode import decode_bytes
from vedette.ingest.html import looks_like_html, parse_html
from vedette.ingest.limits import MAX_DECOMPRESSED_BYTES, MAX_LINE_BYTES, MAX_TEXT_BYTES
from vedette.records import Article

WARC_SUFFIXES = (".warc", ".warc.gz")
# Records that never hold a page: skipped without a rejection, but counted.
SKIPPED_RECORD_TYPES = frozenset({"request", "metadata", "warcinfo"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_OK_STATUS = range(200, 300)
# Enough of the file to see "WARC/" at the start, through one gzip header when compressed.
_SNIFF_BYTES = 512
_WARC_MAGIC = b"WARC/"
_GZIP_MAGIC = b"\x1f\x8b"
_GZIP_WBITS = 16 + zlib.MAX_WBITS
# Compressed bytes read at a time.
_RAW_CHUNK = 64 * 1024
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_MAX_ERROR_CHARS = 120
_QUOTED_LINE = ", first line"

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class WarcScan:
    """What one archive gave: articles, per-record rejections, and skipped records by type."""

    articles: list[Article] = field(default_factory=list)
    errors: list[InputRejected] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    records: int = 0  # records read, skipped ones included


def has_warc_name(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def starts_like_warc(path: Path) -> bool:
    """True when the file starts with a WARC header, plain or gzip-compressed."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError:
        return False  # the reader that follows reports it
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(_GZIP_WBITS).decompress(head, len(_WARC_MAGIC))
        except zlib.error:
            return False
    return head.startswith(_WARC_MAGIC)


def read_warc(path: Path, *, raw: bool) -> tuple[list[Article], list[InputRejected]]:
    """Articles and rejections of one archive; EmptyText when it holds no HTML response."""
    scan = scan_warc(path, raw=raw)
    if scan.skipped:
        logger.info("%s: skipped %s", path, ", ".join(f"{n} {t}" for t, n in scan.skipped.items()))
    if not scan.articles and not scan.errors:
        skipped = sum(scan.skipped.values())
        raise EmptyText(f"no HTML response records ({skipped} skipped)", path=str(path))
    return scan.articles, scan.errors


class BoundedStream(io.RawIOBase):
    """A decompressed archive, read within its budgets: MAX_DECOMPRESSED_BYTES in all and no
    line longer than MAX_LINE_BYTES (a gzip bomb of zeros is one endless line, which the
    WARC reader would read whole)."""

    def __init__(self, inner: Any, path: str) -> None:
        self.inner, self.path = inner, path
        self.total = 0
        self.line = 0  # bytes since the last line break

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.inner.read(len(buffer))
        self.total += len(data)
        if self.total > MAX_DECOMPRESSED_BYTES:
            raise TooLarge(f"decompresses to over {MAX_DECOMPRESSED_BYTES} bytes", path=self.path)
        newline = data.rfind(b"\n")
        self.line = len(data) - newline - 1 if newline >= 0 else self.line + len(data)
        if self.line > MAX_LINE_BYTES:
            raise TooLarge(f"a line of over {MAX_LINE_BYTES} bytes", path=self.path)
        buffer[: len(data)] = data
        return len(data)


class GzipMembers(io.RawIOBase):
    """Gzip members one after another, decompressed on demand: a damaged member fails only
    when it is reached (the records before it are read), and a stream that ends inside a
    member raises EOFError rather than ending quietly."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.member = zlib.decompressobj(_GZIP_WBITS)
        self.pending = b""
        self.inside = False  # part of the current member consumed, its end not seen yet
        self.failure: Exception | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        """Bytes of the current member. A failure first reads as the end of the stream, so
        what a buffered read gathered before it is kept; the next read raises it."""
        if self.failure is not None:
            raise self.failure
        try:
            return self._readinto(buffer)
        except (zlib.error, EOFError) as exc:
            self.failure = exc
            return 0

    def _readinto(self, buffer: Any) -> int:
        while True:
            if not self.pending:
                self.pending = self.raw.read(_RAW_CHUNK)
                if not self.pending:
                    if self.inside:
                        raise EOFError("archive ends inside a gzip member (truncated)")
                    return 0
            if not self.inside and not self.pending.strip(b"\0"):
                self.pending = b""  # zero padding after the last member
                continue
            data = self.member.decompress(self.pending, len(buffer))
            self.inside = True
            self.pending = self.member.unconsumed_tail
            if self.member.eof:
                self.pending = self.member.unused_data + self.pending
                self.member = zlib.decompressobj(_GZIP_WBITS)
                self.inside = False
            if data:
                buffer[: len(data)] = data
                return len(data)


class _QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio writes a three-line warning to stderr itself; it is counted instead and becomes
    one coded line (see `_scan_stream`)."""

    INC_RECORD = ""


def scan_warc(path: Path, *, raw: bool) -> WarcScan:
    """Stream the archive; corruption ends the scan with a BadWarc, keeping what was read.

    The archive is decompressed here, not by warcio, so that its budgets hold: one gzip
    member per record or one for the whole file (plain `gzip crawl.warc`) read alike, and a
    truncated gzip stream is an error rather than a silent end.
    In raw mode a page's text is its decoded payload exactly, like a raw HTML file.
    """
    try:
        with path.open("rb") as handle:
            compressed = handle.read(len(_GZIP_MAGIC)) == _GZIP_MAGIC
            handle.seek(0)
            members = GzipMembers(handle) if compressed else None
            stream = io.BufferedReader(BoundedStream(members or handle, str(path)))
            scan = _scan_stream(stream, str(path), raw)
    except OSError as exc:
        raise NotFound(exc.strerror or "cannot read", path=str(path)) from None
    if members is not None and members.failure is not None and not _ended_badly(scan):
        # warcio took the cut-off record for the end of the archive: say it was not.
        where = f"{path}#{scan.records + 1}"
        scan.errors.append(BadWarc(f"unreadable from here on ({_describe(members.failure)})",
                                   path=where))
    return scan


def _ended_badly(scan: WarcScan) -> bool:
    return bool(scan.errors) and isinstance(scan.errors[-1], BadWarc | TooLarge)


def _scan_stream(stream: io.BufferedIOBase, path: str, raw: bool) -> WarcScan:
    scan = WarcScan()
    iterator = _QuietArchiveIterator(stream)
    records = iter(iterator)
    for number in itertools.count(1):
        where = f"{path}#{number}"
        try:
            warned = iterator.err_count
            record = next(records, None)
            if iterator.err_count > warned:
                logger.warning("%s: record not where its predecessor's length said", where)
            if record is None:
                break
            scan.records = number
            _take(record, where, raw, scan)
        except (BadWarc, TooLarge) as exc:
            scan.errors.append(exc)
            break
        except InputRejected as exc:
            scan.errors.append(exc)
        # warcio and zlib fail in many ways on damaged bytes (ArchiveLoadFailed, zlib.error,
        # EOFError, even AttributeError): all mean the rest of the archive is unreadable.
        except Exception as exc:  # noqa: BLE001
            reason = f"unreadable from here on ({_describe(exc)})"
            scan.errors.append(BadWarc(reason, path=where))
            break
    return scan


def _take(record: Any, where: str, raw: bool, scan: WarcScan) -> None:
    # warcio also reads the older ARC format, and takes any five-word line for an ARC header.
    if record.format != "warc":
        raise BadWarc(f"not a WARC record ({record.format} format)", path=where)
    if record.rec_type in SKIPPED_RECORD_TYPES:
        scan.skipped[record.rec_type] += 1
        return
    if record.rec_type != "response":
        raise UnsupportedInput(f"{record.rec_type} record, not a response", path=where)
    scan.articles.append(response_to_article(record, path=where, raw=raw))


def response_to_article(record: Any, *, path: str, raw: bool) -> Article:
    """One HTTP response record: an HTML page through the HTML reader."""
    mime, charset = _content_type(record)
    if mime is not None and mime not in _HTML_TYPES:
        raise UnsupportedInput(f"response is {mime}, not HTML", path=path)
    status = _status(record)
    if status not in _OK_STATUS:
        raise NoArticleText(f"HTTP status {status}, not a page", path=path)
    html = _decode(_payload(record, path), charset, path)
    if mime is None and not looks_like_html(html):
        raise UnsupportedInput("untyped response that is not HTML", path=path)
    url = record.rec_headers.get_header("WARC-Target-URI")
    crawled = normalise_date(record.rec_headers.get_header("WARC-Date"))
    if raw:
        return Article(text=html, path=path, url=url, published=crawled)
    article = parse_html(html, path=path)
    article.url = url or article.url
    # The page's own date when it has one; the crawl date is only an upper bound.
    article.published = article.published or crawled
    return article


def _payload(record: Any, path: str) -> bytes:
    """The decoded HTTP body, at most MAX_TEXT_BYTES; BadWarc when the record is cut short."""
    data: bytes = record.content_stream().read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise TooLarge(f"payload over {MAX_TEXT_BYTES} bytes", path=path)
    # The WARC Content-Length promised more than the file held: a truncated archive.
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise BadWarc("record truncated", path=path)
    return data


def _decode(data: bytes, charset: str | None, path: str) -> str:
    """The declared charset when it decodes cleanly, else the project's own sniffing."""
    if charset and data.strip():
        try:
            return data.decode(charset).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, where=path)


def _content_type(record: Any) -> tuple[str | None, str | None]:
    value = record.http_headers.get_header("Content-Type") if record.http_headers else None
    if not value:
        return None, None
    mime = value.split(";", 1)[0].strip().lower() or None
    match = _CHARSET.search(value)
    return mime, match.group(1) if match else None


def _status(record: Any) -> int | None:
    if not record.http_headers:
        return None
    code = record.http_headers.get_statuscode()
    return int(code) if code and code.isdigit() else None


def _describe(exc: Exception) -> str:
    """A one-line, printable reason."""
    # warcio quotes the damaged line after ", first line:": bytes, not a reason.
    message = str(exc).split(_QUOTED_LINE, 1)[0]
    message = "".join(ch if ch.isprintable() else " " for ch in message)
    message = " ".join(message.split())[:_MAX_ERROR_CHARS]
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__
