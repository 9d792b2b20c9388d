"""Text transformations that copy sites apply: spin, wrap, truncate, shuffle, noise, credit."""

from __future__ import annotations

import random
import re

from .synonyms import ALL_REPLACEMENTS, SYNONYMS

_WORD = re.compile(r"[A-Za-z]+")
STOPWORDS = frozenset(
    """a an the and or but if of in on at by for to from with as is was are were be been being it
    its this that these those he she they we you i his her their our your not no so than then there
    here when where who which what while after before over under about into during since until
    also have has had do does did will would can could should may might must very just more most
    some any all each other such only own same too up down out off again further once""".split()
)
SITES = ["Henry’s Club", "Daily Newsfeed", "World Post Today", "Newsline 24", "Global Times Hub",
         "The Info Desk", "Breaking Wire", "Headline Central", "Nation Digest", "Top Story Now"]
OUTLETS = ["CNN", "Reuters", "AP", "BBC", "Bloomberg", "Politico", "Axios", "NBC News"]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def join(paras: list[str]) -> str:
    return "\n\n".join(paras)


def spin(text: str, rate: float, rng: random.Random) -> str:
    """Swap `rate` of the content words (lower-case, not stopwords) for table synonyms; a word
    the table lacks gets a random table word, as crude spinners do."""

    def swap(m: re.Match[str]) -> str:
        word = m.group()
        if word != word.lower() or word in STOPWORDS or len(word) < 3 or rng.random() >= rate:
            return word
        return rng.choice(SYNONYMS.get(word) or ALL_REPLACEMENTS)

    return _WORD.sub(swap, text)


def wrap(title: str, body: str, site: str, rng: random.Random) -> str:
    footer = rng.choice([f"The post {title} appeared first on {site}.",
                         "Read more: latest world news", "Share this:"])
    return f"{title} – {site}\n\n{body}\n\n{footer}"


def truncate(text: str, rng: random.Random) -> str:
    paras = paragraphs(text)
    keep = max(2, int(len(paras) * rng.uniform(0.5, 0.75)))
    return join(paras[:keep])


def shuffle(text: str, rng: random.Random) -> str:
    paras = paragraphs(text)
    rng.shuffle(paras)
    return join(paras)


def excerpt(text: str, rng: random.Random) -> str:
    """A passage of two or three paragraphs (the part a partial copy embeds)."""
    paras = paragraphs(text)
    n = min(len(paras), rng.choice([2, 3]))
    start = rng.randrange(0, len(paras) - n + 1)
    return join(paras[start : start + n])


def embed(passage: str, host: str, rng: random.Random) -> str:
    paras = paragraphs(host)
    at = rng.randrange(1, len(paras)) if len(paras) > 1 else 1
    return join(paras[:at] + [passage] + paras[at:])


def noise(text: str, rng: random.Random) -> str:
    """Seed-like artefacts: ". ," after paragraphs, "” ”,", a lower-case paragraph start."""
    paras = paragraphs(text)
    out = []
    for k, p in enumerate(paras):
        r = rng.random()
        if r < 0.25:
            p = p + " ,"
        elif r < 0.35:
            p = p + " Is. ,"
        elif r < 0.45 and k > 0:
            p = p[:1].lower() + p[1:]
        out.append(p)
    return join(out)


def credit(text: str, outlet: str, rng: random.Random) -> str:
    """An "X reported" rewrite: a dateline or an attribution in the first paragraph."""
    paras = paragraphs(text)
    if rng.random() < 0.5:
        paras[0] = f"WASHINGTON ({outlet}) — " + paras[0]
    else:
        paras[0] = f"{outlet} reported that " + paras[0][:1].lower() + paras[0][1:]
        paras.append(f"This report first appeared in {outlet}, {outlet} reported.")
    return join(paras)


def quote_into(host: str, quote: str, rng: random.Random) -> str:
    """An independent text that quotes the same statement."""
    said = rng.choice(["the spokesperson said", "an official told reporters",
                       "the minister said in a statement"])
    return embed(f"“{quote},” {said}.", host, rng)
