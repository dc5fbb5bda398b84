"""Clause segmentation for alignment (invented sentences of the genre, not the examples)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counterpoint.compare.clauses import clause_spans, clause_texts


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Trade between the two states has grown quickly, but trust between their militaries"
            " has not followed.",
            [
                "Trade between the two states has grown quickly",
                "but trust between their militaries has not followed.",
            ],
        ),
        (
            "The treaty fixed the border in 2004; neither side has disputed the line since then.",
            [
                "The treaty fixed the border in 2004",
                "neither side has disputed the line since then.",
            ],
        ),
        (
            "Ankara will stay close to Moscow mainly because the gas deal pays for its budget.",
            [
                "Ankara will stay close to Moscow",
                "mainly because the gas deal pays for its budget.",
            ],
        ),
        # A list of nouns stays whole: the pieces after its commas are too short.
        (
            "Japan buys oil, gas, coal and grain from Australia every single year.",
            ["Japan buys oil, gas, coal and grain from Australia every single year."],
        ),
    ],
)
def test_clause_texts_cut_at_marks_commas_and_subordinators(
    sentence: str, expected: list[str]
) -> None:
    assert clause_texts(sentence) == expected


def test_a_short_first_piece_joins_the_next() -> None:
    assert clause_texts("In short, the two navies now exercise together every summer.") == [
        "In short, the two navies now exercise together every summer."
    ]


_PIECES = st.sampled_from(["a", "b", " ", ",", ";", ":", "(", ")", "—", ".", "which ", "but "])


@given(st.lists(_PIECES, max_size=40).map("".join))
def test_clause_spans_are_ordered_disjoint_and_inside_the_quote(quote: str) -> None:
    spans = clause_spans(quote, min_words=2)
    assert spans
    previous_end = 0
    for start, end in spans:
        assert 0 <= previous_end <= start <= end <= len(quote)
        previous_end = end


@pytest.mark.model
def test_long_claims_align_clause_by_clause(nlp: Any, tmp_path: Any) -> None:
    """Each clause of a two-proposition sentence finds its own answer in the other text."""
    from counterpoint.compare import compare_documents
    from counterpoint.pipeline import extract_file

    texts = {
        "one.txt": (
            "Relations between Turkey and Greece remain hostile and distrustful, while the"
            " maritime border between Turkey and Greece is still disputed in the Aegean.\n"
        ),
        "two.txt": (
            "Relations between Turkey and Greece are friendly and stable these days.\n\n"
            "The maritime border between Turkey and Greece is no longer disputed in the"
            " Aegean.\n"
        ),
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    extractions = [extract_file(tmp_path / name, nlp=nlp) for name in texts]
    pairs = compare_documents(extractions).pairs
    first = {p.a_quote: p for p in pairs if p.a_doc == "one.txt"}
    assert any(q.startswith("Relations") and not q.endswith("Aegean.") for q in first)
    assert any("border" in q and not q.startswith("Relations") for q in first)
    assert all(p.relation == "contradicts" for p in pairs)
