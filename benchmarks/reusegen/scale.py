"""Many synthetic articles fast: bigram-chain text trained on the corpus, plus copies."""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

from vedette.records import Article

from . import transforms as t
from .dataset import public_domain_texts

ARTICLE_WORDS = (120, 260)
# Share of articles that copy (exactly, truncated or spun) an earlier one.
COPY_SHARE = 0.3


def chain(corpus: Path) -> dict[str, list[str]]:
    successors: dict[str, list[str]] = defaultdict(list)
    for article in public_domain_texts(corpus):
        words = article.text.split()
        for w, nxt in zip(words, words[1:], strict=False):
            successors[w].append(nxt)
    return dict(successors)


def generate(corpus: Path, n: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    succ = chain(corpus)
    starts = [w for w in succ if w[:1].isupper()]
    articles: list[Article] = []
    for i in range(n):
        day = f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}"
        if articles and rng.random() < COPY_SHARE:
            source = articles[rng.randrange(len(articles))].text
            kind = rng.random()
            text = (source if kind < 0.4 else t.truncate(source, rng) if kind < 0.6
                    else t.spin(source, rng.choice((0.1, 0.2, 0.3, 0.4)), rng))
        else:
            text = _babble(succ, starts, rng)
        articles.append(Article(text=text, path=f"scale/{i}.txt", published=day))
    return articles


def _babble(succ: dict[str, list[str]], starts: list[str], rng: random.Random) -> str:
    words = [rng.choice(starts)]
    target = rng.randint(*ARTICLE_WORDS)
    paras: list[str] = []
    while len(words) < target:
        nxt = succ.get(words[-1])
        words.append(rng.choice(nxt) if nxt else rng.choice(starts))
        if len(words) % 45 == 0:
            paras.append(" ".join(words))
            target -= len(words)
            words = [rng.choice(starts)]
    paras.append(" ".join(words))
    return t.join(paras)
