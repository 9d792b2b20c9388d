"""`vedette batch`: the same tables from the local pool and from Spark; resume after a kill."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.distributed.conftest import PARTITIONS, needs_spark, run
from vedette.distributed.compare import differences, table_rows
from vedette.distributed.layout import TABLES, Layout
from vedette.distributed.run import BatchError
from vedette.distributed.tables import arrow_schema


def test_local_tables_and_manifest(local_out: Path) -> None:
    manifest = json.loads((local_out / "manifest.json").read_text())
    assert manifest["engine"] == "local"
    assert manifest["counts"]["articles"] > 20
    assert manifest["counts"]["families"] > 0
    for table in TABLES:
        parts = sorted((local_out / table).glob("part-*.parquet"))
        assert parts, table
        assert pq.read_schema(parts[0]).names == arrow_schema(table).names
    codes = {row[0] for row in table_rows(str(local_out), "rejections")}
    assert any("binary_file" in c for c in codes) and any("bad_json" in c for c in codes)


def test_local_rerun_redoes_nothing(batch_inputs: Path, local_out: Path) -> None:
    before = table_rows(str(local_out), "articles")
    run(batch_inputs, local_out, "local")
    manifest = json.loads((local_out / "manifest.json").read_text())
    assert manifest["run"]["partitions_run"] == 0
    assert manifest["run"]["partitions_skipped"] == PARTITIONS
    assert table_rows(str(local_out), "articles") == before


def test_other_arguments_refused(batch_inputs: Path, local_out: Path) -> None:
    with pytest.raises(BatchError):
        run(batch_inputs, local_out, "local", published="2022-01-01")


@needs_spark
def test_spark_equals_local(local_out: Path, spark_out: Path) -> None:
    """Same reports, quotes, claims, events, places, rejections and families."""
    assert differences(str(local_out), str(spark_out)) == []
    manifest = json.loads((spark_out / "manifest.json").read_text())
    assert manifest["engine"] == "spark" and manifest["spark"].startswith("3.5")


@needs_spark
def test_spark_killed_and_rerun_equals_uninterrupted(batch_inputs: Path, spark_out: Path,
                                                     tmp_path: Path) -> None:
    out = tmp_path / "killed"
    command = [sys.executable, "-m", "vedette.cli", "batch", str(batch_inputs), "--out",
               str(out), "--engine", "spark", "--master", "local[2]",
               "--partitions", str(PARTITIONS)]
    job = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    _kill_after_first_partition(job, Layout(str(out)))
    assert not (out / "manifest.json").exists()
    finished = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert finished.returncode == 0, finished.stderr[-2000:]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["run"]["partitions_skipped"] >= 1  # finished work was kept
    assert differences(str(out), str(spark_out)) == []


def _kill_after_first_partition(job: subprocess.Popen[bytes], layout: Layout) -> None:
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and job.poll() is None:
        if 1 <= len(layout.done("analysis")) < PARTITIONS:
            os.killpg(job.pid, signal.SIGKILL)
            job.wait()
            return
        time.sleep(0.2)
    pytest.fail("the job finished or stalled before it could be killed mid-way")


def test_unknown_engine_and_unfinished_output_are_coded_errors(tmp_path: Path) -> None:
    from vedette.distributed.load import load_tables
    from vedette.distributed.run import BatchOptions, run_batch
    from vedette.store import open_store

    with pytest.raises(BatchError, match=r"\[V060\].*dask"):
        run_batch(BatchOptions(inputs=["x"], out=str(tmp_path / "o"), engine="dask"))
    with pytest.raises(BatchError, match="no manifest.json"):
        load_tables(str(tmp_path), open_store(str(tmp_path / "s.db")))
