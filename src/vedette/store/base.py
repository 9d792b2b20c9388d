"""The Store protocol: what the CLI, the batch, the analysis and (later) the API use.

`SqlStore` (SQLAlchemy: SQLite, PostgreSQL) is the implementation; another backend only has
to provide these methods. Writes are idempotent: saving what is stored adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol

from sqlalchemy import Engine

from vedette.records import Article, Rejection, Report
from vedette.store.rows import (
    ClaimRow,
    EventRow,
    FamilyRow,
    QuoteRow,
    RevisionRow,
    Revisions,
    Saved,
)


def source_of(article: Article) -> str:
    """What an article is a revision of: its URL, else its path."""
    return (article.url or "").strip() or article.path


class Store(Protocol):
    # The SQLAlchemy engine: the provenance index (store/provenance_index.py) and bulk
    # loaders work on the same database as the store.
    engine: Engine

    @property
    def backend(self) -> str: ...

    def migrate(self) -> list[str]: ...

    # writing (one writer, idempotent)
    def save_report(self, report: Report, *, version: str, config_hash: str) -> Saved: ...

    def save_revision(self, article: Article) -> Saved: ...

    def replace_report(self, report: Report, *, version: str, config_hash: str) -> bool: ...

    def save_rejection(self, rejection: Rejection) -> None: ...

    def replace_families(self, rows: Sequence[FamilyRow]) -> None: ...

    # reading
    def known_ids(self, ids: Iterable[str]) -> set[str]: ...

    def latest_by_source(self, sources: Iterable[str]) -> dict[str, str]: ...

    def count(self, table: str = "articles") -> int: ...

    def stale_ids(self, version: str, config_hash: str) -> list[str]: ...

    def stale_count(self, version: str, config_hash: str) -> int: ...

    def analysed_by(self, article_id: str) -> tuple[str, str] | None: ...

    def load_articles(self, ids: Sequence[str]) -> list[Article]: ...

    def rejections(self) -> list[Rejection]: ...

    def articles(self, revisions: Revisions = "latest") -> Iterator[Article]: ...

    def latest_articles(self) -> Iterator[Article]: ...

    def claims(self, *, counted: str | None = None, since: str | None = None,
               near: str | None = None, limit: int | None = None, of: str | None = None,
               kinds: Sequence[str] | None = None,
               revisions: Revisions = "latest") -> list[ClaimRow]: ...

    def claims_of(self, article_id: str) -> list[ClaimRow]: ...

    def quotes_of(self, article_id: str) -> list[QuoteRow]: ...

    def confirmation_counts(
        self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]: ...

    def quotes_by(self, name: str, revisions: Revisions = "latest") -> list[QuoteRow]: ...

    def events(self, revisions: Revisions = "latest") -> list[EventRow]: ...

    def families(self) -> list[FamilyRow]: ...

    def history(self, source: str) -> list[RevisionRow]: ...

    def find_sources(self, text: str) -> list[str]: ...

    def export_rows(self, table: str,
                    revisions: Revisions = "latest") -> Iterator[dict[str, Any]]: ...
