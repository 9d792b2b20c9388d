"""The schema, shared by SQLite and PostgreSQL (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the text: re-ingesting adds nothing
    Column("path", Text, nullable=False),
    Column("title", Text),
    Column("publisher", Text),
    Column("url", Text),
    Column("published", String(10), index=True),
    Column("text", Text, nullable=False),
    Column("report", Text, nullable=False),  # the article-report contract as JSON
    Column("extractor_version", String(32), nullable=False),
    Column("config_hash", String(64), nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("qid", String(16), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("speaker", Text, index=True),
    Column("entity_id", Text),
    Column("channel", Text),
    Column("chain", Text, nullable=False),  # JSON list
    Column("question", Boolean, nullable=False),
    Column("cue", Text),
    Column("source", Text),
    Column("content", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("day", String(32)),  # the article's date (0008_desk_indexes, indexed there)
)

claims = Table(
    "claims",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("cid", String(16), primary_key=True),
    Column("value", Float),
    Column("low", Float),
    Column("high", Float),
    Column("unit", Text),
    Column("counted", Text, nullable=False, index=True),
    Column("place", Text),
    Column("as_of", String(10), index=True),
    Column("modality", String(16), nullable=False),
    Column("source", Text, index=True),
    Column("chain", Text, nullable=False),  # JSON list
    Column("evidence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("cluster", Text, index=True),
    Column("bucket", Integer),  # since 0002_claim_buckets
    Column("underlying", Text),  # since 0002_claim_buckets
    Column("day", String(10)),  # as_of, else the article date (0003, indexed there)
)

events = Table(
    "events",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("eid", String(16), primary_key=True),
    Column("type", String(32), nullable=False, index=True),
    Column("actors", Text, nullable=False),  # JSON list
    Column("place", Text),
    Column("date", String(32), index=True),
    Column("modality", String(32), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("day", String(32)),  # date, else the article's (0008_desk_indexes, indexed there)
)

rejections = Table(
    "rejections",
    metadata,
    Column("path", Text, primary_key=True),
    Column("code", String(32), primary_key=True),
    Column("message", Text, nullable=False),
    Column("rejected_at", String(32), nullable=False),
)

families = Table(
    "families",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id"), primary_key=True),
    Column("family", String(64), nullable=False, index=True),
    Column("origin_id", String(64)),
    Column("origin_outlet", Text),
    Column("relation", String(16)),
)

migrations = Table(
    "migrations",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("applied_at", String(32), nullable=False),
)
