"""Cases for issue 13: boilerplate that must not link, chains and heavy rewrites that must.

Host texts are bigram-chain babble trained on the corpus (unrelated to each other and to the
main synthetic set). Every boilerplate group shares one template (a footer with or without a
notice cue, a header, a newsletter box, a wire's stock background paragraph) and nothing
else, at group sizes 2, 3, 5 and 16, published by one outlet or by as many outlets as texts,
plus one footer shared by 1,000 texts of ten sites. The templates recur across groups, as a
site's footer recurs across its pages; "isolated" groups (sizes 2 and 3) get a template
reworded for them alone, so nothing outside the group can teach that it is boilerplate.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from vedette.records import Article

from . import transforms as t
from .scale import _babble, chain

GROUP_SIZES = (2, 3, 5, 16)
# Groups whose template is reworded for them alone: nowhere else in the corpus to learn from.
ISOLATED_SIZES = (2, 3)
BIG_FOOTER_GROUP = 1000
CHAINS, CHAIN_LENGTH, REWRITES, INDEPENDENT_PAIRS = 40, 4, 40, 40
# Heavy rewrite: sentences shuffled, this share dropped, this share of words spun.
REWRITE_DROP, REWRITE_SPIN = 0.25, 0.2

TEMPLATES = {
    "footer": (
        "end",
        "{site} is an independent newsroom covering politics, security and the economy across "
        "the region. Our reporters work from bureaus in four capitals and every story is "
        "checked by a second editor before it goes out. Corrections appear on this page with "
        "the date of the change and the name of the editor responsible. Tips and documents can "
        "be sent to the desk at any hour, and we answer every message we receive within a day."),
    "legal_footer": (
        "end",
        "© 2024 {site}. All rights reserved. This material may not be published, broadcast, "
        "rewritten or redistributed in any form without prior written permission. The views "
        "expressed by contributors are their own and do not necessarily reflect those of the "
        "publisher. Use of this site constitutes acceptance of our terms of use and privacy "
        "policy, including the use of cookies to measure our audience."),
    "header": (
        "start",
        "{site} Home World Politics Business Security Opinion Video Podcasts Weather. Live "
        "coverage of the war and the wider region, updated around the clock by the editors of "
        "{site} from the front line, the capitals and the markets."),
    "newsletter": (
        "middle",
        "Get the morning briefing from {site}: the five stories you need to know about the war, "
        "the diplomacy and the markets, sent to your inbox every weekday at seven. Sign up "
        "here and never miss an update from our correspondents."),
    "wire_paragraph": (
        "end",
        "Russia launched what it calls a special military operation in Ukraine in February "
        "2022, saying it wanted to protect Russian speakers and demilitarise its neighbour. "
        "Kyiv and its Western allies call the invasion an unprovoked war of aggression and say "
        "Moscow's aim is to seize territory by force."),
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(slots=True)
class Group:
    """Texts that must not link (boilerplate, independent reports) or must (chains, rewrites:
    `origin` first)."""

    case: str
    paths: list[str]
    must_link: bool


@dataclass(slots=True)
class BoilerCases:
    articles: list[Article] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)


def build_cases(corpus: Path, seed: int = 17) -> BoilerCases:
    rng = random.Random(seed)
    succ = chain(corpus)
    starts = [w for w in succ if w[:1].isupper()]
    b = _Builder(rng, lambda: _babble(succ, starts, rng) + "\n\n" + _babble(succ, starts, rng))
    for kind in TEMPLATES:
        for size in GROUP_SIZES:
            for outlets in ("one_outlet", "many_outlets"):
                b.boiler_group(kind, size, outlets)
        for size in ISOLATED_SIZES:
            for outlets in ("one_outlet", "many_outlets"):
                b.boiler_group(kind, size, outlets, isolated=True)
    b.boiler_group("footer", BIG_FOOTER_GROUP, "ten_outlets")
    for n in range(CHAINS):
        b.chain(n)
    for n in range(REWRITES):
        b.rewrite(n)
    for n in range(INDEPENDENT_PAIRS):
        b.independent(n)
    return b.cases


class _Builder:
    def __init__(self, rng: random.Random, host: object) -> None:
        self.rng = rng
        self.host = host
        self.cases = BoilerCases()

    def add(self, path: str, text: str, site: str, day: str = "2024-02-01") -> str:
        self.cases.articles.append(Article(text=text, path=path, publisher=site, published=day))
        return path

    def boiler_group(self, kind: str, size: int, outlets: str, isolated: bool = False) -> None:
        where, template = TEMPLATES[kind]
        name = f"{kind}/{'isolated_' if isolated else ''}{outlets}/{size}"
        block = template.format(site=_site(name, 0, "one_outlet"))
        if isolated:
            block = t.spin(block, 0.35, random.Random(zlib.crc32(name.encode())))
        paths = []
        for i in range(size):
            site = _site(name, i, outlets)
            body = self._host()
            paths.append(self.add(f"boiler/{name}/{i}.txt", _place(body, block, where), site))
        self.cases.groups.append(Group(name, paths, must_link=False))

    def chain(self, n: int) -> None:
        """Copies of copies: each drops a paragraph, rewords a little and adds a line."""
        rng = self.rng
        text = self._host() + "\n\n" + self._host()
        paths = [self.add(f"chain/{n}/0.txt", text, "Origin Wire", "2024-01-01")]
        for step in range(1, CHAIN_LENGTH + 1):
            paras = t.paragraphs(t.spin(text, 0.08, rng))
            del paras[rng.randrange(len(paras))]
            paras.insert(rng.randrange(len(paras) + 1), self._host().split("\n\n")[0])
            text = t.join(paras)
            paths.append(self.add(f"chain/{n}/{step}.txt", text, f"Copier {step}",
                                  f"2024-01-0{1 + step}"))
        self.cases.groups.append(Group("chain", paths, must_link=True))

    def rewrite(self, n: int) -> None:
        """Sentences shuffled, a quarter dropped, a fifth of the content words swapped."""
        rng = self.rng
        text = self._host() + "\n\n" + self._host()
        origin = self.add(f"rewrite/{n}/origin.txt", text, "Origin Wire", "2024-01-01")
        sentences = [s for s in _SENTENCE.split(text.replace("\n\n", " ")) if s]
        rng.shuffle(sentences)
        kept = [s for s in sentences if rng.random() >= REWRITE_DROP]
        body = t.spin(" ".join(kept), REWRITE_SPIN, rng)
        paras = [" ".join(body.split()[i : i + 45]) for i in range(0, len(body.split()), 45)]
        copy = self.add(f"rewrite/{n}/rewrite.txt", t.join(paras), "Rewriter", "2024-01-02")
        self.cases.groups.append(Group("heavy_rewrite", [origin, copy], must_link=True))

    def independent(self, n: int) -> None:
        """Two reports of one event: the same names and numbers, their own words."""
        rng = self.rng
        facts = {"n1": rng.randint(20, 90), "n2": rng.randint(5, 19), "n3": rng.randint(100, 999),
                 "place": rng.choice(("Kharkiv", "Odesa", "Zaporizhzhia", "Kherson", "Sumy")),
                 "official": rng.choice(("Oleh Syniehubov", "Vitaliy Kim", "Ivan Fedorov")),
                 "army": rng.choice(("the Ukrainian Air Force", "the General Staff"))}
        paths = []
        for side, sentences in (("a", _FACTS_A), ("b", _FACTS_B)):
            paras = t.paragraphs(self._host())
            for s in sentences:
                paras.insert(rng.randrange(len(paras) + 1), s.format(**facts))
            paths.append(self.add(f"independent/{n}/{side}.txt", t.join(paras), f"Desk {side}"))
        self.cases.groups.append(Group("independent_same_event", paths, must_link=False))

    def _host(self) -> str:
        return self.host()  # type: ignore[operator, no-any-return]


_FACTS_A = (
    "{official} said {n1} drones were launched at {place} overnight and {n2} of them got "
    "through, according to {army}.",
    "Officials in {place} counted {n3} damaged homes by the morning, {official} told reporters.",
)
_FACTS_B = (
    "According to {army}, air defences over {place} destroyed most of the {n1} drones fired "
    "on Tuesday night; {n2} were not intercepted.",
    "{official} put the number of homes hit in {place} at {n3} in a statement after dawn.",
)


def _site(name: str, i: int, outlets: str) -> str:
    if outlets == "one_outlet":
        return f"Site of {name}"
    if outlets == "ten_outlets":
        return f"Farm {i % 10}"
    return f"Outlet {i} of {name}"


def _place(body: str, block: str, where: str) -> str:
    paras = t.paragraphs(body)
    if where == "start":
        return t.join([block, *paras])
    if where == "middle":
        return t.join(paras[:1] + [block] + paras[1:])
    return t.join([*paras, block])
