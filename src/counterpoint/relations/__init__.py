"""Relations over time: distinct events, dyadic series, the timeline and the strategic triangle.

``gather`` turns stored citations (and the reference chronology) into distinct events;
``EventTable.build`` lays them out as columns; ``dyad_series`` and ``triangle`` compute
on those columns; ``timeline`` filters the events. See docs/relations.md.
"""

from __future__ import annotations

from counterpoint.relations.chronology import CHRONOLOGY_RULESET, reference_events
from counterpoint.relations.events import DistinctEvent, Source, dedupe, distinct_events
from counterpoint.relations.series import DyadSeries, EventTable, SeriesPoint, dyad_series
from counterpoint.relations.timeline import TimelineFilter, gather, timeline
from counterpoint.relations.triangle import Classification, Triangle, classify, triangle

__all__ = [
    "CHRONOLOGY_RULESET",
    "Classification",
    "DistinctEvent",
    "DyadSeries",
    "EventTable",
    "SeriesPoint",
    "Source",
    "TimelineFilter",
    "Triangle",
    "classify",
    "dedupe",
    "distinct_events",
    "dyad_series",
    "gather",
    "reference_events",
    "timeline",
    "triangle",
]
