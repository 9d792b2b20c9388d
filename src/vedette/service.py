"""The functions every interface calls (CLI today; API and dashboard later)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from vedette.config import PIPE_BATCH_SIZE
from vedette.errors import BadDate, VedetteError
from vedette.extract.attribution import resolve_quotes
from vedette.extract.claims import build_claims, speech_speaker
from vedette.extract.entities import aliases, build_entities, collect_mentions, slug
from vedette.extract.events import find_events
from vedette.extract.pipeline import load_nlp
from vedette.extract.places import find_places
from vedette.extract.quantities import find_quantities
from vedette.extract.quotes import Candidate
from vedette.extract.times import find_times
from vedette.extract.transcripts import Turn, find_turns
from vedette.provenance.article import article_provenance
from vedette.records import Article, Quote, Rejection, Report, Span, Speaker

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ExtractionFailed(VedetteError):
    code = "V030"
    reason = "extraction_failed"


@dataclass(slots=True)
class Outcome:
    """One input's result: a report, or the reason it was rejected."""

    path: str
    report: Report | None = None
    rejection: Rejection | None = None


def check_date(value: str | None) -> str | None:
    if value is not None and not _DATE.match(value):
        raise BadDate(f"expected YYYY-MM-DD, got {value!r}")
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
        doc = load_nlp()(article.text)
    index = build_entities(doc, collect_mentions(doc, doc.spans.get("vedette_equipment", [])))
    turns = find_turns(article.text, article.publisher)
    candidates = _clip_to_title(doc._.vedette_quotes or [], article)
    quotes = resolve_quotes(doc, candidates, index, turns, article.publisher,
                            _canonical_speaker(speech_speaker(article)))
    quotes.extend(_turn_quotes(turns, article.text, start_id=len(quotes) + 1))
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
        quotes=quotes,
        quantities=quantities,
        claims=build_claims(doc, article, quantities, quotes, turns, times, places),
        times=times,
        places=places,
        events=find_events(doc, index, times, places, quotes),
        provenance=article_provenance(article),
    )


def analyze_articles(articles: Iterable[Article]) -> Iterator[Outcome]:
    """Reports for a stream of articles, parsed in `nlp.pipe` batches.

    A document whose parse fails is retried alone so that one bad text never fails the batch.
    """
    nlp = load_nlp()
    for batch in _batches(articles, PIPE_BATCH_SIZE):
        docs: list[Doc | None]
        try:
            docs = list(nlp.pipe(a.text for a in batch))
        except Exception:  # noqa: BLE001 - fall back to one document at a time
            docs = [None] * len(batch)
        for article, doc in zip(batch, docs, strict=True):
            yield _analyze_safely(article, doc)


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def analyze_paths(paths: Sequence[str], *, raw: bool = False,
                  published: str | None = None) -> Iterator[Outcome]:
    """Reports for every readable input; every unreadable one as a coded rejection."""
    from vedette.ingest import expand_inputs, read_articles_with_rejections

    anchor = check_date(published)
    files, missing = expand_inputs(paths)
    for rejection in missing:
        yield Outcome(rejection.path, rejection=rejection)
    for file in files:
        articles, rejections = read_articles_with_rejections(file, raw=raw)
        for rejection in rejections:
            yield Outcome(rejection.path, rejection=rejection)
        for article in articles:
            article.published = article.published or anchor
        yield from analyze_articles(articles)


def _analyze_safely(article: Article, doc: Doc | None = None) -> Outcome:
    try:
        return Outcome(article.path, report=analyze_article(article, doc))
    except Exception as err:  # noqa: BLE001 - one bad article never stops the batch
        failure = ExtractionFailed(f"{type(err).__name__}: {err}", path=article.path)
        return Outcome(article.path, rejection=Rejection(article.path, failure.reason,
                                                         str(failure)))


def _canonical_speaker(speaker: Speaker | None) -> Speaker | None:
    """'Biden' from a title -> Joe Biden, with the entity id the rest of the report uses."""
    if speaker is None:
        return None
    canonical = aliases().canonical(speaker.name)
    if canonical is None:
        return speaker
    return Speaker(canonical, f"{aliases().types[canonical].lower()}:{slug(canonical)}")


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


def _turn_quotes(turns: Sequence[Turn], text: str, start_id: int) -> list[Quote]:
    """Each transcript turn is a direct quote of its speaker; a reporter's turn is a question."""
    quotes = []
    for n, turn in enumerate(turns, start=start_id):
        speaker = Speaker(turn.speaker, turn.entity_id) if turn.speaker else None
        quotes.append(
            Quote(
                id=f"q{n}",
                kind="direct",
                content=Span.of(text, turn.content_start, turn.content_end),
                cue=None,
                source=Span.of(text, turn.label_start, turn.label_end),
                speaker=speaker,
                question=turn.question,
                origin="transcript",
            )
        )
    return quotes


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
