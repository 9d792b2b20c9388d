"""Estimates over time, one series per source: PNG or SVG, plus a standalone HTML page."""

from __future__ import annotations

import html
import io
from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from vedette.analyze.estimates import Estimate
from vedette.errors import VedetteError

CHART_SIZE_INCHES = (10.0, 5.5)
MAX_SERIES = 12  # the rest are drawn as "other sources"
# Dates outside these years are left off the chart (they stay in its table): a record dated
# 9999-12-31 would stretch the axis past what dates can hold, and is no estimate anyway.
CHART_YEARS = range(1900, 2201)
# The standalone page runs no script and loads nothing: a payload in an article stays text.
CHART_CSP = ("<meta http-equiv='Content-Security-Policy' content=\"default-src 'none'; "
             "style-src 'unsafe-inline'; img-src data:\">")


class ChartError(VedetteError):
    code = "V051"
    reason = "chart_error"


def write_chart(items: Sequence[Estimate], path: Path) -> list[Path]:
    """Write `path` (.png or .svg) and `path` with .html; return the files written."""
    if path.suffix.lower() not in {".png", ".svg"}:
        raise ChartError(f"chart file must end in .png or .svg, got {path.name!r}")
    figure = _figure(items)
    page = path.with_suffix(".html")
    try:
        figure.savefig(path, bbox_inches="tight")
        svg = io.StringIO()
        figure.savefig(svg, format="svg", bbox_inches="tight")
        page.write_text(_html(items, svg.getvalue()), encoding="utf-8")
    except OSError as err:  # a folder, a missing folder, no permission
        raise ChartError(f"cannot write {err.filename or path}: {err.strerror}") from None
    return [path, page]


def _figure(items: Sequence[Estimate]):  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")  # no screen on servers
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    fig, ax = plt.subplots(figsize=CHART_SIZE_INCHES)
    for source, points in _series(items).items():
        xs = [float(mdates.date2num(p[0])) for p in points]
        ax.plot(xs, [p[1] for p in points], marker="o", label=source)
        lows = [p[2] for p in points]
        highs = [p[3] for p in points]
        if any(lo != hi for lo, hi in zip(lows, highs, strict=True)):
            ax.vlines(xs, lows, highs, alpha=0.4)
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    if not any(_series(items).values()):
        ax.text(0.5, 0.5, "no dated estimates to plot", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_xticks([])
    ax.set_xlabel("date")
    ax.set_ylabel("reported number")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax.set_title(chart_title(items))
    ax.grid(alpha=0.3)
    if any(_series(items).values()):
        ax.legend(fontsize="small", loc="upper left")
    fig.autofmt_xdate()
    return fig


def chart_title(items: Sequence[Estimate]) -> str:
    """Whose forces the chart shows, when every estimate counts one actor's (issue 9)."""
    owners = {e.of for e in items}
    if len(owners) == 1 and None not in owners:
        return f"Reported estimates of {owners.pop()}'s forces over time, by source"
    return "Reported estimates over time, by source"


def _series(items: Sequence[Estimate]) -> dict[str, list[tuple[date, float, float, float]]]:
    series: dict[str, list[tuple[date, float, float, float]]] = defaultdict(list)
    for e in items:
        when = _date(e.date)
        if when is None or e.value is None:
            continue
        low = e.low if e.low is not None else e.value
        high = e.high if e.high is not None else e.value
        series[e.source or "unattributed"].append((when, e.value, low, high))
    ranked = sorted(series, key=lambda s: -len(series[s]))
    out = {s: sorted(series[s]) for s in ranked[:MAX_SERIES]}
    rest = [p for s in ranked[MAX_SERIES:] for p in series[s]]
    if rest:
        out["other sources"] = sorted(rest)
    return out


def _date(text: str | None) -> date | None:
    """A day, or the first day of a month or ISO week ("2021-08", "2021-W48")."""
    value = (text or "")[:10]
    try:
        if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
            return date.fromisoformat(value + "-01")
        if len(value) == 8 and value[5] == "W":
            return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if day.year in CHART_YEARS else None


def _html(items: Sequence[Estimate], svg: str) -> str:
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in (
            e.date or "", _number(e), e.counted, e.of or "", e.place or "", e.source or "",
            " → ".join(e.chain), e.confirmations, e.path, e.evidence,
        )) + "</tr>"
        for e in items
    )
    head = ("<tr><th>date</th><th>number</th><th>counted</th><th>of</th><th>place</th>"
            "<th>source</th>"
            "<th>chain</th><th>independent</th><th>article</th><th>evidence</th></tr>")
    return (
        # Article text is untrusted: every cell is escaped, and the page forbids all scripts.
        f"<!doctype html><html><head><meta charset='utf-8'>{CHART_CSP}"
        "<title>Vedette estimates</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px;vertical-align:top;font-size:13px}</style>"
        f"</head><body><h1>{html.escape(chart_title(items))}</h1>{svg}"
        f"<table>{head}{rows}</table></body></html>"
    )


def _number(e: Estimate) -> str:
    from vedette.render import number_text

    return number_text(e.low, e.high, e.value)
