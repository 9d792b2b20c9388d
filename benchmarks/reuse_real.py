"""Copy / rewrite detection on real reuse corpora (read each README under shared/eval).

Usage: .venv/bin/python benchmarks/reuse_real.py [--eval ../shared/eval] [--json OUT]

- Clough-Stevenson: ROC AUC of the graded reuse score separating cut / light / heavy answers
  from independent ("non") answers, each against its task's source paragraph; and the share
  of each class linked as copy / partial / spun.
- Webis-CPC-11: share of human paraphrase pairs linked (a false link: human rewording of
  literary prose is not a spun copy), for accepted and rejected paraphrases.
- Webis-Wikipedia-Text-Reuse-18: share of (mostly templated) article pairs linked.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from vedette.provenance.corpus import make_doc
from vedette.provenance.fingerprint import fingerprint
from vedette.provenance.index import add_batch
from vedette.provenance.memory import MemoryIndex
from vedette.provenance.verify import FAMILY_RELATIONS, reuse_score, verify
from vedette.records import Article

DEFAULT_EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def linked(a: str, b: str) -> bool:
    verdict = verify(fingerprint(a), fingerprint(b))
    return verdict is not None and verdict.relation in FAMILY_RELATIONS


def auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Mann-Whitney: chance a positive outscores a negative (ties count half)."""
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def clough(folder: Path) -> dict[str, object]:
    files = folder / "files"
    rows = list(csv.DictReader((files / "file_information.csv").open(encoding="utf-8")))
    sources = {r["Task"]: read_text(files / r["File"]) for r in rows if r["Category"] == "orig"}
    scores: dict[str, list[float]] = {}
    links: dict[str, list[bool]] = {}
    for r in rows:
        if r["Category"] == "orig":
            continue
        text, source = read_text(files / r["File"]), sources[r["Task"]]
        scores.setdefault(r["Category"], []).append(
            reuse_score(fingerprint(text), fingerprint(source)))
        links.setdefault(r["Category"], []).append(linked(source, text))
    negatives = scores["non"]
    return {
        "auc": {c: auc(scores[c], negatives) for c in ("cut", "light", "heavy")},
        "linked": {c: sum(v) / len(v) for c, v in links.items()},
        "counts": {c: len(v) for c, v in scores.items()},
    }


def webis_cpc(folder: Path) -> dict[str, object]:
    data = json.loads((folder / "Webis-CPC-11_1000_sample.json").read_text(encoding="utf-8"))
    out: dict[str, object] = {}
    for label in ("Yes", "No"):
        pairs = [r for r in data if r["is_paraphrased"] == label]
        hits = sum(linked(_sentences(r["original"]), _sentences(r["paraphrase"])) for r in pairs)
        out[f"false_link_rate_{label.lower()}"] = hits / len(pairs)
        out[f"pairs_{label.lower()}"] = len(pairs)
    return out


def webis_wikipedia(folder: Path) -> dict[str, object]:
    """Each pair alone (nothing to learn boilerplate from), then all articles in one index
    (the census-stub templates recur across the sample and are learned as boilerplate)."""
    data = json.loads((folder / "wiki_test_corpus_full.json").read_text(encoding="utf-8"))
    hits = sum(linked(" ".join(r["s_text"]), " ".join(r["t_text"])) for r in data)
    return {"false_link_rate": hits / len(data), "pairs": len(data),
            "false_link_rate_indexed": _indexed_rate(data)}


def _indexed_rate(data: list[dict[str, Any]]) -> float:
    texts: dict[int, str] = {}
    for r in data:
        texts.setdefault(int(r["s_id"]), " ".join(r["s_text"]))
        texts.setdefault(int(r["t_id"]), " ".join(r["t_text"]))
    ids = sorted(texts)
    docs = [make_doc(k, Article(text=texts[i], path=str(i)), None, False, offsets=False)
            for k, i in enumerate(ids, start=1)]
    index = MemoryIndex()
    add_batch(index, docs)
    key = {i: k for k, i in enumerate(ids, start=1)}
    family = {k: f for f, rec in index.families.items() for k in rec.members}
    hits = sum(family.get(key[int(r["s_id"])], -1) == family.get(key[int(r["t_id"])], -2)
               for r in data)
    return hits / len(data)


def _sentences(items: list[dict[str, object]]) -> str:
    return " ".join(str(s["text"]) for s in items)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", type=Path, default=DEFAULT_EVAL)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    start = time.perf_counter()
    report = {
        "clough_stevenson": clough(args.eval / "clough-stevenson"),
        "webis_cpc_11": webis_cpc(args.eval / "webis-cpc-11"),
        "webis_wikipedia_reuse": webis_wikipedia(args.eval / "webis-wikipedia-reuse"),
        "seconds": time.perf_counter() - start,
    }
    cs = report["clough_stevenson"]
    print(f"{'Clough-Stevenson':<22} {'AUC vs non':>10} {'linked':>7} {'n':>4}")
    for c in ("cut", "light", "heavy", "non"):
        a = cs["auc"].get(c)  # type: ignore[index]
        print(f"  {c:<20} {'' if a is None else f'{a:.3f}':>10} "
              f"{cs['linked'][c]:7.3f} {cs['counts'][c]:4d}")  # type: ignore[index]
    cpc = report["webis_cpc_11"]
    print(f"Webis-CPC-11 false-link rate: accepted paraphrases {cpc['false_link_rate_yes']:.3f} "
          f"({cpc['pairs_yes']}), rejected {cpc['false_link_rate_no']:.3f} ({cpc['pairs_no']})")
    wiki = report["webis_wikipedia_reuse"]
    print(f"Webis-Wikipedia template pairs false-link rate: {wiki['false_link_rate']:.3f} "
          f"({wiki['pairs']}); all articles in one index (boilerplate learned): "
          f"{wiki['false_link_rate_indexed']:.3f}")
    print(f"{report['seconds']:.1f}s")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
