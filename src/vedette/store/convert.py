"""Reports to table rows and table rows back to records; no database access here."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from vedette.clusters import cluster_key, underlying_source, value_bucket
from vedette.records import Article, Report
from vedette.store.rows import ClaimRow, EventRow, QuoteRow


@dataclass(frozen=True, slots=True)
class ReportRows:
    """One report as the rows it is stored as, computed before the write transaction."""

    article: dict[str, Any]
    quotes: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    events: list[dict[str, Any]]


def report_rows(report: Report, version: str, config_hash: str) -> ReportRows:
    from vedette.confirmation import article_outlet

    data = report.to_json()
    article_id = report.article.id
    day = data["article"]["published"]
    outlet = article_outlet(data["provenance"].get("origin_outlet"), data["article"]["publisher"])
    return ReportRows(
        article=article_row(data, version, config_hash),
        quotes=[quote_row(article_id, q, day) for q in data["quotes"]],
        claims=[{**claim_row(article_id, c, day), "outlet": outlet} for c in data["claims"]],
        events=[event_row(article_id, e, day) for e in data["events"]],
    )


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def article_row(data: dict[str, Any], version: str, config_hash: str) -> dict[str, Any]:
    a = data["article"]
    return {
        "id": a["id"], "path": a["path"], "title": a["title"], "publisher": a["publisher"],
        "url": a["url"], "published": a["published"], "text": a["text"],
        # The text lives in its own column; the stored report omits it to halve the size.
        "report": json.dumps({**data, "article": {**a, "text": None}}, ensure_ascii=False),
        "extractor_version": version, "config_hash": config_hash, "ingested_at": now(),
    }


def quote_row(article_id: str, q: dict[str, Any], published: str | None) -> dict[str, Any]:
    speaker = q["speaker"] or {}
    return {
        "article_id": article_id, "qid": q["id"], "kind": q["kind"],
        "speaker": speaker.get("name"), "entity_id": speaker.get("entity_id"),
        "channel": q["channel"], "chain": json.dumps(q["chain"], ensure_ascii=False),
        "question": bool(q["question"]),
        "cue": q["cue"]["text"] if q["cue"] else None,
        "source": q["source"]["text"] if q["source"] else None,
        "content": q["content"]["text"], "start": q["content"]["start"],
        "end": q["content"]["end"], "day": published,
    }


def claim_row(article_id: str, c: dict[str, Any], published: str | None) -> dict[str, Any]:
    source = c["source"] or {}
    return {
        "article_id": article_id, "cid": c["id"], "value": c["value"], "low": c["low"],
        "high": c["high"], "unit": c["unit"], "counted": c["counted"], "place": c["place"],
        "as_of": c["as_of"], "modality": c["modality"], "source": source.get("name"),
        "chain": json.dumps(c["chain"], ensure_ascii=False),
        "evidence": c["evidence"]["text"], "start": c["evidence"]["start"],
        "end": c["evidence"]["end"],
        "cluster": cluster_key(c["counted"], c["place"], c["unit"], c.get("of"), c.get("kind")),
        "bucket": value_bucket(c["low"], c["high"], c["value"]),
        "underlying": underlying_source(c["chain"], source.get("name")),
        "day": (c["as_of"] or published or "")[:10] or None,
        "of": c.get("of"), "kind": c.get("kind"),
    }


def event_row(article_id: str, e: dict[str, Any], published: str | None) -> dict[str, Any]:
    return {
        "article_id": article_id, "eid": e["id"], "type": e["type"],
        "actors": json.dumps(e["actors"], ensure_ascii=False), "place": e["place"],
        "date": e["date"], "modality": e["modality"], "evidence": e["evidence"]["text"],
        "start": e["evidence"]["start"], "end": e["evidence"]["end"],
        "day": e["date"] or published,
    }


def article_from(m: Any) -> Article:
    """The stored article as ingest made it (headline located again in the text)."""
    from vedette.ingest.text import locate_title

    report = json.loads(m["report"])["article"] if "report" in m else {}
    article = Article(text=m["text"], path=m["path"], title=m["title"],
                      publisher=m["publisher"], url=m["url"], published=m["published"],
                      byline=list(report.get("byline") or []))
    located = locate_title(article.text, article.title)
    article.title_span, article.body_start = located.span, located.body_start
    return article


def claim_from(m: Any) -> ClaimRow:
    return ClaimRow(
        article_id=m["article_id"], path=m["path"], publisher=m["publisher"],
        published=m["published"], value=m["value"], low=m["low"], high=m["high"],
        unit=m["unit"], counted=m["counted"], place=m["place"], as_of=m["as_of"],
        modality=m["modality"], source=m["source"], chain=tuple(json.loads(m["chain"])),
        evidence=m["evidence"], cluster=m["cluster"], family=m["family"],
        origin_outlet=m["origin_outlet"], bucket=m["bucket"], of=m["of"], kind=m["kind"],
        underlying=m["underlying"], start=m["start"], end=m["end"],
    )


def quote_from(m: Any) -> QuoteRow:
    return QuoteRow(
        article_id=m["article_id"], path=m["path"], published=m["published"], kind=m["kind"],
        speaker=m["speaker"], channel=m["channel"], chain=tuple(json.loads(m["chain"])),
        question=bool(m["question"]), cue=m["cue"], content=m["content"], start=m["start"],
        end=m["end"],
    )


def event_from(m: Any) -> EventRow:
    return EventRow(
        article_id=m["article_id"], path=m["path"], published=m["published"], type=m["type"],
        actors=tuple(json.loads(m["actors"])), place=m["place"], date=m["date"],
        modality=m["modality"], evidence=m["evidence"],
    )
