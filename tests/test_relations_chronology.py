"""The reference chronology: shipped data valid, bad lines named by file, line and field."""

from __future__ import annotations

import json

import pytest

from counterpoint.extract.event_types import EVENT_TYPES
from counterpoint.relations.chronology import ChronologyError, parse_chronology, reference_events

GOOD = {
    "date": "1969-03-02",
    "precision": "day",
    "actors": ["CHN", "RUS"],
    "type": "ASSAULT",
    "quad": "material_conflict",
    "intensity": -7,
    "description": "border clash",
}


def test_chronology_spans_17th_century_to_present_with_80_to_150_entries() -> None:
    events = reference_events()
    assert 80 <= len(events) <= 150
    assert min(e.year for e in events) < 1700
    assert max(e.year for e in events) >= 2020


def test_chronology_entries_are_typed_within_their_ranges_and_cover_the_triangle() -> None:
    ranges = {t.name: (t.quad, t.low, t.high) for t in EVENT_TYPES}
    events = reference_events()
    for event in events:
        quad, low, high = ranges[event.event_type]
        assert event.quad == quad and low <= event.intensity <= high
        assert event.in_reference and not event.in_corpus
    for pair in ({"CHN", "RUS"}, {"CHN", "USA"}, {"RUS", "USA"}):
        assert sum(pair <= set(e.actors) for e in events) >= 15


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"date": "1969-13"}, "date"),
        ({"precision": "week"}, "precision"),
        ({"actors": ["chn"]}, "actors"),
        ({"type": "HUG"}, "type"),
        ({"quad": "verbal_conflict"}, "quad"),
        ({"intensity": 3}, "intensity"),
        ({"description": " "}, "description"),
    ],
)
def test_parse_chronology_names_line_and_field(changes: dict, field: str) -> None:
    text = "# comment\n" + json.dumps(GOOD) + "\n" + json.dumps({**GOOD, **changes})
    with pytest.raises(ChronologyError, match=rf"chron.jsonl, line 3: field '{field}'"):
        parse_chronology(text, source="chron.jsonl")


def test_parse_chronology_rejects_bad_json() -> None:
    with pytest.raises(ChronologyError, match="c, line 1: invalid JSON"):
        parse_chronology("{", source="c")
