"""Check claims against the troop-estimate sheet (../shared/eval/troop_estimates_dev.csv).

Usage:
    .venv/bin/python benchmarks/troop_estimates.py [--json OUT]

Only rows whose `source_file_in_corpus` names a file in ../shared/corpus are checked. A row is
a hit when the file's report has a claim whose value lies in [number_low, number_high] (or whose
low/high overlaps it) and whose source name or chain contains the estimator's surname or
organisation (case-insensitive). Misses are listed with the reason.

With `--db DB` (issue 5) the check runs on `vedette estimates` over a store into which the
corpus was ingested (`vedette ingest ../shared/corpus --db DB`): the estimate must come from
that document, with the number, the estimator, and a date within DATE_TOLERANCE_DAYS of the
row's estimate or reported date.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
SHEET = SHARED / "eval" / "troop_estimates_dev.csv"
CORPUS = SHARED / "corpus"
# Organisation words that name an estimator when no person is named.
ORG_WORDS = ("intelligence", "ministry", "pentagon", "nato", "white house", "kremlin")
TITLE_WORDS = frozenset("brig. gen. president secretary minister chancellor ambassador".split())
# The sheet's dates are partly inferred ("Wednesday" -> the 10th): one day either way counts.
DATE_TOLERANCE_DAYS = 1


@dataclass(slots=True)
class Row:
    id: str
    low: float
    high: float
    estimator: str
    file: str
    dates: tuple[str, ...] = ()
    hit: bool = False
    reason: str = ""


def estimator_keys(estimator: str) -> list[str]:
    """ "Jen Psaki, White House Press Secretary" -> ["psaki"]; an organisation -> its words."""
    name = estimator.split(",")[0].split("(")[0].strip()
    words = [w for w in name.split() if w.lower() not in TITLE_WORDS]
    if len(words) >= 2 and all(w[:1].isupper() for w in words):
        return [words[-1].lower()]
    lowered = estimator.lower()
    return [w for w in ORG_WORDS if w in lowered] or [name.lower()]


def load_rows(sheet: Path = SHEET, corpus: Path = CORPUS) -> list[Row]:
    rows = []
    with sheet.open(encoding="utf-8") as f:
        for r in csv.DictReader(f):
            file = r["source_file_in_corpus"].strip()
            if file and (corpus / file).is_file():
                rows.append(Row(r["id"], float(r["number_low"]), float(r["number_high"]),
                                r["estimator"], file,
                                (r["estimate_date"].strip(), r["reported_date"].strip())))
    return rows


def check(row: Row) -> Row:
    from vedette.ingest import read_articles
    from vedette.service import analyze_article

    keys = estimator_keys(row.estimator)
    number_ok: list[str] = []
    for article in read_articles(CORPUS / row.file):
        for claim in analyze_article(article).claims:
            if not _in_range(claim.value, claim.low, claim.high, row.low, row.high):
                continue
            who = " ".join([claim.source.name if claim.source else "", *claim.chain]).lower()
            if any(re.search(rf"\b{re.escape(k)}", who) for k in keys):
                row.hit = True
                return row
            number_ok.append(f"{claim.value or (claim.low, claim.high)} by "
                             f"{claim.source.name if claim.source else None}")
    row.reason = (f"number found, estimator {keys} not: {number_ok[:3]}" if number_ok
                  else f"no claim in [{row.low:g}, {row.high:g}]")
    return row


def check_store(row: Row, estimates: Sequence[object]) -> Row:
    """The row against `vedette estimates`: document, number, estimator and date."""
    keys = estimator_keys(row.estimator)
    seen: list[str] = []
    for e in estimates:
        if not str(getattr(e, "path", "")).endswith(row.file):
            continue
        if not _in_range(e.value, e.low, e.high, row.low, row.high):  # type: ignore[attr-defined]
            continue
        who = " ".join([e.source or "", *e.chain]).lower()  # type: ignore[attr-defined]
        if not any(re.search(rf"\b{re.escape(k)}", who) for k in keys):
            seen.append(f"estimator {e.source!r}")  # type: ignore[attr-defined]
            continue
        if not _date_ok(e.date, row.dates):  # type: ignore[attr-defined]
            seen.append(f"date {e.date}")  # type: ignore[attr-defined]
            continue
        row.hit = True
        return row
    row.reason = f"near misses: {seen[:3]}" if seen else "no estimate with that number"
    return row


def _date_ok(found: str | None, wanted: Sequence[str]) -> bool:
    from datetime import date

    try:
        day = date.fromisoformat((found or "")[:10])
    except ValueError:
        return False
    for w in wanted:
        try:
            if abs((day - date.fromisoformat(w[:10])).days) <= DATE_TOLERANCE_DAYS:
                return True
        except ValueError:
            continue
    return False


def _in_range(value: float | None, low: float | None, high: float | None,
              lo: float, hi: float) -> bool:
    if value is not None and lo <= value <= hi:
        return True
    a = low if low is not None else high
    b = high if high is not None else low
    return a is not None and b is not None and a <= hi and b >= lo


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    parser.add_argument("--db", default=None, help="check `vedette estimates` on this store")
    args = parser.parse_args(argv)
    if not SHEET.exists():
        print(f"sheet not found at {SHEET}", file=sys.stderr)
        return 2
    if args.db:
        from vedette.analyze.estimates import estimates
        from vedette.store import open_store

        found = estimates(open_store(args.db))
        rows = [check_store(r, found) for r in load_rows()]
    else:
        rows = [check(r) for r in load_rows()]
    hits = sum(r.hit for r in rows)
    print(f"{'id':<5} {'hit':<4} {'range':<18} {'estimator':<40} reason")
    for r in rows:
        print(f"{r.id:<5} {'yes' if r.hit else 'NO':<4} {f'{r.low:g}-{r.high:g}':<18} "
              f"{r.estimator[:40]:<40} {r.reason}")
    share = hits / len(rows) if rows else 0.0
    print(f"troop estimates: {hits}/{len(rows)} rows found ({100 * share:.0f}%)")
    if args.json:
        args.json.write_text(json.dumps({"hits": hits, "rows": len(rows),
                                         "results": [asdict(r) for r in rows]}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
