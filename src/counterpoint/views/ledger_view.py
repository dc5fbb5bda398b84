"""The forecast ledger as a section: questions, their scores and the calibration plot.

Everything comes from :mod:`counterpoint.ledger`'s public API (:class:`Ledger`,
:func:`score_questions`, :func:`brier`, :func:`counts_toward_score`); this module only
arranges it for display. A question's own Brier score is shown as soon as it is
resolved yes or no, marked *pending* until its horizon has passed, because only then
does it count toward the totals (Metaculus #1480).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from counterpoint.ledger import (
    Ledger,
    LedgerScores,
    Question,
    brier,
    counts_toward_score,
    score_questions,
)
from counterpoint.store import Store
from counterpoint.views.charts import Figure, calibration_figure


@dataclass(frozen=True)
class QuestionRow:
    """A question with its own score: ``brier`` once resolved yes/no; ``counts`` if in totals."""

    question: Question
    brier: float | None
    counts: bool

    @property
    def state(self) -> str:
        """``open``, ``unresolvable``, ``annulled``, ``pending`` or ``scored``."""
        question = self.question
        if question.status == "unresolvable":
            return "unresolvable"
        if question.resolution is None:
            return "open"
        if question.resolution.outcome == "annulled":
            return "annulled"
        return "scored" if self.counts else "pending"


@dataclass(frozen=True)
class LedgerSection:
    """Every question in the ledger, the scores over those that count, and the chart."""

    rows: tuple[QuestionRow, ...]
    scores: LedgerScores
    by_author: LedgerScores
    calibration: Figure | None
    today: date


def ledger_section(store: Store, *, today: date | None = None) -> LedgerSection:
    """Read the ledger of ``store`` and score it as of ``today``."""
    when = today or date.today()
    questions = Ledger(store).questions()
    scores = score_questions(questions, today=when)
    rows = tuple(_row(question, when) for question in questions)
    bins = scores.overall.bins
    return LedgerSection(
        rows=rows,
        scores=scores,
        by_author=score_questions(questions, by="author", today=when),
        calibration=calibration_figure(bins) if scores.overall.n else None,
        today=when,
    )


def _row(question: Question, today: date) -> QuestionRow:
    resolution = question.resolution
    own: float | None = None
    if resolution is not None and resolution.outcome in ("yes", "no"):
        own = brier(question.probability, 1 if resolution.outcome == "yes" else 0)
    return QuestionRow(
        question=question, brier=own, counts=counts_toward_score(question, today=today)
    )


def section_json(section: LedgerSection) -> dict[str, Any]:
    """The section as plain JSON data (the ``/ledger.json`` twin of the page)."""
    from dataclasses import asdict

    return {
        "today": section.today.isoformat(),
        "questions": [
            {**asdict(row.question), "brier": row.brier, "state": row.state} for row in section.rows
        ],
        "scores": asdict(section.scores),
        "by_author": asdict(section.by_author),
    }
