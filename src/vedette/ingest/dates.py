"""Publication dates: keep a valid YYYY-MM-DD, drop anything else."""

from __future__ import annotations

import datetime as dt
import re

# A calendar date at the start, alone or followed by an ISO time ("2021-12-08T10:00:00Z").
_ISO_PREFIX = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ].*)?")


def normalise_date(value: object) -> str | None:
    """Return `value` as YYYY-MM-DD, or None when it is not a valid ISO date or datetime."""
    if not isinstance(value, str):
        return None
    match = _ISO_PREFIX.fullmatch(value.strip())
    if match is None:
        return None
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None
