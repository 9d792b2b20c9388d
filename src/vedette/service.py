"""The functions every interface calls (CLI today; API and dashboard later)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from vedette.config import PIPE_BATCH_SIZE
from vedette.errors import BadDate
from vedette.extract.attribution import resolve_quotes
from vedette.extract.claims import build_claims
from vedette.extract.entities import build_entities, collect_mentions
from vedette.extract.events import find_events
from vedette.extract.pipeline import load_nlp, parse, text_slices
from vedette.extract.places import find_places
from vedette.extract.quantities import find_quantities
from vedette.extract.quotes import Candidate
from vedette.extract.speakers import document_model, turn_quotes
from vedette.extract.times import find_times
from vedette.guard import TimeUp, as_rejection, deadline, guarded, seconds_for
from vedette.provenance.article import article_provenance
from vedette.records import Article, Rejection, Report

_WARM_UP_TEXT = ("Kyiv, Ukraine\n\n“We are ready,” Defense Minister Oleksii Reznikov told "
                 "reporters on Monday, saying about 90,000 troops were 200 km from the border.")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(slots=True)
class Outcome:
    """One input's result: a report, or the reason it was rejected; and, either way, a note
    when a library warned about it (one coded line, not a rejection)."""

    path: str
    report: Report | None = None
    rejection: Rejection | None = None
    note: Rejection | None = None


def check_date(value: str | None) -> str | None:
    """A real calendar date written YYYY-MM-DD exactly (no 2022-02-30, no trailing newline)."""
    if value is None:
        return None
    if _DATE.fullmatch(value) is None:
        raise BadDate(f"expected YYYY-MM-DD, got {value!r}")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise BadDate(f"no such day: {value!r}") from None
    return value


def analyze_text(text: str, *, path: str = "", raw: bool = True,
                 published: str | None = None) -> Report:
    """Analyse a string as it is (`raw=True`: offsets are offsets into `text`)."""
    if raw:
        article = Article(text=text, path=path, published=check_date(published))
    else:
        from vedette.ingest.text import parse_text

        article = parse_text(text, path=path)
        article.published = article.published or check_date(published)
    return analyze_article(article)


def analyze_article(article: Article, doc: Doc | None = None) -> Report:
    """Entities, quotes and attribution for one article (parsed here unless `doc` is given)."""
    if doc is None:
        doc = parse(article.text)
    index = build_entities(doc, collect_mentions(doc, doc.spans.get("vedette_equipment", [])))
    model = document_model(doc, article, index)
    candidates = _clip_to_title(doc._.vedette_quotes or [], article)
    quotes = resolve_quotes(model, candidates)
    quotes.extend(turn_quotes(model, start_id=len(quotes) + 1))
    for n, quote in enumerate(quotes, start=1):
        quote.id = f"q{n}"  # ids are positions in the report, unique per article
    for entity in index.entities:
        if article.publisher and entity.name == article.publisher:
            entity.type = "ORG"  # the site glued to the headline, not a person
    quantities = find_quantities(doc)
    times = find_times(doc, article.published, article.title)
    places = find_places(doc, index)
    return Report(
        article=article,
        entities=index.entities,
        speakers=model.speakers,
        quotes=quotes,
        quantities=quantities,
        claims=build_claims(doc, article, quantities, quotes, model.turns, times, places),
        times=times,
        places=places,
        events=find_events(doc, index, times, places, quotes),
        provenance=article_provenance(article),
    )


def analyze_articles(articles: Iterable[Article], *,
                     batch_size: int = PIPE_BATCH_SIZE) -> Iterator[Outcome]:
    """Reports for a stream of articles, parsed in `nlp.pipe` batches of `batch_size`.

    Each article is analysed inside its own guard (time budget, any failure a rejection).
    A batch whose parse fails or runs out of time is parsed again one document at a time,
    so one bad text never fails the others.
    """
    nlp = load_nlp()
    warm_up()
    for batch in _batches(articles, batch_size):
        docs = _parse_batch(nlp, batch)
        for article, doc in zip(batch, docs, strict=True):
            yield _analyze_safely(article, doc)


@cache
def warm_up() -> None:
    """Load every model and table now (parser, gazetteer, attribution weights), once per
    process: outside any input's time budget, so the first input is not too_slow for it."""
    analyze_article(Article(text=_WARM_UP_TEXT, published="2021-12-08"))


def _parse_batch(nlp: Language, batch: list[Article]) -> list[Doc | None]:
    """Docs of the short texts, parsed together; None for long ones (parsed in slices later)."""
    docs: list[Doc | None] = [None] * len(batch)
    short = [i for i, a in enumerate(batch) if len(text_slices(a.text)) == 1]
    if len(batch) == 1 or not short:
        return docs
    seconds = max(seconds_for(len(batch[i].text)) for i in short)
    try:
        with deadline(seconds):
            parsed = list(nlp.pipe(batch[i].text for i in short))
    except (Exception, TimeUp):  # noqa: BLE001 - each document is parsed again alone
        return docs
    for i, doc in zip(short, parsed, strict=True):
        docs[i] = doc
    return docs


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyze_paths(paths: Sequence[str], *, raw: bool = False, published: str | None = None,
                  follow_links: bool = False) -> Iterator[Outcome]:
    """Reports for every readable input; every unreadable one as a coded rejection."""
    from vedette.ingest import expand_inputs, read_input

    anchor = check_date(published)
    files, missing = expand_inputs(paths, follow_links=follow_links)
    for rejection in missing:
        yield Outcome(rejection.path, rejection=rejection)
    for file in files:
        found = read_input(file, raw=raw)
        for note in found.notes:
            yield Outcome(note.path, note=note)
        for rejection in found.rejections:
            yield Outcome(rejection.path, rejection=rejection)
        for article in found.articles:
            article.published = article.published or anchor
        yield from analyze_articles(found.articles)


def _analyze_safely(article: Article, doc: Doc | None = None) -> Outcome:
    """One article inside its guard: a report, or a coded rejection (never an exception)."""
    guard = guarded(article.path, seconds_for(len(article.text)),
                    lambda: analyze_article(article, doc))
    note = guard.note(article.path)
    outcome = Outcome(article.path, report=guard.value,
                      note=as_rejection(note) if note is not None else None)
    if guard.rejection is not None:
        outcome.rejection = as_rejection(guard.rejection)
    return outcome


def _clip_to_title(cands: list[Candidate], article: Article) -> list[Candidate]:
    """A headline quote stops where the headline does ("... – Henry’s Club" is not content)."""
    title = article.title_span
    if title is None:
        return cands
    for c in cands:
        start, end = c.content
        if start < title.end < end:
            c.content = (start, title.end)
    return cands


def read_inputs(paths: Sequence[str], *, raw: bool = False) -> tuple[list[Article],
                                                                     list[Rejection]]:
    """Every readable article under `paths`, and every rejection with its reason."""
    from vedette.ingest import expand_inputs, read_articles_with_rejections

    files, rejections = expand_inputs(paths)
    articles: list[Article] = []
    for file in files:
        found, rejected = read_articles_with_rejections(file, raw=raw)
        articles.extend(found)
        rejections.extend(rejected)
    return articles, rejections


__all__ = ["Outcome", "analyze_article", "analyze_articles", "analyze_paths", "analyze_text",
           "read_inputs"]
