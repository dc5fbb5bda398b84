"""The development set (tests/data/eval, a copy of ../shared/eval) scored end to end.

Thresholds are the pipeline issue's acceptance figures; the figures actually reached are
reported by `counterpoint eval tests/data/eval` and quoted in the README.
"""

import pytest

from counterpoint.evaluate import evaluate_dir
from counterpoint.pipeline import extract_file

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def report(nlp, eval_dir):
    return evaluate_dir(
        eval_dir, extract=lambda path, when: extract_file(path, nlp=nlp, published=when)
    )


def test_devset_forecast_f1_meets_target(report):
    assert report.forecasts.f1 >= 0.85


def test_devset_event_f1_meets_target(report):
    assert report.events.f1 >= 0.85


def test_devset_probability_mae_meets_target(report):
    assert report.probability_mae is not None
    assert report.probability_mae <= 0.12


def test_devset_scores_every_gold_document(report):
    assert {d.document for d in report.documents} == {
        "driving-a-wedge-wont-work.txt",
        "false-promise-russia-china-alliance.txt",
    }


def test_devset_horizons_agree_where_gold_has_them(report):
    assert report.horizon_accuracy is not None
    assert report.horizon_accuracy >= 0.75


@pytest.fixture(scope="module")
def pair_report(nlp, eval_dir):
    from counterpoint.compare.evaluate import predicted_pairs, predicted_stances

    return evaluate_dir(
        eval_dir,
        extract=lambda path, when: extract_file(path, nlp=nlp, published=when),
        compare=predicted_pairs,
        stance=predicted_stances,
    )


def test_devset_cross_document_pairs_hold_the_measured_floor(pair_report):
    """Below the compare issue's targets (recall 0.60, precision 0.50): a regression floor.

    Measured with clause-level alignment: recall 0.318 (7 of 22), precision 0.304 (7 of
    23), relation accuracy 0.857 (6 of 7), lexical and with word vectors; docs/compare.md.
    """
    assert pair_report.pairs_recall >= 0.30
    assert pair_report.pairs_precision >= 0.30
    assert pair_report.pair_relation_accuracy >= 0.80


def test_devset_stances_are_both_right(pair_report):
    assert pair_report.stances_n == 2
    assert pair_report.stance_accuracy == 1.0
