"""Dyadic cooperation/conflict series: counts per quad class and net intensity per period.

An event with actors ``(a0, a1, ..., ak)`` bears on every pair of them. The undirected
series of {X, Y} takes every distinct event whose actor set holds both. The directed
series X -> Y takes those where X is cited first and Y later: extracted events carry no
roles, and in the genre's sentences the first actor named is usually the one acting
("Moscow recalled its advisers from China"); reference entries list the initiator first.

Per period (``period`` years, starting at multiples of ``period``: 1950, 1960 ... for
decades) a point gives the number of events per CAMEO quad class, the net intensity
(the sum of the events' intensities on the -10..+10 scale of ``extract.event_lexicon``,
after Goldstein 1992) and the mean. Events dated to a decade or century are left out of
series (they cannot be placed in a year); they stay on the timeline.

The computation is columnar (numpy): ``EventTable`` explodes events into one row per
(event, ordered actor pair) once; each series is then a mask and a ``bincount``, so a
million events take a fraction of a second (``benchmarks/bench_relations.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from counterpoint.relations.events import DistinctEvent

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
_QUAD_INDEX = {q: i for i, q in enumerate(QUADS)}
DATED = frozenset({"day", "month", "year"})


@dataclass(frozen=True)
class EventTable:
    """Events as columns, one row per (event, ordered actor pair) with the earlier actor first.

    ``event`` indexes the source sequence; ``first`` says the pair's first actor is the
    event's first actor (its initiator, for directed series).
    """

    codes: tuple[str, ...]
    event: npt.NDArray[np.int64]
    a: npt.NDArray[np.int32]
    b: npt.NDArray[np.int32]
    first: npt.NDArray[np.bool_]
    year: npt.NDArray[np.int32]
    quad: npt.NDArray[np.int8]
    intensity: npt.NDArray[np.float64]

    @classmethod
    def build(cls, events: Sequence[DistinctEvent]) -> EventTable:
        """Explode events with a year-or-finer date and two actors or more into pair rows."""
        index: dict[str, int] = {}
        rows: list[tuple[int, int, int, bool]] = []
        for n, event in enumerate(events):
            if event.precision not in DATED or len(event.actors) < 2:
                continue
            ids = [index.setdefault(code, len(index)) for code in dict.fromkeys(event.actors)]
            rows.extend((n, ids[i], ids[j], i == 0) for i, j in combinations(range(len(ids)), 2))
        columns = np.array(rows, dtype=np.int64).reshape(-1, 4)
        picked = columns[:, 0]
        years = np.fromiter(
            (int(e.date[:4]) if e.precision in DATED else 0 for e in events), np.int32, len(events)
        )
        quads = np.fromiter((_QUAD_INDEX[e.quad] for e in events), np.int8, len(events))
        levels = np.fromiter((e.intensity for e in events), np.float64, len(events))
        return cls(
            codes=tuple(index),
            event=picked,
            a=columns[:, 1].astype(np.int32),
            b=columns[:, 2].astype(np.int32),
            first=columns[:, 3].astype(bool),
            year=years[picked],
            quad=quads[picked],
            intensity=levels[picked],
        )

    def rows_for(self, x: str, y: str, *, directed: bool) -> npt.NDArray[np.int64]:
        """Row numbers of the dyad: X -> Y when ``directed``, else {X, Y}."""
        if x not in self.codes or y not in self.codes or x == y:
            return np.empty(0, dtype=np.int64)
        i, j = self.codes.index(x), self.codes.index(y)
        forward = (self.a == i) & (self.b == j)
        if directed:
            # Rows keep citation order, so X -> Y is a row (X, Y) whose X is the first actor.
            return np.flatnonzero(forward & self.first)
        return np.flatnonzero(forward | ((self.a == j) & (self.b == i)))


@dataclass(frozen=True)
class SeriesPoint:
    """One period of a dyad's series."""

    start: int
    end: int
    counts: tuple[int, int, int, int]
    net: float
    events: tuple[int, ...]

    @property
    def n(self) -> int:
        """Number of distinct events in the period."""
        return sum(self.counts)

    @property
    def mean(self) -> float:
        """Mean intensity (0 for an empty period)."""
        return self.net / self.n if self.n else 0.0


@dataclass(frozen=True)
class DyadSeries:
    """A dyad's series: ``points`` only for periods with events, in time order."""

    a: str
    b: str
    directed: bool
    period: int
    points: tuple[SeriesPoint, ...]


def bin_start(years: npt.NDArray[np.int32], period: int) -> npt.NDArray[np.int32]:
    """First year of each year's period: ``period * floor(year / period)``."""
    return (years // period) * period


def dyad_series(
    table: EventTable, a: str, b: str, *, period: int = 1, directed: bool = False
) -> DyadSeries:
    """The series of one dyad over the events in ``table``.

    Formula per period p: ``count_q = #{e in p : quad(e) = q}``, ``net = sum intensity(e)``
    over distinct events e of the dyad (an event bears on a dyad once).
    """
    if period < 1:
        raise ValueError("period must be a positive number of years")
    rows = table.rows_for(a, b, directed=directed)
    if not len(rows):
        return DyadSeries(a, b, directed, period, ())
    # One row per event and dyad: the same event cannot fall into the dyad twice.
    events, first = np.unique(table.event[rows], return_index=True)
    rows = rows[first]
    starts = bin_start(table.year[rows], period)
    bins, inverse = np.unique(starts, return_inverse=True)
    counts = np.zeros((len(bins), len(QUADS)), dtype=np.int64)
    np.add.at(counts, (inverse, table.quad[rows]), 1)
    net = np.bincount(inverse, weights=table.intensity[rows], minlength=len(bins))
    order = np.argsort(inverse, kind="stable")
    split = np.split(events[order], np.cumsum(np.bincount(inverse, minlength=len(bins)))[:-1])
    points = tuple(
        SeriesPoint(
            start=int(start),
            end=int(start) + period - 1,
            counts=(int(c[0]), int(c[1]), int(c[2]), int(c[3])),
            net=round(float(total), 6),
            events=tuple(int(e) for e in members),
        )
        for start, c, total, members in zip(bins, counts, net, split, strict=True)
    )
    return DyadSeries(a, b, directed, period, points)


def dyads(table: EventTable) -> list[tuple[str, str]]:
    """Every unordered pair of actor codes that share an event, sorted."""
    width = max(len(table.codes), 1)
    found = np.unique(table.a.astype(np.int64) * width + table.b).tolist()
    pairs = {tuple(sorted((table.codes[k // width], table.codes[k % width]))) for k in found}
    return sorted((p[0], p[1]) for p in pairs)
