"""Segmenting text by extracted items, and finding search matches."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from counterpoint.views.documents import find_matches
from counterpoint.views.highlight import ItemView, segments


def _view(key: str, start: int, end: int) -> ItemView:
    return ItemView(key=key, kind="claim", start=start, end=end, label=key, fields=())


@st.composite
def texts_and_spans(draw: st.DrawFn) -> tuple[str, list[ItemView]]:
    text = draw(st.text(min_size=0, max_size=60))
    size = len(text)
    spans = draw(
        st.lists(st.tuples(st.integers(-3, size + 3), st.integers(-3, size + 3)), max_size=8)
    )
    return text, [_view(f"c{i}", s, e) for i, (s, e) in enumerate(spans)]


@given(texts_and_spans())
def test_segments_concatenate_to_the_text(case: tuple[str, list[ItemView]]) -> None:
    text, views = case
    pieces = segments(text, views)
    assert "".join(p.text for p in pieces) == text
    assert all(p.text == text[p.start : p.end] for p in pieces)


@given(texts_and_spans())
def test_segments_list_exactly_the_items_covering_them(case: tuple[str, list[ItemView]]) -> None:
    text, views = case
    valid = [v for v in views if 0 <= v.start < v.end <= len(text)]
    for piece in segments(text, views):
        covering = {v.key for v in valid if v.start <= piece.start and piece.end <= v.end}
        assert set(piece.keys) == covering


def test_segments_cut_nested_items_at_both_edges() -> None:
    text = "Russia and China agree"
    pieces = segments(text, [_view("c0", 0, 22), _view("a0", 11, 16)])
    assert [(p.text, p.keys) for p in pieces] == [
        ("Russia and ", ("c0",)),
        ("China", ("c0", "a0")),
        (" agree", ("c0",)),
    ]


def test_segments_drop_items_outside_the_text() -> None:
    pieces = segments("short", [_view("c0", 3, 99), _view("c1", 4, 4)])
    assert all(not p.keys for p in pieces)


def test_segments_mark_masked_spans() -> None:
    pieces = segments("Menu Home\nBody text", [], masked=[(0, 9)])
    assert [(p.text, p.masked) for p in pieces] == [("Menu Home", True), ("\nBody text", False)]


def test_find_matches_ignores_case_and_spacing() -> None:
    text = "The Sino-Russian border.\nSino-russian\n  BORDER talks"
    assert find_matches(text, "sino-russian border") == [(4, 23), (25, 46)]
    assert [text[s:e] for s, e in find_matches(text, "border")] == ["border", "BORDER"]


def test_find_matches_treats_the_query_as_text_not_a_pattern() -> None:
    assert find_matches("a.b axb", "a.b") == [(0, 3)]
    assert find_matches("anything", "   ") == []
