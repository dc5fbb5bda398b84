"""Distinct events: the citations of a corpus (and the reference chronology) merged.

GDELT counts reports, not events: one event cited in three articles, or three times in
one, becomes three points. Here citations are merged into one ``DistinctEvent`` when they
have the same actor set, the same event type and compatible dates: one date's interval
contains the other's ("1969" and "March 1969" are one event; "March 1969" and "August
1969" are two). The merged event keeps the most precise date and every source.

Reference chronology entries (``chronology``) merge by the same rule, so an event cited
in the corpus and listed in the reference counts once, marked as both.

Example: ``("a.txt", 1969 clash CHN–RUS)``, ``("b.txt", 1969-03 clash RUS–CHN)`` ->
one event dated ``1969-03`` with two sources.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from counterpoint.records import Event, Precision, QuadClass

REFERENCE = "reference chronology"
_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "century": 4}


@dataclass(frozen=True)
class Source:
    """One citation of an event: the document, its wording and where it is."""

    document: str
    quote: str
    start: int | None = None
    end: int | None = None
    date_text: str = ""

    @property
    def is_reference(self) -> bool:
        """Whether this source is the reference chronology, not a corpus document."""
        return self.document == REFERENCE


@dataclass(frozen=True)
class DistinctEvent:
    """One event, however often it is cited; ``actors`` in the order first cited."""

    date: str
    precision: Precision
    actors: tuple[str, ...]
    quad: QuadClass
    intensity: float
    event_type: str
    label: str
    sources: tuple[Source, ...]

    @property
    def year(self) -> int:
        """The first year the date covers (``1960s`` -> 1960, ``19C`` -> 1800)."""
        return date_interval(self.date, self.precision)[0].year

    @property
    def in_corpus(self) -> bool:
        """Whether a corpus document cites it."""
        return any(not s.is_reference for s in self.sources)

    @property
    def in_reference(self) -> bool:
        """Whether the reference chronology lists it."""
        return any(s.is_reference for s in self.sources)

    @property
    def documents(self) -> tuple[str, ...]:
        """Corpus documents citing it, each once, in order."""
        return tuple(dict.fromkeys(s.document for s in self.sources if not s.is_reference))


def date_interval(value: str, precision: Precision) -> tuple[date, date]:
    """The days a date at its precision covers.

    Example:
        >>> date_interval("1969-03", "month")
        (datetime.date(1969, 3, 1), datetime.date(1969, 3, 31))
        >>> date_interval("1960s", "decade")
        (datetime.date(1960, 1, 1), datetime.date(1969, 12, 31))
    """
    if precision == "day":
        day = date.fromisoformat(value)
        return day, day
    if precision == "month":
        year, month = int(value[:4]), int(value[5:7])
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    if precision == "year":
        return date(int(value[:4]), 1, 1), date(int(value[:4]), 12, 31)
    if precision == "decade":
        start = int(value[:4])
        return date(start, 1, 1), date(start + 9, 12, 31)
    first = (int(value.rstrip("C")) - 1) * 100
    return date(max(first, 1), 1, 1), date(first + 99, 12, 31)


def _nested(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return (a[0] <= b[0] and b[1] <= a[1]) or (b[0] <= a[0] and a[1] <= b[1])


def from_event(document: str, event: Event) -> DistinctEvent:
    """A single citation as a distinct event of its own."""
    source = Source(document, event.quote, event.start, event.end, event.date_text)
    return DistinctEvent(
        date=event.date,
        precision=event.date_precision,
        actors=event.actors,
        quad=event.kind,
        intensity=event.intensity,
        event_type=event.event_type or "UNCODED",
        label=event.label,
        sources=(source,),
    )


def _merge(kept: DistinctEvent, new: DistinctEvent) -> DistinctEvent:
    """Join two citations of one event: the more precise date, all sources."""
    sources = kept.sources + tuple(s for s in new.sources if s not in kept.sources)
    if _RANK[new.precision] < _RANK[kept.precision]:
        return replace(kept, date=new.date, precision=new.precision, sources=sources)
    return replace(kept, sources=sources)


def dedupe(events: Iterable[DistinctEvent]) -> tuple[DistinctEvent, ...]:
    """Merge citations of the same event (same actor set and type, nested dates).

    More precise citations are placed first, so "1969" joins "March 1969" rather than
    gathering March and August into one. The result is sorted by date, then label.
    """
    ordered = sorted(events, key=lambda e: (_RANK[e.precision], e.date))
    groups: dict[tuple[frozenset[str], str], list[DistinctEvent]] = {}
    for event in ordered:
        bucket = groups.setdefault((frozenset(event.actors), event.event_type), [])
        span = date_interval(event.date, event.precision)
        for k, kept in enumerate(bucket):
            if _nested(date_interval(kept.date, kept.precision), span):
                bucket[k] = _merge(kept, event)
                break
        else:
            bucket.append(event)
    merged = [e for bucket in groups.values() for e in bucket]
    return tuple(sorted(merged, key=lambda e: (date_interval(e.date, e.precision)[0], e.label)))


def distinct_events(cited: Iterable[tuple[str, Event]]) -> tuple[DistinctEvent, ...]:
    """Distinct events from ``(document name, event)`` pairs as ``Store.events()`` gives them."""
    return dedupe(from_event(name, event) for name, event in cited)
