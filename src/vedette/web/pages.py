"""Server-rendered pages of the desk. Each route calls `vedette.service` and renders a
template; the filters live in the page URL (the same parameters as the API)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from vedette import service
from vedette.api.errors import ApiError
from vedette.api.params import filter_params, page_params
from vedette.render import number_text
from vedette.service import Filter, PageRequest
from vedette.store import Store
from vedette.web.highlight import article_segments

TEMPLATES = Path(__file__).resolve().parent / "templates"
templates = Jinja2Templates(directory=TEMPLATES)  # autoescape on for .html
router = APIRouter(include_in_schema=False)
FilterDep = Annotated[Filter, Depends(filter_params)]
PageDep = Annotated[PageRequest, Depends(page_params)]
# Rows a page table shows before its "next page" link.
PAGE_ROWS = 50
NAV = (("/", "Overview"), ("/estimates", "Estimates"), ("/map", "Map"),
       ("/claims", "Claims"), ("/quotes", "Quotes"), ("/timeline", "Timeline"),
       ("/contradictions", "Contradictions"), ("/families", "Copy families"))


def safe_url(url: str | None) -> str | None:
    """Only http(s) URLs become links: `javascript:` and the like stay text."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


templates.env.filters["safe_url"] = safe_url
def number(item: Any) -> str:
    """A claim's number as the CLI writes it, from a record or a report's dict."""
    get = item.get if isinstance(item, dict) else lambda k: getattr(item, k)
    return number_text(get("low"), get("high"), get("value"))


templates.env.filters["number"] = number
templates.env.globals["NAV"] = NAV


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _page(request: Request, template: str, filt: Filter | None = None,
          **context: Any) -> HTMLResponse:
    params = filt.as_params() if filt else {}
    return templates.TemplateResponse(request, template, {
        "filt": filt or Filter(), "query": urlencode(params), "path": request.url.path,
        **context})


def _rows(page: PageRequest) -> PageRequest:
    limit = page.limit if page.cursor or page.limit != service.DEFAULT_PAGE_SIZE else PAGE_ROWS
    return PageRequest(page.cursor, limit, page.descending)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, filt: FilterDep) -> HTMLResponse:
    return _page(request, "overview.html", filt, view=service.overview(_store(request), filt))


@router.get("/estimates", response_class=HTMLResponse)
def estimates(request: Request, filt: FilterDep, page: PageDep) -> HTMLResponse:
    found = service.list_estimates(_store(request), filt, _rows(page))
    return _page(request, "estimates.html", filt, found=found)


@router.get("/map", response_class=HTMLResponse)
def world_map(request: Request, filt: FilterDep) -> HTMLResponse:
    return _page(request, "map.html", filt)


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request, filt: FilterDep, page: PageDep) -> HTMLResponse:
    found = service.list_estimates(_store(request), filt, _rows(page))
    return _page(request, "claims.html", filt, found=found)


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, filt: FilterDep, page: PageDep) -> HTMLResponse:
    found = service.list_quotes(_store(request), filt, _rows(page))
    return _page(request, "quotes.html", filt, found=found)


@router.get("/who/{name}", response_class=HTMLResponse)
def speaker(request: Request, name: str, filt: FilterDep, page: PageDep) -> HTMLResponse:
    store = _store(request)
    said = service.who_said(store, name, filt, _rows(page))
    numbers = service.list_estimates(store, Filter(**{**_fields(filt), "speaker": name}),
                                     PageRequest(limit=PAGE_ROWS))
    return _page(request, "who.html", filt, name=name, found=said, numbers=numbers)


def _fields(filt: Filter) -> dict[str, Any]:
    return {k: getattr(filt, k) for k in service.FILTER_FIELDS}


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request, filt: FilterDep, page: PageDep) -> HTMLResponse:
    found = service.list_timeline(_store(request), filt, _rows(page))
    return _page(request, "timeline.html", filt, found=found)


@router.get("/contradictions", response_class=HTMLResponse)
def contradictions(request: Request, filt: FilterDep, page: PageDep) -> HTMLResponse:
    found = service.list_contradictions(_store(request), filt, _rows(page))
    return _page(request, "contradictions.html", filt, found=found)


@router.get("/families", response_class=HTMLResponse)
def families(request: Request, filt: FilterDep, page: PageDep) -> HTMLResponse:
    found = service.list_families(_store(request), filt, _rows(page))
    return _page(request, "families.html", filt, found=found)


@router.get("/families/{family}", response_class=HTMLResponse)
def family(request: Request, family: str) -> HTMLResponse:
    view = service.family_detail(_store(request), family)
    if view is None:
        raise ApiError(404, f"no family {family[:80]!r}", "family")
    return _page(request, "family.html", None, view=view)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str, hl: str | None = None) -> HTMLResponse:
    report = service.article_report(_store(request), article_id)
    if report is None:
        raise ApiError(404, f"no article {article_id[:80]!r}", "article_id")
    focus = _focus(hl, len(report["article"]["text"]))
    return _page(request, "article.html", None, report=report,
                 segments=article_segments(report, focus), focus=focus)


def _focus(hl: str | None, length: int) -> tuple[int, int] | None:
    """`?hl=START-END`: the span the evidence drawer pointed at."""
    try:
        start, end = (int(v) for v in (hl or "").split("-"))
    except ValueError:
        return None
    return (start, end) if 0 <= start < end <= length else None


@router.get("/evidence/{article_id}", response_class=HTMLResponse)
def evidence(request: Request, article_id: str, start: int, end: int) -> HTMLResponse:
    """The evidence drawer (a fragment for htmx, a whole page otherwise)."""
    found = service.evidence(_store(request), article_id, start, end)
    if found is None:
        raise ApiError(404, f"no article {article_id[:80]!r}", "article_id")
    fragment = request.headers.get("hx-request") == "true"
    return _page(request, "evidence.html", None, ev=found, fragment=fragment)


@router.get("/rejects", response_class=HTMLResponse)
def rejects(request: Request, filt: FilterDep, page: PageDep) -> HTMLResponse:
    found = service.list_rejects(_store(request), filt, _rows(page))
    return _page(request, "rejects.html", filt, found=found)
