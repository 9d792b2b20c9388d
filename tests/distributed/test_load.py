"""`vedette load`: the batch tables in a store, the same as the store's own export."""

from __future__ import annotations

import json
from pathlib import Path

from vedette.analyze.export import rows as export_rows
from vedette.distributed.compare import table_rows
from vedette.distributed.load import LOADED, load_tables
from vedette.distributed.tables import CLOCK_COLUMNS
from vedette.store import Store, schema


def _stored(store: Store, table: str) -> list[tuple[str, ...]]:
    t = schema.metadata.tables[table]
    with store.engine.connect() as conn:
        found = [dict(r._mapping) for r in conn.execute(t.select())]
    return sorted(tuple(json.dumps(v, sort_keys=True) for k, v in sorted(r.items())
                        if k not in CLOCK_COLUMNS) for r in found)


def test_load_twice_equals_tables(local_out: Path, store: Store) -> None:
    first = load_tables(str(local_out), store)
    second = load_tables(str(local_out), store)
    assert first.families == second.families == "replaced"
    manifest = json.loads((local_out / "manifest.json").read_text())
    for table in (*LOADED, "families"):
        assert store.count(table) == manifest["counts"][table], table
        assert _stored(store, table) == table_rows(str(local_out), table), table
    exported = list(export_rows(store, "articles"))
    assert len(exported) == manifest["counts"]["articles"]
    assert all(r["article"]["text"] for r in exported)


def test_load_into_a_store_with_other_articles_recomputes_families(
        local_out: Path, store: Store) -> None:
    from vedette.records import Article, Report

    store.save_report(Report(article=Article(text="An unrelated note of a few words.")),
                      version="test", config_hash="test")
    summary = load_tables(str(local_out), store)
    assert summary.families == "recomputed"
    manifest = json.loads((local_out / "manifest.json").read_text())
    assert store.count() == manifest["counts"]["articles"] + 1
    assert store.count("families") == manifest["counts"]["families"]
