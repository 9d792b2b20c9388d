"""Query parameters shared by every list route and every page: the one filter model.

Every value arrives as text and is checked by `service.Filter.parse`, so a bad value is a
422 with the field at fault, the same from the API, a page URL or the command line.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from vedette.service import Filter, FilterError, PageRequest

Text = str | None
FORMATS = ("json", "ndjson", "csv")


def filter_params(
    since: Annotated[Text, Query(description="From this day on (YYYY-MM-DD).")] = None,
    until: Annotated[Text, Query(description="Up to this day (YYYY-MM-DD).")] = None,
    place: Annotated[Text, Query(description="Place name (part of it).")] = None,
    bbox: Annotated[Text, Query(description="west,south,east,north in degrees.")] = None,
    speaker: Annotated[Text, Query(description="Speaker, claim source or event actor.")]
    = None,
    of: Annotated[Text, Query(description="Whose forces or equipment a claim counts.")]
    = None,
    counted: Annotated[Text, Query(description="What a claim counts (troops, tanks...).")]
    = None,
    event_type: Annotated[Text, Query(description="PLOVER event type (MOBILIZE...).")] = None,
    source: Annotated[Text, Query(description="The outlet that published the article.")]
    = None,
    min_confirmations: Annotated[Text, Query(
        description="At least this many independent confirmations.")] = None,
    modality: Annotated[Text, Query(description="reported, estimate, planned, forecast, "
                                                "question, denied (events: happened...).")]
    = None,
) -> Filter:
    return Filter.parse(since=since, until=until, place=place, bbox=bbox, speaker=speaker, of=of,
                        counted=counted, event_type=event_type, source=source,
                        min_confirmations=min_confirmations, modality=modality)


def page_params(
    cursor: Annotated[Text, Query(description="`next` of the previous page.")] = None,
    limit: Annotated[Text, Query(description="Items per page, 1..1000 (default 100).")]
    = None,
    order: Annotated[Text, Query(description="asc (default) or desc.")] = None,
) -> PageRequest:
    return PageRequest.parse(cursor, limit, order)


def format_param(
    format: Annotated[Text, Query(description="json (one page), ndjson or csv (every item "
                                              "of the filtered view, streamed).")] = None,
) -> str:
    if format not in (None, "", *FORMATS):
        raise FilterError("format", f"format is one of {', '.join(FORMATS)}")
    return format or "json"
