"""The one writer: every write to the store goes through `Writer.run`.

A unit of work runs in one short transaction. Inserts ignore rows already there
(`INSERT ... ON CONFLICT DO NOTHING`, the same statement on SQLite and PostgreSQL through
SQLAlchemy's dialect inserts), so any number of processes may write the same article at once:
the first one stores it, the others find it stored. On SQLite a write transaction takes the
database lock when it begins (`BEGIN IMMEDIATE`): a transaction that read first and then
found another writer ahead of it could not be saved and would fail at once. A lock or
deadlock that outlasts the wait is retried, so it never becomes a rejection.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from vedette.store.settings import (
    QUERY_CHUNK,
    RETRY_BACKOFF_S,
    SQLITE_BUSY_MS,
    SQLITE_PAGE_SIZE,
    WRITE_ATTEMPTS,
)

T = TypeVar("T")
# Execution option that marks a connection as the writer's (SQLite: BEGIN IMMEDIATE).
_WRITE = "vedette_write"
# PostgreSQL error codes worth a retry: serialization failure, deadlock, lock not available.
_PG_RETRY = frozenset({"40001", "40P01", "55P03"})
_SQLITE_RETRY = ("database is locked", "database is busy", "database table is locked")


class Writer:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._dialect: Any = postgresql if engine.dialect.name == "postgresql" else sqlite
        self._compiled: dict[tuple[str, tuple[str, ...], bool], str] = {}
        # Named parameters (":name" on SQLite, "%(name)s" on psycopg): rows pass as dicts.
        self._sql_dialect = (sqlite.dialect(paramstyle="named") if engine.dialect.name == "sqlite"
                             else engine.dialect)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)

    def run(self, work: Callable[[Connection], T]) -> T:
        """`work` in one write transaction, retried when another writer holds a lock."""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self._transaction() as conn:
                    return work(conn)
            except DBAPIError as err:
                if attempt == WRITE_ATTEMPTS - 1 or not transient(err):
                    raise
                time.sleep(RETRY_BACKOFF_S * 2**attempt)
        raise AssertionError("unreachable")  # the loop returns or raises

    def insert_ignore(self, conn: Connection, table: Table,
                      rows: Sequence[dict[str, Any]]) -> None:
        """Insert rows, leaving any that already exist (by primary key) as they are."""
        for i in range(0, len(rows), QUERY_CHUNK):
            chunk = list(rows[i : i + QUERY_CHUNK])
            conn.exec_driver_sql(self._sql(table, tuple(chunk[0]), returning=False), chunk)

    def insert_one(self, conn: Connection, table: Table, row: dict[str, Any]) -> bool:
        """One row, unless its key exists: True when this call added it."""
        # RETURNING, not rowcount: drivers disagree on the rowcount of an ignored insert.
        sql = self._sql(table, tuple(row), returning=True)
        return conn.exec_driver_sql(sql, row).first() is not None

    def _sql(self, table: Table, columns: tuple[str, ...], *, returning: bool) -> str:
        """The insert's SQL, compiled once per table and columns: SQLAlchemy does not cache
        its dialect inserts (ON CONFLICT), and compiling each time doubled the write cost."""
        key = (table.name, columns, returning)
        if key not in self._compiled:
            statement = self._dialect.insert(table).on_conflict_do_nothing()
            if returning:
                statement = statement.returning(*table.primary_key.columns)
            self._compiled[key] = str(statement.compile(dialect=self._sql_dialect,
                                                        column_keys=list(columns)))
        return self._compiled[key]

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn.execution_options(**{_WRITE: True})
            with conn.begin():
                yield conn


def transient(err: DBAPIError) -> bool:
    """A lock or a deadlock with another writer, not a fault of the data."""
    code = getattr(err.orig, "sqlstate", None)
    if code in _PG_RETRY:
        return True
    message = str(err.orig).lower()
    return any(text in message for text in _SQLITE_RETRY)


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # The driver's own BEGIN is turned off so that `_sqlite_begin` chooses the kind.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")  # first: the next ones may wait
    # Only a database not written yet takes it (a WAL database keeps its page size).
    cur.execute(f"PRAGMA page_size={SQLITE_PAGE_SIZE}")
    cur.execute("PRAGMA journal_mode=WAL")  # readers never block the one writer
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(_WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
