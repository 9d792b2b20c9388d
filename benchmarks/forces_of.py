"""Whose forces (issue 9): score claim `of` against hand labels of every number of forces or
military equipment in ../shared/corpus (benchmarks/data/forces_of.jsonl).

Usage:
    .venv/bin/python benchmarks/forces_of.py [--db DB] [--json OUT]

Each label names a corpus file, the character offsets of the number in the article text (as
`vedette.ingest.read_articles` gives it), the number as written and the true actor (`of`;
null when the text does not tie the forces to one actor). A label is right when a claim's
quantity overlaps the number and the claim's `of` equals the label (or when no claim is made
for a number labelled null). With `--db` (a store into
which the corpus was ingested) the stored reports are read instead of re-analysing, and
`estimates --counted troops --of Russia` is checked: every listed estimate whose number is
labelled must be labelled Russia.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
LABELS = REPO_ROOT / "benchmarks" / "data" / "forces_of.jsonl"
CORPUS = REPO_ROOT.parent / "shared" / "corpus"
TARGET = 0.95


@dataclass(slots=True)
class Label:
    file: str
    start: int
    end: int
    number: str
    of: str | None
    found: str | None = None
    has_claim: bool = False

    @property
    def right(self) -> bool:
        # No claim for a number whose owner the text does not tell misleads nobody.
        return self.found == self.of if self.has_claim else self.of is None


def load_labels(path: Path = LABELS) -> list[Label]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Label(r["file"], r["start"], r["end"], r["number"], r["of"]) for r in rows]


def claims_by_file(files: set[str], db: str | None) -> dict[str, list[dict[str, Any]]]:
    """file name -> claims (JSON contract), from the store or by analysing the corpus."""
    return dict(_stored(db, files) if db else _analysed(files))


def _analysed(files: set[str]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    from vedette.ingest import read_articles
    from vedette.service import analyze_article

    for name in sorted(files):
        article = read_articles(CORPUS / name)[0]
        yield name, analyze_article(article).to_json()["claims"]


def _stored(db: str, files: set[str]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    from sqlalchemy import select

    from vedette.store import open_store, schema

    a = schema.articles
    with open_store(db).engine.connect() as conn:
        for path, report in conn.execute(select(a.c.path, a.c.report)):
            name = Path(path).name
            if name in files:
                yield name, json.loads(report)["claims"]


def score(labels: list[Label], claims: dict[str, list[dict[str, Any]]]) -> None:
    for label in labels:
        for c in claims.get(label.file, []):
            q = c.get("quantity")
            if q and q["start"] < label.end and label.start < q["end"]:
                label.has_claim, label.found = True, c.get("of")
                break


def russia_check(db: str, labels: list[Label]) -> list[str]:
    """Estimates listed for `--counted troops --of Russia` whose number is labelled otherwise."""
    from vedette.analyze.estimates import estimates
    from vedette.store import open_store

    wrong = []
    for e in estimates(open_store(db), counted="troops", of="Russia"):
        name = Path(e.path).name
        for label in labels:
            if label.file == name and label.number.split()[-1] in e.evidence \
                    and label.of != "Russia" and label.found == "Russia":
                wrong.append(f"{name}: {label.number} labelled {label.of}")
    return wrong


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=None, help="read the reports of this store")
    parser.add_argument("--json", type=Path, default=None, help="write the results here")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    labels = load_labels()
    score(labels, claims_by_file({lb.file for lb in labels}, args.db))
    right = sum(lb.right for lb in labels)
    for lb in labels:
        if not lb.right:
            why = f"found {lb.found!r}" if lb.has_claim else "no claim"
            print(f"WRONG {lb.file[:60]} @{lb.start} {lb.number!r}: true {lb.of!r}, {why}")
    share = right / len(labels) if labels else 0.0
    by_truth = Counter(str(lb.of) for lb in labels)
    print(f"labels by true of: {dict(by_truth)}")
    print(f"forces of: {right}/{len(labels)} right ({100 * share:.1f}%; target "
          f"{100 * TARGET:.0f}%)")
    wrong_russia = russia_check(args.db, labels) if args.db else []
    if args.db:
        print(f"estimates --counted troops --of Russia: {len(wrong_russia)} number(s) of "
              f"another actor's forces {wrong_russia}")
    if args.json:
        args.json.write_text(json.dumps({"right": right, "labels": len(labels),
                                         "not_russia_listed": wrong_russia,
                                         "results": [asdict(lb) for lb in labels]}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
