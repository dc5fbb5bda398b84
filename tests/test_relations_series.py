"""Distinct events and dyadic series over hand-made events."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterpoint.records import Event
from counterpoint.relations.events import REFERENCE, distinct_events
from counterpoint.relations.series import EventTable, dyad_series, dyads
from counterpoint.relations.timeline import TimelineFilter, gather, timeline

KIND = {
    "AGREE": ("verbal_cooperation", 6.0),
    "COOPERATE": ("material_cooperation", 4.0),
    "DISAPPROVE": ("verbal_conflict", -3.0),
    "ASSAULT": ("material_conflict", -7.0),
}


def _event(
    date: str, actors: str, kind: str = "ASSAULT", quote: str = "q", start: int = 0
) -> Event:
    precision = {4: "year", 7: "month", 10: "day", 5: "decade"}[len(date)]
    quad, intensity = KIND[kind]
    return Event(
        start=start,
        end=start + len(quote),
        quote=quote,
        date=date,
        date_precision=precision,  # type: ignore[arg-type]
        actors=tuple(actors.split()),
        kind=quad,  # type: ignore[arg-type]
        intensity=intensity,
        label=kind.lower(),
        event_type=kind,
    )


def test_dedupe_merges_citations_with_nested_dates_keeping_all_sources() -> None:
    merged = distinct_events(
        [
            ("a.txt", _event("1969", "CHN RUS", quote="the 1969 clashes")),
            ("b.txt", _event("1969-03", "RUS CHN", quote="in March 1969 they fought")),
            ("b.txt", _event("1969-03-02", "CHN RUS", quote="on 2 March 1969", start=50)),
        ]
    )
    assert len(merged) == 1
    assert merged[0].date == "1969-03-02"
    assert [s.document for s in merged[0].sources] == ["b.txt", "b.txt", "a.txt"]
    assert merged[0].documents == ("b.txt", "a.txt")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (_event("1969-03", "CHN RUS"), _event("1969-08", "CHN RUS")),
        (_event("1969", "CHN RUS"), _event("1969", "CHN USA")),
        (_event("1969", "CHN RUS"), _event("1969", "CHN RUS", "DISAPPROVE")),
        (_event("1969", "CHN RUS"), _event("1970", "CHN RUS")),
    ],
)
def test_dedupe_keeps_apart_other_date_actors_or_type(first: Event, second: Event) -> None:
    assert len(distinct_events([("a", first), ("b", second)])) == 2


def test_dedupe_same_citation_twice_is_one_source() -> None:
    event = _event("1950", "CHN RUS", "AGREE")
    (merged,) = distinct_events([("a", event), ("a", event)])
    assert len(merged.sources) == 1


def _table(*cited: tuple[str, Event]) -> tuple:
    events = distinct_events(cited)
    return events, EventTable.build(events)


def test_series_counts_quads_and_sums_intensity_per_period() -> None:
    _, table = _table(
        ("a", _event("1950", "CHN RUS", "AGREE")),
        ("a", _event("1953", "RUS CHN", "COOPERATE")),
        ("a", _event("1962", "CHN RUS", "DISAPPROVE")),
        ("a", _event("1969", "CHN RUS", "ASSAULT")),
    )
    series = dyad_series(table, "RUS", "CHN", period=10)
    assert [(p.start, p.end) for p in series.points] == [(1950, 1959), (1960, 1969)]
    assert [p.counts for p in series.points] == [(1, 1, 0, 0), (0, 0, 1, 1)]
    assert [p.net for p in series.points] == [10.0, -10.0]
    assert series.points[1].mean == -5.0


def test_series_directed_takes_the_first_cited_actor_as_initiator() -> None:
    _, table = _table(
        ("a", _event("1950", "CHN RUS", "AGREE")),
        ("a", _event("1951", "RUS CHN", "ASSAULT")),
        ("a", _event("1952", "USA RUS CHN", "DISAPPROVE")),
    )
    forward = dyad_series(table, "CHN", "RUS", directed=True)
    backward = dyad_series(table, "RUS", "CHN", directed=True)
    assert [p.start for p in forward.points] == [1950]
    assert [p.start for p in backward.points] == [1951]
    assert [p.start for p in dyad_series(table, "USA", "CHN", directed=True).points] == [1952]
    assert dyad_series(table, "CHN", "USA", directed=True).points == ()


def test_series_leaves_out_decade_dates_and_single_actor_events() -> None:
    _, table = _table(
        ("a", _event("1960s", "CHN RUS", "DISAPPROVE")),
        ("a", _event("1964", "CHN", "ASSAULT")),
    )
    assert dyad_series(table, "CHN", "RUS").points == ()
    assert dyads(table) == []


def test_series_points_name_the_events_they_rest_on() -> None:
    events, table = _table(
        ("a.txt", _event("1950", "CHN RUS", "AGREE")),
        ("b.txt", _event("1969", "CHN RUS USA")),
    )
    (point,) = dyad_series(table, "USA", "CHN").points
    assert events[point.events[0]].documents == ("b.txt",)


def test_series_unknown_actor_is_empty() -> None:
    _, table = _table(("a", _event("1950", "CHN RUS", "AGREE")))
    assert dyad_series(table, "CHN", "FRA").points == ()


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(1900, 2020),
            st.lists(st.sampled_from(["CHN", "RUS", "USA", "IND"]), min_size=1, max_size=3),
            st.sampled_from(sorted(KIND)),
        ),
        max_size=40,
    ),
    st.integers(1, 25),
)
def test_series_total_equals_distinct_events_with_both_actors(rows: list, period: int) -> None:
    cited = [("d", _event(str(year), " ".join(actors), kind)) for year, actors, kind in rows]
    events, table = _table(*cited)
    series = dyad_series(table, "CHN", "RUS", period=period)
    wanted = [e for e in events if {"CHN", "RUS"} <= set(e.actors)]
    assert sum(p.n for p in series.points) == len(wanted)
    assert sum(p.net for p in series.points) == pytest.approx(sum(e.intensity for e in wanted))
    assert all(p.start % period == 0 and p.end == p.start + period - 1 for p in series.points)


def test_gather_marks_reference_apart_and_no_reference_leaves_it_out() -> None:
    cited = [("a.txt", _event("1950", "CHN RUS", "AGREE"))]
    with_reference = gather(cited)
    without = gather(cited, reference=False)
    assert len(without) == 1 and without[0].in_corpus and not without[0].in_reference
    assert any(e.in_reference and not e.in_corpus for e in with_reference)
    assert all(s.document != REFERENCE for e in without for s in e.sources)


def test_timeline_filters_by_actor_years_quad_and_document() -> None:
    events = gather(
        [
            ("a-one.txt", _event("1950", "CHN RUS", "AGREE")),
            ("b-two.txt", _event("1969", "CHN RUS")),
            ("b-two.txt", _event("1971", "USA CHN", "AGREE")),
        ],
        reference=False,
    )
    years = lambda **kw: [e.year for e in timeline(events, where=TimelineFilter(**kw))]  # noqa: E731
    assert years(actors=("RUS",)) == [1950, 1969]
    assert years(actors=("USA", "CHN")) == [1971]
    assert years(start=1960, end=1970) == [1969]
    assert years(quads=("verbal_cooperation",)) == [1950, 1971]
    assert years(documents=("b-two",)) == [1969, 1971]
