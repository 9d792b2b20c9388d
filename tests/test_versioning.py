"""The extractor version and configuration hash: a change to extraction data cannot go
unnoticed, and the hash covers settings outside config.py."""

from __future__ import annotations

import subprocess
import sys

import pytest

from vedette import versioning
from vedette.config import EXTRACTOR_VERSION

HOW_TO_BUMP = (
    "the files under src/vedette/extract/data changed (hash {actual}), so extraction output "
    "may change: bump EXTRACTOR_VERSION in src/vedette/config.py (e.g. 0.2.0 -> 0.3.0) and "
    "append (\"<new version>\", \"{actual}\") to DATA_HASHES in src/vedette/versioning.py; "
    "stores are then brought up to date with `vedette reanalyze`"
)


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_data_files_match_the_recorded_hash_of_this_version() -> None:
    actual = versioning.data_hash()
    recorded_version, recorded_hash = versioning.DATA_HASHES[-1]
    assert recorded_hash == actual, HOW_TO_BUMP.format(actual=actual)
    assert recorded_version == EXTRACTOR_VERSION, (
        f"EXTRACTOR_VERSION is {EXTRACTOR_VERSION} but the last DATA_HASHES entry is for "
        f"{recorded_version}: append (\"{EXTRACTOR_VERSION}\", \"{actual}\")")


def test_recorded_versions_only_grow() -> None:
    versions = [_version(v) for v, _ in versioning.DATA_HASHES]
    assert versions == sorted(set(versions)), "DATA_HASHES is append-only, one entry a version"


def test_the_hash_is_the_same_in_every_process() -> None:
    code = "from vedette.versioning import config_hash; print(config_hash())"
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
            for seed in ("1", "2")}
    assert seen == {versioning.config_hash() + "\n"}


def test_a_threshold_outside_config_changes_the_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    from vedette.extract import quotes

    before = versioning.config_hash()
    versioning.config_hash.cache_clear()
    monkeypatch.setattr(quotes, "SMALL_CLAUSE_CUES", quotes.SMALL_CLAUSE_CUES | {"whisper"})
    try:
        assert versioning.config_hash() != before
    finally:
        versioning.config_hash.cache_clear()


def test_the_model_and_data_packages_are_covered() -> None:
    from vedette.extract.pipeline import installed_model

    assert set(versioning.package_versions()) >= {installed_model(), "spacy"}
    assert "vedette.config.EXTRACTOR_VERSION" in versioning.settings()
