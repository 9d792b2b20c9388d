"""The REST API: every CLI query, with the same filters and the same JSON shapes.

Routes only parse, call `vedette.service` and format; they hold no query logic.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable, Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field

from vedette import service
from vedette.api.errors import ApiError
from vedette.api.formats import csv_lines, csv_rows, every_item, ndjson_lines, to_json
from vedette.api.params import filter_params, format_param, page_params
from vedette.service import Filter, Page, PageRequest
from vedette.store import Store

router = APIRouter(prefix="/api")
NDJSON = "application/x-ndjson"
# Documents one POST /api/articles may carry.
MAX_POST_DOCUMENTS = 500
FilterDep = Annotated[Filter, Depends(filter_params)]
PageDep = Annotated[PageRequest, Depends(page_params)]
FormatDep = Annotated[str, Depends(format_param)]
Lister = Callable[[Store, Filter, PageRequest], Page[Any]]


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def listing(request: Request, name: str, fetch: Callable[[PageRequest], Page[Any]],
            page: PageRequest, fmt: str) -> Response:
    """One page as {"items", "next"}; every item as NDJSON or CSV when asked."""
    if fmt == "csv":
        return StreamingResponse(csv_lines(csv_rows(every_item(fetch, page))),
                                 media_type="text/csv; charset=utf-8", headers={
                                     "Content-Disposition": f'attachment; filename="{name}.csv"'})
    if fmt == "ndjson" or NDJSON in request.headers.get("accept", ""):
        return StreamingResponse(ndjson_lines(every_item(fetch, page)), media_type=NDJSON)
    found = fetch(page)
    return JSONResponse({"items": [to_json(i) for i in found.items], "next": found.next})


def _list_route(name: str, lister: Lister, summary: str) -> None:
    def route(request: Request, filt: FilterDep, page: PageDep, fmt: FormatDep) -> Response:
        store = store_of(request)
        return listing(request, name, lambda p: lister(store, filt, p), page, fmt)

    route.__name__ = f"list_{name}"
    router.add_api_route(f"/{name}", route, methods=["GET"], summary=summary,
                         response_model=None)


for _name, _lister, _summary in (
    ("articles", service.list_articles, "Articles (newest last; order=desc for newest first)"),
    ("quotes", service.list_quotes, "Quotes with speaker, chain and offsets"),
    ("claims", service.list_claims, "Claims as stored, with article, family and offsets"),
    ("estimates", service.list_estimates, "Estimates with independent confirmations"),
    ("timeline", service.list_timeline, "Events in date order, merged across articles"),
    ("contradictions", service.list_contradictions, "Numbers that disagree"),
    ("families", service.list_families, "Copy families with origin and members"),
    ("rejects", service.list_rejects, "Rejected inputs with their reason codes"),
    ("places", service.list_places, "Map markers: places with their claims and quotes"),
):
    _list_route(_name, _lister, _summary)


@router.get("/articles/{article_id}", summary="The full report of one article",
            response_model=None)
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    report = service.article_report(store_of(request), article_id)
    if report is None:
        raise ApiError(404, f"no article {article_id[:80]!r}", "article_id")
    return report


@router.get("/families/{family}", summary="One copy family and how its numbers spread",
            response_model=None)
def get_family(request: Request, family: str) -> Any:
    view = service.family_detail(store_of(request), family)
    if view is None:
        raise ApiError(404, f"no family {family[:80]!r}", "family")
    return to_json(view)


@router.get("/who/{name}", summary="Everything a person or organisation said",
            response_model=None)
def who(request: Request, name: str, filt: FilterDep, page: PageDep,
        fmt: FormatDep) -> Response:
    store = store_of(request)
    return listing(request, "who", lambda p: service.who_said(store, name, filt, p), page, fmt)


@router.get("/evidence/{article_id}", summary="A span, its sentence, article and family",
            response_model=None)
def get_evidence(request: Request, article_id: str, start: int, end: int) -> Any:
    found = service.evidence(store_of(request), article_id, start, end)
    if found is None:
        raise ApiError(404, f"no article {article_id[:80]!r}", "article_id")
    return to_json(found)


@router.get("/overview", summary="The corpus at a glance", response_model=None)
def get_overview(request: Request, filt: FilterDep) -> Any:
    return to_json(service.overview(store_of(request), filt))


EXPORT_VIEWS: dict[str, Lister] = {
    "articles": service.list_articles, "quotes": service.list_quotes,
    "claims": service.list_claims, "estimates": service.list_estimates,
    "timeline": service.list_timeline, "contradictions": service.list_contradictions,
    "families": service.list_families, "rejects": service.list_rejects,
}


@router.get("/export.csv", summary="One CSV across several views (a `view` column first)",
            response_model=None)
def export_csv(request: Request, filt: FilterDep,
               views: str = "estimates,quotes,timeline") -> Response:
    chosen = _views(views)
    store = store_of(request)

    def rows() -> Iterator[dict[str, Any]]:
        for view in chosen:
            lister = EXPORT_VIEWS[view]
            items = every_item(lambda p, f=lister: f(store, filt, p), PageRequest())  # type: ignore[misc]
            for row in csv_rows(items):
                yield {"view": view, **row}

    return StreamingResponse(csv_lines(_aligned(rows(), _columns(chosen, store, filt))),
                             media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="vedette.csv"'})


def _views(views: str) -> list[str]:
    chosen = [v.strip() for v in views.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in EXPORT_VIEWS]
    if unknown or not chosen:
        raise ApiError(422, f"views are among {', '.join(EXPORT_VIEWS)}", "views")
    return list(dict.fromkeys(chosen))


def _columns(views: list[str], store: Store, filt: Filter) -> list[str]:
    """Every column of every view (from one item of each), so one header fits all rows."""
    columns: dict[str, None] = {"view": None}
    for view in views:
        for row in csv_rows(EXPORT_VIEWS[view](store, filt, PageRequest(limit=1)).items):
            columns.update(dict.fromkeys(row))
    return list(columns)


def _aligned(rows: Iterator[dict[str, Any]], columns: list[str]) -> Iterator[dict[str, Any]]:
    for row in rows:
        yield {k: row.get(k) for k in columns}


# --- writes: disabled unless a token is configured ---------------------------------------

class Document(BaseModel):
    text: str = Field(max_length=20_000_000)
    title: str | None = None
    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    byline: list[str] | None = None
    path: str | None = None


class Documents(BaseModel):
    documents: list[Document] = Field(min_length=1, max_length=MAX_POST_DOCUMENTS)


class Reanalysis(BaseModel):
    ids: list[str] = Field(min_length=1, max_length=MAX_POST_DOCUMENTS)


def require_token(request: Request) -> None:
    token: str | None = request.app.state.token
    if not token:
        raise ApiError(403, "writes are disabled: start the server with --token-file FILE "
                            "or VEDETTE_API_TOKEN")
    given = request.headers.get("authorization", "")
    if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        raise ApiError(401, "a valid 'Authorization: Bearer TOKEN' header is required")


@router.post("/articles", summary="Ingest documents (needs the bearer token)",
             dependencies=[Depends(require_token)], response_model=None)
def post_articles(request: Request, body: Annotated[Documents, Body()]) -> Any:
    records = [d.model_dump(exclude_none=True) for d in body.documents]
    return to_json(service.ingest_records(store_of(request), records))


@router.post("/reanalyze", summary="Analyse stored articles again (needs the bearer token)",
             dependencies=[Depends(require_token)], response_model=None)
def post_reanalyze(request: Request, body: Annotated[Reanalysis, Body()]) -> Any:
    return to_json(service.reanalyze(store_of(request), body.ids))
