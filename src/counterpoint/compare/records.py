"""Frozen records of a comparison: aligned claim pairs, shared events, stances.

Offsets are character offsets into each document's text as read, as everywhere in
counterpoint; ``a_quote == text_a[a_start:a_end]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Relation = Literal["agrees", "contradicts"]
StanceValue = Literal["for", "against", "neutral"]


@dataclass(frozen=True)
class ClaimPair:
    """Two claims from two documents about one proposition, and how they relate."""

    a_doc: str
    a_start: int
    a_end: int
    a_quote: str
    b_doc: str
    b_start: int
    b_end: int
    b_quote: str
    relation: Relation
    proposition: str
    reason: str
    score: float
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventMention:
    """One document's wording of a dated event, and who it says acted."""

    doc: str
    start: int
    end: int
    quote: str
    label: str
    kind: str
    initiator: str | None


@dataclass(frozen=True)
class SharedEvent:
    """An event (same year and actors) cited by at least two documents."""

    date: str
    actors: tuple[str, ...]
    mentions: tuple[EventMention, ...]
    framing: str


@dataclass(frozen=True)
class SoloEvent:
    """An event one document cites and none of the others does (what they leave out)."""

    date: str
    actors: tuple[str, ...]
    mention: EventMention


@dataclass(frozen=True)
class Stance:
    """A document's stance on a proposition, with the quotes that support it."""

    doc: str
    proposition: str
    stance: StanceValue
    score: float
    quotes: tuple[str, ...]
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Proposition:
    """A proposition to take stances on: its text, the actors and the direction it asserts.

    ``valence`` is +1 when the proposition asserts a cooperative or stable state of the
    relation between ``actors`` ("the alignment will hold"), -1 when it asserts a hostile
    or broken one ("a war is coming").
    """

    text: str
    actors: tuple[str, ...]
    valence: int
    source: str = "case"


@dataclass(frozen=True)
class Comparison:
    """Everything ``compare_documents`` found over a set of documents."""

    documents: tuple[str, ...]
    pairs: tuple[ClaimPair, ...]
    shared_events: tuple[SharedEvent, ...]
    stances: tuple[Stance, ...]
    propositions: tuple[Proposition, ...]
    rulesets: tuple[str, ...]
    solo_events: tuple[SoloEvent, ...] = ()
