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


# URL schemes a store can use; anything else is refused before a driver is looked for.
SUPPORTED_SCHEMES = ("sqlite", "postgresql", "postgres")


def database_url(db: str | None) -> str:
    """A file path or URL -> an SQLAlchemy URL (psycopg 3 for PostgreSQL).

    StoreError for a URL of another database (mysql://...): one coded line, not a missing
    driver's traceback.
    """
    db = db or DEFAULT_DB
    if db.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + db.split("://", 1)[1]
    if db.startswith("file:"):  # an SQLite URI ("file:x.db?mode=ro")
        return f"sqlite:///{db}{'&' if '?' in db else '?'}uri=true"
    if "://" in db:
        scheme = db.split("://", 1)[0].split("+", 1)[0].lower()
        if scheme not in SUPPORTED_SCHEMES:
            raise StoreError(f"unsupported database {scheme!r}: give a SQLite file or a "
                             "postgresql:// URL")
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def open_store(db: str | None = None, *, write: bool = False) -> SqlStore:
    """The store at `db`, migrated; StoreError (one coded line) when it cannot be opened, or
    with `write` cannot be written (a read-only file or URI): a bad URL, a missing driver,
    an unreachable database."""
    url = database_url(db)
    if url.startswith("postgresql"):
        try:
            import psycopg  # noqa: F401
        except ImportError as err:
            hint = "PostgreSQL needs its driver: pip install 'vedette[postgres]'"
            raise StoreError(hint) from err
    try:
        store = SqlStore(create_engine(url, future=True))
        store.migrate()
        if write:
            store.check_writable()
    except SQLAlchemyError as err:
        reason = str(err.orig if hasattr(err, "orig") else err).splitlines()[0]
        raise StoreError(f"cannot open {db or DEFAULT_DB}: {reason}") from err
    except (ImportError, ValueError, TypeError, OSError) as err:  # driver, URL arguments
        raise StoreError(f"cannot open {db or DEFAULT_DB}: {type(err).__name__}: "
                         f"{str(err).splitlines()[0] if str(err) else ''}") from err
    return store


__all__ = ["DEFAULT_DB", "SqlStore", "Store", "StoreError", "database_url", "open_store",
           "schema", "source_of"]
