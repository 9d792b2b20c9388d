"""Inputs -> documents: the same readers as `ingest`, a deterministic partition per document.

Every engine reads a file with `read_file`, which never raises: a bad file or record is a
rejection. A document's partition is a function of its id (the hash of its text) alone, so
a rerun with the same arguments puts every document where it was the first time.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from vedette.config import EXTRACTOR_VERSION
from vedette.distributed.settings import PARTITION_KEY_HEX
from vedette.errors import InputRejected
from vedette.records import Article, Rejection

REMOTE_SCHEMES = ("hdfs://", "s3a://", "s3://", "s3n://", "gs://", "abfs://", "abfss://",
                  "wasbs://", "dbfs:/")


class ReadFailed(InputRejected):
    code = "V014"
    reason = "read_failed"


@dataclass(frozen=True, slots=True)
class Inputs:
    """Command-line inputs split by who can read them."""

    local: list[str]  # files on this machine, expanded as `ingest` expands them
    remote: list[str]  # URIs (globs allowed) that only Spark reads
    rejections: list[Rejection]


def split_inputs(paths: Sequence[str]) -> Inputs:
    from vedette.ingest import expand_inputs

    remote = [p for p in paths if p.startswith(REMOTE_SCHEMES)]
    local = [p.removeprefix("file://") for p in paths if p not in remote]
    files, rejections = expand_inputs(local) if local else ([], [])
    return Inputs([str(f) for f in files], remote, rejections)


def partition_of(article_id: str, partitions: int) -> int:
    return int(article_id[:PARTITION_KEY_HEX], 16) % partitions


def partition_name(pkey: int) -> str:
    return f"{pkey:05d}"


def read_file(path: str, *, published: str | None = None) -> tuple[list[Article],
                                                                  list[Rejection]]:
    """Articles and rejections of one file; never raises (a reader bug is a rejection)."""
    from vedette.ingest import read_articles_with_rejections

    try:
        articles, rejections = read_articles_with_rejections(Path(path))
    except Exception as err:  # noqa: BLE001 - one unreadable file never fails the batch
        failure = ReadFailed(f"{type(err).__name__}: {err}"[:300], path=path)
        return [], [Rejection(path, failure.reason, str(failure))]
    for article in articles:
        article.published = article.published or published
    return articles, rejections


def read_remote(uri: str, data: bytes, *, published: str | None = None) -> tuple[
        list[Article], list[Rejection]]:
    """A file Spark fetched (hdfs://, s3a:// ...): read from a local copy with the same name,
    then named by its URI again."""
    with tempfile.TemporaryDirectory(prefix="vedette-") as tmp:
        local = Path(tmp) / (uri.rstrip("/").rsplit("/", 1)[-1] or "input")
        local.write_bytes(data)
        articles, rejections = read_file(str(local), published=published)
    for article in articles:
        article.path = article.path.replace(str(local), uri, 1)
    renamed = [Rejection(r.path.replace(str(local), uri, 1), r.code,
                         r.message.replace(str(local), uri)) for r in rejections]
    return articles, renamed


def unique_articles(articles: Iterable[Article]) -> list[Article]:
    """One article per id (the first path in order wins), in canonical order (path, id):
    the order provenance numbers families in, in every engine."""
    best: dict[str, Article] = {}
    for article in articles:
        kept = best.get(article.id)
        if kept is None or article.path < kept.path:
            best[article.id] = article
    return sorted(best.values(), key=canonical_key)


def canonical_key(article: Article) -> tuple[str, str]:
    return (article.path, article.id)


def dumps(article: Article) -> bytes:
    return pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> Article:
    article = pickle.loads(data)  # noqa: S301 - written by this run's own driver or executors
    assert isinstance(article, Article)
    return article


def work_version() -> str:
    """Work tables are only reused by the same extractor version."""
    return EXTRACTOR_VERSION
