"""Who said it: score speaker attribution on a hand-labelled gold from ../shared/corpus (issue 9).

Usage:
    .venv/bin/python benchmarks/speakers.py [--json OUT] [--verbose]

Gold: benchmarks/data/speakers.jsonl, one attributed statement a line: the corpus file, the
statement's offsets into the article text as Vedette's text reader returns it (checked with a
SHA-1 of the span), the true speaker (None: the text names nobody, so nobody may be named),
`kind` (own: the turn's or document's speaker; embedded: a third party quoted or reported inside
someone's turn; question: a reporter's question, whoever it quotes), the relaying speaker, and
the document type. Only US-government and kremlin.ru rows carry the snippet itself.

For each statement the *most specific quote* is the shortest quote of the report that covers at
least COVER_SHARE of the statement's characters. A statement is right when that quote names the
true speaker (a question: the quote is a question); it is *wrongly attributed to a named person*
when that quote names a person (entity id `person:...`, or a person of the alias table) who is
not the true speaker. Each quote records the sieve that decided it (`Quote.sieve`); the
contribution of a sieve is how many statements it decided, and how many of those right.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _common import CORPUS, emit, machine

from vedette.extract.entities import aliases
from vedette.ingest.text import parse_text
from vedette.records import Quote, Report
from vedette.service import analyze_article

GOLD = Path(__file__).resolve().parent / "data" / "speakers.jsonl"
# A quote stands for a statement when it covers at least this share of the statement.
COVER_SHARE = 2 / 3
REPORTER = "reporter"
_DETERMINERS = ("the ", "our ", "an ", "a ")


@dataclass(slots=True)
class Outcome:
    row: dict[str, Any]
    said_by: str | None
    question: bool
    sieve: str
    right: bool
    wrong_named: bool


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def analyse(file: str) -> Report:
    path = CORPUS / file
    article = parse_text(path.read_text(encoding="utf-8"), path=str(path))
    return analyze_article(article)


def check_span(report: Report, row: dict[str, Any]) -> None:
    part = report.article.text[row["start"]:row["end"]]
    digest = hashlib.sha1(part.encode("utf-8")).hexdigest()
    if digest != row["sha1"]:
        raise SystemExit(f"gold span moved in {row['file']} at {row['start']}: {part[:60]!r}")


def most_specific(quotes: list[Quote], start: int, end: int) -> Quote | None:
    need = COVER_SHARE * (end - start)
    covering = [q for q in quotes
                if min(q.content.end, end) - max(q.content.start, start) >= need]
    return min(covering, key=lambda q: q.content.end - q.content.start, default=None)


def normal(name: str) -> str:
    low = name.strip().lower()
    for det in _DETERMINERS:
        low = low.removeprefix(det)
    canonical = aliases().canonical(low)
    return (canonical or low).lower()


def same_speaker(gold: str, said: str) -> bool:
    """Names agree: canonical forms, a surname for the full name, or a group's words."""
    g, s = normal(gold), normal(said)
    if g == s or (len(s) >= 4 and (s in g or g in s)):
        return True
    return len(s.split()) == 1 and s == g.split()[-1]


def names_person(quote: Quote) -> bool:
    speaker = quote.speaker
    if speaker is None:
        return False
    if speaker.entity_id and speaker.entity_id.startswith("person:"):
        return True
    canonical = aliases().canonical(speaker.name)
    return canonical is not None and aliases().types.get(canonical) == "PERSON"


def judge(row: dict[str, Any], quote: Quote | None) -> Outcome:
    if quote is None:
        return Outcome(row, None, False, "no_quote", row["speaker"] is None, False)
    said = quote.speaker.name if quote.speaker else None
    gold = row["speaker"]
    if row["kind"] == "question":
        right = quote.question or (said or "").lower() == REPORTER
        return Outcome(row, said, quote.question, getattr(quote, "sieve", None) or "", right,
                       not right and names_person(quote))
    if gold is None:
        return Outcome(row, said, quote.question, getattr(quote, "sieve", None) or "", said is None,
                       names_person(quote))
    right = said is not None and same_speaker(gold, said) and not quote.question
    return Outcome(row, said, quote.question, getattr(quote, "sieve", None) or "", right,
                   not right and names_person(quote))


def score(outcomes: list[Outcome]) -> dict[str, Any]:
    n = len(outcomes)
    right = sum(o.right for o in outcomes)
    return {"statements": n, "right": right, "share_right": round(right / n, 4) if n else None,
            "wrongly_attributed_to_named_person": sum(o.wrong_named for o in outcomes)}


def grouped(outcomes: list[Outcome], key: str) -> dict[str, Any]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[o.row[key]].append(o)
    return {k: score(v) for k, v in sorted(groups.items())}


def sieve_contribution(outcomes: list[Outcome]) -> dict[str, Any]:
    decided = Counter(o.sieve for o in outcomes)
    right = Counter(o.sieve for o in outcomes if o.right)
    return {s: {"decided": decided[s], "right": right[s]} for s in sorted(decided)}


def run(gold: list[dict[str, Any]]) -> list[Outcome]:
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in gold:
        by_file[row["file"]].append(row)
    outcomes = []
    for file, rows in sorted(by_file.items()):
        report = analyse(file)
        for row in rows:
            check_span(report, row)
            quote = most_specific(report.quotes, row["start"], row["end"])
            outcomes.append(judge(row, quote))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if not CORPUS.exists():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 2
    outcomes = run(load_gold())
    misses = [{"file": o.row["file"], "start": o.row["start"], "end": o.row["end"],
               "kind": o.row["kind"], "gold": o.row["speaker"], "said_by": o.said_by,
               "question": o.question, "sieve": o.sieve, "wrong_named": o.wrong_named,
               **({"text": o.row["text"]} if "text" in o.row else {})}
              for o in outcomes if not o.right]
    result = {
        "benchmark": "speakers (issue 9)", "machine": machine(), "gold": str(GOLD.name),
        "documents": len({o.row["file"] for o in outcomes}), **score(outcomes),
        "by_kind": grouped(outcomes, "kind"), "by_doc_type": grouped(outcomes, "doc_type"),
        "sieves": sieve_contribution(outcomes),
        "misses": misses if args.verbose else len(misses),
    }
    emit(result, args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
