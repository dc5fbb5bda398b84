"""Tests of drafting questions from forecasts and of the checks on their fields."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from counterpoint.ledger import LedgerError, Origin, Question, Resolution, draft_question
from counterpoint.ledger.questions import (
    check_question,
    content_words,
    forecaster,
    parse_probability,
)
from counterpoint.records import Forecast

ORIGIN = Origin(
    document_sha256="ab" * 32,
    document_name="op-ed.txt",
    title="Why the axis will hold",
    author="Ann Lee",
    published=date(2021, 3, 1),
    url="https://www.example.org/2021/axis",
)


def _forecast(**changes: object) -> Forecast:
    base = Forecast(
        start=10,
        end=70,
        quote="a war between the two states is likely in the 2020s",
        proposition="a war between the two states",
        polarity="happens",
        probability_phrase="likely",
        probability=0.7,
        probability_low=0.55,
        probability_high=0.8,
        scale="icd203",
        hedge_class="likely",
        horizon_start="2021-03-01",
        horizon_end="2029-12-31",
        horizon_text="in the 2020s",
        actors=("RUS", "CHN", "RUS"),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_draft_question_carries_probability_horizon_and_source() -> None:
    question = draft_question(_forecast(), origin=ORIGIN)
    assert question.title == "A war between the two states"
    assert question.probability == 0.7
    assert question.close_date == date(2029, 12, 31)
    assert question.opened == date(2021, 3, 1)
    assert question.author == "Ann Lee"
    assert question.source == "example.org"
    assert question.topic == "CHN-RUS"
    assert question.status == "open" and question.unresolvable_reason is None
    (source,) = question.sources
    assert (source.document_sha256, source.start, source.end) == (ORIGIN.document_sha256, 10, 70)
    assert "2029-12-31" in question.criteria and "likely in the 2020s" in question.criteria


def test_draft_question_conditional_forecast_can_be_annulled() -> None:
    question = draft_question(_forecast(condition="if Washington withdraws"), origin=ORIGIN)
    assert "ANNULLED if the condition is not met: if Washington withdraws" in question.criteria


def test_draft_question_without_url_uses_the_title_as_source() -> None:
    question = draft_question(_forecast(), origin=dataclasses.replace(ORIGIN, url=None))
    assert question.source == "Why the axis will hold"


@pytest.mark.parametrize(
    ("proposition", "horizon_text", "horizon_end", "unresolvable"),
    [
        ("it is to succeed", None, None, True),
        ("it would happen", None, None, True),
        ("Russia attacks Vladivostok", None, None, False),
        ("China annexes the Far East", "at some point", None, True),
        ("China annexes the Far East", "by 2030", "2030-12-31", False),
    ],
)
def test_draft_question_marks_unmeasurable_forecasts(
    proposition: str, horizon_text: str | None, horizon_end: str | None, unresolvable: bool
) -> None:
    forecast = _forecast(
        proposition=proposition, horizon_text=horizon_text, horizon_end=horizon_end
    )
    question = draft_question(forecast, origin=ORIGIN)
    assert (question.status == "unresolvable") is unresolvable
    assert (question.unresolvable_reason is not None) is unresolvable


@pytest.mark.parametrize(
    ("attribution", "expected"),
    [
        ("author", "Ann Lee"),
        ("other:Stephen Blank", "Stephen Blank"),
        ("other:they", None),
        ("other:some", None),
    ],
)
def test_forecaster_names_who_made_the_forecast(attribution: str, expected: str | None) -> None:
    assert forecaster(attribution, document_author="Ann Lee") == expected


def test_content_words_drop_function_words() -> None:
    assert content_words("It is to succeed") == ["succeed"]
    assert content_words("Russia won’t attack") == ["russia", "won’t", "attack"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0.7", 0.7), ("70%", 0.7), ("7:3", 0.7), ("1:19", 0.05), (" 0 ", 0.0), ("1", 1.0)],
)
def test_parse_probability_accepts_decimals_percentages_and_odds(
    text: str, expected: float
) -> None:
    assert parse_probability(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1.2", "outside"),
        ("-0.1", "outside"),
        ("150%", "outside"),
        ("likely", "not a number"),
        ("0:0", "not odds"),
        ("nan", "not a number"),
        ("", "missing"),
    ],
)
def test_parse_probability_refuses_bad_values(text: str, message: str) -> None:
    with pytest.raises(LedgerError, match=f"^probability: .*{message}"):
        parse_probability(text)


def _question(**changes: object) -> Question:
    base = Question(
        title="War by 2030",
        probability=0.3,
        criteria="c",
        close_date=date(2030, 12, 31),
        opened=date(2021, 1, 1),
        id=4,
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": "  "}, "title"),
        ({"probability": 1.5}, "probability"),
        ({"close_date": date(2020, 1, 1)}, "close_date"),
        ({"resolution": Resolution("yes", date(2020, 12, 31))}, "on"),
        ({"resolution": Resolution("yes", date(2027, 1, 1))}, "on"),
        ({"resolution": Resolution("maybe", date(2022, 1, 1))}, "outcome"),  # type: ignore[arg-type]
        ({"status": "done"}, "status"),
        (
            {"status": "unresolvable", "resolution": Resolution("no", date(2022, 1, 1))},
            "status",
        ),
    ],
)
def test_check_question_names_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(LedgerError, match=f"^{field}: "):
        check_question(_question(**changes), today=date(2026, 1, 1))


def test_check_question_accepts_a_consistent_question() -> None:
    resolved = _question(resolution=Resolution("no", date(2025, 5, 1), "no war"))
    check_question(resolved, today=date(2026, 1, 1))
