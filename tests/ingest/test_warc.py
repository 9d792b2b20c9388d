"""WARC archives: HTML responses become Articles, other records are skipped or rejected."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from vedette.ingest import expand_inputs, read_articles_with_rejections
from vedette.ingest.warc import scan_warc, starts_like_warc

PARAGRAPH = "About 120,000 soldiers were near the border, officials said on Tuesday. " * 6
PAGE = f"""<!DOCTYPE html><html><head><title>Troops gather near the border</title></head>
<body><nav>Home | World</nav><article><h1>Troops gather near the border</h1>
<p>{PARAGRAPH}</p><p>{PARAGRAPH}</p></article></body></html>"""
DATED_PAGE = PAGE.replace(
    "<title>", '<meta property="article:published_time" content="2021-12-08"><title>'
)
EMPTY_PAGE = "<html><head><script>var x = 1;</script></head><body></body></html>"
CRAWLED = "2021-12-10T09:00:00Z"


def _http(content_type: str, status: str = "200 OK") -> StatusAndHeaders:
    return StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")


def build_warc(pages: list[tuple[str, str, str]], *, gzip_records: bool = True) -> bytes:
    """warcinfo, then a request and a response for each (url, content type, body)."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_records)
    writer.write_record(writer.create_warcinfo_record("crawl.warc.gz", {"software": "test"}))
    for url, content_type, body in pages:
        request = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
        )
        writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
        headers = {"WARC-Date": CRAWLED}
        response = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body.encode("utf-8")),
            http_headers=_http(content_type),
            warc_headers_dict=headers,
        )
        writer.write_record(response)
    return buffer.getvalue()


def write_warc(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


PAGES = [
    ("https://example.org/troops", "text/html; charset=utf-8", DATED_PAGE),
    ("https://example.org/logo.png", "image/png", "\x89PNG"),
    ("https://example.org/empty", "text/html", EMPTY_PAGE),
    ("https://example.org/undated", "application/xhtml+xml", PAGE),
]


def test_html_responses_become_articles(tmp_path: Path) -> None:
    path = write_warc(tmp_path, "crawl.warc.gz", build_warc(PAGES))
    articles, rejections = read_articles_with_rejections(path)
    # Records: 1 warcinfo, then request/response pairs: responses are 3, 5, 7, 9.
    assert [a.path for a in articles] == [f"{path}#3", f"{path}#9"]
    dated, undated = articles
    assert dated.url == "https://example.org/troops"
    assert dated.title == "Troops gather near the border"
    assert "120,000 soldiers" in dated.text and "Home | World" not in dated.text
    assert dated.published == "2021-12-08"
    # No date in the page: the crawl date stands in.
    assert undated.published == "2021-12-10"
    assert [(r.path, r.code) for r in rejections] == [
        (f"{path}#5", "unsupported"),
        (f"{path}#7", "no_article_text"),
    ]


def test_skipped_records_are_counted(tmp_path: Path) -> None:
    path = write_warc(tmp_path, "crawl.warc", build_warc(PAGES, gzip_records=False))
    scan = scan_warc(path, raw=False)
    assert dict(scan.skipped) == {"warcinfo": 1, "request": 4}
    assert len(scan.articles) == 2 and len(scan.errors) == 2


def test_corrupt_gzip_keeps_records_read_before(tmp_path: Path) -> None:
    data = bytearray(build_warc(PAGES))
    # Zero a stretch of the last response's gzip member: the first pages stay readable.
    start = len(data) * 4 // 5
    data[start : start + 32] = bytes(32)
    path = write_warc(tmp_path, "crawl.warc.gz", bytes(data))
    articles, rejections = read_articles_with_rejections(path)
    assert [a.url for a in articles] == ["https://example.org/troops"]
    assert rejections[-1].code == "bad_warc"
    assert rejections[-1].message.startswith("[V013] bad_warc:")
    assert rejections[-1].message.isprintable()


def test_whole_file_gzip_is_read(tmp_path: Path) -> None:
    # `gzip crawl.warc` makes one member for the whole file, not one per record.
    data = gzip.compress(build_warc(PAGES, gzip_records=False))
    articles, rejections = read_articles_with_rejections(write_warc(tmp_path, "w.warc.gz", data))
    assert [a.url for a in articles] == [
        "https://example.org/troops",
        "https://example.org/undated",
    ]
    assert [r.code for r in rejections] == ["unsupported", "no_article_text"]


def test_truncated_archive_rejects_the_cut_record(tmp_path: Path) -> None:
    data = build_warc(PAGES, gzip_records=False)
    path = write_warc(tmp_path, "crawl.warc", data[: len(data) - 200])
    articles, rejections = read_articles_with_rejections(path)
    assert [a.url for a in articles] == ["https://example.org/troops"]
    assert [(r.path, r.code) for r in rejections][-1] == (f"{path}#9", "bad_warc")


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"this is not an archive\n", "bad_warc"),
        (gzip.compress(b"not a warc either\n"), "bad_warc"),
        (b"", "empty_text"),
    ],
)
def test_unreadable_archives_are_coded(tmp_path: Path, content: bytes, code: str) -> None:
    path = write_warc(tmp_path, "crawl.warc.gz", content)
    articles, rejections = read_articles_with_rejections(path)
    assert articles == [] and [r.code for r in rejections] == [code]


def test_archive_without_pages_is_empty(tmp_path: Path) -> None:
    data = build_warc([("https://example.org/a.css", "text/css", "body {}")])
    articles, rejections = read_articles_with_rejections(write_warc(tmp_path, "c.warc.gz", data))
    assert articles == [] and [r.code for r in rejections] == ["unsupported"]
    articles, rejections = read_articles_with_rejections(
        write_warc(tmp_path, "d.warc.gz", build_warc([]))
    )
    assert articles == [] and [r.code for r in rejections] == ["empty_text"]


def test_non_ok_status_is_not_a_page(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    payload = io.BytesIO(PAGE.encode())
    headers = _http("text/html", "404 Not Found")
    url = "https://example.org/gone"
    record = writer.create_warc_record(url, "response", payload=payload, http_headers=headers)
    writer.write_record(record)
    path = write_warc(tmp_path, "gone.warc.gz", buffer.getvalue())
    _, rejections = read_articles_with_rejections(path)
    assert [(r.path, r.code) for r in rejections] == [(f"{path}#1", "no_article_text")]


def test_raw_gives_the_payload(tmp_path: Path) -> None:
    path = write_warc(tmp_path, "crawl.warc.gz", build_warc(PAGES[:1]))
    (article,), _ = read_articles_with_rejections(path, raw=True)
    assert article.text == DATED_PAGE
    assert article.url == "https://example.org/troops"


def test_sniffed_without_suffix(tmp_path: Path) -> None:
    path = write_warc(tmp_path, "crawl", build_warc(PAGES[:1]))
    assert starts_like_warc(path)
    articles, _ = read_articles_with_rejections(path)
    assert [a.path for a in articles] == [f"{path}#3"]
    assert not starts_like_warc(write_warc(tmp_path, "x.gz", gzip.compress(b"hello")))


def test_directories_yield_archives(tmp_path: Path) -> None:
    for name in ("a.warc", "b.warc.gz", "c.WARC.GZ", "d.gz"):
        write_warc(tmp_path, name, b"x")
    files, rejections = expand_inputs([str(tmp_path)])
    assert [f.name for f in files] == ["a.warc", "b.warc.gz", "c.WARC.GZ"]
    assert [r.path for r in rejections] == [str(tmp_path / "d.gz")]


def test_payload_over_the_limit_is_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("vedette.ingest.warc.MAX_TEXT_BYTES", 100)
    path = write_warc(tmp_path, "crawl.warc.gz", build_warc(PAGES[:1]))
    articles, rejections = read_articles_with_rejections(path)
    assert articles == [] and [(r.path, r.code) for r in rejections] == [(f"{path}#3", "too_large")]
