"""The desk: a FastAPI app over `vedette.service` (REST API under /api, pages elsewhere).

`create_app` needs the `web` extra; importing it without fails early with the install hint.
"""

from __future__ import annotations

from pathlib import Path

from vedette.errors import VedetteError
from vedette.store import Store, open_store


class WebExtraMissing(VedetteError):
    code = "V070"
    reason = "web_extra_missing"


try:
    from fastapi import FastAPI, Request, Response
    from fastapi.staticfiles import StaticFiles
except ImportError as _err:  # pragma: no cover - depends on the environment
    raise WebExtraMissing("the desk needs its extra: pip install 'vedette[web]'") from _err

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
# Scripts, styles, images, fonts and data only from this server; no inline script, no
# framing, no plugins. Leaflet and uPlot style elements through the DOM (allowed).
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def create_app(store: Store | str | None = None, *, token: str | None = None) -> FastAPI:
    """The desk over `store` (a Store, or a database path/URL). Writes need `token`."""
    from vedette.api import errors, routes
    from vedette.web import pages

    app = FastAPI(title="Vedette desk", version="1", openapi_url="/api/openapi.json",
                  docs_url=None, redoc_url=None)  # the docs UIs load scripts from a CDN
    app.state.store = open_store(store) if store is None or isinstance(store, str) else store
    app.state.token = token or None
    errors.install(app)
    app.include_router(routes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.middleware("http")(_security_headers)
    return app


async def _security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
    response: Response = await call_next(request)
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def read_token(token_file: Path | None) -> str | None:
    """The write token: the first line of `token_file`, else $VEDETTE_API_TOKEN, else None."""
    import os

    if token_file is not None:
        token = token_file.read_text(encoding="utf-8").strip().splitlines()
        return token[0].strip() if token and token[0].strip() else None
    return os.environ.get("VEDETTE_API_TOKEN", "").strip() or None


__all__ = ["create_app", "read_token"]
