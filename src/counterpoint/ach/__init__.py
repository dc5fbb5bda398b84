"""Analysis of Competing Hypotheses: case files, scores, diagnosticity and sensitivity.

>>> from counterpoint.ach import load_case, score_case
>>> result = score_case(load_case("examples/sino-russian/case.yaml"))  # doctest: +SKIP
>>> [(h.id, round(h.posterior, 2)) for h in result.hypotheses]  # doctest: +SKIP
"""

from __future__ import annotations

from counterpoint.ach.casefile import CaseFileError, load_case, parse_case
from counterpoint.ach.model import (
    AchError,
    Case,
    Evidence,
    Hypothesis,
    Milestone,
    Source,
    rating_table,
    weight_table,
)
from counterpoint.ach.result import (
    CaseResult,
    FlaggedComparison,
    HypothesisResult,
    ItemResult,
    score_case,
)
from counterpoint.ach.scoring import Matrix, Scores, build_matrix, case_matrix, ranks, score_matrix
from counterpoint.ach.sensitivity import (
    METHODS,
    ItemSensitivity,
    Method,
    MethodSensitivity,
    Overtake,
    method_sensitivity,
    sensitivity,
)

__all__ = [
    "METHODS",
    "AchError",
    "Case",
    "CaseFileError",
    "CaseResult",
    "Evidence",
    "FlaggedComparison",
    "Hypothesis",
    "HypothesisResult",
    "ItemResult",
    "ItemSensitivity",
    "Matrix",
    "Method",
    "MethodSensitivity",
    "Milestone",
    "Overtake",
    "Scores",
    "Source",
    "build_matrix",
    "case_matrix",
    "load_case",
    "method_sensitivity",
    "parse_case",
    "rating_table",
    "ranks",
    "score_case",
    "score_matrix",
    "sensitivity",
    "weight_table",
]
