"""RSS and Atom feeds: one Article per entry, per-entry rejections, sniffing and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vedette.cli import app
from vedette.ingest import expand_inputs, read_articles_with_rejections
from vedette.ingest.feed import html_to_text, looks_like_feed

from ._helpers import assert_span_identity, write

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="feed.xsl"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example Gazette</title>
  <link>https://example.org/</link>
  <description>News</description>
  <item>
    <title>Troops gather near the border</title>
    <link>https://example.org/troops</link>
    <pubDate>Wed, 08 Dec 2021 23:30:00 -0500</pubDate>
    <dc:creator>Jane Roe and John Doe</dc:creator>
    <description>A short teaser.</description>
    <content:encoded><![CDATA[<p>About 120,000 soldiers were
      near the border, officials said on Tuesday.</p>
      <script>track()</script>
      <p>&ldquo;We are watching,&rdquo; a spokesman said.<br>He gave no details.</p>]]>
    </content:encoded>
  </item>
  <item>
    <title>Talks will resume</title>
    <link>https://example.org/talks</link>
    <description>Officials said talks would resume next month &amp; in Geneva.</description>
  </item>
  <item>
    <title>An entry with nothing in it</title>
    <link>https://example.org/empty</link>
  </item>
  <item>
    <title>Only markup</title>
    <description><![CDATA[<p> </p><script>var x = 1;</script>]]></description>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Example Wire</title>
  <id>urn:example:wire</id>
  <updated>2021-12-09T08:00:00Z</updated>
  <entry>
    <title>Ministers meet in Brussels</title>
    <id>urn:example:1</id>
    <link href="https://wire.example/ministers"/>
    <published>2021-12-07T22:00:00-05:00</published>
    <author><name>Ann Smith</name></author>
    <summary>Teaser only.</summary>
    <content type="html">&lt;p&gt;Ministers met in Brussels on Monday.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def read(path: Path) -> tuple[list, list]:  # type: ignore[type-arg]
    return read_articles_with_rejections(path)


def test_rss_entries_become_articles(tmp_path: Path) -> None:
    path = write(tmp_path, "feed.rss", RSS)
    articles, rejections = read(path)
    assert [a.path for a in articles] == [f"{path}#1", f"{path}#2"]
    first, second = articles
    assert first.text == (
        "About 120,000 soldiers were near the border, officials said on Tuesday.\n\n"
        "“We are watching,” a spokesman said.\nHe gave no details."
    )
    assert first.title == "Troops gather near the border"
    assert first.url == "https://example.org/troops"
    assert first.publisher == "Example Gazette"
    # The publisher's local date, not feedparser's UTC one (2021-12-09).
    assert first.published == "2021-12-08"
    assert first.byline == ["Jane Roe", "John Doe"]
    assert second.text == "Officials said talks would resume next month & in Geneva."
    assert second.published is None and second.byline == []


def test_bad_entries_are_rejected_one_by_one(tmp_path: Path) -> None:
    path = write(tmp_path, "feed.rss", RSS)
    _, rejections = read(path)
    assert [(r.path, r.code) for r in rejections] == [
        (f"{path}#3", "missing_text"),
        (f"{path}#4", "no_article_text"),
    ]
    assert rejections[0].message.startswith("[V007] missing_text:")


def test_atom_content_wins_over_summary(tmp_path: Path) -> None:
    articles, rejections = read(write(tmp_path, "wire.atom", ATOM))
    assert rejections == []
    (article,) = articles
    assert article.text == "Ministers met in Brussels on Monday."
    assert article.publisher == "Atom Example Wire"
    assert article.url == "https://wire.example/ministers"
    assert article.published == "2021-12-07"
    assert article.byline == ["Ann Smith"]


def test_title_inside_the_text_gets_a_span(tmp_path: Path) -> None:
    feed = ATOM.replace(
        "&lt;p&gt;Ministers met", "&lt;h1&gt;Ministers meet in Brussels&lt;/h1&gt;&lt;p&gt;They met"
    )
    (article,), _ = read(write(tmp_path, "wire.atom", feed))
    assert article.text.startswith("Ministers meet in Brussels\n\nThey met")
    assert_span_identity(article, article.title_span)
    assert article.body_start == article.text.index("They met")


def test_xml_is_read_as_a_feed_only_when_it_is_one(tmp_path: Path) -> None:
    articles, _ = read(write(tmp_path, "feed.xml", RSS))
    assert len(articles) == 2
    articles, rejections = read(write(tmp_path, "sitemap.xml", "<urlset><url/></urlset>"))
    assert articles == [] and [r.code for r in rejections] == ["unsupported"]


def test_feed_without_suffix_is_sniffed(tmp_path: Path) -> None:
    articles, _ = read(write(tmp_path, "feed", ATOM))
    assert [a.title for a in articles] == ["Ministers meet in Brussels"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("this is not a feed at all\n", "bad_feed"),
        ("<rss><channel><item><title>cut off", "missing_text"),
        ("<?xml version='1.0'?>\n<!-- nothing after the comment -->", "bad_feed"),
        ('<rss version="2.0"><channel><title>Quiet</title></channel></rss>', "empty_text"),
        (b"", "empty_text"),
    ],
)
def test_unparseable_feeds_are_coded_rejections(
    tmp_path: Path, content: str | bytes, code: str
) -> None:
    path = write(tmp_path, "broken.rss", content)
    articles, rejections = read(path)
    assert articles == []
    assert [r.code for r in rejections] == [code]
    assert rejections[0].path in (str(path), f"{path}#1")


def test_truncated_feed_keeps_the_entries_before_the_cut(tmp_path: Path) -> None:
    cut = RSS.index("<title>An entry")
    articles, rejections = read(write(tmp_path, "cut.rss", RSS[:cut]))
    assert [a.title for a in articles] == ["Troops gather near the border", "Talks will resume"]
    assert [r.code for r in rejections] == ["missing_text"]


def test_raw_keeps_entry_content_as_given(tmp_path: Path) -> None:
    (article,), _ = read_articles_with_rejections(write(tmp_path, "w.atom", ATOM), raw=True)
    assert article.text == "<p>Ministers met in Brussels on Monday.</p>"
    assert article.url == "https://wire.example/ministers"


def test_html_to_text() -> None:
    html = "<div>Intro <b>bold</b>\n text<ul><li>one</li><li>two</li></ul></div><style>x</style>"
    assert html_to_text(html) == "Intro bold text\n\none\n\ntwo"
    assert html_to_text("") == ""
    assert html_to_text("<p>&nbsp;</p>").strip() == ""


def test_looks_like_feed() -> None:
    assert looks_like_feed(RSS.encode())
    assert looks_like_feed(b"\xef\xbb\xbf<!-- generated --><feed xmlns='x'>")
    assert looks_like_feed(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">')
    assert looks_like_feed(ATOM.encode("utf-16"))
    assert not looks_like_feed(b"<html><body>feed</body></html>")
    assert not looks_like_feed(b"Title: rss\n---\n")


def test_directories_yield_feeds(tmp_path: Path) -> None:
    for name in ("a.rss", "b.atom", "c.xml", "d.gz"):
        write(tmp_path, name, "x")
    files, rejections = expand_inputs([str(tmp_path)])
    assert [f.name for f in files] == ["a.rss", "b.atom", "c.xml"]
    assert [r.code for r in rejections] == ["unsupported"]


def test_cli_analyze_feed_gives_json_lines(tmp_path: Path) -> None:
    feed = RSS.split("  <item>\n    <title>An entry")[0] + "</channel>\n</rss>\n"
    path = write(tmp_path, "feed.xml", feed)
    result = CliRunner().invoke(app, ["analyze", str(path), "--json"])
    assert result.exit_code == 0, result.output
    reports = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [r["article"]["path"] for r in reports] == [f"{path}#1", f"{path}#2"]
    assert reports[0]["article"]["publisher"] == "Example Gazette"
    assert reports[0]["article"]["published"] == "2021-12-08"
