"""Relations as sections: the timeline of distinct events, dyad series and the triangle.

Everything is computed by :mod:`counterpoint.relations` (``gather`` merges the stored
citations into distinct events, ``timeline`` filters them, ``dyad_series`` and
``triangle`` compute per period); its Plotly figure builders draw the charts, whose
specs are passed to the page as data (the page draws them with the Plotly bundle it
already has). This module chooses what to show when nobody says: the three dyads with
the most distinct events, and the triangle of the three actors whose dyads have the most.
It also locates each quote in its document (the document's id and the event's item key
``e4``), so the page can link a quote to its passage.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from counterpoint.relations import DistinctEvent, Source, TimelineFilter, gather, timeline
from counterpoint.relations.series import DATED, QUADS, DyadSeries, EventTable, dyad_series
from counterpoint.relations.triangle import Classification, Triangle, triangle
from counterpoint.store import Store
from counterpoint.views.charts import Figure, base_layout

N_DYADS = 4
PERIOD = 10
# The triangle of the project's first question (DESIGN.md); shown when the corpus has
# events for each of its dyads, else the most connected triangle of the corpus.
PREFERRED_TRIANGLE = ("CHN", "RUS", "USA")
DYAD_COLOURS = ("#1f5fa8", "#e08a2c", "#2e8b57")


@dataclass(frozen=True)
class Locator:
    """Where a cited event is: its document's id and title, and the event's item key."""

    ids: dict[str, int]
    titles: dict[str, str]
    keys: dict[tuple[str, int, int], str]

    def find(self, source: Source) -> tuple[int, str] | None:
        """``(document id, item key or "")`` of a corpus source; None for the reference."""
        found = self.ids.get(source.document)
        if found is None:
            return None
        start = -1 if source.start is None else source.start
        end = -1 if source.end is None else source.end
        key = self.keys.get((source.document, start, end), "")
        return found, key

    def title(self, document: str) -> str:
        """A document's title (its name when it has none)."""
        return self.titles.get(document, document)


@dataclass(frozen=True)
class RelationsSection:
    """The timeline (filtered), the chosen dyads' series and the triangle, with charts."""

    events: tuple[DistinctEvent, ...]
    total: int
    where: TimelineFilter
    reference: bool
    period: int
    timeline: Figure | None
    dyads: tuple[tuple[DyadSeries, Figure], ...]
    triangle: Triangle | None
    triangle_figure: Figure | None
    actors: tuple[str, ...]
    documents: tuple[str, ...]
    locator: Locator

    @property
    def figures(self) -> tuple[Figure, ...]:
        """Every chart of the section."""
        found = [self.timeline, *(fig for _, fig in self.dyads), self.triangle_figure]
        return tuple(fig for fig in found if fig is not None)


def relations_section(
    store: Store,
    *,
    where: TimelineFilter | None = None,
    reference: bool = False,
    period: int = PERIOD,
    dyads: Sequence[tuple[str, str]] = (),
    actors: Sequence[str] = (),
    charts: bool = True,
    relations: bool = True,
) -> RelationsSection:
    """The relations of the stored events (the corpus only unless ``reference``).

    ``dyads`` and ``actors`` (three) choose the series and the triangle; by default the
    most cited dyads and the most connected triangle of the corpus. ``charts=False``
    leaves out the figures, ``relations=False`` the series and the triangle.
    """
    cited = store.events()
    every = gather(cited, reference=reference)
    keep = where or TimelineFilter()
    shown = timeline(every, where=keep)
    table = EventTable.build(every)
    three = tuple(actors) if len(actors) == 3 else top_triangle(table)
    found = triangle(table, three, period=period) if three and relations else None
    chosen = (list(dyads) or default_dyads(table, three)) if relations else []
    series = [dyad_series(table, a, b, period=period) for a, b in chosen]
    locator = _locator(store, cited)
    return RelationsSection(
        events=shown,
        total=len(every),
        where=keep,
        reference=reference,
        period=period,
        timeline=timeline_chart(shown) if charts and shown else None,
        dyads=tuple((s, series_chart(s)) for s in series if s.points),
        triangle=found if found is not None and found.periods else None,
        triangle_figure=triangle_chart(found) if charts and found and found.periods else None,
        actors=tuple(sorted({code for e in every for code in e.actors})),
        documents=tuple(sorted({name for name, _ in cited})),
        locator=locator,
    )


def _locator(store: Store, cited: Sequence[tuple[str, Any]]) -> Locator:
    stored = store.list_documents()
    keys: dict[tuple[str, int, int], str] = {}
    seen: Counter[str] = Counter()
    for name, event in cited:  # the store lists a document's events in extraction order
        keys.setdefault((name, event.start, event.end), f"e{seen[name]}")
        seen[name] += 1
    return Locator(
        ids={d.name: d.id for d in stored},
        titles={d.name: d.title or d.name for d in stored},
        keys=keys,
    )


def dyad_counts(table: EventTable) -> Counter[tuple[str, str]]:
    """Distinct events per unordered dyad (codes sorted), over the whole table."""
    counts: Counter[tuple[str, str]] = Counter()
    seen: set[tuple[int, int, int]] = set()
    for event, a, b in zip(table.event.tolist(), table.a.tolist(), table.b.tolist(), strict=True):
        x, y = sorted((table.codes[a], table.codes[b]))
        i, j = table.codes.index(x), table.codes.index(y)
        if (event, i, j) not in seen:
            seen.add((event, i, j))
            counts[(x, y)] += 1
    return counts


def top_dyads(table: EventTable, n: int) -> list[tuple[str, str]]:
    """The ``n`` dyads with the most distinct events (ties by name)."""
    counts = dyad_counts(table)
    return [pair for pair, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def default_dyads(table: EventTable, three: Sequence[str] | None) -> list[tuple[str, str]]:
    """The triangle's dyads, then the most cited others, ``N_DYADS`` in all."""
    counts = dyad_counts(table)
    pairs = [(a, b) for a, b in combinations(sorted(three or ()), 2) if counts.get((a, b))]
    pairs.sort(key=lambda pair: -counts[pair])
    others = [pair for pair in top_dyads(table, N_DYADS + 3) if pair not in pairs]
    return (pairs + others)[: max(N_DYADS, len(pairs))]


def top_triangle(table: EventTable) -> tuple[str, str, str] | None:
    """The triangle to show: ``PREFERRED_TRIANGLE`` when each of its dyads has events.

    Otherwise the three actors (of the six most cited) whose three dyads have the most.
    """
    counts = dyad_counts(table)
    wanted = [tuple(sorted(p)) for p in combinations(PREFERRED_TRIANGLE, 2)]
    if all(counts.get((p[0], p[1]), 0) for p in wanted):
        return PREFERRED_TRIANGLE
    involved: Counter[str] = Counter()
    for (a, b), n in counts.items():
        involved[a] += n
        involved[b] += n
    top = sorted(involved, key=lambda code: (-involved[code], code))[:6]
    best: tuple[int, tuple[str, str, str]] | None = None
    for three in combinations(sorted(top), 3):
        pairs = [tuple(sorted(p)) for p in combinations(three, 2)]
        if not all(counts.get((p[0], p[1]), 0) for p in pairs):
            continue
        total = sum(counts[(p[0], p[1])] for p in pairs)
        if best is None or total > best[0]:
            best = (total, (three[0], three[1], three[2]))
    return best[1] if best else None


def _spec(figure: Any, *, periods: bool = False, **layout: Any) -> dict[str, Any]:
    """A Plotly figure's spec as plain JSON data in the views' own style.

    With ``periods`` the x axis lists the periods' first years as categories (a number
    axis would show "1,949.6" for a single period) without its title.
    """
    spec = json.loads(figure.to_json())
    spec["layout"].pop("template", None)
    spec["layout"].pop("title", None)
    spec["layout"] = {**spec["layout"], **base_layout(showlegend=True, **layout)}
    spec["layout"]["margin"] = {"l": 56, "r": 56, "t": 16, "b": 40}
    spec["layout"]["legend"] = {"orientation": "h", "y": -0.16, "yanchor": "top"}
    spec["layout"]["bargap"] = 0.3
    spec["layout"].get("xaxis", {}).pop("title", None)
    if periods:
        spec["layout"]["xaxis"] = {"type": "category", "tickangle": 0}
        spec["layout"]["colorway"] = list(DYAD_COLOURS)
    if "yaxis2" in spec["layout"]:
        spec["layout"]["yaxis2"].update(rangemode="tozero", tickformat="d", showgrid=False)
    return spec


def timeline_chart(events: Sequence[DistinctEvent], *, figure_id: str = "timeline") -> Figure:
    """Events by date and intensity (``relations.figures.timeline_figure``)."""
    from counterpoint.relations.figures import timeline_figure

    dated = [e for e in events if e.precision in DATED]
    spec = _spec(timeline_figure(dated), hovermode="closest")
    return Figure(id=figure_id, title="Timeline", spec=spec, height=420)


def series_chart(series: DyadSeries) -> Figure:
    """A dyad's net intensity and counts per period (``relations.figures.series_figure``)."""
    from counterpoint.relations.figures import series_figure

    rows = tuple(
        (f"{p.start}–{p.end}", *(str(c) for c in p.counts), f"{p.net:+g}") for p in series.points
    )
    spec = _spec(series_figure(series), periods=True)
    most = max((max(p.counts) for p in series.points), default=1)
    spec["layout"]["yaxis2"]["dtick"] = max(1, math.ceil(most / 4))
    return Figure(
        id=f"dyad-{series.a}-{series.b}".lower(),
        title=f"{series.a}–{series.b}",
        spec=spec,
        columns=("period", *(q.replace("_", " ") for q in QUADS), "net"),
        rows=rows,
        height=340,
    )


def _configuration(found: Classification) -> str:
    if found.configuration == "not enough evidence":
        return "·"
    named = found.pivot or found.pariah
    return found.configuration + (f" ({named})" if named else "")


def triangle_chart(found: Triangle) -> Figure:
    """Each dyad's net per period with the configuration (``relations.figures``)."""
    from counterpoint.relations.figures import triangle_figure

    spec = _spec(triangle_figure(found), periods=True)
    # The configuration goes under each period's year, not over the bars.
    spec["data"] = [trace for trace in spec["data"] if trace.get("mode") != "text"]
    spec["layout"]["xaxis"].update(
        tickvals=[p.start for p in found.periods],
        ticktext=[f"{p.start}<br>{_configuration(p.classification)}" for p in found.periods],
    )
    return Figure(id="triangle", title="Triangle", spec=spec, height=380)
