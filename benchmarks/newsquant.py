"""Score quantity extraction against NewsQuant (CQE evaluation set, 590 news sentences).

Usage:
    .venv/bin/python benchmarks/newsquant.py [--set NAME] [--limit N] [--json OUT] [--errors]

--set picks another gold file of the same folder and format: NewsQuant (default, the test set)
or the Recognizers-Text sets age-model, currency-model, dimension-model, temperature-model
(development sets).

Gold data lives outside the repository (../shared/eval/newsquant). Scoring follows the
published CQE_Evaluation `calculate_metrics` (so numbers compare with its table):
- values match with numpy-style isclose (rtol 1e-5); a range matches a range (low, high) only;
- a gold quantity counts once for value; value+unit also needs the normalized unit to be equal
  (lower-cased) and consumes the predicted quantity;
- P = correct / predicted, R = correct / gold.
Our units are mapped to NewsQuant's normalized names (USD -> dollar, km -> kilometre, a count
noun's lemma stays as it is, no unit -> "-"). Multiplier verbs ("tripled") are a change without
a number, which the NewsQuant schema does not cover (see its README): they are not scored.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = REPO_ROOT.parent / "shared" / "eval" / "newsquant" / "formatted_test_set"
GOLD = GOLD_DIR / "NewsQuant.json"
SETS = ("NewsQuant", "age-model", "currency-model", "dimension-model", "temperature-model")
PUBLISHED = {"CQE": (92.0, 85.6), "quantulum3": (73.0, 47.2), "GPT-3": (70.6, 59.1)}
REL_TOL, ABS_TOL = 1e-5, 1e-8
NO_UNIT = "-"
MULTIPLIER_VERB = re.compile(r"(?i)\b(?:doubl|tripl|quadrupl|quintupl|halv)")

# Vedette unit -> NewsQuant normalized unit.
UNIT_NAMES = {
    "USD": "dollar", "EUR": "euro", "GBP": "pound sterling", "JPY": "japanese yen",
    "CNY": "chinese yuan", "AUD": "australian dollar", "MYR": "malaysian ringgit",
    "HKD": "hong kong dollar", "ILS": "shekel", "CAD": "canadian dollar",
    "NZD": "new zealand dollar", "RUB": "russian ruble", "UAH": "ukrainian hryvnia",
    "INR": "indian rupee", "DKK": "danish krone", "CHF": "swiss franc",
    "percent": "percentage", "percentage point": "percentage point", "km": "kilometre",
    "mi": "mile", "m": "metre", "cm": "centimetre", "mm": "millimetre", "nm": "nanometre",
    "um": "micrometre", "ft": "foot", "in": "inch", "yd": "yard", "sq km": "square kilometre",
    "sq mi": "square mile", "sq m": "square metre", "sq ft": "square foot",
    "km/h": "kilometre per hour", "mph": "mile per hour", "mpg": "mile per gallon",
    "kg": "kilogram", "g": "gram", "lb": "pound-mass", "t": "metric ton", "Gt": "gigaton",
    "l": "litre", "gal": "gallon", "bbl/d": "barrel per day", "bbl": "barrel",
    "hp": "horsepower", "lb-ft": "foot pound-force", "Nm": "newton metre",
    "rpm": "revolutions per minute", "W": "watt", "kW": "kilowatt", "kWh": "kilowatt hour",
    "MW": "megawatt", "GW": "gigawatt", "mAh": "milliampere-hour", "Hz": "hertz",
    "kHz": "kilohertz", "MHz": "megahertz", "GHz": "gigahertz", "GB": "gigabyte",
    "TB": "terabyte", "MB": "megabyte", "Mbps": "megabit per second", "GPa": "gigapascal",
    "ppb": "parts-per-billion", "dB": "decibel", "degC": "celsius", "degF": "fahrenheit",
    "year-old": "year of age", "month-old": "month of age", "multiplier": "count",
    "people": "people", "person": "people", "G": "generation wireless", "cent": "cent",
    "ksi": "kilopound per square inch", "MPa": "megapascal", "GWh": "gigawatt hour",
    "knot": "knot", "SGD": "singaporean dollar",
    # Units added with the Recognizers-Text development sets (their normalized names).
    "ton": "ton", "ml": "millilitre", "dm": "decimetre", "ug": "microgram", "mg": "milligram",
    "oz": "ounce", "acre": "acre", "hectare": "hectare", "tbsp": "tablespoon",
    "tsp": "teaspoon", "cup": "cup", "bit": "bit", "Mb": "megabit", "cu ft": "cubic foot",
    "cu m": "cubic metre", "week-old": "week of age", "day-old": "day of age",
    "penny": "penny", "rupee": "rupee", "MXN": "mexican peso", "TRY": "turkish lira",
    "BTC": "bitcoin", "satoshi": "satoshi", "CRC": "costa rican colón", "GEL": "georgian lari",
    "LAK": "lao kip", "LKR": "sri lankan rupee", "SEK": "swedish krona",
    "NOK": "norwegian krone", "KRW": "south korean won", "BRL": "brazilian real",
    "PLN": "polish zloty", "ZAR": "south african rand",
}


@dataclass(frozen=True, slots=True)
class Tag:
    value: float | tuple[float, float]
    unit: str
    text: str


def gold_sha256(path: Path = GOLD) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_gold(path: Path = GOLD, limit: int | None = None) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(path.read_text("utf-8"))
    return data[:limit] if limit else data


def _gold_tag(q: dict[str, Any]) -> Tag:
    raw = q["value"]
    value: float | tuple[float, float]
    if "E" not in raw and not raw.startswith("-") and "-" in raw:
        a, b = raw.split("-")[:2]
        value = (float(a), float(b))
    else:
        value = float(raw)
    return Tag(value, q["normalized_unit"].lower(), raw)


def predict(nlp: Any, texts: Sequence[str]) -> list[list[Tag]]:
    """Vedette's quantities for each sentence, as NewsQuant-style tags."""
    from vedette.extract.quantities import find_quantities

    out = []
    for doc in nlp.pipe(texts):
        tags = []
        for q in find_quantities(doc):
            if q.unit == "multiplier" and MULTIPLIER_VERB.search(q.span.text):
                continue  # a change without a number: outside the NewsQuant schema
            value: float | tuple[float, float]
            if q.value is None and q.low is not None and q.high is not None:
                value = (q.low, q.high)
            elif q.value is not None:
                value = q.value
            else:
                continue
            unit = newsquant_unit(q.unit)
            tags.append(Tag(value, unit.lower(), q.span.text))
        out.append(tags)
    return out


def newsquant_unit(unit: str | None) -> str:
    """ "USD per barrel" -> "dollar per barrel"; a count noun stays; no unit -> "-"."""
    if not unit:
        return NO_UNIT
    base, _, per = unit.partition(" per ")
    name = UNIT_NAMES.get(base, base)
    return f"{name} per {per}" if per else name


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= ABS_TOL + REL_TOL * abs(b)


def values_match(gold: float | tuple[float, float], pred: float | tuple[float, float]) -> bool:
    if isinstance(gold, tuple) and isinstance(pred, tuple):
        return _close(pred[0], gold[0]) and _close(pred[1], gold[1])
    if isinstance(gold, tuple) or isinstance(pred, tuple):
        return False
    return _close(pred, gold)


@dataclass(slots=True)
class Scores:
    value: int = 0
    value_unit: int = 0
    n_gold: int = 0
    n_pred: int = 0

    def prf(self, tp: int) -> tuple[float, float, float]:
        p = tp / self.n_pred if self.n_pred else 0.0
        r = tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(100 * p, 1), round(100 * r, 1), round(100 * f, 1)


def score_sentence(gold: list[Tag], pred: list[Tag], scores: Scores) -> tuple[int, int]:
    """CQE_Evaluation's matching loop for one sentence; returns (value hits, unit hits)."""
    scores.n_gold += len(gold)
    scores.n_pred += len(pred)
    tags = sorted(pred, key=lambda t: t.unit)
    budget = len(gold)
    hits = unit_hits = 0
    for g in sorted(gold, key=lambda t: t.unit):
        for t in tags:
            if not values_match(g.value, t.value):
                continue
            if budget > 0:
                hits += 1
                budget -= 1
            if t.unit == g.unit:
                unit_hits += 1
                tags.remove(t)
                break
    scores.value += hits
    scores.value_unit += unit_hits
    return hits, unit_hits


def gold_path(name: str = "NewsQuant") -> Path:
    if name not in SETS:
        raise ValueError(f"unknown set {name!r}; choose from {', '.join(SETS)}")
    return GOLD_DIR / f"{name}.json"


def evaluate(limit: int | None = None, errors: bool = False,
             name: str = "NewsQuant") -> dict[str, Any]:
    from vedette.extract.pipeline import load_nlp

    path = gold_path(name)
    data = load_gold(path, limit=limit)
    nlp = load_nlp()
    texts = [d["text"] for d in data]
    t0 = time.perf_counter()
    preds = predict(nlp, texts)
    elapsed = time.perf_counter() - t0
    scores = Scores()
    for d, pred in zip(data, preds, strict=True):
        gold = [_gold_tag(q) for q in d["quantities"]]
        hits, unit_hits = score_sentence(gold, pred, scores)
        if errors and (hits < len(gold) or unit_hits < len(gold) or len(pred) > hits):
            print(d["text"])
            print("   gold:", [(g.value, g.unit) for g in gold])
            print("   pred:", [(t.value, t.unit, t.text) for t in pred])
    vp, vr, vf = scores.prf(scores.value)
    up, ur, uf = scores.prf(scores.value_unit)
    return {
        "sentences": len(data), "gold": scores.n_gold, "predicted": scores.n_pred,
        "value": {"P": vp, "R": vr, "F1": vf}, "value+unit": {"P": up, "R": ur, "F1": uf},
        "seconds": round(elapsed, 2), "gold_sha256": gold_sha256(path), "set": name,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", dest="name", choices=SETS, default="NewsQuant",
                        help="gold set (default NewsQuant, the test set)")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None, help="write the scores here")
    parser.add_argument("--errors", action="store_true", help="print imperfect sentences")
    args = parser.parse_args(argv)
    path = gold_path(args.name)
    if not path.exists():
        print(f"{args.name} not found at {path}", file=sys.stderr)
        return 2
    result = evaluate(args.limit, args.errors, args.name)
    print(f"{args.name}: {result['sentences']} sentences, {result['gold']} gold, "
          f"{result['predicted']} predicted, {result['seconds']} s (parse + extraction)")
    print(f"{'system':<12} {'value F1':>9} {'value+unit F1':>14}")
    published = PUBLISHED if args.name == "NewsQuant" else {}
    for system, (v, u) in published.items():
        print(f"{system:<12} {v:>9.1f} {u:>14.1f}")
    print(f"{'vedette':<12} {result['value']['F1']:>9.1f} {result['value+unit']['F1']:>14.1f}"
          f"   (value P/R {result['value']['P']}/{result['value']['R']}, "
          f"value+unit P/R {result['value+unit']['P']}/{result['value+unit']['R']})")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), "utf-8")
    return 0 if not math.isnan(result["value"]["F1"]) else 1


if __name__ == "__main__":
    raise SystemExit(main())
