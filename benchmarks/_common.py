"""Shared by the benchmark scripts: where the data is, and how a result is reported."""

from __future__ import annotations

import json
import platform
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
CORPUS = SHARED / "corpus"


def machine() -> str:
    return f"{platform.machine()} python {platform.python_version()}"


def emit(result: dict[str, Any], path: Path | None) -> None:
    """Print the result as JSON and, with --json PATH, write it there too."""
    text = json.dumps(result, indent=2)
    print(text)
    if path is not None:
        path.write_text(text)
