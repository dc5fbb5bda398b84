"""Plotly figures written as standalone HTML that works offline.

Every file embeds plotly.js (``include_plotlyjs=True``; never a CDN link), so it opens on
an air-gapped machine. Three figures: the timeline (events by date and intensity, coloured
by quad class, corpus and reference marked apart, quotes on hover), a dyad's series (net
intensity per period, with counts per quad class) and the triangle by period (each
dyad's net intensity and the configuration).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from counterpoint.relations.events import DistinctEvent, date_interval
from counterpoint.relations.series import QUADS, DyadSeries
from counterpoint.relations.triangle import Triangle

COLOURS = dict(zip(QUADS, ("#4c9be8", "#1f5fa8", "#f0a04b", "#c0392b"), strict=True))


def _hover(event: DistinctEvent) -> str:
    quotes = "<br>".join(
        f"<i>{html.escape(s.document)}</i>: {html.escape(s.quote[:160])}" for s in event.sources[:4]
    )
    head = f"{html.escape(event.date)} {html.escape(event.label)}"
    return f"<b>{head}</b> ({event.event_type})<br>{quotes}"


def timeline_figure(events: Sequence[DistinctEvent]) -> Any:
    """Events by date (x) and intensity (y); circles for corpus events, diamonds for reference."""
    import plotly.graph_objects as go

    figure = go.Figure()
    for quad in QUADS:
        for corpus in (True, False):
            chosen = [e for e in events if e.quad == quad and e.in_corpus is corpus]
            if not chosen:
                continue
            figure.add_trace(
                go.Scatter(
                    x=[date_interval(e.date, e.precision)[0].isoformat() for e in chosen],
                    y=[e.intensity for e in chosen],
                    mode="markers",
                    name=f"{quad.replace('_', ' ')} ({'corpus' if corpus else 'reference'})",
                    marker={
                        "color": COLOURS[quad],
                        "size": 11 if corpus else 7,
                        "symbol": "circle" if corpus else "diamond-open",
                    },
                    hovertext=[_hover(e) for e in chosen],
                    hoverinfo="text",
                )
            )
    figure.update_layout(
        title="Timeline of events", xaxis_title="date", yaxis_title="intensity (-10..+10)"
    )
    return figure


def series_figure(series: DyadSeries) -> Any:
    """Net intensity per period as bars, counts per quad class as lines."""
    import plotly.graph_objects as go

    starts = [p.start for p in series.points]
    figure = go.Figure(
        go.Bar(
            x=starts,
            y=[p.net for p in series.points],
            name="net intensity",
            marker_color=["#1f5fa8" if p.net >= 0 else "#c0392b" for p in series.points],
        )
    )
    for k, quad in enumerate(QUADS):
        figure.add_trace(
            go.Scatter(
                x=starts,
                y=[p.counts[k] for p in series.points],
                name=quad.replace("_", " "),
                mode="lines+markers",
                yaxis="y2",
                line={"color": COLOURS[quad]},
            )
        )
    arrow = "→" if series.directed else "–"
    figure.update_layout(
        title=f"{series.a}{arrow}{series.b}: net intensity per {series.period}-year period",
        xaxis_title="period start",
        yaxis_title="net intensity",
        yaxis2={"title": "events", "overlaying": "y", "side": "right"},
    )
    return figure


def triangle_figure(result: Triangle) -> Any:
    """Each dyad's net intensity per period, the configuration written above each period."""
    import plotly.graph_objects as go

    figure = go.Figure()
    starts = [p.start for p in result.periods]
    for k, s in enumerate(result.series):
        points = [p.dyads[k][2] for p in result.periods]
        nets = [point.net if point is not None else 0.0 for point in points]
        figure.add_trace(go.Bar(x=starts, y=nets, name=f"{s.a}–{s.b}"))
    figure.add_trace(
        go.Scatter(
            x=starts,
            y=[0] * len(starts),
            mode="text",
            showlegend=False,
            text=[
                p.classification.configuration
                + (
                    f" ({p.classification.pivot or p.classification.pariah})"
                    if p.classification.pivot or p.classification.pariah
                    else ""
                )
                for p in result.periods
            ],
            textposition="top center",
        )
    )
    figure.update_layout(
        barmode="group",
        title="Strategic triangle " + "–".join(result.actors),
        xaxis_title="period start",
        yaxis_title="net intensity",
    )
    return figure


def write_html(figure: Any, path: Path) -> Path:
    """Write a figure as one self-contained HTML file (plotly.js embedded, works offline)."""
    figure.write_html(str(path), include_plotlyjs=True, full_html=True)
    return path
