"""Event-type lexicon: the PLOVER event types and the rule file that codes cues to them.

The lexicon (``patterns/event_verbs.v1.jsonl``, rule set ``event_verbs.v1``) maps verb
lemmas, event nouns and multiword phrases to a PLOVER event type, its CAMEO/GDELT quad
class and an intensity on a -10..+10 conflict-cooperation scale. The idea of one number
per event type comes from Goldstein (1992), "A Conflict-Cooperation Scale for WEIS Events
Data", *Journal of Conflict Resolution* 36(2); the numbers below are counterpoint's own.

Intensity scale (an entry's intensity must lie in its type's range; typical entries):

    CONSULT      verbal_cooperation     0.5..4   talks 1.5, visit 2.5, summit 3
    AGREE        verbal_cooperation       2..8   agreement 4, treaty 6, alliance 7
    SUPPORT      verbal_cooperation       1..5   praise 2, backing 3
    CONCEDE      verbal_cooperation       1..6   apology 3, concession 4
    COOPERATE    material_cooperation     2..8   trade 3, investment 4, joint exercise 5
    AID          material_cooperation     3..8   help 3, aid or loan 5, arms supply 6
    RETREAT      material_cooperation     2..7   withdrawal 4, ceasefire 5
    INVESTIGATE  verbal_conflict         -3..-0.5  inquiry -1.5
    DEMAND       verbal_conflict         -5..-1  urge -2, demand -3, territorial claim -4
    DISAPPROVE   verbal_conflict         -5..-1  tension -2, criticism or dispute -3
    REJECT       verbal_conflict         -6..-1  stay neutral -1, refuse -3, split -5
    THREATEN     verbal_conflict         -7..-3  warning -4, threat -5, crisis -5.5
    PROTEST      material_conflict       -7..-3  boycott or riot -4
    CRIME        material_conflict       -8..-3  espionage or hacking -5
    SANCTION     material_conflict       -8..-3  sanctions -5, sever ties -6
    MOBILIZE     material_conflict       -7..-3  weapons test -4, deploy troops -5
    COERCE       material_conflict       -9..-4  crackdown -6, blockade -7
    ASSAULT      material_conflict      -10..-6  clash -7, attack -8, war -9, killing -10

Our calls: severing ties, expelling diplomats, recalling ambassadors are SANCTION
(material, as CAMEO 16); weapons tests are MOBILIZE; a crisis with no act named is
THREATEN; demarcation is AGREE; ceasefires are RETREAT; staying neutral is REJECT -1.

This module holds the types (``EVENT_TYPES``) and the parsing, validation and loading of
the rule file (``EventEntry``); matching the cues in a document is ``event_types``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from counterpoint.errors import ExtractionError
from counterpoint.records import QuadClass
from counterpoint.rule_lines import json_lines

EVENT_VERBS_RULESET = "event_verbs.v1"
EVENT_VERBS_PATH = Path(__file__).parent / "patterns" / f"{EVENT_VERBS_RULESET}.jsonl"
GAP = "..."
_FIELDS = ("id", "type", "quad", "intensity", "lemmas", "nouns", "phrases", "note")
_CUE_SLOTS = ("lemmas", "nouns", "phrases")


@dataclass(frozen=True)
class EventType:
    """A PLOVER event type with its quad class and permitted intensity range."""

    name: str
    quad: QuadClass
    low: float
    high: float


EVENT_TYPES: tuple[EventType, ...] = (
    EventType("CONSULT", "verbal_cooperation", 0.5, 4.0),
    EventType("AGREE", "verbal_cooperation", 2.0, 8.0),
    EventType("SUPPORT", "verbal_cooperation", 1.0, 5.0),
    EventType("CONCEDE", "verbal_cooperation", 1.0, 6.0),
    EventType("COOPERATE", "material_cooperation", 2.0, 8.0),
    EventType("AID", "material_cooperation", 3.0, 8.0),
    EventType("RETREAT", "material_cooperation", 2.0, 7.0),
    EventType("INVESTIGATE", "verbal_conflict", -3.0, -0.5),
    EventType("DEMAND", "verbal_conflict", -5.0, -1.0),
    EventType("DISAPPROVE", "verbal_conflict", -5.0, -1.0),
    EventType("REJECT", "verbal_conflict", -6.0, -1.0),
    EventType("THREATEN", "verbal_conflict", -7.0, -3.0),
    EventType("PROTEST", "material_conflict", -7.0, -3.0),
    EventType("CRIME", "material_conflict", -8.0, -3.0),
    EventType("SANCTION", "material_conflict", -8.0, -3.0),
    EventType("MOBILIZE", "material_conflict", -7.0, -3.0),
    EventType("COERCE", "material_conflict", -9.0, -4.0),
    EventType("ASSAULT", "material_conflict", -10.0, -6.0),
)
_TYPES: Mapping[str, EventType] = MappingProxyType({t.name: t for t in EVENT_TYPES})


def event_type(name: str) -> EventType:
    """The event type called ``name`` (a KeyError for an unknown name is a programming error)."""
    return _TYPES[name]


@dataclass(frozen=True)
class EventEntry:
    """One line of the lexicon: cues that all code to the same type and intensity."""

    id: str
    type: str
    quad: QuadClass
    intensity: float
    lemmas: tuple[str, ...]
    nouns: tuple[str, ...]
    phrases: tuple[str, ...]
    note: str


def _bad(where: str, field: str, reason: str) -> ExtractionError:
    return ExtractionError(f"{where}: field {field!r}: {reason}")


def _cue_list(obj: Mapping[str, Any], field: str, where: str) -> tuple[str, ...]:
    """Validate one cue slot: a list of lowercase strings, single words unless phrases."""
    value = obj[field]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise _bad(where, field, "must be a list of non-empty strings")
    for cue in value:
        words = cue.split()
        if cue != cue.lower() or cue != " ".join(words):
            raise _bad(where, field, f"{cue!r} must be lowercase, single-spaced")
        if field != "phrases" and (len(words) != 1 or "-" in cue):
            raise _bad(where, field, f"{cue!r} is not one token; write it as a phrase")
        if field == "phrases" and (len(words) < 2 or GAP in (words[0], words[-1])):
            raise _bad(where, field, f"{cue!r} needs two words or more and no gap at an end")
    return tuple(value)


def _entry(obj: Any, where: str) -> EventEntry:
    """Validate one parsed JSON object and build its entry."""
    if not isinstance(obj, dict):
        raise ExtractionError(f"{where}: expected a JSON object")
    for field in _FIELDS:
        if field not in obj:
            raise _bad(where, field, "missing")
    for field in sorted(set(obj) - set(_FIELDS)):
        raise _bad(where, field, f"unknown field (expected {', '.join(_FIELDS)})")
    event_type = _TYPES.get(obj["type"])
    if event_type is None:
        raise _bad(where, "type", f"{obj['type']!r} is not one of {', '.join(_TYPES)}")
    if obj["quad"] != event_type.quad:
        raise _bad(where, "quad", f"{obj['quad']!r}; type {event_type.name} is {event_type.quad}")
    intensity = obj["intensity"]
    if isinstance(intensity, bool) or not isinstance(intensity, int | float):
        raise _bad(where, "intensity", "must be a number")
    if not event_type.low <= intensity <= event_type.high:
        span = f"{event_type.low:g}..{event_type.high:g}"
        raise _bad(where, "intensity", f"{intensity} outside {event_type.name}'s range {span}")
    for field in ("id", "note"):
        if not isinstance(obj[field], str) or not obj[field]:
            raise _bad(where, field, "must be a non-empty string")
    slots = {field: _cue_list(obj, field, where) for field in _CUE_SLOTS}
    if not any(slots.values()):
        raise _bad(where, "lemmas", "the entry has no cue in lemmas, nouns or phrases")
    return EventEntry(
        obj["id"], event_type.name, event_type.quad, float(intensity), note=obj["note"], **slots
    )


def parse_event_entries(text: str, *, source: str) -> tuple[EventEntry, ...]:
    """Parse and validate lexicon lines; ``#`` lines and blank lines are skipped.

    Raises:
        ExtractionError: naming ``source``, the line and the field at fault, for bad
            JSON, a missing or unknown field, a quad class that is not the type's, an
            intensity outside the type's range, or a duplicated id or cue.
    """
    entries: list[EventEntry] = []
    seen: dict[tuple[str, str], int] = {}
    for number, where, obj in json_lines(text, source=source, error=ExtractionError):
        entry = _entry(obj, where)
        for key in [("id", entry.id)] + [(f, c) for f in _CUE_SLOTS for c in getattr(entry, f)]:
            if key in seen:
                raise _bad(where, key[0], f"{key[1]!r} already given on line {seen[key]}")
            seen[key] = number
        entries.append(entry)
    return tuple(entries)


@lru_cache(maxsize=1)
def load_event_entries() -> tuple[EventEntry, ...]:
    """Read and validate ``patterns/event_verbs.v1.jsonl`` (once: the result is cached)."""
    try:
        text = EVENT_VERBS_PATH.read_text(encoding="utf-8")
    except OSError as e:
        raise ExtractionError(f"{EVENT_VERBS_PATH}: cannot read event lexicon ({e})") from e
    return parse_event_entries(text, source=str(EVENT_VERBS_PATH))
