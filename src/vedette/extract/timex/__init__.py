"""Temporal expressions: find them with compiled rules, normalise them to TIMEX3 values."""

from __future__ import annotations

from vedette.extract.timex.engine import find_times, normalize_expression

__all__ = ["find_times", "normalize_expression"]
