"""A small hand-made store for the desk's tests: no spaCy, every span placed by its text.

Five articles: a ministry's 100,000 troops (and a copy of it in the same family), an
independent 100,000 from NATO via Reuters, a range from US officials via CNN near Belarus,
and an open-ended "more than 175,000" from Antony Blinken that contradicts the first.
"""

from __future__ import annotations

from dataclasses import dataclass

from vedette.records import (
    Article,
    Claim,
    Event,
    Place,
    Provenance,
    Quote,
    Rejection,
    Report,
    Span,
    Speaker,
    TimeRef,
)
from vedette.store import Store
from vedette.store.rows import FamilyRow

UKRAINE = (49.0, 32.0)
BELARUS = (53.0, 28.0)


@dataclass(frozen=True)
class Item:
    text: str
    path: str
    publisher: str
    published: str
    speaker: str
    number: str  # the quantity as written in the text
    low: float | None
    high: float | None
    value: float
    place: str  # a toponym in the text
    point: tuple[float, float]
    chain: tuple[str, ...] = ()


ITEMS = (
    Item("Russia has 100,000 troops near the border with Ukraine, the Ukrainian Defense "
         "Ministry said on Monday.", "kyiv/a.txt", "Kyiv Post", "2021-12-06",
         "Ukrainian Defense Ministry", "100,000", 100_000, 100_000, 100_000, "Ukraine", UKRAINE),
    Item("Russia has 100,000 troops near the border with Ukraine, the Ukrainian Defense "
         "Ministry said on Monday. Read more at Copy Site.", "copy/a.txt", "Copy Site",
         "2021-12-07", "Ukrainian Defense Ministry", "100,000", 100_000, 100_000, 100_000,
         "Ukraine", UKRAINE),
    Item("About 100,000 Russian troops are near the border with Ukraine, NATO said, "
         "according to Reuters.", "reuters/b.txt", "Reuters", "2021-12-07", "NATO", "100,000",
         100_000, 100_000, 100_000, "Ukraine", UKRAINE, ("Reuters",)),
    Item("Between 70,000 and 90,000 troops are massed near the border in Belarus, US officials "
         "told CNN.", "cnn/c.txt", "CNN", "2021-12-08", "US officials", "70,000 and 90,000",
         70_000, 90_000, 80_000, "Belarus", BELARUS, ("CNN",)),
    Item("More than 175,000 troops near the border could attack Ukraine, Antony Blinken said.",
         "state/d.txt", "State Department", "2021-12-10", "Antony Blinken", "175,000", 175_000,
         None, 175_000, "Ukraine", UKRAINE),
)


def _span(text: str, needle: str) -> Span:
    start = text.index(needle)
    return Span.of(text, start, start + len(needle))


def _where(item: Item) -> str:
    """The claim's place phrase, as the extractor writes it."""
    return f"in {item.place}" if item.place == "Belarus" else "near the border with Ukraine"


def report(item: Item) -> Report:
    t = item.text
    said_end = t.rindex(", ", 0, t.index(item.speaker))  # the quote ends before ", NATO said"
    article = Article(text=t, path=item.path, title=t[:said_end], publisher=item.publisher,
                      url=f"https://example.org/{item.path}", published=item.published)
    whole = Span.of(t, 0, len(t))
    content = Span.of(t, 0, said_end)
    speaker = Speaker(item.speaker, None)
    return Report(
        article=article,
        quotes=[Quote("q1", "indirect", content, _span(t, "said") if "said" in t else None,
                      _span(t, item.speaker), speaker, chain=list(item.chain))],
        claims=[Claim("c1", item.value, item.low, item.high, "troops", "troops",
                      _where(item), item.published, "reported", speaker, list(item.chain),
                      whole, _span(t, item.number), of="Russia", kind="force")],
        places=[Place(_span(t, item.place), item.place, None, *item.point, "country")],
        times=[TimeRef(_span(t, "Monday"), "date", "2021-12-06", "day", True)]
        if "Monday" in t else [],
        events=[Event("ev1", "MOBILIZE", ["Russia"], item.place, item.published, "happened",
                      whole, _span(t, "troops"))],
        provenance=Provenance(publisher=item.publisher),
    )


def fill(store: Store) -> list[Report]:
    reports = [report(i) for i in ITEMS]
    for r in reports:
        store.save_report(r, version="test", config_hash="test")
    origin = reports[0].article.id
    store.replace_families([FamilyRow(reports[0].article.id, "f1", origin, None, "origin"),
                            FamilyRow(reports[1].article.id, "f1", origin, None, "copy")])
    store.save_rejection(Rejection("bad.txt", "empty_text", "[V002] empty_text: bad.txt: no text"))
    return reports
