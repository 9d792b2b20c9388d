"""Times (issue 3): date and time expressions normalised to TIMEX3 values.

The rules live in `vedette.extract.timex`; this module is the stable entry point.
"""

from __future__ import annotations

from vedette.extract.timex import find_times, normalize_expression

__all__ = ["find_times", "normalize_expression"]
