"""The store: SQLite by default (`vedette.db`), PostgreSQL with `--db postgresql://...`.

`base.Store` is the protocol callers use; `sql.SqlStore` implements it over SQLAlchemy Core,
with one writer (`writer.py`) through which every write goes.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.exc import SQLAlchemyError

from vedette.errors import VedetteError
from vedette.store import schema
from vedette.store.base import Store, source_of
from vedette.store.settings import DEFAULT_DB
from vedette.store.sql import SqlStore


class StoreError(VedetteError):
    code = "V040"
    reason = "store_error"


def database_url(db: str | None) -> str:
    """A file path or URL -> an SQLAlchemy URL (psycopg 3 for PostgreSQL)."""
    db = db or DEFAULT_DB
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def open_store(db: str | None = None) -> SqlStore:
    url = database_url(db)
    if url.startswith("postgresql"):
        try:
            import psycopg  # noqa: F401
        except ImportError as err:
            hint = "PostgreSQL needs its driver: pip install 'vedette[postgres]'"
            raise StoreError(hint) from err
    store = SqlStore(create_engine(url, future=True))
    try:
        store.migrate()
    except SQLAlchemyError as err:
        reason = str(err.orig if hasattr(err, "orig") else err).splitlines()[0]
        raise StoreError(f"cannot open {db or DEFAULT_DB}: {reason}") from err
    return store


__all__ = ["DEFAULT_DB", "SqlStore", "Store", "StoreError", "database_url", "open_store",
           "schema", "source_of"]
