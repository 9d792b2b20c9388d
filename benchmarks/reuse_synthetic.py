"""Synthetic copy / spin benchmark: families, relations and origins against generated gold.

Usage: .venv/bin/python benchmarks/reuse_synthetic.py [--corpus ../shared/corpus] [--seed 13]
       [--json OUT]

Built from the public-domain texts of the shared corpus (exact, site-wrapped, truncated,
paragraph-shuffled, partial embeds, synonym-spun at 10-40%, punctuation-noised, "X reported"
rewrites, quote-only overlap between independent texts; 20% of originals left out), run
together with the cases of issue 13 (`reusegen/boiler.py`: footers, headers, newsletter boxes
and wire paragraphs shared by unrelated texts, copies of copies, heavy rewrites, independent
reports of one event), which are scored separately.
Targets: pairwise F1 >= 0.95, spun recall >= 0.90, quote-only false links <= 2%, origin >= 0.95;
no false link from boilerplate, chain and heavy-rewrite recall >= 0.95.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from math import comb
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reusegen.boiler import BoilerCases, build_cases  # noqa: E402
from reusegen.dataset import Dataset, build  # noqa: E402

from vedette.provenance import CorpusProvenance, corpus_provenance  # noqa: E402

DEFAULT_CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
TARGETS = {"pairwise_f1": 0.95, "spun_recall": 0.90, "quote_false_links": 0.02, "origin": 0.95}


@dataclass(frozen=True, slots=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def gold_labels(data: Dataset) -> dict[str, str]:
    labels = {a.path: a.path for a in data.articles}
    for fam in data.families:
        labels.update({m: fam.id for m in fam.members})
    return labels


def predicted_labels(data: Dataset, result: CorpusProvenance) -> dict[str, str]:
    labels = {a.path: a.path for a in data.articles}
    for fam in result.families:
        if len(fam.members) > 1:
            labels.update({m: fam.id for m in fam.members if m in labels})
    return labels


def case_scores(cases: BoilerCases, result: CorpusProvenance) -> dict[str, dict[str, float]]:
    """Per case: false-link rate over the pairs of a must-not-link group, or the recall of a
    must-link group (members in the family of its first member)."""
    family = {m: f.id for f in result.families if len(f.members) > 1 for m in f.members}
    totals: dict[str, list[int]] = {}
    for group in cases.groups:
        if group.must_link:
            head = family.get(group.paths[0])
            hits = sum(head is not None and family.get(p) == head for p in group.paths[1:])
            n = len(group.paths) - 1
        else:
            pairs = list(combinations(group.paths, 2))
            hits = sum(family.get(a) is not None and family.get(a) == family.get(b)
                       for a, b in pairs)
            n = len(pairs)
        total = totals.setdefault(group.case, [0, 0, int(group.must_link)])
        total[0] += hits
        total[1] += n
    return {case: {"recall" if must else "false_link_rate": hits / n, "pairs": n}
            for case, (hits, n, must) in totals.items()}


def pairwise(gold: dict[str, str], pred: dict[str, str]) -> Score:
    def pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = {}
        for path, label in labels.items():
            groups.setdefault(label, []).append(path)
        return {tuple(sorted(p)) for g in groups.values() for p in combinations(g, 2)}  # type: ignore[misc]

    g, p = pairs(gold), pairs(pred)
    return Score(len(g & p) / len(p) if p else 1.0, len(g & p) / len(g) if g else 1.0)


def adjusted_rand(gold: dict[str, str], pred: dict[str, str]) -> float:
    paths = sorted(gold)
    table = Counter((gold[x], pred[x]) for x in paths)
    a = Counter(gold[x] for x in paths)
    b = Counter(pred[x] for x in paths)
    index = sum(comb(n, 2) for n in table.values())
    sa, sb = sum(comb(n, 2) for n in a.values()), sum(comb(n, 2) for n in b.values())
    expected = sa * sb / comb(len(paths), 2)
    top = (sa + sb) / 2
    return (index - expected) / (top - expected) if top != expected else 1.0


def per_relation(data: Dataset, result: CorpusProvenance, pred: dict[str, str],
                 gold: dict[str, str]) -> dict[str, dict[str, float]]:
    """Recall: gold origin-variant pairs put in one family; precision: predicted links of the
    relation inside one gold family; label: share of found pairs given the gold relation."""
    links = {(min(x.a, x.b), max(x.a, x.b)): x.relation for f in result.families for x in f.links
             if x.a in gold and x.b in gold}
    out: dict[str, dict[str, float]] = {}
    for rel in ("copy", "partial", "spun"):
        gold_pairs = [(o, v) for f in data.families for o, v, r in f.pairs if r == rel and o]
        found = [p for p in gold_pairs if pred[p[0]] == pred[p[1]]]
        labelled = [p for p in found if links.get((min(p), max(p))) == rel]
        predicted = [k for k, r in links.items() if r == rel]
        right = [k for k in predicted if gold[k[0]] == gold[k[1]]]
        s = Score(len(right) / len(predicted) if predicted else 1.0,
                  len(found) / len(gold_pairs) if gold_pairs else 1.0)
        out[rel] = {"precision": s.precision, "recall": s.recall, "f1": s.f1,
                    "label_accuracy": len(labelled) / len(found) if found else 1.0,
                    "gold_pairs": len(gold_pairs)}
    return out


def origin_accuracy(data: Dataset, result: CorpusProvenance) -> float:
    family_of = result.family_of()
    right = 0
    families = [f for f in data.families if len(f.members) > 1]
    for fam in families:
        votes = Counter(family_of[m].id for m in fam.members if m in family_of)
        if not votes:
            continue
        best = next(f for f in result.families if f.id == votes.most_common(1)[0][0])
        if fam.origin is not None:
            right += best.origin == fam.origin
        else:
            right += best.origin is None and best.origin_outlet == fam.origin_outlet
    return right / len(families) if families else 1.0


def evaluate(data: Dataset, result: CorpusProvenance) -> dict[str, object]:
    gold, pred = gold_labels(data), predicted_labels(data, result)
    overall = pairwise(gold, pred)
    quote_false = sum(pred[a] == pred[b] for a, b in data.quote_pairs)
    relations = per_relation(data, result, pred, gold)
    return {
        "articles": len(data.articles),
        "gold_families": len(data.families),
        "pairwise": {"precision": overall.precision, "recall": overall.recall, "f1": overall.f1},
        "relations": relations,
        "spun_recall": relations["spun"]["recall"],
        "quote_pairs": len(data.quote_pairs),
        "quote_false_links": quote_false / len(data.quote_pairs) if data.quote_pairs else 0.0,
        "ari": adjusted_rand(gold, pred),
        "origin_accuracy": origin_accuracy(data, result),
        "spun_flagged": _spun_flags(data, result),
    }


def _spun_flags(data: Dataset, result: CorpusProvenance) -> dict[str, float]:
    flags = {a.path: a.spun.flag for a in result.articles}
    noised = [p for p in flags if p.endswith(("noised.txt", "spun_noised.txt"))]
    originals = [p for p in flags if p.endswith("origin.txt")]
    return {"noised_flagged": sum(flags[p] for p in noised) / max(1, len(noised)),
            "originals_flagged": sum(flags[p] for p in originals) / max(1, len(originals))}


def print_table(report: dict[str, object]) -> None:
    pw = report["pairwise"]
    assert isinstance(pw, dict)
    print(f"{report['articles']} articles, {report['gold_families']} gold families, "
          f"{report['seconds']:.1f}s")
    print(f"{'relation':<10} {'P':>6} {'R':>6} {'F1':>6} {'label':>6} {'pairs':>6}")
    print(f"{'all':<10} {pw['precision']:6.3f} {pw['recall']:6.3f} {pw['f1']:6.3f}")
    rels = report["relations"]
    assert isinstance(rels, dict)
    for rel, s in rels.items():
        print(f"{rel:<10} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
              f"{s['label_accuracy']:6.3f} {s['gold_pairs']:6d}")
    print(f"spun recall {report['spun_recall']:.3f} (target >= {TARGETS['spun_recall']})")
    print(f"quote-only false links {report['quote_false_links']:.3f} of {report['quote_pairs']} "
          f"(target <= {TARGETS['quote_false_links']})")
    print(f"family ARI {report['ari']:.3f}")
    print(f"origin accuracy@1 {report['origin_accuracy']:.3f} (target >= {TARGETS['origin']})")
    print(f"spin flags: {report['spun_flagged']}")
    cases = report.get("cases")
    if isinstance(cases, dict):
        print(f"{'case (issue 13)':<36} {'measure':<16} {'value':>6} {'pairs':>7}")
        for case, score in sorted(cases.items()):
            measure = "recall" if "recall" in score else "false_link_rate"
            print(f"{case:<36} {measure:<16} {score[measure]:6.3f} {score['pairs']:7.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--no-cases", action="store_true",
                        help="Leave out the boilerplate, chain and rewrite cases of issue 13.")
    args = parser.parse_args()
    data = build(args.corpus, seed=args.seed)
    cases = BoilerCases() if args.no_cases else build_cases(args.corpus)
    start = time.perf_counter()
    result = corpus_provenance(data.articles + cases.articles)
    report = evaluate(data, result)
    report["cases"] = case_scores(cases, result)
    report["seconds"] = time.perf_counter() - start
    print_table(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
