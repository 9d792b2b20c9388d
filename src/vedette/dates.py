"""Dates a user gives on the command line or to the API (`--published`, `--since`).

Kept apart from the service so that checking one imports no spaCy (the ingest process).
"""

from __future__ import annotations

import datetime as dt
import re

from vedette.errors import BadDate

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def check_date(value: str | None) -> str | None:
    """A real calendar date written YYYY-MM-DD exactly (no 2022-02-30, no trailing newline)."""
    if value is None:
        return None
    if _DATE.fullmatch(value) is None:
        raise BadDate(f"expected YYYY-MM-DD, got {value!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise BadDate(f"no such day: {value!r}") from None
    return value
