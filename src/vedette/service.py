"""The functions every interface calls (CLI today; API and dashboard later)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from vedette.config import PIPE_BATCH_SIZE
from vedette.dates import check_date
from vedette.errors import BadDate, VedetteError
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
from vedette.records import Article, Outcome, Rejection, Report, Span
from vedette.store import queries
from vedette.store.queries import ArticleRow, Keyset, Where
from vedette.store.rows import ClaimRow, QuoteRow

if TYPE_CHECKING:
    from vedette.analyze.contradictions import Contradiction
    from vedette.analyze.estimates import Estimate
    from vedette.analyze.timeline import TimelineEntry
    from vedette.store import Store

T = TypeVar("T")

_WARM_UP_TEXT = ("Kyiv, Ukraine\n\n“We are ready,” Defense Minister Oleksii Reznikov told "
                 "reporters on Monday, saying about 90,000 troops were 200 km from the border.")


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
           "check_date", "read_inputs",
           # queries (below)
           "Evidence", "FamilyView", "Filter", "FilterError", "Overview", "Page", "PageRequest",
           "PlaceMarker", "article_report", "evidence", "family_detail", "list_articles",
           "list_claims", "list_contradictions", "list_estimates", "list_families",
           "list_places", "list_quotes", "list_rejects", "list_timeline", "overview",
           "who_said"]


# =========================================================================================
# Queries: what the CLI, the API and the dashboard ask of a store. One filter record, one
# page record; the SQL lives in vedette.store.queries, the interfaces only format.
# =========================================================================================

# Items per page when the caller does not say, and the most one page may hold (pages are
# unlimited in number: follow `next` to the end).
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
# Longest free-text filter value accepted.
MAX_FILTER_CHARS = 200
# Claims read per round while a post-filter (minimum confirmations) is thinning them.
POST_FILTER_BATCH = 500
CLAIM_MODALITIES = ("reported", "estimate", "planned", "forecast", "question", "denied")
EVENT_MODALITIES = ("happened", "planned", "expected", "hypothetical", "denied", "threatened",
                    "demanded", "alleged")
MODALITIES = tuple(dict.fromkeys(CLAIM_MODALITIES + EVENT_MODALITIES))
_EVENT_TYPE = re.compile(r"^[A-Za-z_]{2,32}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class FilterError(VedetteError):
    """A filter or page parameter that cannot be used; `field` names it."""

    code = "V060"
    reason = "bad_filter"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Filter:
    """The one filter model of every list, in the CLI, the API and the page URL.

    `place` is a name (substring); `bbox` is west,south,east,north in degrees. `speaker`
    matches a speaker, a claim's source or chain, or an event actor. `source` is the outlet
    that published the article. `of` is whose forces a claim counts (once claims carry it).
    """

    since: str | None = None
    until: str | None = None
    place: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    speaker: str | None = None
    of: str | None = None
    counted: str | None = None
    event_type: str | None = None
    source: str | None = None
    min_confirmations: int | None = None
    modality: str | None = None

    @classmethod
    def parse(cls, **params: str | int | None) -> Filter:
        """Strings from a URL or a command line -> a checked filter (FilterError if not)."""
        text = {k: _text(k, v) for k, v in params.items()
                if k not in {"bbox", "min_confirmations"}}
        for name in ("since", "until"):
            _check_day(name, text.get(name))
        since, until = text.get("since"), text.get("until")
        if since and until and since > until:
            raise FilterError("until", "until is before since")
        if text.get("modality") and text["modality"] not in MODALITIES:
            raise FilterError("modality", f"modality must be one of {', '.join(MODALITIES)}")
        if text.get("event_type") and not _EVENT_TYPE.match(text["event_type"] or ""):
            raise FilterError("event_type", "event_type is a PLOVER name such as MOBILIZE")
        return cls(**text, bbox=_bbox(params.get("bbox")),  # type: ignore[arg-type]
                   min_confirmations=_minimum(params.get("min_confirmations")))

    def as_params(self) -> dict[str, str]:
        """The filter as URL parameters (only those set)."""
        out = {k: str(getattr(self, k)) for k in self.__dataclass_fields__
               if getattr(self, k) not in (None, "") and k != "bbox"}
        if self.bbox is not None:
            out["bbox"] = ",".join(f"{v:g}" for v in self.bbox)
        return out


FILTER_FIELDS = tuple(Filter.__dataclass_fields__)


def _text(name: str, value: str | int | None) -> str | None:
    if value is None or value == "":
        return None
    value = str(value).strip()
    if len(value) > MAX_FILTER_CHARS or _CONTROL.search(value):
        raise FilterError(name, f"{name} must be at most {MAX_FILTER_CHARS} printable characters")
    return value or None


def _check_day(name: str, value: str | None) -> None:
    if value is None:
        return
    try:
        check_date(value)
    except BadDate:
        raise FilterError(name, f"{name} must be a date YYYY-MM-DD, got {value[:40]!r}") from None


def _bbox(value: str | int | None) -> tuple[float, float, float, float] | None:
    if value is None or value == "":
        return None
    try:
        west, south, east, north = (float(v) for v in str(value).split(","))
    except ValueError:
        raise FilterError("bbox", "bbox is west,south,east,north in degrees") from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise FilterError("bbox", "bbox needs -180..180 longitudes and south <= north in -90..90")
    return (west, south, east, north)


def _minimum(value: str | int | None) -> int | None:
    if value is None or value == "":
        return None
    try:
        number = int(value)
    except ValueError:
        raise FilterError("min_confirmations", "min_confirmations is a whole number") from None
    if not 0 <= number <= 1_000_000:
        raise FilterError("min_confirmations", "min_confirmations is between 0 and 1000000")
    return number


@dataclass(frozen=True, slots=True)
class PageRequest:
    """Where a page starts (an opaque cursor from the previous page), its size, its order."""

    cursor: str | None = None
    limit: int = DEFAULT_PAGE_SIZE
    descending: bool = False

    @classmethod
    def parse(cls, cursor: str | None = None, limit: int | str | None = None,
              order: str | None = None) -> PageRequest:
        try:
            size = DEFAULT_PAGE_SIZE if limit in (None, "") else int(limit)  # type: ignore[arg-type]
        except ValueError:
            raise FilterError("limit", "limit is a whole number") from None
        if not 1 <= size <= MAX_PAGE_SIZE:
            raise FilterError("limit", f"limit is between 1 and {MAX_PAGE_SIZE}")
        if order not in (None, "", "asc", "desc"):
            raise FilterError("order", "order is asc or desc")
        if cursor:
            decode_cursor(cursor)
        return cls(cursor or None, size, order == "desc")


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of a list and the cursor of the next (None at the end)."""

    items: list[T]
    next: str | None


def encode_cursor(key: Sequence[str]) -> str:
    import base64
    import json

    raw = json.dumps(list(key), ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, ...]:
    import base64
    import binascii
    import json

    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        key = json.loads(raw)
    except (binascii.Error, ValueError):
        raise FilterError("cursor", "cursor is not one this server gave out") from None
    if not isinstance(key, list) or not key or not all(isinstance(k, str) for k in key):
        raise FilterError("cursor", "cursor is not one this server gave out")
    return tuple(key)


def _keyset(page: PageRequest) -> Keyset:
    after = decode_cursor(page.cursor) if page.cursor else None
    return Keyset(after, page.limit + 1, page.descending)  # one more: is there a next page?


def _paged(rows: list[T], page: PageRequest, key: Callable[[T], Sequence[str]]) -> Page[T]:
    if len(rows) <= page.limit:
        return Page(rows, None)
    items = rows[: page.limit]
    return Page(items, encode_cursor(key(items[-1])))


def _where(store: Store, filt: Filter) -> Where:
    if filt.of and not queries.has_claim_of():
        raise FilterError("of", "this store's claims do not record whose forces yet "
                                "(needs the claims `of` field and its migration)")
    places = None if filt.bbox is None else tuple(_places_within(store, filt.bbox))
    speakers = sources = chains = None
    if filt.speaker:
        speakers, sources, chains = (_names_like(store, table, column, filt.speaker)
                                     for table, column in NAME_COLUMNS)
    return Where(since=filt.since, until=filt.until, place=filt.place, places=places,
                 speaker=filt.speaker, speakers=speakers, sources=sources, chains=chains,
                 of=filt.of, counted=filt.counted,
                 event_type=filt.event_type, source=filt.source, modality=filt.modality)


NAME_COLUMNS = (("quotes", "speaker"), ("claims", "source"), ("claims", "chain"))


def _names_like(store: Store, table: str, column: str, text: str) -> tuple[str, ...]:
    """The stored names (speakers, sources, chains) that contain `text`, case-insensitively."""
    wanted = text.casefold()
    values = _cached(store, ("names", table, column),
                     lambda: queries.distinct_values(store, table, column))
    return tuple(v for v in values if wanted in v.casefold())


def _places_within(store: Store, bbox: tuple[float, float, float, float]) -> Iterator[str]:
    """Place strings of claims and events whose geocoded point lies in the box."""
    west, south, east, north = bbox
    for text in _cached(store, ("places",), lambda: queries.place_values(store)):
        point = place_point(text)
        if point is None:
            continue
        lat, lon = point
        across = west > east  # a box over the antimeridian
        inside_lon = (lon >= west or lon <= east) if across else west <= lon <= east
        if south <= lat <= north and inside_lon:
            yield text


_CAPITALISED = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:of\s+)?[A-Z][\w’'.-]*)*")


@lru_cache(maxsize=65536)
def place_point(text: str) -> tuple[float, float] | None:
    """The point of the first capitalised name in a place phrase ("on Ukraine's borders")
    that the offline gazetteer knows; the most populous candidate wins."""
    from vedette.extract.geo.gazetteer import gazetteer

    for match in _CAPITALISED.finditer(text):
        name = re.sub(r"[’']s$", "", match.group())
        candidates = gazetteer().candidates(name)
        if candidates:
            best = max(candidates, key=lambda e: e.population)
            return (best.lat, best.lon)
    return None


def _claim_key(r: ClaimRow) -> tuple[str, str, str]:
    return ((r.as_of or r.published or "")[:10], r.article_id, r.cid or "")


def list_articles(store: Store, filt: Filter, page: PageRequest) -> Page[ArticleRow]:
    rows = queries.articles(store, _where(store, filt), _keyset(page))
    return _paged(rows, page, lambda r: (r.published or "", r.id))


def list_claims(store: Store, filt: Filter, page: PageRequest) -> Page[ClaimRow]:
    """Claims as stored (with article, family and offsets), filtered and paged."""
    found = _claim_page(store, filt, page)
    return Page([row for row, _n in found.items], found.next)


def list_estimates(store: Store, filt: Filter, page: PageRequest) -> Page[Estimate]:
    """The estimate tracker: each claim with its independent confirmations (as the CLI)."""
    from vedette.analyze.estimates import estimate_of

    found = _claim_page(store, filt, page)
    return Page([estimate_of(row, n) for row, n in found.items], found.next)


def _claim_page(store: Store, filt: Filter, page: PageRequest) -> Page[tuple[ClaimRow, int]]:
    where, keyset = _where(store, filt), _keyset(page)
    minimum = filt.min_confirmations or 0
    batch = max(keyset.limit, POST_FILTER_BATCH) if minimum else keyset.limit
    found: list[tuple[ClaimRow, int]] = []
    while len(found) < keyset.limit:
        rows = queries.claims(store, where, Keyset(keyset.after, batch, keyset.descending))
        found.extend(p for p in _with_confirmations(store, rows) if p[1] >= minimum)
        if len(rows) < batch:
            break
        keyset = Keyset(_claim_key(rows[-1]), keyset.limit, keyset.descending)
    return _paged(found[: keyset.limit], page, lambda p: _claim_key(p[0]))


def _with_confirmations(store: Store, rows: list[ClaimRow]) -> list[tuple[ClaimRow, int]]:
    """Each claim with its independent confirmations: distinct (copy family, underlying
    source) chains with a number in the same value bucket about the same counted thing."""
    keys = {(r.cluster, r.bucket) for r in rows if r.cluster is not None and r.bucket is not None}
    counts = store.confirmation_counts(keys)  # type: ignore[arg-type]
    return [(r, counts.get((r.cluster, r.bucket), 1)) for r in rows]  # type: ignore[arg-type]


def list_quotes(store: Store, filt: Filter, page: PageRequest) -> Page[QuoteRow]:
    rows = queries.quotes(store, _where(store, filt), _keyset(page))
    return _paged(rows, page, lambda q: (q.published or "", q.article_id, q.qid or ""))


def who_said(store: Store, name: str, filt: Filter, page: PageRequest) -> Page[QuoteRow]:
    """Everything a person or organisation said (`vedette who`), with the other filters."""
    if not _text("name", name):
        raise FilterError("name", "name is required")
    return list_quotes(store, replace(filt, speaker=name), page)


def list_timeline(store: Store, filt: Filter, page: PageRequest) -> Page[TimelineEntry]:
    import json

    from vedette.analyze.timeline import TimelineEntry

    groups = queries.event_groups(store, _where(store, filt), _keyset(page))
    entries = []
    for g in groups:
        e = g.first
        entries.append(TimelineEntry(g.day or None, g.type, tuple(json.loads(g.actors)), e.place,
                                     e.modality, g.paths, e.evidence, e.article_id, e.start,
                                     e.end, g.mentions))
    keys = {id(t): (g.day, g.type, g.actors) for t, g in zip(entries, groups, strict=True)}
    return _paged(entries, page, lambda t: keys[id(t)])


def list_rejects(store: Store, filt: Filter, page: PageRequest) -> Page[Rejection]:
    rows = queries.rejections(store, _where(store, filt), _keyset(page))
    items = [Rejection(path, code, message) for path, code, message, _at in rows]
    return _paged(items, page, lambda r: (r.path, r.code))


# Contradictions (pairwise) and the lists of stored names are kept until the store changes,
# and at most this long while an ingest keeps changing it.
ANALYSIS_CACHE_SECONDS = 30.0
ANALYSIS_CACHE_ENTRIES = 64
_analysis_cache: dict[tuple[object, ...], tuple[float, tuple[object, ...], list[Any]]] = {}


def list_contradictions(store: Store, filt: Filter, page: PageRequest) -> Page[Contradiction]:
    """Numbers about the same thing, same window, different sources, that disagree; newest
    pairs first with `order=desc`."""
    found = sorted(((_pair_key(c), c) for c in _contradictions(store, filt)),
                   key=lambda kc: kc[0], reverse=page.descending)
    if page.cursor:
        after = decode_cursor(page.cursor)
        found = [kc for kc in found if (kc[0] < after if page.descending else kc[0] > after)]
    rows = [c for _k, c in found[: page.limit + 1]]
    return _paged(rows, page, _pair_key)


def _pair_key(c: Contradiction) -> tuple[str, str, str]:
    day = max((c.a.as_of or c.a.published or ""), (c.b.as_of or c.b.published or ""))[:10]
    return (day, f"{c.a.article_id}|{c.a.cid}", f"{c.b.article_id}|{c.b.cid}")


def _contradictions(store: Store, filt: Filter) -> list[Contradiction]:
    from vedette.analyze.contradictions import conflicts_among

    where = _where(store, filt)
    return _cached(store, ("contradictions", where),
                   lambda: conflicts_among(queries.contradiction_candidates(store, where)))


def _cached(store: Store, key: tuple[object, ...], compute: Callable[[], list[Any]]) -> list[Any]:
    """A store-wide result, fresh for ANALYSIS_CACHE_SECONDS, then recomputed only if the
    store has changed meanwhile (an ingest adds articles, or families are recomputed)."""
    import time

    key = (str(store.engine.url), *key)
    now = time.monotonic()
    cached = _analysis_cache.get(key)
    if cached is not None and now - cached[0] < ANALYSIS_CACHE_SECONDS:
        return cached[2]
    state = queries.store_state(store)
    if cached is not None and cached[1] == state:
        _analysis_cache[key] = (now, state, cached[2])
        return cached[2]
    found = compute()
    if len(_analysis_cache) >= ANALYSIS_CACHE_ENTRIES:
        _analysis_cache.pop(next(iter(_analysis_cache)))
    _analysis_cache[key] = (now, state, found)
    return found


@dataclass(frozen=True, slots=True)
class NumberSpread:
    """One number as it travelled through a copy family: who carried it, when."""

    counted: str
    number: str
    first: str | None
    carried_by: tuple[ClaimRow, ...]


@dataclass(frozen=True, slots=True)
class FamilyView:
    family: str
    size: int
    origin_id: str | None
    origin_outlet: str | None
    members: tuple[ArticleRow, ...]
    relations: tuple[str | None, ...]
    spread: tuple[NumberSpread, ...] = ()


def list_families(store: Store, filt: Filter, page: PageRequest) -> Page[FamilyView]:
    """Copy families (the stored ones), each with its origin and members in date order."""
    rows = queries.family_rows(store, _where(store, filt), _keyset(page))
    members = queries.family_members(store, [fam for fam, _n in rows])
    views = [_family_view(fam, n, [m for m in members if m[0] == fam]) for fam, n in rows]
    return _paged(views, page, lambda v: (v.family,))


def family_detail(store: Store, family: str) -> FamilyView | None:
    """One family with how each of its numbers spread through the members."""
    members = queries.family_members(store, [family])
    if not members:
        return None
    view = _family_view(family, len(members), members)
    return replace(view, spread=_spread(queries.family_claims(store, family)))


def _family_view(family: str, size: int,
                 members: list[tuple[str, ArticleRow, str | None, str | None]]) -> FamilyView:
    origin_id = next((m[2] for m in members if m[2]), None)
    outlet = next((m[1].origin_outlet for m in members if m[1].origin_outlet), None)
    return FamilyView(family, size, origin_id, outlet, tuple(m[1] for m in members),
                      tuple(m[3] for m in members))


def _spread(rows: list[ClaimRow]) -> tuple[NumberSpread, ...]:
    from vedette.render import number_text

    groups: dict[tuple[str, int | None], list[ClaimRow]] = {}
    for r in rows:
        groups.setdefault((r.cluster or r.counted, r.bucket), []).append(r)
    spread = [NumberSpread(g[0].counted, number_text(g[0].low, g[0].high, g[0].value),
                           g[0].as_of or g[0].published, tuple(g)) for g in groups.values()]
    return tuple(sorted(spread, key=lambda s: (-len(s.carried_by), s.first or "")))


@dataclass(frozen=True, slots=True)
class PlaceMarker:
    """A place named in one article, with the claims and quotes that mention it."""

    name: str
    country: str | None
    lat: float
    lon: float
    article_id: str
    title: str | None
    published: str | None
    mentions: tuple[Span, ...]
    claims: tuple[dict[str, Any], ...]
    quotes: tuple[dict[str, Any], ...]


def list_places(store: Store, filt: Filter, page: PageRequest) -> Page[PlaceMarker]:
    """Map markers: the geocoded places of each article that passes the filters; a page
    holds the places of `limit` articles (the cursor walks articles)."""
    articles = list_articles(store, replace(filt, bbox=None), page)
    markers: list[PlaceMarker] = []
    reports = {r["article"]["id"]: r for r, _t in queries.reports(
        store, [a.id for a in articles.items])}
    for a in articles.items:
        if a.id in reports:
            markers.extend(_markers(a, reports[a.id], filt.bbox))
    return Page(markers, articles.next)


def _markers(article: ArticleRow, report: dict[str, Any],
             bbox: tuple[float, float, float, float] | None) -> list[PlaceMarker]:
    by_name: dict[str, list[dict[str, Any]]] = {}
    for p in report.get("places", []):
        if p.get("lat") is not None and p.get("lon") is not None and _in_box(p, bbox):
            by_name.setdefault(p["name"], []).append(p)
    return [_marker(article, report, mentions) for mentions in by_name.values()]


def _in_box(place: dict[str, Any], bbox: tuple[float, float, float, float] | None) -> bool:
    if bbox is None:
        return True
    west, south, east, north = bbox
    lon_ok = (west <= place["lon"] <= east) if west <= east else not east < place["lon"] < west
    return south <= place["lat"] <= north and lon_ok


def _marker(article: ArticleRow, report: dict[str, Any],
            mentions: list[dict[str, Any]]) -> PlaceMarker:
    spans = tuple(Span(m["start"], m["end"], m["text"]) for m in mentions)
    near = [c for c in report.get("claims", []) if _covers(c["evidence"], spans)]
    said = [q for q in report.get("quotes", []) if _covers(q["content"], spans)]
    first = mentions[0]
    return PlaceMarker(first["name"], first.get("country"), first["lat"], first["lon"],
                       article.id, article.title, article.published, spans,
                       tuple(near), tuple(said))


def _covers(span: dict[str, Any], mentions: Sequence[Span]) -> bool:
    return any(span["start"] <= m.start and m.end <= span["end"] for m in mentions)


@dataclass(frozen=True, slots=True)
class Overview:
    articles: int
    sources: int
    first: str | None
    last: str | None
    rejected: dict[str, int]
    latest_estimates: list[Estimate]
    newest_contradictions: list[Contradiction]


# How many estimates and contradictions the overview shows.
OVERVIEW_ITEMS = 8


def overview(store: Store, filt: Filter | None = None) -> Overview:
    """The corpus at a glance, with the latest estimates and the newest contradictions."""
    filt = filt or Filter()
    counts = queries.corpus_counts(store)
    newest = PageRequest(limit=OVERVIEW_ITEMS, descending=True)
    return Overview(counts["articles"], counts["sources"], counts["first"], counts["last"],
                    counts["rejected"], list_estimates(store, filt, newest).items,
                    list_contradictions(store, filt, newest).items)


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the evidence drawer shows: the span, its sentence, its article, its family."""

    article: ArticleRow
    span: Span
    sentence: Span
    family_size: int


def evidence(store: Store, article_id: str, start: int, end: int) -> Evidence | None:
    found = queries.article(store, article_id)
    if found is None:
        return None
    report, text = found
    if not 0 <= start <= end <= len(text):
        raise FilterError("start", f"offsets must lie within the text (0..{len(text)})")
    rows = queries.articles_by_id(store, [article_id])
    size = len(queries.family_members(store, [rows[0].family])) if rows[0].family else 1
    return Evidence(rows[0], Span.of(text, start, end), sentence_around(text, start, end), size)


# A sentence ends at . ! ? or … (after closing quotes) followed by space and a capital, or at
# a blank line; "Joseph R. Biden", "Mr. Kirby" and "U.S. officials" do not end one.
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\bMr)(?<!\bMs)(?<!\bMrs)(?<!\bDr)(?<!\bGen)(?<!\bSt)(?<!\bJr)"
    r"[.!?…][\"'”’)\]]*\s+(?=[\"'“‘(A-Z0-9])|\n\s*\n")


def sentence_around(text: str, start: int, end: int) -> Span:
    """The sentence (or sentences) holding [start, end): from the end of the one before to
    the end of the last, by punctuation: spaCy is not loaded to serve a page."""
    begin = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        begin = m.end()
    stop = _SENTENCE_END.search(text, max(end, begin))
    return Span.of(text, begin, stop.end() if stop else len(text))


def article_report(store: Store, article_id: str) -> dict[str, Any] | None:
    """The full report of a stored article (the `analyze --json` contract), with its copy
    family: the JSON edge, so a dict."""
    found = queries.article(store, article_id)
    if found is None:
        return None
    report, text = found
    report["article"]["text"] = text
    row = queries.articles_by_id(store, [article_id])[0]
    report["family"] = None if row.family is None else {
        "id": row.family, "origin_outlet": row.origin_outlet,
        "members": [{**asdict(m[1]), "origin_id": m[2], "relation": m[3]}
                    for m in queries.family_members(store, [row.family])]}
    return report


# --- writes (the API's POST routes; the CLI has `ingest`) --------------------------------

@dataclass(slots=True)
class WriteResult:
    stored: list[str]
    already_stored: list[str]
    rejected: list[Rejection]
    families: int = 0


def ingest_records(store: Store, records: Sequence[dict[str, Any]]) -> WriteResult:
    """JSON documents (`text`, optional `title`, `url`, `published`, `outlet`, `byline`,
    `path`) analysed into the store, exactly as `vedette ingest` does with a JSON file."""
    from vedette.batch import update_families
    from vedette.errors import InputRejected
    from vedette.ingest.jsonl import record_to_article

    result = WriteResult([], [], [])
    articles: list[Article] = []
    for n, record in enumerate(records, start=1):
        path = str(record.get("path") or record.get("url") or f"api#{n}")[:MAX_FILTER_CHARS]
        try:
            articles.append(record_to_article(record, path=path, raw=False))
        except InputRejected as err:
            result.rejected.append(Rejection(path, err.reason, str(err)))
    _store_outcomes(store, articles, result)
    result.families = update_families(store) if result.stored else 0
    return result


def _store_outcomes(store: Store, articles: list[Article], result: WriteResult) -> None:
    from vedette.config import EXTRACTOR_VERSION, config_hash

    known = store.known_ids(a.id for a in articles)
    result.already_stored.extend(a.id for a in articles if a.id in known)
    for outcome in analyze_articles(a for a in articles if a.id not in known):
        if outcome.rejection is not None:
            store.save_rejection(outcome.rejection)
            result.rejected.append(outcome.rejection)
        elif outcome.report is not None:
            saved = store.save_report(outcome.report, version=EXTRACTOR_VERSION,
                                      config_hash=config_hash())
            (result.stored if saved else result.already_stored).append(outcome.report.article.id)


def reanalyze(store: Store, ids: Sequence[str]) -> WriteResult:
    """Analyse stored texts again with this version's extractors; their items are replaced."""
    from vedette.config import EXTRACTOR_VERSION, config_hash

    result = WriteResult([], [], [])
    articles = [a for a in (queries.stored_article(store, i) for i in ids) if a is not None]
    missing = set(ids) - {a.id for a in articles}
    result.rejected.extend(Rejection(i, "not_found", f"[V001] not_found: {i}: no such article")
                           for i in sorted(missing))
    for outcome in analyze_articles(articles):
        if outcome.report is None:
            result.rejected.append(outcome.rejection)  # type: ignore[arg-type]
            continue
        queries.replace_report(store, outcome.report, version=EXTRACTOR_VERSION,
                               config_hash=config_hash())
        result.stored.append(outcome.report.article.id)
    return result
