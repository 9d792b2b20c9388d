"""Readers: text with and without a header block, raw mode, HTML, JSON and JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vedette.ingest import expand_inputs, read_articles, read_articles_with_rejections
from vedette.records import Article

from ._helpers import assert_span_identity, write

HEADER_DOC = """Title: Ministers agree to meet again in the spring
Outlet: Example Gazette (example.org)
Date published: 2021-12-08
URL: https://example.org/ministers-meet
License: written for this test
Byline: By Jane Roe and John Doe
Words: 23
---

Ministers agreed on Wednesday to meet again in the spring.
“We will talk,” one of them said.
"""

SEED_STYLE_DOC = """Officials say talks will resume next month – Daily Example

Officials said on Tuesday that talks would resume next month.

The delegations will meet in Geneva, a spokesperson said.
"""


def read_one(path: Path, *, raw: bool = False) -> Article:
    articles = read_articles(path, raw=raw)
    assert len(articles) == 1
    return articles[0]


def test_header_block_fills_metadata(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "doc.txt", HEADER_DOC))
    assert article.title == "Ministers agree to meet again in the spring"
    assert article.publisher == "Example Gazette (example.org)"
    assert article.published == "2021-12-08"
    assert article.url == "https://example.org/ministers-meet"
    assert article.byline == ["Jane Roe", "John Doe"]
    assert article.text.startswith("Ministers agreed on Wednesday")
    assert article.text.endswith("one of them said.")
    assert "License" not in article.text
    assert article.title_span is None
    assert article.body_start == 0
    assert article.path == str(tmp_path / "doc.txt")


def test_header_with_title_line_in_body(tmp_path: Path) -> None:
    doc = "Title: Ministers agree to meet again\nDate published: 2021-12-08T09:00:00Z\n---\n"
    doc += "Ministers agree to meet again\n\nThe ministers agreed on Wednesday.\n"
    article = read_one(write(tmp_path, "doc.txt", doc))
    assert article.published == "2021-12-08"
    assert_span_identity(article, article.title_span)
    assert article.title_span is not None
    assert (article.title_span.start, article.title_span.text) == (0, article.title)
    assert article.text[article.body_start :].startswith("The ministers agreed")


def test_header_with_bad_date_keeps_the_rest(tmp_path: Path) -> None:
    doc = "Title: Ministers agree to meet again\nDate published: last Tuesday\n---\nBody text.\n"
    article = read_one(write(tmp_path, "doc.txt", doc))
    assert article.published is None
    assert article.title == "Ministers agree to meet again"
    assert article.text == "Body text."


def test_header_like_first_line_without_separator_is_text(tmp_path: Path) -> None:
    doc = "Kyiv: officials met on Tuesday to discuss the border.\nMore text follows here.\n"
    article = read_one(write(tmp_path, "doc.txt", doc))
    assert article.text == doc.rstrip()
    assert article.title is None


def test_seed_style_title_split(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "seed.txt", SEED_STYLE_DOC))
    assert article.title == "Officials say talks will resume next month"
    assert article.publisher == "Daily Example"
    assert article.text == SEED_STYLE_DOC.rstrip()  # the headline stays inside the text
    assert_span_identity(article, article.title_span)
    assert article.title_span is not None
    assert article.title_span.text == article.title
    assert article.text[article.body_start :].startswith("Officials said on Tuesday")


def test_first_line_that_is_a_sentence_is_not_a_headline(tmp_path: Path) -> None:
    doc = "Officials said on Tuesday that talks would resume.\nThey gave no date.\n"
    article = read_one(write(tmp_path, "doc.txt", doc))
    assert (article.title, article.publisher, article.title_span) == (None, None, None)
    assert article.body_start == 0


def test_mojibake_is_repaired_before_offsets(tmp_path: Path) -> None:
    # UTF-8 read as cp1252: ’ became â€™, “ became â€œ and ” became â€ plus U+009D.
    doc = "The ministerâ€™s office says talks resume – Daily Example\r\n\r\n"
    doc += "â€œWe will talk.â€\u009d\r\n"
    article = read_one(write(tmp_path, "doc.txt", doc))
    assert article.title == "The minister’s office says talks resume"
    assert article.text.endswith("“We will talk.”")
    assert "\r" not in article.text
    assert_span_identity(article, article.title_span)


def test_raw_mode_is_the_file_text_exactly(tmp_path: Path) -> None:
    doc = "\n" + HEADER_DOC.replace("\n", "\r\n") + "It\u00e2\u20ac\u2122s odd.  \n\n"
    article = read_one(write(tmp_path, "doc.txt", doc), raw=True)
    assert article.text == doc
    assert (article.title, article.publisher, article.published) == (None, None, None)
    assert article.path == str(tmp_path / "doc.txt")


def test_raw_mode_drops_only_the_bom(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "doc.txt", "\ufeffHello there.\n"), raw=True)
    assert article.text == "Hello there.\n"


def test_cp1252_smart_quotes_decode(tmp_path: Path) -> None:
    doc = "Ministers met again\n\nHe said \u201cwe will talk\u201d and it\u2019s fine.\n"
    article = read_one(write(tmp_path, "doc.txt", doc.encode("cp1252")))
    assert "\u201cwe will talk\u201d and it\u2019s fine." in article.text


def test_utf16_with_bom_decodes(tmp_path: Path) -> None:
    doc = "Ministers met again\n\nThey agreed to talk.\n"
    article = read_one(write(tmp_path, "doc.txt", doc.encode("utf-16")), raw=True)
    assert article.text == doc


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<title>Officials say talks will resume next month - Daily Example</title>
<meta property="og:site_name" content="Daily Example">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2021-12-08T10:00:00Z">
<link rel="canonical" href="https://example.com/talks">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article>
<h1>Officials say talks will resume next month</h1>
<p>Officials from both countries said on Tuesday that the talks would resume next month in
Geneva, after a pause of several weeks.</p>
<p>The delegations will meet for two days, a spokesperson told reporters, adding that no
agenda had been agreed yet.</p>
</article>
<footer>Copyright Daily Example</footer>
</body></html>
"""


def test_html_article_page(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "page.html", HTML_PAGE))
    assert article.title == "Officials say talks will resume next month"
    assert article.publisher == "Daily Example"
    assert article.published == "2021-12-08"
    assert article.url == "https://example.com/talks"
    assert article.byline == ["Jane Roe"]
    assert "resume next month in Geneva" in article.text
    assert "Copyright" not in article.text
    assert "<p>" not in article.text
    assert_span_identity(article, article.title_span)


def test_html_is_sniffed_without_suffix(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "page", HTML_PAGE))
    assert article.publisher == "Daily Example"


def test_broken_html_does_not_crash(tmp_path: Path) -> None:
    page = (
        "<html><head><title>Broken page</title><body><div><p>Officials said on Tuesday that "
        "the talks would resume next month in Geneva after a pause of several weeks <b>and "
        "more <p>The delegations will meet for two days, a spokesperson told reporters </div>"
    )
    article = read_one(write(tmp_path, "broken.html", page))
    assert "resume next month in Geneva" in article.text
    assert "spokesperson told reporters" in article.text


@pytest.mark.parametrize("page", ["<<<>>>", "<html><body></p></div><<</body", "<html>\x01</html>"])
def test_garbage_html_is_rejected_not_crashed(tmp_path: Path, page: str) -> None:
    articles, rejections = read_articles_with_rejections(write(tmp_path, "bad.html", page))
    assert articles == []
    assert [r.code for r in rejections] in (["no_article_text"], ["binary_file"])


def test_raw_html_is_the_markup(tmp_path: Path) -> None:
    article = read_one(write(tmp_path, "page.html", HTML_PAGE), raw=True)
    assert article.text == HTML_PAGE


def test_json_single_object(tmp_path: Path) -> None:
    record = {
        "text": "Officials met on Tuesday.\nThey agreed to talk.",
        "title": "Officials meet",
        "url": "https://example.org/a",
        "published": "2021-12-08T10:00:00+02:00",
        "outlet": "Example Gazette",
        "author": ["Jane Roe"],
    }
    article = read_one(write(tmp_path, "one.json", json.dumps(record)))
    assert article.text == record["text"]
    assert (article.title, article.publisher, article.url) == (
        "Officials meet",
        "Example Gazette",
        "https://example.org/a",
    )
    assert article.published == "2021-12-08"
    assert article.byline == ["Jane Roe"]
    assert article.path == str(tmp_path / "one.json")


def test_json_list_paths_count_records(tmp_path: Path) -> None:
    records = [{"text": "First report."}, {"title": "no text"}, {"text": "Third report."}]
    path = write(tmp_path, "many.json", json.dumps(records))
    articles, rejections = read_articles_with_rejections(path)
    assert [a.path for a in articles] == [f"{path}#1", f"{path}#3"]
    assert [(r.path, r.code) for r in rejections] == [(f"{path}#2", "missing_text")]


def test_jsonl_bad_line_keeps_good_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Officials met on Tuesday.", "byline": "By Jane Roe"}),
        "{not json",
        "",
        json.dumps({"text": "It\u00e2\u20ac\u2122s repaired.", "published": "not a date"}),
        json.dumps({"title": "no text here"}),
    ]
    path = write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    articles, rejections = read_articles_with_rejections(path)
    assert [a.path for a in articles] == [f"{path}#1", f"{path}#4"]
    assert articles[0].byline == ["Jane Roe"]
    assert articles[1].text == "It’s repaired."
    assert articles[1].published is None
    assert [(r.path, r.code) for r in rejections] == [
        (f"{path}#2", "bad_json"),
        (f"{path}#5", "missing_text"),
    ]
    assert all(r.message.startswith("[V00") for r in rejections)
    # read_articles keeps the good records and does not raise.
    assert len(read_articles(path)) == 2


def test_jsonl_raw_keeps_record_text_exactly(tmp_path: Path) -> None:
    text = "  It\u00e2\u20ac\u2122s raw.\r\n"
    path = write(tmp_path, "raw.jsonl", json.dumps({"text": text, "published": "2021-12-08"}))
    article = read_one(path, raw=True)
    assert article.text == text
    assert article.published == "2021-12-08"


def test_expand_inputs(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "Second.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.html", HTML_PAGE)
    write(tmp_path, ".hidden.txt", "Hidden.")
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".git", "c.txt", "Hidden too.")
    write(tmp_path, "index.csv", "a,b\n")
    files, rejections = expand_inputs([str(tmp_path), str(tmp_path / "missing.txt")])
    assert files == [tmp_path / "b.txt", tmp_path / "sub" / "a.html"]
    assert [(r.code, r.path) for r in rejections] == [
        ("unsupported", str(tmp_path / "index.csv")),
        ("not_found", str(tmp_path / "missing.txt")),
    ]


def test_expand_inputs_glob_and_order(tmp_path: Path) -> None:
    for name in ("c.txt", "a.txt", "b.json"):
        write(tmp_path, name, "Text.")
    files, rejections = expand_inputs(
        [str(tmp_path / "c.txt"), str(tmp_path / "*.txt"), str(tmp_path / "*.nothing")]
    )
    assert files == [tmp_path / "c.txt", tmp_path / "a.txt"]
    assert [r.code for r in rejections] == ["not_found"]


def test_empty_directory_gives_nothing(tmp_path: Path) -> None:
    assert expand_inputs([str(tmp_path)]) == ([], [])


def test_seed_title_and_publisher(shared: Path) -> None:
    seed = shared / "seed" / "000_422543fb29edb296.txt"
    if not seed.is_file():
        pytest.skip("seed article not available")
    article = read_one(seed)
    assert article.title == "Ukrainian military report says 120,000 Russian soldiers near border"
    assert article.publisher == "Henry’s Club"
    assert_span_identity(article, article.title_span)
    assert article.text[article.body_start :].startswith("According to its latest")


def test_corpus_headers(shared: Path) -> None:
    paths = sorted((shared / "corpus").glob("*.txt"))
    if not paths:
        pytest.skip("corpus not available")
    for path in paths:
        article = read_one(path)
        assert article.title and article.publisher and article.published, path
        assert not article.text.startswith(("Title:", "---")), path
        if article.title_span is not None:
            assert_span_identity(article, article.title_span)
