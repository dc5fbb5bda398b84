import pytest

from counterpoint.extract.clauses import segment_sentence


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("If talks fail, expect war.", ["If talks fail", "expect war."]),
        ("Although trade grew, ties will sour.", ["Although trade grew", "ties will sour."]),
        (
            "Ties are bound to fray, and most probably soon.",
            ["Ties are bound to fray", "and most probably soon."],
        ),
        (
            "It would be hard because none of them will agree.",
            ["It would be hard", "because none of them will agree."],
        ),
        ("The alliance held for a decade.", ["The alliance held for a decade."]),
    ],
)
def test_segment_sentence_cuts_at_clause_joiners(sentence, expected):
    assert [s.text for s in segment_sentence(sentence)] == expected


def test_segment_sentence_marks_conditions():
    segments = segment_sentence("Even if the summit fails, the partnership will hold.")
    assert [s.is_condition for s in segments] == [True, False]


def test_segment_sentence_offsets_are_relative_to_sentence():
    sentence = "So far, it hasn't — and even if it tried, it would fail."
    for segment in segment_sentence(sentence):
        assert sentence[segment.start : segment.end] == segment.text
