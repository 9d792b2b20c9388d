"""Untrusted article text in the browser: titles, quotes, numbers, URLs and outlets carrying
`<script>`, `"><img src=x onerror=...>` and `javascript:` payloads never run, never become
links, and no request leaves the server."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.web.conftest import XSS_DOCUMENTS, Desk, Watch

VIEWS = ["/", "/estimates", "/claims", "/quotes", "/timeline", "/map", "/who/Reznikov",
         "/contradictions", "/families", "/rejects"]


def test_payloads_are_stored_as_text(desk: Desk) -> None:
    assert len(desk.xss_ids) == len(XSS_DOCUMENTS)
    report = httpx.get(f"{desk.base}/api/articles/{desk.xss_ids[0]}").json()
    assert "<script>" in report["article"]["text"] and "onerror" in report["article"]["text"]
    assert report["article"]["url"].startswith("javascript:")


def _assert_inert(tab: Any, watch: Watch, desk: Desk) -> None:
    assert tab.evaluate("() => window.__xss === undefined")
    assert watch.dialogs == []
    outside = [u for u in watch.requests
               if not u.startswith(desk.base + "/") and not u.startswith("data:")]
    assert outside == []
    assert tab.locator("a[href^='javascript' i]").count() == 0
    assert tab.locator("img[src='x'], svg[onload], b[onmouseover]").count() == 0


@pytest.mark.parametrize("path", VIEWS)
def test_no_payload_runs_in_any_view(desk: Desk, page: tuple[Any, Watch], path: str) -> None:
    tab, watch = page
    tab.goto(desk.base + path)
    tab.wait_for_load_state("networkidle")
    _assert_inert(tab, watch, desk)


def test_no_payload_runs_in_the_article_view_or_drawer(desk: Desk,
                                                       page: tuple[Any, Watch]) -> None:
    tab, watch = page
    for article_id in desk.xss_ids:
        tab.goto(f"{desk.base}/articles/{article_id}")
        tab.wait_for_load_state("networkidle")
        assert "<script>" in tab.locator("article.text").inner_text()  # shown, as text
        _assert_inert(tab, watch, desk)
        link = tab.locator("a.ev").first
        if link.count():
            link.click()
            tab.locator("#drawer.open").wait_for()
            _assert_inert(tab, watch, desk)


def test_no_payload_runs_in_chart_tooltips_or_map_popups(desk: Desk,
                                                         page: tuple[Any, Watch]) -> None:
    tab, watch = page
    tab.goto(f"{desk.base}/estimates?source=script")
    tab.wait_for_load_state("networkidle")
    tab.hover("#chart")
    _assert_inert(tab, watch, desk)
    tab.goto(f"{desk.base}/map?source=script")
    tab.wait_for_selector(".leaflet-marker-icon")
    markers = tab.locator(".leaflet-marker-icon")
    for i in range(markers.count()):  # clusters zoom in, markers open their popup
        if markers.nth(i).is_visible():
            markers.nth(i).dispatch_event("click")  # a marker may sit outside the viewport
            tab.wait_for_timeout(300)
            _assert_inert(tab, watch, desk)
