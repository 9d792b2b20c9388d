"""Build a synthetic reuse benchmark with gold families, relations and origins."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from vedette.ingest import read_articles
from vedette.ingest.text import parse_text
from vedette.records import Article

from . import transforms as t

CHUNK_WORDS = (250, 450)
SPIN_RATES = (0.1, 0.2, 0.3, 0.4)
# Share of families whose original is left out (the copies credit it: a virtual origin).
ABSENT_ORIGIN_SHARE = 0.2
VARIANT_KINDS = ("exact", "wrapped", "truncated", "shuffled", "partial", "spun", "spun_noised",
                 "noised", "credited")
RELATION_OF = {"exact": "copy", "wrapped": "copy", "truncated": "copy", "shuffled": "copy",
               "noised": "copy", "credited": "copy", "partial": "partial", "spun": "spun",
               "spun_noised": "spun"}


@dataclass(slots=True)
class GoldFamily:
    id: str
    members: list[str]
    origin: str | None
    origin_outlet: str
    pairs: list[tuple[str, str, str]] = field(default_factory=list)  # (origin, variant, relation)


@dataclass(slots=True)
class Dataset:
    articles: list[Article]
    families: list[GoldFamily]
    quote_pairs: list[tuple[str, str]]
    spin_rates: dict[str, float]


def public_domain_texts(corpus: Path) -> list[Article]:
    out = []
    for path in sorted(corpus.glob("*.txt")):
        head = path.read_text(encoding="utf-8")[:3000]
        if "License: Public domain" in head:
            out.extend(read_articles(path))
    return out


def chunks(article: Article, rng: random.Random) -> list[tuple[str, str]]:
    """(date, text) pieces of consecutive paragraphs, CHUNK_WORDS long, none overlapping."""
    paras = t.paragraphs(article.text[article.body_start :])
    out, cur, words = [], [], 0
    target = rng.randint(*CHUNK_WORDS)
    for p in paras:
        cur.append(p)
        words += len(p.split())
        if words >= target:
            out.append((article.published or "2022-01-01", t.join(cur)))
            cur, words, target = [], 0, rng.randint(*CHUNK_WORDS)
    return out


def build(corpus: Path, seed: int = 13) -> Dataset:
    rng = random.Random(seed)
    pieces = [c for a in public_domain_texts(corpus) for c in chunks(a, rng)]
    rng.shuffle(pieces)
    n_quote = max(6, len(pieces) // 12)
    hosts = pieces[: 2 * n_quote + len(pieces) // 6]
    originals = pieces[len(hosts) :]
    b = _Builder(rng, hosts)
    for n, (day, text) in enumerate(originals):
        b.family(f"g{n + 1}", day, text)
    for n in range(n_quote):
        b.quote_pair(n)
    while b.hosts:  # unused hosts stay as independent texts
        day, text = b.hosts.pop()
        b.add(f"syn/independent/{len(b.articles)}.txt", text, "Independent Daily", day)
    return Dataset(b.articles, b.families, b.quote_pairs, b.spin_rates)


class _Builder:
    def __init__(self, rng: random.Random, hosts: list[tuple[str, str]]) -> None:
        self.rng = rng
        self.hosts = list(hosts)
        self.articles: list[Article] = []
        self.families: list[GoldFamily] = []
        self.quote_pairs: list[tuple[str, str]] = []
        self.spin_rates: dict[str, float] = {}

    def add(self, path: str, body: str, outlet: str, day: str, title: str | None = None) -> str:
        title = title or _title(body)
        header = f"Title: {title}\nOutlet: {outlet}\nDate published: {day}\n---\n\n"
        self.articles.append(parse_text(header + body, path=path))
        return path

    def family(self, fid: str, day: str, text: str) -> None:
        rng = self.rng
        outlet = rng.choice(t.OUTLETS)
        absent = rng.random() < ABSENT_ORIGIN_SHARE
        origin = None if absent else self.add(f"syn/{fid}/origin.txt", text, outlet, day)
        gold = GoldFamily(fid, [] if origin is None else [origin], origin, outlet)
        kinds = rng.sample(VARIANT_KINDS, rng.randint(2, 4))
        for k, kind in enumerate(kinds):
            body = self._variant(kind, text, outlet)
            if absent or rng.random() < 0.3:
                body = t.credit(body, outlet, rng)
            site = t.SITES[(k + len(self.families)) % len(t.SITES)]
            path = f"syn/{fid}/{kind}.txt"
            title = _title(text) if kind != "wrapped" else None
            self.add(path, body, site, _later(day, rng), title)
            gold.members.append(path)
            gold.pairs.append((origin or "", path, RELATION_OF[kind]))
        self.families.append(gold)

    def _variant(self, kind: str, text: str, outlet: str) -> str:
        rng = self.rng
        if kind == "wrapped":
            return t.wrap(_title(text), text, rng.choice(t.SITES), rng)
        if kind == "truncated":
            return t.truncate(text, rng)
        if kind == "shuffled":
            return t.shuffle(text, rng)
        if kind == "noised":
            return t.noise(text, rng)
        if kind == "credited":
            return t.credit(text, outlet, rng)
        if kind == "partial" and self.hosts:
            return t.embed(t.excerpt(text, rng), self.hosts.pop()[1], rng)
        if kind in ("spun", "spun_noised"):
            rate = rng.choice(SPIN_RATES)
            body = t.spin(text, rate, rng)
            self.spin_rates[f"{len(self.families)}:{kind}"] = rate
            return t.noise(body, rng) if kind == "spun_noised" else body
        return text

    def quote_pair(self, n: int) -> None:
        if len(self.hosts) < 3:
            return
        _, source = self.hosts.pop()
        words = source.split()
        start = self.rng.randrange(0, max(1, len(words) - 40))
        quote = " ".join(words[start : start + self.rng.randint(25, 40)]).strip(" .,")
        paths = []
        for side in ("a", "b"):
            day, host = self.hosts.pop()
            paths.append(self.add(f"syn/quotes/{n}{side}.txt", t.quote_into(host, quote, self.rng),
                                  "Independent Daily", day))
        self.quote_pairs.append((paths[0], paths[1]))


def _title(text: str) -> str:
    words = text.split()[:9]
    return " ".join(w.strip(".,;:“”\"") for w in words).strip() or "Untitled"


def _later(day: str, rng: random.Random) -> str:
    offset = 0 if rng.random() < 0.2 else rng.randint(1, 4)
    return (date.fromisoformat(day) + timedelta(days=offset)).isoformat()
