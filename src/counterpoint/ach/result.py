"""Score a case: one frozen :class:`CaseResult` with scores, diagnostics, sensitivity, words.

:func:`score_case` is the library entry point the CLI, the report and the web app call. It
scores the matrix (:mod:`counterpoint.ach.scoring`), runs the sensitivity analysis
(:mod:`counterpoint.ach.sensitivity`), scores again without the items flagged as possibly
deceptive, unreliable, disputed or retracted, and explains the ranking in sentences
(:mod:`counterpoint.ach.explain`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from counterpoint.ach.model import Case, Evidence, Flag
from counterpoint.ach.scoring import Matrix, Scores, case_matrix, ranks, score_matrix
from counterpoint.ach.sensitivity import METHODS, Method, MethodSensitivity, sensitivity


@dataclass(frozen=True)
class HypothesisResult:
    """A hypothesis's scores and its rank under each method (1 = best; ties share a rank)."""

    id: str
    statement: str
    prior: float
    heuer: float
    weighted: float
    posterior: float
    log_posterior: float
    rank_heuer: int
    rank_weighted: int
    rank_bayes: int

    def rank(self, method: Method) -> int:
        """The rank under ``method``."""
        return {"heuer": self.rank_heuer, "weighted": self.rank_weighted}.get(
            method, self.rank_bayes
        )


@dataclass(frozen=True)
class ItemResult:
    """An evidence item with its row of ratings and its diagnostics.

    ``diagnosticity`` is the log of the largest likelihood ratio the item sets between two
    hypotheses; ``llr`` its log-likelihood ratio for each hypothesis against the others.
    """

    id: str
    text: str
    type: str
    credibility: str
    relevance: str
    weight: float
    ratings: tuple[tuple[str, str], ...]
    likelihoods: tuple[tuple[str, float], ...]
    llr: tuple[tuple[str, float], ...]
    diagnosticity: float
    inconsistency_spread: float
    consistent_with_all: bool
    flags: tuple[Flag, ...]
    source: str
    quote: str | None
    start: int | None
    end: int | None
    event_date: str | None
    reported: str | None

    @property
    def diagnostic(self) -> bool:
        """Whether the item discriminates at all between the hypotheses."""
        return self.diagnosticity > 1e-12 or self.inconsistency_spread > 1e-12


@dataclass(frozen=True)
class FlaggedComparison:
    """The scores again without the flagged items, and the methods whose leader changes."""

    flagged: tuple[str, ...]
    without: tuple[HypothesisResult, ...]
    leader_changes: tuple[Method, ...]


@dataclass(frozen=True)
class CaseResult:
    """Everything :func:`score_case` computes for a case, ready to render or store."""

    case: str
    question: str
    as_of: str | None
    hypotheses: tuple[HypothesisResult, ...]
    items: tuple[ItemResult, ...]
    sensitivity: tuple[MethodSensitivity, ...]
    flagged: FlaggedComparison | None
    explanation: tuple[str, ...]

    def leaders(self, method: Method) -> tuple[str, ...]:
        """Ids of the hypotheses ranked first by ``method``."""
        return tuple(h.id for h in self.hypotheses if h.rank(method) == 1)

    def method(self, method: Method) -> MethodSensitivity:
        """The sensitivity analysis of one method."""
        return next(s for s in self.sensitivity if s.method == method)


def score_case(case: Case) -> CaseResult:
    """Score ``case`` by every method, with diagnosticity, sensitivity and an explanation."""
    from counterpoint.ach.explain import explain

    matrix = case_matrix(case)
    scores = score_matrix(matrix)
    hypotheses = _hypothesis_results(case, scores)
    llr = scores.llr.tolist()
    items = tuple(
        _item_result(item, matrix, scores, llr[i], i) for i, item in enumerate(case.evidence)
    )
    sens = sensitivity(matrix)
    flagged = _flagged(case, matrix, hypotheses)
    partial = CaseResult(case.name, case.question, case.as_of, hypotheses, items, sens, flagged, ())
    return CaseResult(**{**partial.__dict__, "explanation": explain(partial)})


def _hypothesis_results(case: Case, scores: Scores) -> tuple[HypothesisResult, ...]:
    rank_h, rank_w, rank_b = ranks(scores.heuer), ranks(scores.weighted), ranks(scores.posterior)
    return tuple(
        HypothesisResult(
            id=h.id,
            statement=h.statement,
            prior=h.prior,
            heuer=float(scores.heuer[j]),
            weighted=float(scores.weighted[j]),
            posterior=float(scores.posterior[j]),
            log_posterior=float(scores.log_posterior[j]),
            rank_heuer=int(rank_h[j]),
            rank_weighted=int(rank_w[j]),
            rank_bayes=int(rank_b[j]),
        )
        for j, h in enumerate(case.hypotheses)
    )


def _item_result(
    item: Evidence, matrix: Matrix, scores: Scores, llr: list[float], i: int
) -> ItemResult:
    ids = matrix.hypothesis_ids
    return ItemResult(
        id=item.id,
        text=item.text,
        type=item.type,
        credibility=item.credibility,
        relevance=item.relevance,
        weight=float(matrix.weight[i]),
        ratings=item.ratings,
        likelihoods=item.likelihoods,
        llr=tuple(zip(ids, llr, strict=True)),
        diagnosticity=float(scores.diagnosticity[i]),
        inconsistency_spread=float(scores.inconsistency_spread[i]),
        consistent_with_all=bool(scores.consistent_with_all[i]),
        flags=item.flags,
        source=item.source.label,
        quote=item.source.quote,
        start=item.source.start,
        end=item.source.end,
        event_date=item.event_date,
        reported=item.reported,
    )


def _flagged(
    case: Case, matrix: Matrix, hypotheses: tuple[HypothesisResult, ...]
) -> FlaggedComparison | None:
    keep = np.array([not item.flags for item in case.evidence], dtype=bool)
    if keep.all():
        return None
    without = _hypothesis_results(case, score_matrix(matrix.subset(keep)))
    changes = tuple(
        method
        for method in METHODS
        if {h.id for h in hypotheses if h.rank(method) == 1}
        != {h.id for h in without if h.rank(method) == 1}
    )
    flagged = tuple(item.id for item in case.evidence if item.flags)
    return FlaggedComparison(flagged, without, changes)
