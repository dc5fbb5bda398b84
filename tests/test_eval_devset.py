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
