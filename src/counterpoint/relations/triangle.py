"""The strategic triangle: Dittmer's configuration of three actors per period.

Lowell Dittmer, "The Strategic Triangle: An Elementary Game-Theoretical Analysis",
*World Politics* 33(4), 1981, types a triangle by which of its three dyads are amicable
(+) and which hostile (-):

    + + +   menage a trois     all three on good terms
    + + -   romantic triangle  a pivot on good terms with two wings hostile to each other
    + - -   stable marriage    two partners, both hostile to the pariah
    - - -   unit veto          all three hostile

A dyad's sign in a period comes from its net intensity (``series``): ``+`` when
``net >= MIN_NET``, ``-`` when ``net <= -MIN_NET``, and no sign when the dyad has fewer
than ``MIN_EVENTS`` distinct events in the period or a net closer to zero than
``MIN_NET``. A triangle with an unsigned dyad is "not enough evidence". The thresholds
(one event; |net| >= 1, a single talk's worth on the -10..+10 scale) are deliberately low
for short corpora of op-eds; raise ``min_events`` for event datasets.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

from counterpoint.relations.series import DyadSeries, EventTable, SeriesPoint, dyad_series

MIN_EVENTS = 1
MIN_NET = 1.0
Configuration = Literal[
    "menage a trois", "romantic triangle", "stable marriage", "unit veto", "not enough evidence"
]
Sign = Literal[1, -1] | None


def dyad_sign(
    point: SeriesPoint | None, *, min_events: int = MIN_EVENTS, min_net: float = MIN_NET
) -> Sign:
    """The sign of a dyad in one period, or None below the evidence thresholds."""
    if point is None or point.n < min_events or abs(point.net) < min_net:
        return None
    return 1 if point.net > 0 else -1


@dataclass(frozen=True)
class Classification:
    """A configuration with its pivot (romantic triangle) or pariah (stable marriage)."""

    configuration: Configuration
    pivot: str | None = None
    pariah: str | None = None


def classify(signs: Mapping[frozenset[str], Sign]) -> Classification:
    """Dittmer's type from the signs of the three dyads of three actors.

    ``signs`` maps each dyad (a frozenset of two codes) to +1, -1 or None.

    Example:
        >>> s = {frozenset("AB"): 1, frozenset("AC"): 1, frozenset("BC"): -1}
        >>> classify(s)
        Classification(configuration='romantic triangle', pivot='A', pariah=None)
    """
    if len(signs) != 3 or len(frozenset().union(*signs)) != 3:
        raise ValueError("a triangle needs the three dyads of three actors")
    if any(sign is None for sign in signs.values()):
        return Classification("not enough evidence")
    positive = [dyad for dyad, sign in signs.items() if sign == 1]
    if len(positive) == 3:
        return Classification("menage a trois")
    if len(positive) == 2:
        (pivot,) = positive[0] & positive[1]
        return Classification("romantic triangle", pivot=pivot)
    if len(positive) == 1:
        negative = [dyad for dyad, sign in signs.items() if sign == -1]
        (pariah,) = negative[0] & negative[1]
        return Classification("stable marriage", pariah=pariah)
    return Classification("unit veto")


@dataclass(frozen=True)
class TrianglePeriod:
    """One period: the configuration and, per dyad, its point (None: no events) and sign."""

    start: int
    end: int
    classification: Classification
    dyads: tuple[tuple[str, str, SeriesPoint | None, Sign], ...]


@dataclass(frozen=True)
class Triangle:
    """A triangle's configuration per period, with the series each rests on."""

    actors: tuple[str, str, str]
    period: int
    periods: tuple[TrianglePeriod, ...]
    series: tuple[DyadSeries, ...]


def triangle(
    table: EventTable,
    actors: Sequence[str],
    *,
    period: int = 10,
    min_events: int = MIN_EVENTS,
    min_net: float = MIN_NET,
) -> Triangle:
    """Classify the triangle of three actors in every period where any dyad has events."""
    a, b, c = actors
    if len({a, b, c}) != 3:
        raise ValueError("a triangle needs three different actors")
    series = tuple(dyad_series(table, x, y, period=period) for x, y in combinations((a, b, c), 2))
    starts = sorted({p.start for s in series for p in s.points})
    periods = []
    for start in starts:
        rows = []
        for s in series:
            point = next((p for p in s.points if p.start == start), None)
            rows.append((s.a, s.b, point, dyad_sign(point, min_events=min_events, min_net=min_net)))
        signs = {frozenset((x, y)): sign for x, y, _, sign in rows}
        periods.append(TrianglePeriod(start, start + period - 1, classify(signs), tuple(rows)))
    return Triangle((a, b, c), period, tuple(periods), series)
