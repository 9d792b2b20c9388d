"""The schema, shared by SQLite and PostgreSQL (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
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
    # Finding stale articles reads this index, not the large rows (0005).
    Index("ix_articles_analysed_by", "extractor_version", "config_hash"),
)

# An article is its source (URL, else path) plus its text: a new text at a known source is
# the next revision of that source. `latest` marks the newest revision of each source; the
# same text may be a revision of several sources (0005_revisions).
revisions = Table(
    "revisions",
    metadata,
    Column("source", Text, primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id"), nullable=False),
    Column("latest", Boolean, nullable=False),
    Column("seen_at", String(32), nullable=False),
    Index("ix_revisions_article_latest", "article_id", "latest"),
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
    Column("day", String(32)),  # the article's date (0007_desk_indexes, indexed there)
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
    Column("of", Text),  # whose forces (0004_claim_of, indexed there)
    Column("kind", String(16)),  # force, casualty, hypothetical, other (0004_claim_of)
    # The outlet the article goes back to (credited, else its publisher), kept with each
    # claim so that counting confirmations never reads the large article rows (0005).
    Column("outlet", Text),
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
    Column("day", String(32)),  # date, else the article's (0007_desk_indexes, indexed there)
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

# --- the provenance index (0006_provenance_index): fingerprints and posting lists per
# article, so a batch of new articles is linked without reading the rest of the store ---
provenance_docs = Table(
    "provenance_docs",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=False),  # index order
    Column("article_id", String(64), nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("publisher", Text),
    Column("published", String(10)),
    Column("credits", Text),  # the outlet the text credits
    Column("spun", Boolean, nullable=False),
    Column("words", LargeBinary, nullable=False),  # uint32 own-word hashes in text order
    Column("quoted", LargeBinary, nullable=False),  # uint32 sorted quoted shingles
    Column("anchors", LargeBinary, nullable=False),  # uint32 sorted name/number shingles
    Column("family", Integer, index=True),  # key of the family's first member
)

provenance_postings = Table(
    "provenance_postings",
    metadata,
    Column("key", BigInteger, primary_key=True, autoincrement=False),
    Column("doc", Integer, primary_key=True, autoincrement=False),
    sqlite_with_rowid=False,
)

provenance_boilerplate = Table(
    "provenance_boilerplate",
    metadata,
    Column("key", BigInteger, primary_key=True, autoincrement=False),
)

provenance_kept = Table(  # greedy unrelated holders of a window, beyond the first
    "provenance_kept",
    metadata,
    Column("key", BigInteger, primary_key=True, autoincrement=False),
    Column("doc", Integer, primary_key=True, autoincrement=False),
    sqlite_with_rowid=False,
)

provenance_links = Table(
    "provenance_links",
    metadata,
    Column("a", Integer, primary_key=True, autoincrement=False),
    Column("b", Integer, primary_key=True, autoincrement=False, index=True),
    Column("relation", String(16), nullable=False),
    Column("score", Float, nullable=False),
    Column("a_in_b", Float, nullable=False),
    Column("b_in_a", Float, nullable=False),
)

provenance_families = Table(
    "provenance_families",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("origin", Integer),  # None: outside the corpus
    Column("origin_outlet", Text),
)

# One row while a rebuild holds postings in memory (provenance/runs.py): the docs from this
# key on have no posting rows yet.
provenance_pending = Table(
    "provenance_pending",
    metadata,
    Column("key", Integer, primary_key=True, autoincrement=False),
)

PROVENANCE_TABLES = [provenance_docs, provenance_postings, provenance_pending,
                     provenance_boilerplate, provenance_kept, provenance_links,
                     provenance_families]
