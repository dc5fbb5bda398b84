"""Events that several documents cite, side by side with each document's wording.

Two event mentions are the same event when they share the year and the set of actor
codes (the extractor's ``Event.date[:4]`` and ``Event.actors``); decade- and
century-precision dates are too vague to join on. Each document's framing is its
mention's quad class and its initiator, the first actor of the event as coded (the
extractor puts the actor that acts first). The group's ``framing`` line says where the
documents differ: quad class (one calls it cooperation, the other conflict), initiator,
or, when neither differs, only the wording.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from counterpoint.compare.records import EventMention, SharedEvent
from counterpoint.records import Extraction

_VAGUE = frozenset({"decade", "century"})


def shared_events(extractions: Sequence[Extraction]) -> tuple[SharedEvent, ...]:
    """Events cited by at least two of ``extractions``, oldest first."""
    groups: dict[tuple[str, tuple[str, ...]], dict[str, EventMention]] = defaultdict(dict)
    for extraction in extractions:
        name = extraction.document.name
        for event in extraction.events:
            if event.date_precision in _VAGUE or len(event.actors) < 1:
                continue
            key = (event.date[:4], tuple(sorted(event.actors)))
            groups[key].setdefault(
                name,
                EventMention(
                    doc=name,
                    start=event.start,
                    end=event.end,
                    quote=event.quote,
                    label=event.label,
                    kind=event.kind,
                    initiator=event.actors[0] if event.actors else None,
                ),
            )
    shared = [
        SharedEvent(year, actors, tuple(by_doc.values()), _framing(tuple(by_doc.values())))
        for (year, actors), by_doc in sorted(groups.items())
        if len(by_doc) >= 2
    ]
    return tuple(shared)


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
