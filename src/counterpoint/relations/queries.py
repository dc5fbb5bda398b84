"""The library calls behind the commands: stored events in, relations records out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from counterpoint.relations.events import DistinctEvent
from counterpoint.relations.series import DyadSeries, EventTable, dyad_series
from counterpoint.relations.timeline import TimelineFilter, gather, timeline
from counterpoint.relations.triangle import MIN_EVENTS, MIN_NET, Triangle, triangle
from counterpoint.store import Store


@dataclass(frozen=True)
class SeriesResult:
    """A dyad's series and the distinct events its points index into."""

    series: DyadSeries
    events: tuple[DistinctEvent, ...]


@dataclass(frozen=True)
class TriangleResult:
    """A triangle by period and the distinct events its series index into."""

    triangle: Triangle
    events: tuple[DistinctEvent, ...]


def stored_events(store: Store, *, reference: bool = True) -> tuple[DistinctEvent, ...]:
    """Every stored citation merged into distinct events, with the reference when asked."""
    return gather(store.events(), reference=reference)


def series_of(
    store: Store, a: str, b: str, *, period: int = 1, directed: bool = False, reference: bool = True
) -> SeriesResult:
    """The series of dyad A–B (or A -> B) over the stored events."""
    events = stored_events(store, reference=reference)
    table = EventTable.build(events)
    return SeriesResult(dyad_series(table, a, b, period=period, directed=directed), events)


def triangle_of(
    store: Store,
    actors: Sequence[str],
    *,
    period: int = 10,
    reference: bool = True,
    min_events: int = MIN_EVENTS,
    min_net: float = MIN_NET,
) -> TriangleResult:
    """Dittmer's configuration of three actors per period over the stored events."""
    events = stored_events(store, reference=reference)
    table = EventTable.build(events)
    found = triangle(table, actors, period=period, min_events=min_events, min_net=min_net)
    return TriangleResult(found, events)


def timeline_of(
    store: Store, *, where: TimelineFilter | None = None, reference: bool = True
) -> tuple[DistinctEvent, ...]:
    """The filtered timeline of the stored events."""
    return timeline(stored_events(store, reference=reference), where=where)
