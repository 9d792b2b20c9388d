"""Every page in chromium: loads without a console error, passes axe (no serious or critical
violation), its main interaction works, and its screenshot goes to docs/screenshots/."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest

from tests.web.conftest import SCREENSHOTS, Desk, Watch, axe_violations

PAGES = {
    "overview": "/",
    "estimates": "/estimates?counted=troops",
    "map": "/map",
    "claims": "/claims",
    "quotes": "/quotes",
    "speaker": "/who/Joe%20Biden",
    "article": "/articles/{article_id}",
    "families": "/families",
    "family": "/families/f1",
    "contradictions": "/contradictions",
    "timeline": "/timeline",
    "rejects": "/rejects",
}
Tab = tuple[Any, Watch]


def visit(tab: Any, desk: Desk, path: str) -> None:
    tab.goto(desk.base + path.format(article_id=desk.article_id))
    tab.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_cleanly_and_accessibly(desk: Desk, page: Tab, name: str) -> None:
    tab, watch = page
    visit(tab, desk, PAGES[name])
    if name == "estimates":
        tab.wait_for_selector("#chart canvas")
    if name == "map":
        tab.wait_for_selector(".leaflet-marker-icon")
    assert tab.locator("h1").count() == 1
    assert watch.errors == []
    assert axe_violations(tab) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_filter_applies_and_stays_in_the_url(desk: Desk, page: Tab) -> None:
    tab, watch = page
    visit(tab, desk, "/quotes")
    tab.fill("input[name=speaker]", "Biden")
    tab.click("form.filters button[type=submit]")
    tab.wait_for_url(re.compile(r"speaker=Biden"))
    speakers = tab.locator("#results tbody tr td:nth-child(2)").all_inner_texts()
    assert speakers and all("Biden" in s for s in speakers)
    tab.reload()  # the filter lives in the URL
    assert tab.input_value("input[name=speaker]") == "Biden"
    assert watch.errors == []


def test_chart_point_opens_its_evidence(desk: Desk, page: Tab) -> None:
    tab, watch = page
    visit(tab, desk, "/estimates?counted=troops")
    tab.wait_for_selector("#chart canvas")
    x, y = tab.evaluate("""() => {
        const u = document.getElementById('chart').uplot;
        const r = u.over.getBoundingClientRect();
        for (let s = 1; s < u.data.length; s++)
          for (let i = 0; i < u.data[0].length; i++)
            if (u.data[s][i] !== null)
              return [r.left + u.valToPos(u.data[0][i], 'x'),
                      r.top + u.valToPos(u.data[s][i], 'y')];
        }""")
    tab.mouse.move(x, y)
    tip = tab.locator(".chart-tip")
    tip.wait_for(state="visible")
    assert "independent confirmations" in tip.inner_text()
    tab.mouse.click(x, y)
    drawer = tab.locator("#drawer.open")
    drawer.wait_for()
    assert "troops" in drawer.locator("mark").inner_text() or drawer.locator("mark").count()
    assert watch.errors == []


def test_any_figure_reaches_its_text_in_two_clicks(desk: Desk, page: Tab) -> None:
    tab, watch = page
    visit(tab, desk, "/claims?counted=troops")
    first = tab.locator("#results a.ev").first
    number = first.inner_text()
    first.click()  # one: the drawer with the sentence
    tab.locator("#drawer.open blockquote mark").wait_for()
    tab.locator("#drawer a.open-article").click()  # two: the article, at the span
    focus = tab.locator("#focus")
    focus.wait_for()
    followed = "".join(tab.locator(".m-focus").all_inner_texts())  # the span, cut by marks
    assert re.sub(r"\D", "", number)[:3] in re.sub(r"\D", "", followed)
    assert watch.errors == []


def test_article_shows_highlighted_quotes_by_speaker(desk: Desk, page: Tab) -> None:
    tab, watch = page
    visit(tab, desk, "/articles/{article_id}")
    quotes = tab.locator("article.text .m-quote")
    assert quotes.count() > 0
    titles = " ".join(t or "" for t in (quotes.nth(i).get_attribute("title")
                                        for i in range(quotes.count())))
    assert "Joe Biden" in titles
    assert tab.locator("article.text .m-place").count() > 0
    assert tab.locator(".quotes .chain").count() > 0  # the attribution chain of each quote
    assert watch.errors == []


def test_map_popup_lists_claims_and_quotes_and_filters_apply(desk: Desk, page: Tab) -> None:
    tab, watch = page
    visit(tab, desk, "/map?bbox=20,50,33,56")  # Belarus and around
    tab.wait_for_selector(".leaflet-marker-icon")
    status = tab.locator("#map-status").inner_text()
    assert re.match(r"\d+ place", status)
    single = tab.locator(".leaflet-marker-icon:not(.marker-cluster)")
    for _ in range(6):  # a cluster opens by zooming in: click until a single marker shows
        if single.count():
            break
        tab.locator(".marker-cluster").first.click()
        tab.wait_for_timeout(600)
    single.first.click()
    popup = tab.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator("h3").inner_text()
    visit(tab, desk, "/map?bbox=-10,-10,-9,-9")  # the sea off Africa: nothing
    tab.wait_for_function("document.getElementById('map-status').textContent.length > 0")
    assert tab.locator("#map-status").inner_text().startswith("0 place")
    assert watch.errors == []


def test_speaker_page_lists_statements(desk: Desk, page: Tab) -> None:
    tab, watch = page
    visit(tab, desk, "/who/" + quote("Antony Blinken"))
    rows = tab.locator("#results table").first.locator("tbody tr")
    assert rows.count() >= 1 and "Blinken" in rows.first.inner_text()
    assert watch.errors == []
