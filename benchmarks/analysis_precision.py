"""Precision of `contradictions` and `timeline` on ../shared/corpus against hand labels
(issue 9): benchmarks/data/contradictions_labels.jsonl (every contradiction listed) and
benchmarks/data/timeline_labels.jsonl (a random sample of timeline events, seed recorded).

Usage:
    .venv/bin/vedette ingest ../shared/corpus --db DB
    .venv/bin/python benchmarks/analysis_precision.py --db DB [--json OUT]
    .venv/bin/python benchmarks/analysis_precision.py --db DB --sample   # items to label

Labels hold keys and judgements only (file names, offsets, types, actors, dates), never the
evidence text. A contradiction is real when both claims count the same actor's forces in the
same place and time and the numbers truly disagree; a timeline event is correct when its type,
actors and date are all right for what its first article says.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA = REPO_ROOT / "benchmarks" / "data"
CONTRADICTIONS = DATA / "contradictions_labels.jsonl"
TIMELINE = DATA / "timeline_labels.jsonl"
SAMPLE_SIZE = 100
SEED = 9  # the number: the sample is drawn with random.Random(SEED)
TARGETS = {"contradictions": 0.90, "timeline": 0.85}


def contradiction_key(c: Any) -> str:
    sides = sorted(f"{Path(r.path).name}@{r.start}" for r in (c.a, c.b))
    return " | ".join(sides)


def timeline_key(e: Any) -> str:
    return f"{e.date}|{e.type}|{','.join(e.actors)}|{Path(e.sources[0]).name}"


def sample(entries: list[Any]) -> list[Any]:
    rng = random.Random(SEED)
    return rng.sample(entries, min(SAMPLE_SIZE, len(entries)))


def _labels(path: Path) -> dict[str, dict[str, Any]]:
    if not path.exists():
        return {}
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    return {r["key"]: r for r in rows}


def _precision(keys: list[str], labels: dict[str, dict[str, Any]], field: str) -> dict[str, Any]:
    judged = [labels[k][field] for k in keys if k in labels]
    good = sum(bool(j) for j in judged)
    return {"output": len(keys), "labelled": len(judged), "right": good,
            "precision": good / len(judged) if judged else None,
            "unlabelled": [k for k in keys if k not in labels]}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="a store into which the corpus was ingested")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--sample", action="store_true", help="print the items to label")
    args = parser.parse_args(argv)
    from vedette.analyze.contradictions import contradictions
    from vedette.analyze.timeline import timeline
    from vedette.store import open_store

    store = open_store(args.db)
    found = contradictions(store)
    events = sample(timeline(store))
    if args.sample:
        for c in found:
            print(json.dumps({"key": contradiction_key(c), "a": [c.a.value, c.a.low, c.a.high,
                              c.a.of, c.a.source, c.a.evidence[:200]],
                              "b": [c.b.value, c.b.low, c.b.high, c.b.of, c.b.source,
                                    c.b.evidence[:200]]}, ensure_ascii=False))
        for e in events:
            print(json.dumps({"key": timeline_key(e), "evidence": e.evidence[:300]},
                             ensure_ascii=False))
        return 0
    results = {
        "contradictions": _precision([contradiction_key(c) for c in found],
                                     _labels(CONTRADICTIONS), "real"),
        "timeline": _precision([timeline_key(e) for e in events], _labels(TIMELINE), "correct"),
    }
    results["timeline"]["seed"] = SEED
    results["timeline"]["events_in_timeline"] = len(timeline(store))
    for name, r in results.items():
        p = r["precision"]
        shown = "n/a" if p is None else f"{100 * p:.1f}%"
        print(f"{name}: {r['right']}/{r['labelled']} right ({shown}; target "
              f"{100 * TARGETS[name]:.0f}%), {r['output']} in output, "
              f"{len(r['unlabelled'])} unlabelled")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    return 0 if all(r["labelled"] for r in results.values()) or not found else 1


if __name__ == "__main__":
    sys.exit(main())
