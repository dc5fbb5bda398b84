"""Tests of the ledger's scores: worked values, an independent implementation, properties."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

from counterpoint.ledger import (
    Question,
    Resolution,
    baseline_score,
    brier,
    calibration_bins,
    counts_toward_score,
    discrimination,
    log_score,
    score,
    score_questions,
)
from counterpoint.ledger.scoring import LOG_FLOOR, bin_index, decomposition, wilson_interval

TODAY = date(2026, 6, 1)

probabilities = st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=60)


def _pairs(draw_p: list[float], seed: int) -> tuple[list[float], list[int]]:
    rng = np.random.default_rng(seed)
    return draw_p, [int(x) for x in rng.integers(0, 2, size=len(draw_p))]


@pytest.mark.parametrize(
    ("probability", "outcome", "expected"),
    [
        (0.271, 0, 0.073441),  # scoringrules' worked value
        (0.8, 1, 0.04),
        (0.8, 0, 0.64),
        (0.5, 1, 0.25),
        (0.0, 1, 1.0),
        (1.0, 1, 0.0),
    ],
)
def test_brier_worked_values(probability: float, outcome: int, expected: float) -> None:
    assert brier(probability, outcome) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize(
    ("probability", "outcome", "log_expected", "baseline_expected"),
    [
        (0.8, 1, -0.2231435513, 67.8071905),  # ln 0.8; 100·log2(1.6)
        (0.8, 0, -1.6094379124, -132.1928095),  # ln 0.2; 100·log2(0.4)
        (0.5, 0, -0.6931471806, 0.0),
        (0.9, 1, -0.1053605157, 84.7996907),
        (1.0, 1, 0.0, 100.0),
    ],
)
def test_log_and_baseline_worked_values(
    probability: float, outcome: int, log_expected: float, baseline_expected: float
) -> None:
    assert log_score(probability, outcome) == pytest.approx(log_expected, abs=1e-9)
    assert baseline_score(probability, outcome) == pytest.approx(baseline_expected, abs=1e-6)


def test_log_score_floors_a_certain_miss() -> None:
    assert log_score(0.0, 1) == pytest.approx(math.log(LOG_FLOOR))
    assert baseline_score(1.0, 0) == pytest.approx(100 * math.log2(LOG_FLOOR / 0.5))
    assert math.isfinite(score([1.0, 0.5], [0, 1]).log_score or math.nan)


def test_score_means_by_hand() -> None:
    result = score([0.8, 0.3, 0.6], [1, 0, 0])
    assert result.n == 3 and result.n_yes == 1
    assert result.brier == pytest.approx((0.04 + 0.09 + 0.36) / 3)
    assert result.log_score == pytest.approx((math.log(0.8) + math.log(0.7) + math.log(0.4)) / 3)
    assert result.baseline == pytest.approx(
        100 * (math.log2(1.6) + math.log2(1.4) + math.log2(0.8)) / 3
    )
    # yes at 0.8 ranks above both no's (0.3, 0.6): AUC 1.
    assert result.discrimination == 1.0


def test_score_against_sklearn_on_random_data() -> None:
    rng = np.random.default_rng(20260601)
    for size in (5, 50, 2_000):
        p = rng.uniform(LOG_FLOOR, 1 - LOG_FLOOR, size=size)
        o = (rng.uniform(size=size) < p).astype(int)
        o[0], o[1] = 0, 1  # both outcomes present
        result = score(p, o)
        assert result.brier == pytest.approx(brier_score_loss(o, p), rel=1e-12)
        assert result.log_score == pytest.approx(-log_loss(o, p), rel=1e-12)
        assert result.discrimination == pytest.approx(roc_auc_score(o, p), rel=1e-12)


def test_discrimination_ties_against_sklearn() -> None:
    rng = np.random.default_rng(7)
    p = rng.choice([0.05, 0.2, 0.5, 0.7, 0.9], size=300)  # ICD 203 points: many ties
    o = (rng.uniform(size=300) < p).astype(int)
    assert discrimination(p, o) == pytest.approx(roc_auc_score(o, p), rel=1e-12)


def test_discrimination_needs_both_outcomes() -> None:
    assert discrimination([0.2, 0.9], [1, 1]) is None
    assert score([0.2, 0.9], [0, 0]).discrimination is None


@given(probabilities, st.integers(0, 2**32 - 1))
def test_calibration_bins_sum_to_question_count(p: list[float], seed: int) -> None:
    p, o = _pairs(p, seed)
    bins = calibration_bins(p, o)
    assert sum(b.count for b in bins) == len(p)
    for b in bins:
        if b.count:
            assert b.lower <= (b.mean_probability or 0) <= b.upper + 1e-12
            assert b.low is not None and b.high is not None
            assert b.low <= (b.observed_frequency or 0) <= b.high


@given(probabilities, st.integers(0, 2**32 - 1))
def test_murphy_decomposition_is_exact(p: list[float], seed: int) -> None:
    p, o = _pairs(p, seed)
    parts = decomposition(p, o)
    mean_brier = sum(brier(x, y) for x, y in zip(p, o, strict=True)) / len(p)
    assert parts.reliability - parts.resolution + parts.uncertainty == pytest.approx(
        mean_brier, abs=1e-9
    )
    assert parts.reliability >= 0 and parts.resolution >= 0


@given(probabilities, st.integers(0, 2**32 - 1))
def test_scores_stay_in_range(p: list[float], seed: int) -> None:
    p, o = _pairs(p, seed)
    result = score(p, o)
    assert 0 <= (result.brier or 0) <= 1
    assert math.log(LOG_FLOOR) <= (result.log_score or 0) <= 0
    assert result.discrimination is None or 0 <= result.discrimination <= 1


@pytest.mark.parametrize(
    ("probability", "index"),
    [(0.0, 0), (0.1, 1), (0.3, 3), (0.7, 7), (0.29, 2), (0.999, 9), (1.0, 9), (0.05, 0)],
)
def test_bin_edges_go_to_the_bin_they_open(probability: float, index: int) -> None:
    assert bin_index(probability) == index
    bins = calibration_bins([probability], [1])
    assert bins[index].count == 1


def test_wilson_interval_of_one_lucky_call_is_wide() -> None:
    low, high = wilson_interval(1, 1)
    assert high == 1.0 and low < 0.25
    low, high = wilson_interval(50, 100)
    assert low == pytest.approx(0.4038, abs=1e-3) and high == pytest.approx(0.5962, abs=1e-3)


def test_score_refuses_bad_input() -> None:
    with pytest.raises(ValueError, match="outcomes"):
        score([0.5, 0.5], [1])
    with pytest.raises(ValueError, match="probabilities"):
        score([1.5], [1])
    with pytest.raises(ValueError, match="0 or 1"):
        score([0.5], [2])


def test_score_of_nothing_is_empty() -> None:
    result = score([], [])
    assert result.n == 0 and result.brier is None and sum(b.count for b in result.bins) == 0


def _question(
    probability: float = 0.7,
    *,
    close: date | None = None,
    outcome: str | None = "yes",
    status: str = "open",
    author: str | None = "A",
    opened: date | None = date(2020, 1, 1),
) -> Question:
    resolution = Resolution(outcome, date(2021, 1, 1)) if outcome else None  # type: ignore[arg-type]
    return Question(
        title="t",
        probability=probability,
        criteria="c",
        close_date=close,
        opened=opened,
        author=author,
        status=status,  # type: ignore[arg-type]
        resolution=resolution,
    )


def test_horizon_rule_waits_for_the_horizon() -> None:
    early_yes = _question(close=date(2029, 12, 31))
    assert not counts_toward_score(early_yes, today=TODAY)
    assert counts_toward_score(early_yes, today=date(2030, 1, 1))
    # The horizon end is the last day the outcome may happen: it passes the day after.
    assert not counts_toward_score(early_yes, today=date(2029, 12, 31))


def test_horizon_rule_without_horizon_counts_once_resolved() -> None:
    assert counts_toward_score(_question(close=None), today=TODAY)
    assert not counts_toward_score(_question(close=None, outcome=None), today=TODAY)


@pytest.mark.parametrize(
    ("question", "counted"),
    [
        (_question(outcome="annulled"), False),
        (_question(status="unresolvable"), False),
        (_question(close=date(2025, 1, 1), outcome="no"), True),
    ],
)
def test_annulled_and_unresolvable_never_count(question: Question, counted: bool) -> None:
    assert counts_toward_score(question, today=TODAY) is counted


def test_score_questions_accounts_for_every_question() -> None:
    questions = [
        _question(0.8, close=date(2025, 1, 1), author="A"),
        _question(0.3, close=None, outcome="no", author="A"),
        _question(0.6, close=None, outcome="no", author="B"),
        _question(0.9, close=date(2029, 12, 31)),  # pending
        _question(0.5, outcome=None),  # open
        _question(0.5, outcome="annulled"),
        _question(0.5, status="unresolvable", outcome=None),
    ]
    result = score_questions(questions, by="author", today=TODAY)
    counted = result.overall.n
    assert (counted, result.pending, result.open, result.annulled, result.unresolvable) == (
        3,
        1,
        1,
        1,
        1,
    )
    assert counted + result.pending + result.open + result.annulled + result.unresolvable == len(
        questions
    )
    assert {g.group: g.scores.n for g in result.groups} == {"A": 2, "B": 1}
    assert result.overall.brier == pytest.approx(score([0.8, 0.3, 0.6], [1, 0, 0]).brier)


def test_score_questions_by_horizon_length() -> None:
    questions = [
        _question(close=date(2020, 6, 1)),
        _question(close=date(2023, 1, 1)),
        _question(close=date(2026, 1, 1)),
        _question(close=None),
    ]
    result = score_questions(questions, by="horizon", today=TODAY)
    assert {g.group: g.scores.n for g in result.groups} == {
        "≤1y": 1,
        "1-5y": 1,
        ">5y": 1,
        "none": 1,
    }


@given(
    st.lists(
        st.tuples(
            st.floats(0, 1),
            st.sampled_from(["yes", "no", "annulled", None]),
            st.sampled_from(["A", "B", None]),
        ),
        max_size=40,
    )
)
def test_groups_partition_the_counted_questions(
    rows: list[tuple[float, str | None, str | None]],
) -> None:
    questions = [_question(p, outcome=outcome, author=author) for p, outcome, author in rows]
    result = score_questions(questions, by="author", today=TODAY)
    assert sum(g.scores.n for g in result.groups) == result.overall.n
    assert [g.group for g in result.groups] == sorted(g.group for g in result.groups)
    assert result.overall.n == sum(1 for _, outcome, _ in rows if outcome in ("yes", "no"))
