"""Quotes without a usable speaker over the whole ../shared/corpus (issue 9).

Usage:
    .venv/bin/python benchmarks/speaker_coverage.py [--json OUT]

Every document of the corpus is analysed as `vedette ingest` reads it; a quote counts as
*speakerless* when its speaker is empty (the sieve left it unresolved), a pronoun ("we", "he",
"they all") or a title fragment ("Secretary General", "Biden Providing"). Target (issue 9):
at most 2% of the quotes. Every remaining one is listed with its sieve and text.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from _common import CORPUS, emit, machine

from vedette.extract.lexicon import (
    PRONOUNS_FIRST,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    PRONOUNS_SECOND,
    RELATIVE_PRONOUNS,
)
from vedette.extract.speakers import INTERROGATIVES, is_title_fragment
from vedette.records import Quote
from vedette.service import analyze_paths

PRONOUNS = (PRONOUNS_FIRST | PRONOUNS_GROUP | PRONOUNS_PERSON | PRONOUNS_SECOND
            | RELATIVE_PRONOUNS | INTERROGATIVES | {"myself", "ourselves", "themselves"})
TARGET_SHARE = 0.02
PREVIEW_CHARS = 100


def problem(quote: Quote) -> str | None:
    """Why a quote's speaker is not usable, or None when it is."""
    if quote.speaker is None or not quote.speaker.name.strip():
        return "empty"
    name = quote.speaker.name.strip()
    first = name.split()[0]
    if name.lower() in PRONOUNS or (first.lower() in PRONOUNS and not first.isupper()):
        return "pronoun"  # "we", "they all"; not "US partners"
    if is_title_fragment(name):
        return "title_fragment"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    total = 0
    remaining: list[dict[str, Any]] = []
    for outcome in analyze_paths([str(p) for p in sorted(CORPUS.glob("*.txt"))]):
        if outcome.report is None:
            continue
        for quote in outcome.report.quotes:
            total += 1
            why = problem(quote)
            if why is not None:
                remaining.append({
                    "file": Path(outcome.path).name, "why": why, "sieve": quote.sieve,
                    "speaker": quote.speaker.name if quote.speaker else None,
                    "source": quote.source.text if quote.source else None,
                    "content": [quote.content.start, quote.content.end],
                    "preview": quote.content.text[:PREVIEW_CHARS],
                })
    share = len(remaining) / total if total else 0.0
    result = {
        "benchmark": "speaker coverage (issue 9)", "machine": machine(), "quotes": total,
        "speakerless": len(remaining), "share": round(share, 4), "target": TARGET_SHARE,
        "met": share <= TARGET_SHARE, "by_reason": dict(Counter(r["why"] for r in remaining)),
        "by_sieve": dict(Counter(str(r["sieve"]) for r in remaining)), "remaining": remaining,
    }
    emit(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
