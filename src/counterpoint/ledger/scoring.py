"""Scoring resolved questions: proper scores, calibration, discrimination, decomposition.

Every score takes ``probability`` = P(yes) and ``outcome`` = 1 (yes) or 0 (no).

- Brier score (Brier 1950): ``(p - o)²``; 0 is perfect, lower is better.
- Logarithmic score (Good 1952): ``ln q`` where ``q`` is the probability given to the
  outcome that happened (``p`` if yes, ``1 - p`` if no); 0 is perfect, higher is better.
- Baseline score (as forecasting platforms show it): ``100 · log2(q / 0.5)``; 0 for a
  coin flip, 100 for certainty on the right side, negative when worse than 50 %.
- Murphy's decomposition (Murphy 1973), over groups ``k`` of equal forecasts:
  ``Brier = REL - RES + UNC``, ``REL = 1/N Σ n_k (f_k - ō_k)²``,
  ``RES = 1/N Σ n_k (ō_k - ō)²``, ``UNC = ō (1 - ō)``.
- Discrimination: the area under the ROC curve (Hanley & McNeil 1982), the chance that
  a question that came true was given a higher probability than one that did not
  (ties count half).

>>> round(brier(0.271, 0), 6)
0.073441
>>> baseline_score(0.8, 1) == 100 * math.log2(1.6)
True
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from counterpoint.ledger.questions import Question

N_BINS = 10
MIN_FOR_DECOMPOSITION = 10


@dataclass(frozen=True)
class CalibrationBin:
    """Questions whose probability fell in ``[lower, upper)`` (the last bin includes 1)."""

    lower: float
    upper: float
    count: int
    mean_probability: float | None
    observed_frequency: float | None


@dataclass(frozen=True)
class Decomposition:
    """Murphy's decomposition of the mean Brier score: ``reliability - resolution + uncertainty``."""

    reliability: float
    resolution: float
    uncertainty: float


@dataclass(frozen=True)
class Scores:
    """Every figure for one set of resolved questions, with the count ``n`` it rests on."""

    n: int
    n_yes: int
    brier: float | None
    log_score: float | None
    baseline: float | None
    discrimination: float | None
    decomposition: Decomposition | None
    bins: tuple[CalibrationBin, ...]


def brier(probability: float, outcome: int) -> float:
    """Brier score ``(p - o)²`` of one forecast (Brier 1950)."""
    return (probability - outcome) ** 2


def log_score(probability: float, outcome: int) -> float:
    """Logarithmic score ``ln q`` (Good 1952); ``-inf`` when the outcome was given 0."""
    q = probability if outcome else 1.0 - probability
    return math.log(q) if q > 0 else -math.inf


def baseline_score(probability: float, outcome: int) -> float:
    """Baseline score ``100 · log2(q / 0.5)``; ``-inf`` when the outcome was given 0."""
    q = probability if outcome else 1.0 - probability
    return 100.0 * math.log2(q / 0.5) if q > 0 else -math.inf


def bin_index(probability: float, *, n_bins: int = N_BINS) -> int:
    """The calibration bin of ``probability``: ``[i/n, (i+1)/n)``, the last one closed.

    A probability on an edge (0.1, 0.2 …) goes to the bin it opens; the tolerance
    absorbs binary rounding (``0.7 * 10`` is ``7.000000000000001``, ``0.29 * 10`` is not 3).
    """
    return min(int(probability * n_bins + 1e-9), n_bins - 1)


def calibration_bins(
    probabilities: Sequence[float], outcomes: Sequence[int], *, n_bins: int = N_BINS
) -> tuple[CalibrationBin, ...]:
    """Equal-width calibration bins; their counts sum to ``len(probabilities)``."""
    counts = [0] * n_bins
    sums = [0.0] * n_bins
    yes = [0] * n_bins
    for p, o in zip(probabilities, outcomes, strict=True):
        i = bin_index(p, n_bins=n_bins)
        counts[i] += 1
        sums[i] += p
        yes[i] += o
    return tuple(
        CalibrationBin(
            lower=i / n_bins,
            upper=(i + 1) / n_bins,
            count=counts[i],
            mean_probability=sums[i] / counts[i] if counts[i] else None,
            observed_frequency=yes[i] / counts[i] if counts[i] else None,
        )
        for i in range(n_bins)
    )


def decomposition(probabilities: Sequence[float], outcomes: Sequence[int]) -> Decomposition:
    """Murphy (1973) over groups of equal probability; exact: ``Brier = REL - RES + UNC``."""
    n = len(probabilities)
    groups: dict[float, list[int]] = defaultdict(lambda: [0, 0])
    for p, o in zip(probabilities, outcomes, strict=True):
        group = groups[p]
        group[0] += 1
        group[1] += o
    base = sum(outcomes) / n
    reliability = sum(c * (p - y / c) ** 2 for p, (c, y) in groups.items()) / n
    resolution = sum(c * (y / c - base) ** 2 for c, y in groups.values()) / n
    return Decomposition(reliability, resolution, base * (1.0 - base))


def discrimination(probabilities: Sequence[float], outcomes: Sequence[int]) -> float | None:
    """Area under the ROC curve by average ranks; None unless both outcomes occur."""
    n_yes = sum(outcomes)
    n_no = len(outcomes) - n_yes
    if n_yes == 0 or n_no == 0:
        return None
    order = sorted(range(len(probabilities)), key=probabilities.__getitem__)
    rank_sum = 0.0
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and probabilities[order[j + 1]] == probabilities[order[i]]:
            j += 1
        average_rank = (i + j) / 2 + 1
        rank_sum += average_rank * sum(outcomes[order[k]] for k in range(i, j + 1))
        i = j + 1
    return (rank_sum - n_yes * (n_yes + 1) / 2) / (n_yes * n_no)


def score(
    probabilities: Sequence[float],
    outcomes: Sequence[int],
    *,
    n_bins: int = N_BINS,
    min_for_decomposition: int = MIN_FOR_DECOMPOSITION,
) -> Scores:
    """Every figure for resolved forecasts (means over questions; None when there are none)."""
    n = len(probabilities)
    if n != len(outcomes):
        raise ValueError(f"outcomes: {len(outcomes)} values for {n} probabilities")
    if n == 0:
        return Scores(0, 0, None, None, None, None, None, calibration_bins([], [], n_bins=n_bins))
    return Scores(
        n=n,
        n_yes=sum(outcomes),
        brier=math.fsum(brier(p, o) for p, o in zip(probabilities, outcomes, strict=True)) / n,
        log_score=sum(log_score(p, o) for p, o in zip(probabilities, outcomes, strict=True)) / n,
        baseline=sum(baseline_score(p, o) for p, o in zip(probabilities, outcomes, strict=True)) / n,
        discrimination=discrimination(probabilities, outcomes),
        decomposition=(
            decomposition(probabilities, outcomes) if n >= min_for_decomposition else None
        ),
        bins=calibration_bins(probabilities, outcomes, n_bins=n_bins),
    )


GroupBy = Literal["author", "source", "topic", "horizon"]
GROUP_BYS: tuple[GroupBy, ...] = ("author", "source", "topic", "horizon")


@dataclass(frozen=True)
class GroupScores:
    """The scores of the questions sharing one value of the grouping key."""

    group: str
    scores: Scores


@dataclass(frozen=True)
class LedgerScores:
    """Scores overall and per group, and why the other questions were left out.

    ``pending`` are resolved questions whose horizon has not passed yet (an early yes
    would bias calibration); ``open`` are unresolved; ``annulled`` and
    ``unresolvable`` never count.
    """

    overall: Scores
    groups: tuple[GroupScores, ...]
    by: GroupBy | None
    today: date
    pending: int
    open: int
    annulled: int
    unresolvable: int


def counts_toward_score(question: Question, *, today: date) -> bool:
    """Whether a question is resolved yes/no and its horizon end (if any) has passed."""
    resolution = question.resolution
    if question.status == "unresolvable" or resolution is None:
        return False
    if resolution.outcome == "annulled":
        return False
    return question.close_date is None or question.close_date < today


def horizon_group(question: Question) -> str:
    """A question's horizon length from publication to close: ``≤1y``, ``1-5y``, ``>5y``, ``none``."""
    if question.close_date is None or question.opened is None:
        return "none"
    years = (question.close_date - question.opened).days / 365.25
    if years <= 1:
        return "≤1y"
    return "1-5y" if years <= 5 else ">5y"


def _group_key(question: Question, by: GroupBy) -> str:
    if by == "horizon":
        return horizon_group(question)
    value = getattr(question, by)
    return value if value else "(unknown)"


def score_questions(
    questions: Sequence[Question],
    *,
    by: GroupBy | None = None,
    today: date | None = None,
    n_bins: int = N_BINS,
    min_for_decomposition: int = MIN_FOR_DECOMPOSITION,
) -> LedgerScores:
    """Score the questions that count (see :func:`counts_toward_score`), overall and by group."""
    when = today or date.today()
    counted = [q for q in questions if counts_toward_score(q, today=when)]
    options = {"n_bins": n_bins, "min_for_decomposition": min_for_decomposition}
    grouped: dict[str, list[Question]] = defaultdict(list)
    for question in counted if by is not None else []:
        grouped[_group_key(question, by)].append(question)
    resolved = [q for q in questions if q.resolution is not None and q.status == "open"]
    return LedgerScores(
        overall=_score_of(counted, **options),
        groups=tuple(GroupScores(k, _score_of(v, **options)) for k, v in sorted(grouped.items())),
        by=by,
        today=when,
        pending=sum(
            1 for q in resolved if q.resolution and q.resolution.outcome != "annulled"
        ) - len(counted),
        open=sum(1 for q in questions if q.resolution is None and q.status == "open"),
        annulled=sum(1 for q in resolved if q.resolution and q.resolution.outcome == "annulled"),
        unresolvable=sum(1 for q in questions if q.status == "unresolvable"),
    )


def _score_of(questions: Sequence[Question], *, n_bins: int, min_for_decomposition: int) -> Scores:
    outcomes = [1 if q.resolution and q.resolution.outcome == "yes" else 0 for q in questions]
    return score(
        [q.probability for q in questions],
        outcomes,
        n_bins=n_bins,
        min_for_decomposition=min_for_decomposition,
    )
