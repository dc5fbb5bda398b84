"""Events that several documents cite, with each one's wording, and those only one cites.

Two event mentions are the same event when they share the year and the set of actor
codes (the extractor's ``Event.date[:4]`` and ``Event.actors``); decade- and
century-precision dates are too vague to join on. Each document's framing is its
mention's quad class and its initiator, the first actor of the event as coded (the
extractor puts the actor that acts first). The group's ``framing`` line says where the
documents differ: quad class (one calls it cooperation, the other conflict), initiator,
or, when neither differs, only the wording.

An event is *solo* when no other compared document cites it, judged more loosely than the
shared-event key so that a different coding is not reported as an omission: another
document cites an event when it has an event of the same year sharing two actors, or one
when either event names only one (1969 CHN-RUS is cited by a document that tells of 1969
CHN-RUS-USA; 1989 RUS by one that tells of 1989 CHN-RUS).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from counterpoint.compare.records import EventMention, SharedEvent, SoloEvent
from counterpoint.records import Event, Extraction

_VAGUE = frozenset({"decade", "century"})


def _joinable(extraction: Extraction) -> list[Event]:
    return [e for e in extraction.events if e.date_precision not in _VAGUE and len(e.actors) >= 1]


def _mention(name: str, event: Event) -> EventMention:
    return EventMention(
        doc=name,
        start=event.start,
        end=event.end,
        quote=event.quote,
        label=event.label,
        kind=event.kind,
        initiator=event.actors[0] if event.actors else None,
    )


def shared_events(extractions: Sequence[Extraction]) -> tuple[SharedEvent, ...]:
    """Events cited by at least two of ``extractions``, oldest first."""
    groups: dict[tuple[str, tuple[str, ...]], dict[str, EventMention]] = defaultdict(dict)
    for extraction in extractions:
        name = extraction.document.name
        for event in _joinable(extraction):
            key = (event.date[:4], tuple(sorted(event.actors)))
            groups[key].setdefault(name, _mention(name, event))
    shared = [
        SharedEvent(year, actors, tuple(by_doc.values()), _framing(tuple(by_doc.values())))
        for (year, actors), by_doc in sorted(groups.items())
        if len(by_doc) >= 2
    ]
    return tuple(shared)


def solo_events(extractions: Sequence[Extraction]) -> tuple[SoloEvent, ...]:
    """Per document (in the given order), oldest first: the events no other one cites.

    One entry per year and actor set in a document (its first mention). With fewer than two
    documents there is nothing to leave out, so nothing is returned.
    """
    if len(extractions) < 2:
        return ()
    by_year: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for extraction in extractions:
        for e in _joinable(extraction):
            by_year[e.date[:4]].append((extraction.document.name, frozenset(e.actors)))
    found: list[SoloEvent] = []
    for extraction in extractions:
        name = extraction.document.name
        seen: set[tuple[str, tuple[str, ...]]] = set()
        mine = []
        for event in _joinable(extraction):
            year, actors = event.date[:4], frozenset(event.actors)
            key = (year, tuple(sorted(actors)))
            elsewhere = any(
                other != name and len(actors & theirs) >= min(2, len(actors), len(theirs))
                for other, theirs in by_year[year]
            )
            if key in seen or elsewhere:
                continue
            seen.add(key)
            mine.append(SoloEvent(year, key[1], _mention(name, event)))
        found.extend(sorted(mine, key=lambda s: (s.date, s.actors)))
    return tuple(found)


def _framing(mentions: tuple[EventMention, ...]) -> str:
    kinds = {m.kind for m in mentions}
    initiators = {m.initiator for m in mentions}
    parts = []
    if len(kinds) > 1:
        parts.append("coded differently: " + "; ".join(f"{m.doc}: {m.kind}" for m in mentions))
    if len(initiators) > 1:
        parts.append(
            "different initiators: " + "; ".join(f"{m.doc}: {m.initiator}" for m in mentions)
        )
    return " | ".join(parts) or f"same coding ({mentions[0].kind}); wording differs"
