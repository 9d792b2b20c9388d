"""Disjoint character ranges taken one by one: "does this overlap anything taken?" in
logarithmic time, where a scan of everything taken would make long texts quadratic."""

from __future__ import annotations

from bisect import bisect_right


class DisjointRanges:
    """Half-open ranges [start, end) that never overlap one another."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def take(self, start: int, end: int) -> bool:
        """Add [start, end) unless it overlaps a range already taken; True when added."""
        i = bisect_right(self.starts, start)
        if i > 0 and self.ends[i - 1] > start:
            return False
        if i < len(self.starts) and self.starts[i] < end:
            return False
        self.starts.insert(i, start)
        self.ends.insert(i, end)
        return True
