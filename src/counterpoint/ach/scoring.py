"""ACH scores over the matrix as numpy arrays: Heuer, PARC weighted, Bayesian, diagnosticity.

Notation: items ``i = 1..n``, hypotheses ``h = 1..m``; ``r[i,h]`` the rating of the cell;
``c(r)`` its inconsistency (``ratings.v1``: II = -2, I = -1, N = C = CC = NA = 0);
``w[i] = cred[i] * rel[i]`` with each of credibility and relevance weighing
``1/sqrt(2)``, ``1`` or ``sqrt(2)`` for low, medium, high (``weights.v1``); ``pi[h]`` the
priors; ``L[i,h] = P(E_i | H_h)`` from the rating table or given by the analyst.

- Heuer's inconsistency score (Heuer 1999, ch. 8; PARC ACH 2.0): ``S[h] = sum_i c(r[i,h])``.
  Only inconsistency counts; the hypothesis with the highest (least negative) score ranks first.
- Weighted inconsistency (PARC ACH 2.0): ``W[h] = sum_i w[i] * c(r[i,h])``.
- Bayesian posterior with tempered likelihoods (each item's log-likelihood is multiplied by its
  weight ``w[i]``, so a medium/medium item is plain Bayes and a low/low one counts half):
  ``log P(H_h | E) = log pi[h] + sum_i w[i] log L[i,h] - log Z``, Z normalising to 1.
  An NA cell takes the mean likelihood of the item's other cells (uninformative about h).
- Log-likelihood ratio of item i for h against the other hypotheses (prior-weighted):
  ``LLR[i,h] = w[i] log L[i,h] - log( sum_{k!=h} pi[k] L[i,k]^w[i] / sum_{k!=h} pi[k] )``
  (0 with a single hypothesis: there is no alternative).
- Diagnosticity of item i: ``D[i] = max_h w[i] log L[i,h] - min_h w[i] log L[i,h]`` (the log of
  the largest likelihood ratio the item sets between two hypotheses) and the spread of its
  weighted inconsistency; an item whose ratings are the same for every hypothesis has D = 0
  and carries no weight (Heuer's point), and an item with no I or II is "consistent with all".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from counterpoint.ach.model import AchError, Case, rating_table, weight_table

Array = NDArray[np.float64]
_CODES = tuple(rating_table())
T = TypeVar("T")


@dataclass(frozen=True, eq=False)
class Matrix:
    """The case as arrays: one row per item, one column per hypothesis.

    ``inconsistency`` and ``loglik`` hold c(r) and log L; the ``*_reversed`` arrays hold
    them with every rating reversed (CC<->II, C<->I; a given likelihood p becomes 1 - p),
    for the sensitivity analysis. ``applicable`` is False on NA cells.
    """

    hypothesis_ids: tuple[str, ...]
    evidence_ids: tuple[str, ...]
    inconsistency: Array
    inconsistency_reversed: Array
    loglik: Array
    loglik_reversed: Array
    weight: Array
    log_prior: Array
    applicable: NDArray[np.bool_]

    @property
    def shape(self) -> tuple[int, int]:
        """(items, hypotheses)."""
        return (len(self.evidence_ids), len(self.hypothesis_ids))

    def subset(self, keep: NDArray[np.bool_]) -> Matrix:
        """The matrix with only the rows where ``keep`` is True."""
        ids = tuple(e for e, k in zip(self.evidence_ids, keep, strict=True) if k)
        return Matrix(
            self.hypothesis_ids,
            ids,
            self.inconsistency[keep],
            self.inconsistency_reversed[keep],
            self.loglik[keep],
            self.loglik_reversed[keep],
            self.weight[keep],
            self.log_prior,
            self.applicable[keep],
        )


@dataclass(frozen=True, eq=False)
class Scores:
    """Per-hypothesis scores (arrays of length m) and per-item diagnostics (length n)."""

    heuer: Array
    weighted: Array
    log_posterior: Array
    posterior: Array
    llr: Array
    diagnosticity: Array
    inconsistency_spread: Array
    consistent_with_all: NDArray[np.bool_]


def build_matrix(
    codes: Sequence[Sequence[str]] | NDArray[np.str_],
    *,
    hypothesis_ids: Sequence[str],
    evidence_ids: Sequence[str] | None = None,
    weights: Sequence[float] | Array | None = None,
    priors: Sequence[float] | Array | None = None,
    likelihoods: Array | None = None,
    likelihood_table: dict[str, float] | None = None,
) -> Matrix:
    """Build a :class:`Matrix` from a grid of rating codes (n x m), vectorised.

    ``likelihoods`` (n x m, NaN where not given) overrides the table for those cells;
    ``weights`` default to 1 (medium/medium), ``priors`` to uniform.
    """
    m = len(hypothesis_ids)
    grid = np.asarray(codes, dtype=str).reshape(-1, m)
    n = grid.shape[0]
    table = rating_table()
    index = {code: k for k, code in enumerate(_CODES)}
    seen, inverse = np.unique(grid, return_inverse=True)
    unknown = set(seen.tolist()) - set(index)
    if unknown:
        raise AchError(f"ratings: {sorted(unknown)} are not ratings ({' '.join(_CODES)})")
    own = likelihood_table or {}
    lik_of = [own.get(c, table[c].likelihood) for c in _CODES]
    k = np.array([index[c] for c in seen.tolist()], dtype=np.int64)[inverse].reshape(n, m)
    rev = np.array([index[table[c].reverse] for c in _CODES])
    incons = np.array([table[c].inconsistency for c in _CODES])
    lik = np.array([np.nan if v is None else v for v in lik_of])
    given = likelihoods if likelihoods is not None else np.full((n, m), np.nan)
    has = ~np.isnan(given)
    forward = np.where(has, given, lik[k])
    backward = np.where(has, 1.0 - given, lik[rev[k]])
    applicable = ~np.isnan(forward)
    prior = np.full(m, 1.0 / m) if priors is None else np.asarray(priors, dtype=float)
    return Matrix(
        hypothesis_ids=tuple(hypothesis_ids),
        evidence_ids=tuple(evidence_ids or (f"E{i + 1}" for i in range(n))),
        inconsistency=incons[k],
        inconsistency_reversed=incons[rev[k]],
        loglik=_log_filled(forward),
        loglik_reversed=_log_filled(backward),
        weight=np.ones(n) if weights is None else np.asarray(weights, dtype=float),
        log_prior=np.log(prior / prior.sum()),
        applicable=applicable,
    )


def case_matrix(case: Case) -> Matrix:
    """The matrix of a :class:`Case`, columns in hypothesis order."""
    ids = case.hypothesis_ids
    codes = [_row(item.ratings, ids) for item in case.evidence]
    given = np.full((len(case.evidence), len(ids)), np.nan)
    for i, item in enumerate(case.evidence):
        if item.likelihoods:
            given[i] = _row(item.likelihoods, ids)
    weights = weight_table()
    return build_matrix(
        codes,
        hypothesis_ids=ids,
        evidence_ids=[item.id for item in case.evidence],
        weights=[weights[e.credibility] * weights[e.relevance] for e in case.evidence],
        priors=[h.prior for h in case.hypotheses],
        likelihoods=given,
        likelihood_table=dict(case.likelihood_table),
    )


def _row(cells: tuple[tuple[str, T], ...], ids: tuple[str, ...]) -> list[T]:
    """The cells' values in hypothesis order (the parser writes them in that order)."""
    keys, values = zip(*cells, strict=True) if cells else ((), ())
    if keys == ids:
        return list(values)
    by_id = dict(cells)
    return [by_id[h] for h in ids]


def _log_filled(lik: Array) -> Array:
    """Log L, with NA cells (NaN) set to the log of the mean of the row's other cells."""
    counts = (~np.isnan(lik)).sum(axis=1, keepdims=True)
    means = np.where(counts > 0, np.nansum(lik, axis=1, keepdims=True) / np.maximum(counts, 1), 1)
    return np.log(np.where(np.isnan(lik), means, lik))


def score_matrix(matrix: Matrix) -> Scores:
    """Every score and diagnostic of the matrix (formulas in the module docstring)."""
    w = matrix.weight[:, None]
    tempered = w * matrix.loglik
    log_post = matrix.log_prior + tempered.sum(axis=0)
    top = log_post.max()
    log_post = log_post - (top + np.log(np.exp(log_post - top).sum()))
    weighted_c = w * matrix.inconsistency
    app = matrix.applicable
    big = np.inf
    spread_c = np.where(app, weighted_c, -big).max(axis=1) - np.where(app, weighted_c, big).min(
        axis=1
    )
    spread_l = np.where(app, tempered, -big).max(axis=1) - np.where(app, tempered, big).min(axis=1)
    none = ~app.any(axis=1)
    return Scores(
        heuer=matrix.inconsistency.sum(axis=0),
        weighted=weighted_c.sum(axis=0),
        log_posterior=log_post,
        posterior=np.exp(log_post),
        llr=item_llr(matrix),
        diagnosticity=np.where(none, 0.0, spread_l),
        inconsistency_spread=np.where(none, 0.0, spread_c),
        consistent_with_all=np.asarray(~((matrix.inconsistency < 0) & app).any(axis=1)),
    )


def item_llr(matrix: Matrix) -> Array:
    """LLR[i,h]: item i's log-likelihood ratio for h against the others (prior-weighted)."""
    n, m = matrix.shape
    if m == 1:
        return np.zeros((n, 1))
    tempered = matrix.weight[:, None] * matrix.loglik
    shift = tempered.max(axis=1, keepdims=True)
    prior = np.exp(matrix.log_prior)
    scaled = np.exp(tempered - shift) * prior
    others = (scaled.sum(axis=1, keepdims=True) - scaled) / (1.0 - prior)
    return tempered - shift - np.log(np.maximum(others, np.finfo(float).tiny))


def ranks(values: Array, *, tolerance: float = 1e-9) -> NDArray[np.int64]:
    """Competition ranks along the last axis, higher value first; ties share a rank.

    ``rank[h] = 1 + #{k : v[k] > v[h] + tol}`` with ``tol = tolerance * max(1, max |v|)``,
    so float noise does not split ties. Works on (m,) or (n, m) arrays.
    """
    scale = max(1.0, float(np.abs(values).max(initial=0.0)))
    above = values[..., None, :] > values[..., :, None] + tolerance * scale
    return np.asarray(np.count_nonzero(above, axis=-1) + 1, dtype=np.int64)
