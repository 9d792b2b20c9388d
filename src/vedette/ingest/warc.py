"""WARC archives, streamed record by record: each HTML `response` -> an Article (path#RECORD).

A crawl may be far larger than MAX_TEXT_BYTES, so the archive is never read whole; the limit
applies to each record's payload instead. Records are numbered from 1 in archive order,
warcinfo included, so `crawl.warc.gz#4` is the fourth record whatever was skipped before it.
"""

from __future__ import annotations

import gzip
import io
import itertools
import logging
import re
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
from vedette.ingest.limits import MAX_TEXT_BYTES
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
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_MAX_ERROR_CHARS = 120
_QUOTED_LINE = ", first line"
# How warcio says a .gz file is one gzip member rather than one member per record.
_NON_CHUNKED_GZIP = "non-chunked gzip"

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class WarcScan:
    """What one archive gave: articles, per-record rejections, and skipped records by type."""

    articles: list[Article] = field(default_factory=list)
    errors: list[InputRejected] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


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


def scan_warc(path: Path, *, raw: bool) -> WarcScan:
    """Stream the archive; corruption ends the scan with a BadWarc, keeping what was read.

    In raw mode a page's text is its decoded payload exactly, like a raw HTML file.
    """
    try:
        with path.open("rb") as handle:
            scan = _scan_stream(handle, str(path), raw)
        if not _whole_file_gzip(scan):
            return scan
        # One gzip member for the whole file (plain `gzip crawl.warc`): warcio only reads
        # one member per record, so read the decompressed stream as an uncompressed WARC.
        with gzip.open(path, "rb") as stream:
            return _scan_stream(stream, str(path), raw)
    except OSError as exc:
        raise NotFound(exc.strerror or "cannot read", path=str(path)) from None


def _scan_stream(stream: io.BufferedIOBase, path: str, raw: bool) -> WarcScan:
    scan = WarcScan()
    records = iter(ArchiveIterator(stream))
    for number in itertools.count(1):
        where = f"{path}#{number}"
        try:
            record = next(records, None)
            if record is None:
                break
            _take(record, where, raw, scan)
        except BadWarc as exc:
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


def _whole_file_gzip(scan: WarcScan) -> bool:
    return bool(scan.errors) and _NON_CHUNKED_GZIP in scan.errors[-1].message


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
