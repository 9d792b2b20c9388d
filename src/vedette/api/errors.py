"""One error shape for every failure: {"code", "message", "field"}; a bad filter is a 422."""

from __future__ import annotations

import html
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException

from vedette.errors import VedetteError
from vedette.service import FilterError

# Codes of the HTTP layer; filters use FilterError's own (V060).
HTTP_CODES = {400: "V064", 401: "V062", 403: "V063", 404: "V061", 405: "V065", 413: "V066",
              415: "V067"}
INTERNAL = "V099"


class ApiError(Exception):
    """An HTTP failure with our shape: status, code, message, field."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


def error_body(code: str, message: str, field: str | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "field": field}


def _response(status: int, code: str, message: str, field: str | None = None,
              request: Request | None = None) -> Response:
    """JSON for the API; a page (same code, message and field) for a browser on a page URL."""
    if request is not None and not request.url.path.startswith("/api"):
        return HTMLResponse(_page(code, message, field), status_code=status)
    return JSONResponse(error_body(code, message, field), status_code=status)


def _page(code: str, message: str, field: str | None) -> str:
    where = f" (field <code>{html.escape(field)}</code>)" if field else ""
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Vedette desk: "
            f"error</title><link rel='stylesheet' href='/static/desk.css'></head><body><main>"
            f"<h1>{html.escape(code)}</h1><p>{html.escape(message)}{where}</p>"
            "<p><a href='/'>Back to the overview</a></p></main></body></html>")


def install(app: FastAPI) -> None:
    app.add_exception_handler(FilterError, _filter_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(ApiError, _api_error)  # type: ignore[arg-type]
    app.add_exception_handler(HTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(VedetteError, _vedette_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _internal_error)


async def _filter_error(request: Request, exc: FilterError) -> Response:
    return _response(422, exc.code, exc.message, exc.field, request)


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    first = exc.errors()[0] if exc.errors() else {}
    loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "path", "body")]
    return _response(422, FilterError.code, str(first.get("msg", "invalid request")),
                     ".".join(loc) or None, request)


async def _api_error(request: Request, exc: ApiError) -> Response:
    return _response(exc.status, HTTP_CODES.get(exc.status, "V064"), exc.message, exc.field,
                     request)


async def _http_error(request: Request, exc: HTTPException) -> Response:
    return _response(exc.status_code, HTTP_CODES.get(exc.status_code, "V064"), str(exc.detail),
                     request=request)


async def _vedette_error(request: Request, exc: VedetteError) -> Response:
    return _response(400, exc.code, str(exc), request=request)


async def _internal_error(request: Request, exc: Exception) -> Response:
    return _response(500, INTERNAL, f"internal error: {type(exc).__name__}", request=request)
