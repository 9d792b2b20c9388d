"""Score TIMEX3 extraction and normalisation against TempEval-3 (te3-platinum / TBAQ-cleaned).

Usage:
    .venv/bin/python benchmarks/tempeval3.py [--split platinum|tbaq|aquaint|timebank]
        [--limit N] [--json OUT]

Gold data lives outside the repository (../shared/eval/tempeval3, research use only).
Tune on TBAQ-cleaned; report te3-platinum. Definitions, stated so numbers are reproducible:
- Only timexes inside <TEXT> count; the DCT (functionInDocument=CREATION_TIME) is the anchor.
- strict: predicted span == gold span (character offsets); relaxed: spans overlap, matched
  one-to-one greedily in document order.
- value F1 (as TempEval-3's "value" attribute F1): a true positive is a relaxed-matched pair
  whose values are equal; P = TP/#predicted, R = TP/#gold. This equals relaxed F1 x value
  accuracy over the relaxed matches, the official scorer's formula.
- gold-span DATE accuracy: each gold DATE's text is normalised in its context (our rules run
  over exactly that span; tense from the parse of the whole document); exact value match.
  "calendar" counts only values like YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www (the dateparser
  baseline's denominator, 74 on platinum).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
TE3_ROOT = REPO_ROOT.parent / "shared" / "eval" / "tempeval3"
SPLITS: dict[str, tuple[str, ...]] = {
    "platinum": ("te3-platinum",),
    "tbaq": ("TBAQ-cleaned/AQUAINT", "TBAQ-cleaned/TimeBank"),
    "aquaint": ("TBAQ-cleaned/AQUAINT",),
    "timebank": ("TBAQ-cleaned/TimeBank",),
}
CALENDAR_VALUE = re.compile(r"^\d{4}(?:-W\d{2}|-\d{2}(?:-\d{2})?)?$")
PUBLISHED = {"heideltime": 0.7761, "sutime": 0.6738}  # TempEval-3 platinum value F1


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    dct: str
    timexes: list[Timex]


def list_gold_docs(split: str = "platinum", root: Path = TE3_ROOT,
                   limit: int | None = None) -> list[Path]:
    paths = sorted(p for sub in SPLITS[split] for p in (root / sub).glob("*.tml"))
    return paths[:limit] if limit else paths


def gold_checksum(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def read_timeml(path: Path) -> GoldDoc:
    """The plain text of <TEXT>, its TIMEX3 offsets, and the DCT value."""
    root = ET.parse(path).getroot()
    dct_node = root.find("DCT/TIMEX3")
    dct = (dct_node.get("value") or "")[:10] if dct_node is not None else ""
    body = root.find("TEXT")
    parts: list[str] = [body.text or ""] if body is not None else []
    timexes: list[Timex] = []
    offset = len(parts[0]) if parts else 0
    for node in list(body) if body is not None else []:
        inner = "".join(node.itertext())
        if node.tag == "TIMEX3":
            timexes.append(Timex(offset, offset + len(inner), node.get("type", "").lower(),
                                 node.get("value", "")))
        parts.extend((inner, node.tail or ""))
        offset += len(inner) + len(node.tail or "")
    return GoldDoc(path.stem, "".join(parts), dct, timexes)


@dataclass(slots=True)
class Counts:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def prf(self) -> dict[str, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


@dataclass(slots=True)
class Scoreboard:
    strict: Counts = field(default_factory=Counts)
    relaxed: Counts = field(default_factory=Counts)
    value: Counts = field(default_factory=Counts)
    type_ok: int = 0
    date_ok: int = 0
    date_total: int = 0
    calendar_ok: int = 0
    calendar_total: int = 0
    n_docs: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        matched = self.relaxed.tp
        return {
            "docs": self.n_docs,
            "gold": self.strict.n_gold,
            "predicted": self.strict.n_pred,
            "strict": self.strict.prf(),
            "relaxed": self.relaxed.prf(),
            "value": self.value.prf(),
            "type_accuracy": round(self.type_ok / matched, 4) if matched else 0.0,
            "value_accuracy": round(self.value.tp / matched, 4) if matched else 0.0,
            "gold_span_date": {"correct": self.date_ok, "total": self.date_total},
            "gold_span_calendar_date": {"correct": self.calendar_ok,
                                        "total": self.calendar_total},
        }


def _match(pred: Sequence[Timex], gold: Sequence[Timex]) -> list[tuple[Timex, Timex]]:
    """Relaxed one-to-one matching: exact spans first, then the first overlapping gold."""
    pairs: list[tuple[Timex, Timex]] = []
    free = list(gold)
    rest: list[Timex] = []
    for p in pred:
        exact = next((g for g in free if (g.start, g.end) == (p.start, p.end)), None)
        if exact is None:
            rest.append(p)
            continue
        free.remove(exact)
        pairs.append((p, exact))
    for p in rest:
        hit = next((g for g in free if g.start < p.end and p.start < g.end), None)
        if hit is not None:
            free.remove(hit)
            pairs.append((p, hit))
    return pairs


def score_doc(board: Scoreboard, doc: GoldDoc, pred: list[Timex]) -> None:
    pairs = _match(pred, doc.timexes)
    for counts in (board.strict, board.relaxed, board.value):
        counts.n_pred += len(pred)
        counts.n_gold += len(doc.timexes)
    board.strict.tp += sum((p.start, p.end) == (g.start, g.end) for p, g in pairs)
    board.relaxed.tp += len(pairs)
    board.value.tp += sum(p.value == g.value for p, g in pairs)
    board.type_ok += sum(p.type == g.type for p, g in pairs)
    board.n_docs += 1
    matched = {id(g) for _, g in pairs}
    for p, g in pairs:
        if p.value != g.value:
            board.errors.append({"doc": doc.name, "kind": "value", "text": doc.text[g.start:g.end],
                                 "pred": f"{doc.text[p.start:p.end]}={p.value}",
                                 "gold": g.value})
    for g in doc.timexes:
        if id(g) not in matched:
            board.errors.append({"doc": doc.name, "kind": "missed",
                                 "text": doc.text[g.start:g.end], "gold": g.value})
    gold_spans = [(g.start, g.end) for g in doc.timexes]
    for p in pred:
        if not any(s < p.end and p.start < e for s, e in gold_spans):
            board.errors.append({"doc": doc.name, "kind": "spurious",
                                 "text": doc.text[p.start:p.end], "pred": p.value})


def evaluate(paths: Sequence[Path]) -> Scoreboard:
    from vedette.extract.pipeline import load_nlp
    from vedette.extract.times import find_times, normalize_expression

    nlp = load_nlp()
    board = Scoreboard()
    for path in paths:
        gold = read_timeml(path)
        doc = nlp(gold.text)
        pred = [Timex(t.span.start, t.span.end, t.type, t.value or "")
                for t in find_times(doc, gold.dct)]
        score_doc(board, gold, pred)
        for g in gold.timexes:
            if g.type != "date":
                continue
            norm = normalize_expression(doc, g.start, g.end, gold.dct)
            ok = norm is not None and norm.value == g.value
            board.date_total += 1
            board.date_ok += ok
            if CALENDAR_VALUE.match(g.value):
                board.calendar_total += 1
                board.calendar_ok += ok
    return board


def speed(paths: Sequence[Path]) -> dict[str, float]:
    """Seconds for spaCy's parse and for find_times on the same documents (one run)."""
    from vedette.extract.pipeline import load_nlp
    from vedette.extract.times import find_times

    nlp = load_nlp()
    texts = [read_timeml(p) for p in paths]
    t0 = time.perf_counter()
    docs = [nlp(g.text) for g in texts]
    t1 = time.perf_counter()
    for doc, g in zip(docs, texts, strict=True):
        find_times(doc, g.dct)
    t2 = time.perf_counter()
    return {"parse_s": round(t1 - t0, 3), "times_s": round(t2 - t1, 3),
            "times_share": round((t2 - t1) / (t1 - t0), 4)}


def print_table(split: str, summary: dict[str, object]) -> None:
    print(f"TempEval-3 {split}: {summary['docs']} docs, {summary['gold']} gold TIMEX3, "
          f"{summary['predicted']} predicted")
    print(f"{'metric':<10}{'P':>8}{'R':>8}{'F1':>8}")
    for key in ("strict", "relaxed", "value"):
        row = summary[key]
        assert isinstance(row, dict)
        print(f"{key:<10}{row['p']:>8.4f}{row['r']:>8.4f}{row['f1']:>8.4f}")
    print(f"type accuracy {summary['type_accuracy']}, value accuracy (relaxed matches) "
          f"{summary['value_accuracy']}")
    print(f"published value F1 (platinum): HeidelTime {PUBLISHED['heideltime']}, "
          f"SUTime {PUBLISHED['sutime']}")
    for key in ("gold_span_date", "gold_span_calendar_date"):
        row = summary[key]
        assert isinstance(row, dict)
        print(f"{key}: {row['correct']}/{row['total']}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="platinum")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--root", type=Path, default=TE3_ROOT)
    parser.add_argument("--json", type=Path, default=None, help="write the summary here")
    parser.add_argument("--errors", action="store_true", help="print every error")
    parser.add_argument("--speed", action="store_true", help="also time parse vs find_times")
    args = parser.parse_args(argv)
    paths = list_gold_docs(args.split, args.root, args.limit)
    if not paths:
        print(f"no TimeML files under {args.root}", file=sys.stderr)
        return 1
    board = evaluate(paths)
    summary = board.summary()
    summary["split"] = args.split
    summary["gold_sha256"] = gold_checksum(paths)
    if args.speed:
        summary["speed"] = speed(paths)
    print_table(args.split, summary)
    if args.speed:
        print(f"speed: {summary['speed']}")
    if args.errors:
        for err in board.errors:
            print(json.dumps(err, ensure_ascii=False))
    if args.json:
        args.json.write_text(json.dumps({**summary, "errors": board.errors}, indent=2,
                                        ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
