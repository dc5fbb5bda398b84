"""The reference chronology: major Russia–China–US events since the 17th century, as data.

``data/chronology.v1.jsonl`` (rule set ``chronology.v1``) was written by the project from
standard historical facts. Each line gives a date at its precision, the actors (initiator
first), a PLOVER event type with its quad class and an intensity inside the type's range
(the scale of ``counterpoint.extract.event_lexicon``), and a one-line description. Entries
become ``DistinctEvent`` records whose single source is ``REFERENCE``, so short corpora
can be read against them and corpus events stay marked apart.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from counterpoint.errors import CounterpointError
from counterpoint.relations.events import REFERENCE, DistinctEvent, Source
from counterpoint.rule_lines import json_lines

CHRONOLOGY_RULESET = "chronology.v1"
CHRONOLOGY_PATH = Path(__file__).parent / "data" / f"{CHRONOLOGY_RULESET}.jsonl"
_FIELDS = ("date", "precision", "actors", "type", "quad", "intensity", "description")
_DATE = {
    "year": re.compile(r"\d{4}"),
    "month": re.compile(r"\d{4}-(0[1-9]|1[0-2])"),
    "day": re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"),
}
_CODE = re.compile(r"[A-Z]{2,5}")


class ChronologyError(CounterpointError):
    """A chronology line that cannot be read: the message names the file, line and field."""


def _entry(obj: Any, where: str) -> DistinctEvent:
    from counterpoint.extract.event_types import EVENT_TYPES

    if not isinstance(obj, dict) or set(obj) != set(_FIELDS):
        raise ChronologyError(f"{where}: expected the fields {', '.join(_FIELDS)}")
    pattern = _DATE.get(obj["precision"])
    if pattern is None:
        raise ChronologyError(
            f"{where}: field 'precision': {obj['precision']!r} is not year|month|day"
        )
    if not isinstance(obj["date"], str) or not pattern.fullmatch(obj["date"]):
        raise ChronologyError(f"{where}: field 'date': {obj['date']!r} is not a {obj['precision']}")
    actors = obj["actors"]
    if not (
        isinstance(actors, list)
        and actors
        and all(isinstance(a, str) and _CODE.fullmatch(a) for a in actors)
    ):
        raise ChronologyError(f"{where}: field 'actors': a list of upper-case codes is expected")
    kind = next((t for t in EVENT_TYPES if t.name == obj["type"]), None)
    if kind is None:
        raise ChronologyError(f"{where}: field 'type': {obj['type']!r} is not a PLOVER type")
    if obj["quad"] != kind.quad:
        raise ChronologyError(f"{where}: field 'quad': {obj['quad']!r}; {kind.name} is {kind.quad}")
    level = obj["intensity"]
    if (
        isinstance(level, bool)
        or not isinstance(level, int | float)
        or not kind.low <= level <= kind.high
    ):
        raise ChronologyError(f"{where}: field 'intensity': {level!r} outside {kind.name}'s range")
    text = obj["description"]
    if not isinstance(text, str) or not text.strip():
        raise ChronologyError(f"{where}: field 'description': a non-empty line is expected")
    return DistinctEvent(
        date=obj["date"],
        precision=obj["precision"],
        actors=tuple(actors),
        quad=kind.quad,
        intensity=float(level),
        event_type=kind.name,
        label=text,
        sources=(Source(REFERENCE, text),),
    )


def parse_chronology(text: str, *, source: str) -> tuple[DistinctEvent, ...]:
    """Parse chronology lines ('#' and blank lines skipped).

    Raises:
        ChronologyError: naming ``source``, the line and the field at fault.
    """
    entries = []
    for _, where, obj in json_lines(text, source=source, error=ChronologyError):
        entries.append(_entry(obj, where))
    return tuple(entries)


@lru_cache(maxsize=1)
def reference_events() -> tuple[DistinctEvent, ...]:
    """The shipped reference chronology (read once)."""
    try:
        text = CHRONOLOGY_PATH.read_text(encoding="utf-8")
    except OSError as e:
        raise ChronologyError(f"{CHRONOLOGY_PATH}: cannot read the chronology ({e})") from e
    return parse_chronology(text, source=str(CHRONOLOGY_PATH))
