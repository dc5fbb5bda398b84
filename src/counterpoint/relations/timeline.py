"""The timeline: every distinct event of a corpus, and the reference chronology, in order.

``gather`` merges the stored citations into distinct events (``events.dedupe``), adding
the reference chronology unless asked not to; a reference entry that a corpus document
also cites is one event with both kinds of source. ``timeline`` filters by actor (all
given actors take part), year range, quad class and citing document.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from counterpoint.records import Event
from counterpoint.relations.chronology import reference_events
from counterpoint.relations.events import DistinctEvent, date_interval, dedupe, from_event


def gather(
    cited: Iterable[tuple[str, Event]], *, reference: bool = True
) -> tuple[DistinctEvent, ...]:
    """Distinct events of ``(document, event)`` citations, plus the reference when asked."""
    corpus = [from_event(name, event) for name, event in cited]
    return dedupe([*corpus, *(reference_events() if reference else ())])


@dataclass(frozen=True)
class TimelineFilter:
    """What to keep: every actor in ``actors``, years in [start, end], these quads and documents."""

    actors: Collection[str] = ()
    start: int | None = None
    end: int | None = None
    quads: Collection[str] = ()
    documents: Collection[str] = ()

    def keeps(self, event: DistinctEvent) -> bool:
        """Whether ``event`` passes every filter given."""
        first, last = date_interval(event.date, event.precision)
        return (
            set(self.actors) <= set(event.actors)
            and (self.start is None or last.year >= self.start)
            and (self.end is None or first.year <= self.end)
            and (not self.quads or event.quad in self.quads)
            and (not self.documents or any(_named(d, self.documents) for d in event.documents))
        )


def _named(document: str, wanted: Collection[str]) -> bool:
    """A document is named by its full name or a prefix of it ("false-promise")."""
    return any(document.startswith(name) for name in wanted)


def timeline(
    events: Iterable[DistinctEvent], *, where: TimelineFilter | None = None
) -> tuple[DistinctEvent, ...]:
    """The events that pass ``where``, in date order."""
    keep = where or TimelineFilter()
    return tuple(e for e in events if keep.keeps(e))
