"""One partition of documents -> its rows in every table, written as part files + a marker.

Both engines call `analyze_partition` and `write_partition`: the local engine in its process
pool's parent, Spark inside an executor. A document that fails is a rejection row; the rest
of the partition goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from vedette.distributed.layout import Layout
from vedette.distributed.tables import TableRows, rejection_row, report_rows, to_arrow
from vedette.errors import InternalError
from vedette.records import Article, Rejection
from vedette.service import Outcome, analyze_articles

# Tables every analysed partition writes (families come from the provenance stage).
PARTITION_TABLES = ("articles", "quotes", "claims", "events", "places", "rejections")
ANALYSIS = "analysis"  # marker stage name
Analyze = Callable[[Iterator[Article]], Iterator[Outcome]]


def analyze_partition(articles: Iterable[Article], analyze: Analyze = analyze_articles
                      ) -> TableRows:
    out = TableRows()
    for outcome in analyze(iter(articles)):
        add_outcome(out, outcome)
    return out


def add_outcome(out: TableRows, outcome: Outcome) -> None:
    if outcome.rejection is not None:
        out.add("rejections", [rejection_row(outcome.rejection)])
        return
    assert outcome.report is not None
    try:
        rows = report_rows(outcome.report)
    except Exception as err:  # noqa: BLE001 - a report that cannot be tabled is a rejection
        failure = InternalError(f"{type(err).__name__}: {err}"[:300], path=outcome.path)
        out.add("rejections", [rejection_row(Rejection(outcome.path, failure.reason,
                                                       str(failure)))])
        return
    for table, items in rows.rows.items():
        out.add(table, items)


def write_partition(layout: Layout, name: str, rows: TableRows) -> None:
    """Every table's part file, then the marker: a marker means the whole partition is there."""
    for table in PARTITION_TABLES:
        layout.write_table(layout.part(table, name), to_arrow(table, rows.rows.get(table, [])))
    layout.mark(ANALYSIS, name)
