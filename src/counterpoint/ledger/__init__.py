"""The forecast ledger: questions drafted from forecasts, resolved by hand, and scored."""

from __future__ import annotations

from counterpoint.ledger.questions import (
    LedgerError,
    Origin,
    Outcome,
    Question,
    QuestionSource,
    Resolution,
    draft_question,
    unresolvable_reason,
)
from counterpoint.ledger.scoring import (
    CalibrationBin,
    Decomposition,
    GroupScores,
    LedgerScores,
    Scores,
    baseline_score,
    brier,
    calibration_bins,
    counts_toward_score,
    discrimination,
    log_score,
    score,
    score_questions,
    standing,
)
from counterpoint.ledger.store import ImportResult, Ledger, SyncResult

__all__ = [
    "CalibrationBin",
    "Decomposition",
    "GroupScores",
    "ImportResult",
    "Ledger",
    "LedgerError",
    "LedgerScores",
    "Origin",
    "Outcome",
    "Question",
    "QuestionSource",
    "Resolution",
    "Scores",
    "SyncResult",
    "baseline_score",
    "brier",
    "calibration_bins",
    "counts_toward_score",
    "discrimination",
    "draft_question",
    "log_score",
    "score",
    "score_questions",
    "standing",
    "unresolvable_reason",
]
