"""Sensitivity of an ACH ranking: which items, if wrong, would change it.

For each scoring method the score of hypothesis h is a sum of item contributions,
``S[h] = b[h] + sum_i C[i,h]`` (Heuer: ``C = c(r)``, ``b = 0``; weighted: ``C = w c(r)``;
Bayes: ``C = w log L``, ``b = log pi``; see :mod:`counterpoint.ach.scoring`). So, for all
items at once (an n x m array each):

- removing item i gives ``S - C[i]``; reversing its rating gives ``S - C[i] + C_rev[i]``;
  the ranking (or the leader) changes when the competition ranks of that row differ from
  those of S. An item whose removal or reversal changes the leader is *critical* (the
  ArkhamMirror sense).
- the lead of #1 (a) over #2 (b) is ``M = S[a] - S[b]``; item i supplies
  ``d[i] = C[i,a] - C[i,b]`` of it. The conclusion *rests on* the fewest items whose removal
  lets b draw level: take items by decreasing d until their sum reaches M (greedy, which is
  optimal here because removals add up). Likewise for reversals, with the swing
  ``d[i] - (C_rev[i,a] - C_rev[i,b])``.
- new evidence needed for b to overtake a: ``floor(M / s) + 1`` items of the strongest kind,
  very inconsistent with a and neutral or better for b, each worth ``s = -c(II) = 2`` points
  (Heuer, weighted at medium/medium), or very consistent with b and very inconsistent with a,
  ``s = log(L(CC) / L(II))`` in log-odds (Bayes; log 4 with ``ratings.v1``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from counterpoint.ach.model import rating_table
from counterpoint.ach.scoring import Array, Matrix, ranks

Method = Literal["heuer", "weighted", "bayes"]
METHODS: tuple[Method, ...] = ("heuer", "weighted", "bayes")


@dataclass(frozen=True)
class ItemSensitivity:
    """What removing or reversing one item does to one method's ranking.

    ``lead_share`` is ``d[i]``: how much of #1's lead over #2 the item supplies (negative
    when it favours #2), in the method's units.
    """

    id: str
    removal_changes_ranking: bool
    removal_changes_leader: bool
    reversal_changes_ranking: bool
    reversal_changes_leader: bool
    lead_share: float

    @property
    def critical(self) -> bool:
        """Whether removing or reversing the item changes who ranks first."""
        return self.removal_changes_leader or self.reversal_changes_leader


@dataclass(frozen=True)
class Overtake:
    """What must be true for the runner-up to draw level with or overtake the leader.

    ``margin`` is in the method's units (inconsistency points; log-odds for Bayes).
    ``rests_on``/``reversals``: the fewest items whose removal/reversal closes the margin
    (``*_enough`` is False when even all of them do not). ``new_items``: how many new items
    of the strongest kind would make the runner-up overtake.
    """

    leader: str
    runner_up: str
    margin: float
    rests_on: tuple[str, ...]
    rests_on_enough: bool
    reversals: tuple[str, ...]
    reversals_enough: bool
    new_items: int


@dataclass(frozen=True)
class MethodSensitivity:
    """One method's sensitivity; ``overtake`` is None with one hypothesis or a tie for first."""

    method: Method
    leaders: tuple[str, ...]
    items: tuple[ItemSensitivity, ...]
    overtake: Overtake | None

    @property
    def critical(self) -> tuple[str, ...]:
        """Ids of the items whose removal or reversal changes the leader."""
        return tuple(item.id for item in self.items if item.critical)


def contributions(matrix: Matrix, method: Method) -> tuple[Array, Array, Array]:
    """``(C, C_rev, base)`` of a method: item contributions, reversed, and the constant term."""
    m = len(matrix.hypothesis_ids)
    if method == "heuer":
        return matrix.inconsistency, matrix.inconsistency_reversed, np.zeros(m)
    w = matrix.weight[:, None]
    if method == "weighted":
        return w * matrix.inconsistency, w * matrix.inconsistency_reversed, np.zeros(m)
    return w * matrix.loglik, w * matrix.loglik_reversed, matrix.log_prior


def strongest_item(method: Method) -> float:
    """The margin one new medium/medium item can shift toward the runner-up at most."""
    table = rating_table()
    if method == "bayes":
        cc, ii = table["CC"].likelihood, table["II"].likelihood
        return math.log((cc or 1.0) / (ii or 1.0))
    return -min(r.inconsistency for r in table.values())


def sensitivity(matrix: Matrix) -> tuple[MethodSensitivity, ...]:
    """The sensitivity of every method's ranking (see the module docstring)."""
    return tuple(method_sensitivity(matrix, method) for method in METHODS)


def method_sensitivity(matrix: Matrix, method: Method) -> MethodSensitivity:
    """Removal and reversal of every item, the leader's margin, and what would overturn it."""
    c, c_rev, base = contributions(matrix, method)
    score = base + c.sum(axis=0)
    base_rank = ranks(score)
    top = base_rank == 1
    removed = score - c
    rem_same, rem_lead = _order_kept(score, removed)
    rev_same, rev_lead = _order_kept(score, removed + c_rev)
    ids = matrix.hypothesis_ids
    leaders = tuple(h for h, t in zip(ids, top, strict=True) if t)
    order = np.argsort(-score, kind="stable")
    a, b = (int(order[0]), int(order[1])) if len(ids) > 1 else (0, 0)
    share = c[:, a] - c[:, b]
    items = tuple(
        ItemSensitivity(*row)
        for row in zip(
            matrix.evidence_ids,
            (~rem_same).tolist(),
            (~rem_lead).tolist(),
            (~rev_same).tolist(),
            (~rev_lead).tolist(),
            share.tolist(),
            strict=True,
        )
    )
    overtake = None
    if len(leaders) == 1 and len(ids) > 1:
        margin = float(score[a] - score[b])
        swing = share - (c_rev[:, a] - c_rev[:, b])
        rests, rests_ok = _fewest(matrix.evidence_ids, share, margin)
        flips, flips_ok = _fewest(matrix.evidence_ids, swing, margin)
        needed = math.floor(margin / strongest_item(method) + 1e-12) + 1
        overtake = Overtake(ids[a], ids[b], margin, rests, rests_ok, flips, flips_ok, needed)
    return MethodSensitivity(method, leaders, items, overtake)


def _order_kept(score: Array, rows: Array) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """Per row: are the competition ranks of ``score`` kept, and is the set of leaders kept?

    Equivalent to comparing :func:`ranks` row by row, in O(n m) instead of O(n m^2): with
    the columns in the order of ``score``, ranks are kept iff every tie of ``score`` stays a
    tie and every strict step stays a strict step; leaders are kept iff the leading group
    stays tied and stays above every other column.
    """
    order = np.argsort(-score, kind="stable")
    ranked = rows[:, order]
    tol = 1e-9 * max(1.0, float(np.abs(rows).max(initial=0.0)), float(np.abs(score).max()))
    tie = -np.diff(score[order]) <= 1e-9 * max(1.0, float(np.abs(score).max()))
    step = -np.diff(ranked, axis=1)
    kept = np.asarray(np.where(tie, np.abs(step) <= tol, step > tol).all(axis=1))
    lead = int(np.count_nonzero(ranks(score) == 1))
    group = ranked[:, :lead]
    level = np.asarray((group.max(axis=1) - group.min(axis=1)) <= tol)
    if lead == len(score):
        return kept, level
    return kept, np.asarray(level & (group.min(axis=1) > ranked[:, lead:].max(axis=1) + tol))


def _fewest(ids: tuple[str, ...], gain: Array, margin: float) -> tuple[tuple[str, ...], bool]:
    """The fewest items whose ``gain`` sums to at least ``margin`` (greedy, largest first)."""
    order = np.argsort(-gain, kind="stable")
    positive = order[gain[order] > 0]
    total = np.cumsum(gain[positive])
    reach = np.nonzero(total >= margin - 1e-9 * max(1.0, abs(margin)))[0]
    if reach.size == 0:
        return tuple(ids[i] for i in positive), False
    return tuple(ids[i] for i in positive[: int(reach[0]) + 1]), True
