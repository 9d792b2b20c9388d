"""A database made before a migration is brought up to date, keeping its rows."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect, text

from tests.store.test_contract import _report
from vedette.store import Store, open_store
from vedette.store.migrations import DESK_INDEXES


def test_upgrade_from_0001(tmp_path: Path) -> None:
    db = str(tmp_path / "old.db")
    store = open_store(db)
    store.save_report(_report(), version="t", config_hash="h")
    with store.engine.begin() as conn:  # turn it back into a 0001-era database
        conn.execute(text("DROP INDEX ix_claims_cluster_bucket"))
        conn.execute(text("DROP INDEX ix_claims_day"))
        for name, target in DESK_INDEXES.items():  # 0007's indexes use the columns dropped here
            if target.startswith("claims"):
                conn.execute(text(f"DROP INDEX {name}"))
        for column in ("bucket", "underlying", "day"):
            conn.execute(text(f"ALTER TABLE claims DROP COLUMN {column}"))
        conn.execute(text("DELETE FROM migrations WHERE name != '0001_initial'"))
    assert "ix_claims_desk" not in _indexes(store)
    assert open_store(db).migrate() == []  # open_store already applied them
    store = open_store(db)
    columns = {c["name"] for c in inspect(store.engine).get_columns("claims")}
    assert {"bucket", "underlying", "day"} <= columns
    assert {n for n, t in DESK_INDEXES.items() if t.startswith("claims")} <= _indexes(store)
    (claim,) = store.claims()
    assert claim.value == 100_000
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT day FROM claims")).scalar_one() == "2021-12-08"


def test_upgrade_to_revisions(tmp_path: Path) -> None:
    """A store from before 0005 holding two texts of one path (an edited article that wedged
    every later ingest) and a false store_error: the texts become two revisions."""
    from tests.store.test_revisions import EDITED
    from vedette.records import Rejection

    db = str(tmp_path / "old.db")
    store = open_store(db)
    store.save_report(_report(), version="t", config_hash="h")
    store.save_report(_report(EDITED, value=120_000), version="t", config_hash="h")
    store.save_rejection(Rejection("a.txt", "store_error", "[V040] store_error: a.txt: race"))
    with store.engine.begin() as conn:  # turn it back into a database from before 0005
        conn.execute(text("DROP TABLE revisions"))
        conn.execute(text("DROP INDEX ix_articles_analysed_by"))
        conn.execute(text("ALTER TABLE claims DROP COLUMN outlet"))
        conn.execute(text("DELETE FROM migrations WHERE name = '0005_revisions'"))
    store.engine.dispose()
    store = open_store(db)
    assert [(r.revision, r.latest) for r in store.history("a.txt")] == [(1, False), (2, True)]
    assert [c.value for c in store.claims()] == [120_000]
    assert store.rejections() == []
    assert store.stale_count("t", "h") == 0 and store.stale_ids("u", "h") == sorted(
        [_report().article.id, _report(EDITED).article.id])
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT outlet FROM claims")).scalars().all() == ["P", "P"]


def _indexes(store: Store) -> set[str]:
    """Index names from the catalogue (the inspector skips expression indexes)."""
    with store.engine.connect() as conn:
        return set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'"))
                   .scalars())
