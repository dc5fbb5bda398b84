"""ACH scores against values computed by hand, and invariants as properties."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterpoint.ach import build_matrix, method_sensitivity, ranks, score_matrix

R2 = math.sqrt(2)
CODES = ["CC", "C", "N", "I", "II", "NA"]


def scores(codes, ids=("A", "B", "C"), **kwargs):
    return score_matrix(build_matrix(codes, hypothesis_ids=list(ids), **kwargs))


def test_heuer_counts_only_inconsistency():
    # A: C + N + CC = 0; B: I + II + N = -3; C: II + I + I = -4
    s = scores([["C", "I", "II"], ["N", "II", "I"], ["CC", "N", "I"]])
    assert s.heuer.tolist() == [0.0, -3.0, -4.0]


def test_weighted_uses_parc_weights():
    # weights: high*high = 2, low*medium = 1/sqrt2, medium*medium = 1
    s = scores([["I", "II", "C"], ["II", "C", "I"], ["N", "I", "I"]], weights=[2, 1 / R2, 1])
    assert s.weighted == pytest.approx([-2 - 2 / R2, -4 - 1, -1 / R2 - 1])


def test_posterior_by_hand_with_default_table():
    # L(C)=0.6, L(I)=0.4, L(N)=0.5; uniform priors
    s = scores([["C", "I"], ["N", "C"]], ids=("A", "B"))
    a, b = 0.6 * 0.5, 0.4 * 0.6
    assert s.posterior == pytest.approx([a / (a + b), b / (a + b)])


def test_posterior_with_priors_weights_and_given_likelihoods():
    given = np.array([[0.9, 0.3], [np.nan, np.nan]])
    s = scores([["C", "I"], ["C", "N"]], ids=("A", "B"), priors=[0.2, 0.8], weights=[2, 1])
    t = score_matrix(
        build_matrix(
            [["C", "I"], ["C", "N"]],
            hypothesis_ids=["A", "B"],
            priors=[0.2, 0.8],
            weights=[2, 1],
            likelihoods=given,
        )
    )
    a, b = 0.2 * 0.6**2 * 0.6, 0.8 * 0.4**2 * 0.5
    assert s.posterior == pytest.approx([a / (a + b), b / (a + b)])
    a, b = 0.2 * 0.9**2 * 0.6, 0.8 * 0.3**2 * 0.5
    assert t.posterior == pytest.approx([a / (a + b), b / (a + b)])


def test_na_scores_zero_and_takes_the_mean_likelihood():
    s = scores([["NA", "C", "I"]])
    assert s.heuer.tolist() == [0.0, 0.0, -1.0]
    mean = (0.6 + 0.4) / 2
    assert s.posterior == pytest.approx(np.array([mean, 0.6, 0.4]) / (mean + 1.0))


def test_all_na_item_carries_nothing():
    s = scores([["NA", "NA", "NA"], ["C", "I", "N"]])
    base = scores([["C", "I", "N"]])
    assert s.posterior == pytest.approx(base.posterior)
    assert s.diagnosticity[0] == 0.0


def test_all_neutral_items_leave_uniform_posterior_and_tie():
    s = scores([["N", "N", "N"], ["N", "N", "N"]])
    assert s.heuer.tolist() == [0.0, 0.0, 0.0]
    assert s.posterior == pytest.approx([1 / 3] * 3)
    assert ranks(s.posterior).tolist() == [1, 1, 1]
    assert s.diagnosticity.tolist() == [0.0, 0.0]
    assert s.consistent_with_all.all()


def test_single_hypothesis():
    s = scores([["I"], ["II"], ["C"]], ids=("A",))
    assert s.heuer.tolist() == [-3.0]
    assert s.posterior.tolist() == [1.0]
    assert s.llr.tolist() == [[0.0], [0.0], [0.0]]
    sens = method_sensitivity(build_matrix([["I"]], hypothesis_ids=["A"]), "heuer")
    assert sens.overtake is None and sens.leaders == ("A",)


def test_ties_share_rank():
    s = scores([["I", "I", "N"], ["N", "N", "II"]])
    assert s.heuer.tolist() == [-1.0, -1.0, -2.0]
    assert ranks(s.heuer).tolist() == [1, 1, 3]


def test_llr_against_the_others_by_hand():
    # A vs {B, C} with equal priors: 0.6 / mean(0.4, 0.5)
    s = scores([["C", "I", "N"]])
    assert s.llr[0, 0] == pytest.approx(math.log(0.6 / 0.45))
    assert s.llr[0, 1] == pytest.approx(math.log(0.4 / 0.55))


def test_diagnosticity_and_consistent_with_all():
    s = scores([["CC", "II", "N"], ["C", "C", "C"], ["C", "N", "CC"]])
    assert s.diagnosticity[0] == pytest.approx(math.log(0.8 / 0.2))
    assert s.diagnosticity[1] == 0.0
    assert s.consistent_with_all.tolist() == [False, True, True]
    assert s.inconsistency_spread.tolist() == [2.0, 0.0, 0.0]


def test_sensitivity_removal_and_reversal_by_hand():
    # Heuer: A = 0, B = -1 (E1), C = -3; removing E1 ties A and B.
    m = build_matrix([["C", "I", "II"], ["N", "N", "N"], ["CC", "NA", "I"]], hypothesis_ids="ABC")
    sens = method_sensitivity(m, "heuer")
    e1, e2, e3 = sens.items
    assert e1.removal_changes_leader and e1.reversal_changes_leader
    assert not (e2.removal_changes_ranking or e2.reversal_changes_ranking)
    # reversing E3 (CC -> II for A, I -> C for C) gives A = -2, B = -1: B leads
    assert not e3.removal_changes_ranking and e3.reversal_changes_leader
    assert sens.critical == ("E1", "E3")
    over = sens.overtake
    assert (over.leader, over.runner_up, over.margin) == ("A", "B", 1.0)
    assert over.rests_on == ("E1",) and over.rests_on_enough
    assert over.new_items == 1  # one II against A: A = -2 < B = -1


def test_rests_on_takes_the_fewest_items():
    # B is inconsistent in four items; A's lead of 5 rests on the II and the I-s.
    codes = [["N", "I"], ["N", "II"], ["N", "I"], ["N", "I"], ["I", "N"]]
    m = build_matrix(codes, hypothesis_ids="AB")
    over = method_sensitivity(m, "heuer").overtake
    assert over.margin == 4.0
    assert over.rests_on == ("E2", "E1", "E3") and over.rests_on_enough
    assert over.new_items == 3  # 2 new II against A only tie; 3 overtake


def test_overtake_none_on_a_tie():
    m = build_matrix([["I", "I"]], hypothesis_ids="AB")
    assert method_sensitivity(m, "weighted").overtake is None


grids = st.integers(1, 6).flatmap(
    lambda m: st.lists(
        st.lists(st.sampled_from(CODES), min_size=m, max_size=m), min_size=1, max_size=12
    )
)


def _matrix(codes, weights):
    m = len(codes[0])
    return build_matrix(
        codes, hypothesis_ids=[f"H{j}" for j in range(m)], weights=weights[: len(codes)]
    )


weights = st.lists(st.sampled_from([0.5, 1 / R2, 1.0, R2, 2.0]), min_size=12, max_size=12)


@settings(max_examples=150, deadline=None)
@given(grids, weights)
def test_property_posterior_sums_to_one(codes, w):
    s = score_matrix(_matrix(codes, w))
    assert s.posterior.sum() == pytest.approx(1.0)
    assert (s.posterior >= 0).all()


@settings(max_examples=150, deadline=None)
@given(grids, weights)
def test_property_neutral_item_changes_no_ranking(codes, w):
    base = score_matrix(_matrix(codes, w))
    more = score_matrix(_matrix(codes + [["N"] * len(codes[0])], w[: len(codes)] + [1.0] * 12))
    for name in ("heuer", "weighted", "posterior"):
        assert ranks(getattr(more, name)).tolist() == ranks(getattr(base, name)).tolist()


@settings(max_examples=150, deadline=None)
@given(grids, weights, st.randoms(use_true_random=False))
def test_property_permuting_items_changes_nothing(codes, w, rnd):
    order = list(range(len(codes)))
    rnd.shuffle(order)
    base = score_matrix(_matrix(codes, w))
    shuffled = score_matrix(_matrix([codes[i] for i in order], [w[i] for i in order]))
    assert shuffled.heuer == pytest.approx(base.heuer)
    assert shuffled.weighted == pytest.approx(base.weighted)
    assert shuffled.posterior == pytest.approx(base.posterior)
    assert shuffled.diagnosticity == pytest.approx(base.diagnosticity[order])


@settings(max_examples=150, deadline=None)
@given(grids, weights)
def test_property_sensitivity_matches_row_ranks(codes, w):
    from counterpoint.ach.sensitivity import contributions

    matrix = _matrix(codes, w)
    for method in ("heuer", "weighted", "bayes"):
        c, c_rev, base = contributions(matrix, method)
        score = base + c.sum(axis=0)
        before = ranks(score)
        for item, row_removed, row_reversed in zip(
            method_sensitivity(matrix, method).items, score - c, score - c + c_rev, strict=True
        ):
            after = ranks(row_removed)
            assert item.removal_changes_ranking == (after != before).any()
            assert item.removal_changes_leader == ((after == 1) != (before == 1)).any()
            after = ranks(row_reversed)
            assert item.reversal_changes_ranking == (after != before).any()
            assert item.reversal_changes_leader == ((after == 1) != (before == 1)).any()
