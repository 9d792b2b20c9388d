"""Issue 8 speed checks, as ratios within one run (never absolute times in tests).

- Scaling on hostile text: analysis time for n and 2n quotations, quote marks and numbers;
  a ratio near 2 is linear, near 4 quadratic.
- Commit per article: `analyze_articles` parsing one document at a time (what `ingest` does
  in one process, so each article is stored as soon as it is analysed) against nlp.pipe
  batches of 16, on the examples.

Usage: python benchmarks/reliability.py [--n 2000]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from vedette.records import Article
from vedette.service import analyze_article, analyze_articles, warm_up

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TEXTS: dict[str, Callable[[int], str]] = {
    "quotations “a” …": lambda n: "“a” " * n,
    "quote marks \"\"\"…": lambda n: '"' * n,
    "numbers 123,456,789 troops …": lambda n: "123,456,789 troops " * n,
    "words, no full stop": lambda n: "troops near Kyiv and Belarus " * (n // 5),
}


def seconds(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def scaling(n: int) -> None:
    print(f"| text | n = {n} | 2n | ratio (2 linear, 4 quadratic) |\n|---|---|---|---|")
    for name, make in TEXTS.items():
        one, two = (_analysis_seconds(make(k)) for k in (n, 2 * n))
        print(f"| {name} | {one:.1f} s | {two:.1f} s | {two / one:.2f} |")


def _analysis_seconds(text: str) -> float:
    return seconds(lambda: analyze_article(Article(text=text)))


def commit_per_article() -> None:
    articles = [Article(text=p.read_text(encoding="utf-8"), path=str(p))
                for p in sorted(EXAMPLES.glob("*.txt"))] * 2
    batched = seconds(lambda: list(analyze_articles(articles, batch_size=16)))
    single = seconds(lambda: list(analyze_articles(articles, batch_size=1)))
    print(f"\n{len(articles)} example articles: batches of 16 {batched:.1f} s, one at a time "
          f"{single:.1f} s, ratio {single / batched:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000)
    args = parser.parse_args()
    warm_up()
    scaling(args.n)
    commit_per_article()


if __name__ == "__main__":
    main()
