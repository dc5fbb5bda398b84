"""Milestones: the observables each hypothesis predicts, as forecast-ledger questions.

A milestone of hypothesis H is an indicator the analyst expects by a date if H is true.
It becomes a :class:`~counterpoint.ledger.Question` whose probability is the analyst's own
(``probability`` in the case file) or, when none is given, the posterior of H: if the
indicator is expected only under H, ``P(indicator) ~ P(H | E)``. Its ``source`` is
``ach:<case>:<milestone id>``, so sending the same case twice adds nothing new.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from counterpoint.ach.model import Case
from counterpoint.ach.result import CaseResult
from counterpoint.ledger import Question
from counterpoint.store import Store


@dataclass(frozen=True)
class SentMilestones:
    """What :func:`send_to_ledger` did: ids of new questions, and milestones already there."""

    created: tuple[int, ...]
    existing: tuple[str, ...]


def milestone_questions(case: Case, result: CaseResult) -> tuple[Question, ...]:
    """A ledger question for every milestone of every hypothesis, in file order."""
    posterior = {h.id: h.posterior for h in result.hypotheses}
    opened = _end_of(case.as_of, first=True) if case.as_of else None
    questions = []
    for hypothesis in case.hypotheses:
        for milestone in hypothesis.milestones:
            given = milestone.probability
            by = f" by {milestone.by}" if milestone.by else ""
            questions.append(
                Question(
                    title=milestone.text.rstrip("."),
                    probability=given if given is not None else posterior[hypothesis.id],
                    criteria=(
                        f"Resolves yes if this is observed{by}. Milestone {milestone.id} of "
                        f"hypothesis {hypothesis.id} in ACH case {case.name}: "
                        f"{hypothesis.statement}"
                    ),
                    close_date=_end_of(milestone.by) if milestone.by else None,
                    opened=opened,
                    author="analyst",
                    source=f"ach:{case.name}:{milestone.id}",
                    topic=f"ach:{case.name}",
                    probability_phrase="analyst"
                    if given is not None
                    else f"posterior of {hypothesis.id}",
                )
            )
    return tuple(questions)


def send_to_ledger(store: Store, questions: tuple[Question, ...]) -> SentMilestones:
    """Add the questions to the forecast ledger, skipping those whose source is already there."""
    from counterpoint.ledger import Ledger

    ledger = Ledger(store)
    known = {q.source for q in ledger.questions() if q.source}
    created, existing = [], []
    for question in questions:
        if question.source in known:
            existing.append(question.source or "")
            continue
        added = ledger.add(question)
        created.append(added.id or 0)
    return SentMilestones(tuple(created), tuple(existing))


def _end_of(value: str, *, first: bool = False) -> date:
    """The last (or first) day of a YYYY, YYYY-MM or YYYY-MM-DD date."""
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    if len(parts) == 3:
        return date(year, parts[1], parts[2])
    if len(parts) == 2:
        day = 1 if first else calendar.monthrange(year, parts[1])[1]
        return date(year, parts[1], day)
    return date(year, 1, 1) if first else date(year, 12, 31)
