"""ACH cases as a section: the matrix, the scores, diagnosticity, sensitivity, the reasons.

Everything comes from :mod:`counterpoint.ach`'s public calls
(:func:`~counterpoint.ach.store.stored_cases`, :func:`~counterpoint.ach.store.load_result`,
:func:`~counterpoint.ach.render.result_to_dict`); this module arranges a scored case for a
page: each cell's rating with its meaning, each item's sensitivity marks per method
(``−`` its removal changes the ranking, ``↔`` its reversal does; *leader* when the change
is who ranks first, the item is then critical), and the three methods' scores side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from counterpoint.ach.model import rating_table
from counterpoint.ach.result import CaseResult, HypothesisResult, ItemResult
from counterpoint.ach.sensitivity import METHODS, Method
from counterpoint.ach.store import CaseNotFound, StoredCase, load_result, stored_cases
from counterpoint.store import Store

METHOD_NAMES: dict[Method, str] = {
    "heuer": "Heuer (inconsistency count)",
    "weighted": "weighted (PARC)",
    "bayes": "Bayesian posterior",
}
UNITS: dict[Method, str] = {
    "heuer": "inconsistency points",
    "weighted": "weighted points",
    "bayes": "log-odds",
}


@dataclass(frozen=True)
class Mark:
    """What removing or reversing an item does to one method's ranking."""

    method: Method
    text: str
    critical: bool


@dataclass(frozen=True)
class AchCase:
    """A stored case, scored, with per-item sensitivity marks for display."""

    stored: StoredCase
    result: CaseResult
    marks: dict[str, tuple[Mark, ...]]

    @property
    def hypothesis_ids(self) -> tuple[str, ...]:
        """The matrix's columns."""
        return tuple(h.id for h in self.result.hypotheses)

    def best(self, hypothesis: HypothesisResult) -> tuple[Method, ...]:
        """The methods under which ``hypothesis`` ranks first."""
        return tuple(m for m in METHODS if hypothesis.rank(m) == 1)


@dataclass(frozen=True)
class AchSection:
    """Every stored case, by name."""

    cases: tuple[AchCase, ...]


def ach_case(store: Store, name: str) -> AchCase:
    """The stored case ``name``, scored.

    Raises:
        CaseNotFound: no case of that name is stored.
    """
    result = load_result(store, name)
    stored = next((c for c in stored_cases(store) if c.name == name), None)
    if stored is None:
        raise CaseNotFound(f"case: {name!r} was removed while being read")
    return AchCase(stored=stored, result=result, marks=sensitivity_marks(result))


def _case(stored: StoredCase, store: Store) -> AchCase:
    result = load_result(store, stored.name)
    return AchCase(stored=stored, result=result, marks=sensitivity_marks(result))


def ach_section(store: Store) -> AchSection:
    """Every stored case, scored."""
    return AchSection(tuple(_case(c, store) for c in stored_cases(store)))


def sensitivity_marks(result: CaseResult) -> dict[str, tuple[Mark, ...]]:
    """Per item id, one :class:`Mark` per method."""
    marks: dict[str, list[Mark]] = {item.id: [] for item in result.items}
    for method in result.sensitivity:
        for item in method.items:
            parts = []
            if item.removal_changes_ranking:
                parts.append("−leader" if item.removal_changes_leader else "−")
            if item.reversal_changes_ranking:
                parts.append("↔leader" if item.reversal_changes_leader else "↔")
            marks[item.id].append(Mark(method.method, " ".join(parts) or "·", item.critical))
    return {key: tuple(value) for key, value in marks.items()}


def rating_meanings() -> dict[str, str]:
    """Each rating code's meaning (``ratings.v1``), for titles and the legend."""
    return {code: rating.meaning for code, rating in rating_table().items()}


def item_rating(item: ItemResult, hypothesis_id: str) -> str:
    """The code ``item`` gives ``hypothesis_id``."""
    return dict(item.ratings).get(hypothesis_id, "NA")


def ach_helpers() -> dict[str, Any]:
    """What the ACH partial needs besides the case (the report and the app share it)."""
    return {
        "meanings": rating_meanings(),
        "rate": item_rating,
        "methods": METHOD_NAMES,
        "units": UNITS,
    }


def case_json(case: AchCase) -> dict[str, Any]:
    """The case as JSON data (the ``/ach/{case}.json`` twin): the ``ach score`` JSON."""
    from counterpoint.ach.render import result_to_dict

    return {
        "name": case.stored.name,
        "path": case.stored.path,
        "scored_at": case.stored.scored_at.isoformat(),
        **result_to_dict(case.result),
    }
