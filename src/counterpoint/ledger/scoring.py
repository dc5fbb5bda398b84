"""Scoring resolved questions: proper scores, calibration, discrimination, decomposition.

Every score takes ``probability`` = P(yes) and ``outcome`` = 1 (yes) or 0 (no).

- Brier score (Brier 1950): ``(p - o)²``; 0 is perfect, lower is better.
- Logarithmic score (Good 1952): ``ln q`` where ``q`` is the probability given to the
  outcome that happened (``p`` if yes, ``1 - p`` if no); 0 is perfect, higher is better.
- Baseline score (as forecasting platforms show it): ``100 · log2(q / 0.5)``; 0 for a
  coin flip, 100 for certainty on the right side, negative when worse than 50 %.
  Both logarithmic scores floor ``q`` at ``LOG_FLOOR`` (0.001, the bound forecasting
  platforms put on inputs), so one 0 % call that came true costs ``ln 0.001`` ≈ −6.9
  (baseline ≈ −897) instead of making every mean −∞.
- Murphy's decomposition (Murphy 1973), over groups ``k`` of equal forecasts:
  ``Brier = REL - RES + UNC``, ``REL = 1/N Σ n_k (f_k - ō_k)²``,
  ``RES = 1/N Σ n_k (ō_k - ō)²``, ``UNC = ō (1 - ō)``; the identity is exact.
- Discrimination: the area under the ROC curve (Hanley & McNeil 1982), the chance that
  a question that came true was given a higher probability than one that did not
  (ties count half), from the Mann-Whitney rank sum.
- Calibration bins: ten equal-width bins ``[i/10, (i+1)/10)``, the last closed, with the
  observed frequency and its Wilson (1927) 95 % interval, so a bin resting on one
  question shows how little it says.

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

import numpy as np
import numpy.typing as npt

from counterpoint.ledger.questions import Question

N_BINS = 10
MIN_FOR_DECOMPOSITION = 10
LOG_FLOOR = 0.001
WILSON_Z = 1.959964  # two-sided 95 %

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class CalibrationBin:
    """Questions whose probability fell in ``[lower, upper)`` (the last bin includes 1).

    ``low`` and ``high`` bound the observed frequency (Wilson 95 % interval).
    """

    lower: float
    upper: float
    count: int
    mean_probability: float | None
    observed_frequency: float | None
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Decomposition:
    """Murphy's decomposition of the mean Brier score: ``REL - RES + UNC``."""

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
    mean_probability: float | None = None


def brier(probability: float, outcome: int) -> float:
    """Brier score ``(p - o)²`` of one forecast (Brier 1950)."""
    return (probability - outcome) ** 2


def log_score(probability: float, outcome: int) -> float:
    """Logarithmic score ``ln max(q, LOG_FLOOR)`` (Good 1952), ``q`` given to what happened."""
    q = probability if outcome else 1.0 - probability
    return math.log(max(q, LOG_FLOOR))


def baseline_score(probability: float, outcome: int) -> float:
    """Baseline score ``100 · log2(max(q, LOG_FLOOR) / 0.5)``; 0 for a coin flip."""
    q = probability if outcome else 1.0 - probability
    return 100.0 * math.log2(max(q, LOG_FLOOR) / 0.5)


def bin_index(probability: float, *, n_bins: int = N_BINS) -> int:
    """The calibration bin of ``probability``: ``[i/n, (i+1)/n)``, the last one closed.

    A probability on an edge (0.1, 0.2 …) goes to the bin it opens; the tolerance
    absorbs binary rounding (``0.7 * 10`` is ``7.000000000000001``, ``0.29 * 10`` is not 3).
    """
    return min(int(probability * n_bins + 1e-9), n_bins - 1)


def wilson_interval(successes: float, n: int, *, z: float = WILSON_Z) -> tuple[float, float]:
    """Wilson score interval of a proportion.

    ``(p̂ + z²/2n ± z·√(p̂(1-p̂)/n + z²/4n²)) / (1 + z²/n)`` with ``p̂ = successes / n``.
    """
    p = successes / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    scale = 1 + z * z / n
    # Rounding can put a bound a hair past p̂ when p̂ is 0 or 1; the interval holds p̂.
    return min(p, max(0.0, (centre - spread) / scale)), max(p, min(1.0, (centre + spread) / scale))


def calibration_bins(
    probabilities: Sequence[float] | FloatArray,
    outcomes: Sequence[int] | FloatArray,
    *,
    n_bins: int = N_BINS,
) -> tuple[CalibrationBin, ...]:
    """Equal-width calibration bins; their counts sum to ``len(probabilities)``."""
    p = np.asarray(probabilities, dtype=np.float64)
    o = np.asarray(outcomes, dtype=np.float64)
    index = np.minimum(np.floor(p * n_bins + 1e-9).astype(np.int64), n_bins - 1)
    counts = np.bincount(index, minlength=n_bins)
    sums = np.bincount(index, weights=p, minlength=n_bins)
    yes = np.bincount(index, weights=o, minlength=n_bins)
    bins = []
    for i in range(n_bins):
        count = int(counts[i])
        low, high = wilson_interval(float(yes[i]), count) if count else (None, None)
        bins.append(
            CalibrationBin(
                lower=i / n_bins,
                upper=(i + 1) / n_bins,
                count=count,
                mean_probability=float(sums[i] / count) if count else None,
                observed_frequency=float(yes[i] / count) if count else None,
                low=low,
                high=high,
            )
        )
    return tuple(bins)


def decomposition(
    probabilities: Sequence[float] | FloatArray, outcomes: Sequence[int] | FloatArray
) -> Decomposition:
    """Murphy (1973) over groups of equal probability; exact: ``Brier = REL - RES + UNC``."""
    p = np.asarray(probabilities, dtype=np.float64)
    o = np.asarray(outcomes, dtype=np.float64)
    values, inverse, counts = np.unique(p, return_inverse=True, return_counts=True)
    frequency = np.bincount(inverse, weights=o) / counts
    base = float(o.mean())
    reliability = float(np.sum(counts * (values - frequency) ** 2) / len(p))
    resolution = float(np.sum(counts * (frequency - base) ** 2) / len(p))
    return Decomposition(reliability, resolution, base * (1.0 - base))


def discrimination(
    probabilities: Sequence[float] | FloatArray, outcomes: Sequence[int] | FloatArray
) -> float | None:
    """Area under the ROC curve by average ranks; None unless both outcomes occur.

    ``AUC = (R_yes - n_yes (n_yes + 1) / 2) / (n_yes · n_no)`` with ``R_yes`` the sum of
    the (tie-averaged) ranks of the questions that came true.
    """
    p = np.asarray(probabilities, dtype=np.float64)
    o = np.asarray(outcomes, dtype=np.float64)
    n_yes = float(o.sum())
    n_no = len(o) - n_yes
    if n_yes == 0 or n_no == 0:
        return None
    _, inverse, counts = np.unique(p, return_inverse=True, return_counts=True)
    average_rank = np.cumsum(counts) - (counts - 1) / 2.0
    rank_sum = float(np.sum(average_rank[inverse] * o))
    return (rank_sum - n_yes * (n_yes + 1) / 2) / (n_yes * n_no)


def score(
    probabilities: Sequence[float] | FloatArray,
    outcomes: Sequence[int] | FloatArray,
    *,
    n_bins: int = N_BINS,
    min_for_decomposition: int = MIN_FOR_DECOMPOSITION,
) -> Scores:
    """Every figure for resolved forecasts (means over questions; None when there are none).

    Raises:
        ValueError: the lengths differ, a probability is outside [0, 1] or an outcome
            is not 0 or 1.
    """
    p = np.asarray(probabilities, dtype=np.float64)
    o = np.asarray(outcomes, dtype=np.float64)
    n = len(p)
    if n != len(o):
        raise ValueError(f"outcomes: {len(o)} values for {n} probabilities")
    if n and (np.isnan(p).any() or p.min() < 0 or p.max() > 1):
        raise ValueError("probabilities: every value must lie in [0, 1]")
    if n and not np.isin(o, (0.0, 1.0)).all():
        raise ValueError("outcomes: every value must be 0 or 1")
    bins = calibration_bins(p, o, n_bins=n_bins)
    if n == 0:
        return Scores(0, 0, None, None, None, None, None, bins)
    q = np.maximum(np.where(o == 1.0, p, 1.0 - p), LOG_FLOOR)
    return Scores(
        n=n,
        n_yes=int(o.sum()),
        brier=float(np.mean((p - o) ** 2)),
        log_score=float(np.mean(np.log(q))),
        baseline=float(np.mean(100.0 * np.log2(q / 0.5))),
        discrimination=discrimination(p, o),
        decomposition=decomposition(p, o) if n >= min_for_decomposition else None,
        bins=bins,
        mean_probability=float(p.mean()),
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

    ``pending`` are resolved yes/no but their horizon has not passed yet (an early yes
    would bias calibration); ``open`` are unresolved; ``annulled`` and ``unresolvable``
    never count.
    """

    overall: Scores
    groups: tuple[GroupScores, ...]
    by: GroupBy | None
    today: date
    pending: int
    open: int
    annulled: int
    unresolvable: int


Standing = Literal["counted", "pending", "open", "annulled", "unresolvable"]


def standing(question: Question, *, today: date) -> Standing:
    """Where a question stands for scoring as of ``today``.

    ``counted`` once resolved yes or no and its horizon end (if any) has passed: the
    horizon end is the last day the outcome may happen, so it has passed on the day
    after. A question with no horizon counts as soon as it is resolved. ``pending``
    is resolved yes/no with the horizon still running (an early yes would bias
    calibration toward yes).
    """
    resolution = question.resolution
    if question.status == "unresolvable":
        return "unresolvable"
    if resolution is None:
        return "open"
    if resolution.outcome == "annulled":
        return "annulled"
    if question.close_date is not None and question.close_date >= today:
        return "pending"
    return "counted"


def counts_toward_score(question: Question, *, today: date) -> bool:
    """Whether a question counts toward the scores as of ``today`` (see :func:`standing`)."""
    return standing(question, today=today) == "counted"


def horizon_group(question: Question) -> str:
    """Horizon length from publication to close: ``≤1y``, ``1-5y``, ``>5y`` or ``none``."""
    if question.close_date is None or question.opened is None:
        return "none"
    years = (question.close_date - question.opened).days / 365.25
    if years <= 1:
        return "≤1y"
    return "1-5y" if years <= 5 else ">5y"


def group_key(question: Question, by: GroupBy) -> str:
    """The value of ``by`` for a question; ``(unknown)`` when it has none."""
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
    """Score the questions that count (see :func:`standing`), overall and by group."""
    when = today or date.today()
    tally: dict[str, int] = defaultdict(int)
    probabilities: list[float] = []
    outcomes: list[bool] = []
    index: dict[str, int] = {}
    group_of: list[int] = []
    for question in questions:
        where = standing(question, today=when)
        tally[where] += 1
        if where == "counted":
            probabilities.append(question.probability)
            outcomes.append(
                question.resolution is not None and question.resolution.outcome == "yes"
            )
            if by is not None:
                group_of.append(index.setdefault(group_key(question, by), len(index)))
    p = np.array(probabilities, dtype=np.float64)
    o = np.array(outcomes, dtype=np.float64)
    options = {"n_bins": n_bins, "min_for_decomposition": min_for_decomposition}
    groups: list[GroupScores] = []
    if group_of:
        inverse = np.array(group_of, dtype=np.int64)
        order = np.argsort(inverse, kind="stable")
        members = np.split(order, np.cumsum(np.bincount(inverse))[:-1])
        for name in sorted(index):
            chosen = members[index[name]]
            groups.append(GroupScores(name, score(p[chosen], o[chosen], **options)))
    return LedgerScores(
        overall=score(p, o, **options),
        groups=tuple(groups),
        by=by,
        today=when,
        pending=tally["pending"],
        open=tally["open"],
        annulled=tally["annulled"],
        unresolvable=tally["unresolvable"],
    )
