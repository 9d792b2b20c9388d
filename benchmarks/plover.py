"""Score PLOVER event typing against the PLOVER gold standard records (codebook examples).

Usage:
    .venv/bin/python benchmarks/plover.py [--limit N] [--json OUT]

Gold data lives outside the repository (../shared/eval/plover/PLOVER_GSR_CAMEO.json).
Rules, stated so the numbers are reproducible:
- Each record is one sentence with one gold event type. Legacy labels are mapped to the current
  manual: FIGHT -> ASSAULT, DISAPPROVE and INVESTIGATE -> ACCUSE (its 'disapprove' and
  'investigate' modes). Types outside the crisis set (AGREE, PROTEST, COERCE, SUPPORT, CONCEDE,
  COOPERATE) count as OTHER.
- The sentence's predicted type is that of its main event: the event whose trigger sits highest
  in the dependency tree (ties: the earlier one); NONE when no event is found.
- accuracy: share of in-scope records whose main event has the gold type (per type = recall).
  any: share whose gold type is among all predicted events. precision: of the records whose
  main event is type X, the share with gold X. false_alarm: share of OTHER records given an
  in-scope main event. These are codebook illustrations, not a news sample: no target is set.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
GOLD_PATH = REPO_ROOT.parent / "shared" / "eval" / "plover" / "PLOVER_GSR_CAMEO.json"
CATEGORIES: tuple[str, ...] = ("MOBILIZE", "CONSULT", "THREATEN", "SANCTION", "AID", "ACCUSE",
                               "REJECT", "DEMAND", "ASSAULT", "RETREAT")
LEGACY_LABELS = {"FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
OTHER = "OTHER"
NONE = "NONE"
HEADER_EVENT = "DOCUMENT"
TOP_CONFUSIONS = 12


@dataclass(frozen=True, slots=True)
class GoldRecord:
    id: str
    text: str
    label: str  # a crisis category or OTHER


@dataclass(frozen=True, slots=True)
class Prediction:
    main: str
    all_types: frozenset[str]


def gold_checksum(path: Path = GOLD_PATH) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def normalise(label: str) -> str:
    label = LEGACY_LABELS.get(label, label)
    return label if label in CATEGORIES else OTHER


def load_gold(path: Path = GOLD_PATH, limit: int | None = None) -> list[GoldRecord]:
    records = json.loads(path.read_text("utf-8"))
    out = [GoldRecord(r["id"], r["text"], normalise(r["event"]))
           for r in records if r.get("event") != HEADER_EVENT and r.get("text")]
    return out[:limit] if limit else out


def predict(texts: Sequence[str]) -> list[Prediction]:
    from vedette.extract.entities import build_entities, collect_mentions
    from vedette.extract.events import find_events
    from vedette.extract.pipeline import load_nlp

    out = []
    for doc in load_nlp().pipe(texts):
        index = build_entities(doc, collect_mentions(doc, doc.spans.get("vedette_equipment", [])))
        events = find_events(doc, index, [], [], [])
        if not events:
            out.append(Prediction(NONE, frozenset()))
            continue
        main = min(events, key=lambda e: (_depth(doc, e.trigger), e.evidence.start))
        out.append(Prediction(main.type, frozenset(e.type for e in events)))
    return out


def _depth(doc: Any, span: Any) -> int:
    """Hops from the trigger's head word to the root of its sentence."""
    char = doc.char_span(span.start, span.end, alignment_mode="expand")
    tok = char.root
    hops = 0
    while tok.head.i != tok.i:
        tok, hops = tok.head, hops + 1
    return hops


def score(gold: Sequence[GoldRecord], preds: Sequence[Prediction]) -> dict[str, Any]:
    per: dict[str, dict[str, Any]] = {}
    confusion: Counter[tuple[str, str]] = Counter()
    for cat in CATEGORIES:
        rows = [(g, p) for g, p in zip(gold, preds, strict=True) if g.label == cat]
        predicted = [g for g, p in zip(gold, preds, strict=True) if p.main == cat]
        per[cat] = {
            "n": len(rows),
            "accuracy": _share(sum(p.main == cat for _, p in rows), len(rows)),
            "any": _share(sum(cat in p.all_types for _, p in rows), len(rows)),
            "precision": _share(sum(g.label == cat for g in predicted), len(predicted)),
        }
    for g, p in zip(gold, preds, strict=True):
        if g.label != OTHER and p.main != g.label:
            confusion[(g.label, p.main)] += 1
    in_scope = [(g, p) for g, p in zip(gold, preds, strict=True) if g.label != OTHER]
    other = [p for g, p in zip(gold, preds, strict=True) if g.label == OTHER]
    return {
        "gold_sha256": gold_checksum(),
        "records": len(gold),
        "in_scope": len(in_scope),
        "accuracy": _share(sum(p.main == g.label for g, p in in_scope), len(in_scope)),
        "macro_accuracy": round(sum(v["accuracy"] for v in per.values()) / len(per), 4),
        "any": _share(sum(g.label in p.all_types for g, p in in_scope), len(in_scope)),
        "false_alarm": _share(sum(p.main in CATEGORIES for p in other), len(other)),
        "per_category": per,
        "confusions": [{"gold": a, "predicted": b, "n": n}
                       for (a, b), n in confusion.most_common(TOP_CONFUSIONS)],
    }


def _share(hits: int, total: int) -> float:
    return round(hits / total, 4) if total else 0.0


def format_table(summary: dict[str, Any]) -> str:
    lines = [f"{'category':<10} {'n':>4} {'acc':>6} {'any':>6} {'prec':>6}"]
    for cat, row in summary["per_category"].items():
        lines.append(f"{cat:<10} {row['n']:>4} {row['accuracy']:>6.3f} {row['any']:>6.3f} "
                     f"{row['precision']:>6.3f}")
    lines.append(f"{'overall':<10} {summary['in_scope']:>4} {summary['accuracy']:>6.3f} "
                 f"{summary['any']:>6.3f}")
    lines.append(f"macro accuracy {summary['macro_accuracy']:.3f}; false alarms on "
                 f"{summary['records'] - summary['in_scope']} OTHER records "
                 f"{summary['false_alarm']:.3f}")
    lines.append("top confusions (gold -> main predicted):")
    lines += [f"  {c['gold']:<9} -> {c['predicted']:<9} {c['n']}" for c in summary["confusions"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N records only")
    ap.add_argument("--json", dest="json_out", type=Path, default=None)
    args = ap.parse_args(argv)
    if not GOLD_PATH.exists():
        print(f"gold data not found at {GOLD_PATH}", file=sys.stderr)
        return 2
    gold = load_gold(limit=args.limit)
    started = time.perf_counter()
    summary = score(gold, predict([g.text for g in gold]))
    summary["seconds"] = round(time.perf_counter() - started, 2)
    print(format_table(summary))
    if args.json_out:
        args.json_out.write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
