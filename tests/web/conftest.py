"""The desk in a real browser: Playwright drives Debian's chromium against a live server.

The store holds the example articles analysed by the real pipeline, the hand-made test
articles (a copy family, a contradiction) and articles whose title, quotes, numbers, URL and
outlet carry script payloads, ingested through the API's write route.
Skips only when chromium or Playwright is absent (CI installs both).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the desk needs the web extra")
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed (apt-get install chromium)",
                allow_module_level=True)

import httpx  # noqa: E402

from tests.api import corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
TOKEN = "browser-test-token"
# Every payload sets window.__xss (or opens a dialog) if it ever runs.
XSS_DOCUMENTS = [
    {"title": "<script>window.__xss='title'</script>Troops surge near the border",
     "text": "“We have <script>window.__xss='quote'</script> 100,000 troops near the border,” "
             "Defense Minister Oleksii Reznikov told reporters on Monday. "
             "Officials said \"><img src=x onerror=\"window.__xss='img'\"> 50,000 more troops "
             "arrived in Belarus.",
     "url": "javascript:window.__xss='url'", "outlet": "<img src=x onerror=alert('outlet')>",
     "published": "2021-12-20", "path": "xss/one.txt"},
    {"title": "\"><svg onload=alert('svg')> Talks in Geneva",
     "text": "“We will not accept <b onmouseover=alert('b')>120,000</b> troops on our border,” "
             "said Antony Blinken in Geneva. Russia has 130,000<script>alert('n')</script> "
             "troops near Ukraine, officials told CNN.",
     "url": "JaVaScRiPt:alert('url2')", "outlet": "Example <script>alert('o')</script> News",
     "published": "2021-12-21", "path": "xss/two.txt"},
]


@dataclass
class Desk:
    base: str
    xss_ids: list[str]
    article_id: str  # an example article with quotes


@dataclass
class Watch:
    """What a page did: console errors, page errors, dialogs, and every request it made."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ingest_examples(db: str) -> None:
    from vedette.batch import ingest
    from vedette.store import open_store

    store = open_store(db)
    # relative to the repository, as `make demo` stores them (the screenshots show paths)
    pattern = "examples/*.txt" if Path.cwd() == ROOT else str(ROOT / "examples" / "*.txt")
    ingest([pattern], store)
    store.engine.dispose()


def _add_test_corpus(db: str) -> None:
    """Last, so its copy family f1 is the one stored (a POST recomputes families)."""
    from vedette.store import open_store

    store = open_store(db)
    corpus.fill(store)
    store.engine.dispose()


@pytest.fixture(scope="session")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    import uvicorn

    from vedette.api import create_app

    db = str(tmp_path_factory.mktemp("desk") / "desk.db")
    _ingest_examples(db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, token=TOKEN), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    stored = httpx.post(f"{base}/api/articles", json={"documents": XSS_DOCUMENTS},
                        headers={"Authorization": f"Bearer {TOKEN}"}, timeout=300).json()
    _add_test_corpus(db)
    article = httpx.get(f"{base}/api/quotes?speaker=Biden&limit=1").json()["items"][0]
    yield Desk(base, stored["stored"], article["article_id"])
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    tab = context.new_page()
    watch = Watch()
    tab.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: watch.errors.append(str(e)))
    tab.on("request", lambda r: watch.requests.append(r.url))

    def dialog(d: Any) -> None:
        watch.dialogs.append(d.message)
        d.dismiss()

    tab.on("dialog", dialog)
    yield tab, watch
    context.close()


def axe_violations(tab: Any) -> list[tuple[str, str, int]]:
    """Serious and critical accessibility violations (axe-core, run through DevTools, so the
    page's CSP stays in force)."""
    tab.evaluate(AXE.read_text(encoding="utf-8"))
    found = tab.evaluate("""async () => {
        const r = await axe.run(document, {resultTypes: ['violations']});
        return r.violations.map(v => [v.id, v.impact, v.nodes.length]); }""")
    return [tuple(v) for v in found if v[1] in ("serious", "critical")]
