"""Dyadic series over 1,000,000 events: how long each step takes.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_relations.py [N]``).
Synthetic distinct events (fixed seed): random years 1650-2024, two or three actors
drawn from eight codes, random event types from the lexicon's types with their
intensities. Measured, best of three rounds:

- build: ``EventTable.build`` (records to numpy columns, one row per actor pair; one round);
- one series: ``dyad_series`` for CHN–RUS per year;
- all dyads: every dyad's series per decade;
- triangle: CHN–RUS–USA per decade.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from typing import Any

from counterpoint.extract.event_types import EVENT_TYPES
from counterpoint.relations.events import DistinctEvent, Source
from counterpoint.relations.series import EventTable, dyad_series, dyads
from counterpoint.relations.triangle import triangle

CODES = ("CHN", "RUS", "USA", "IND", "JPN", "VNM", "TWN", "KOR")


def synthetic(n: int, *, seed: int = 7) -> list[DistinctEvent]:
    """``n`` random distinct events (no text: only what series read)."""
    rng = random.Random(seed)
    source = (Source("bench", ""),)
    events = []
    for _ in range(n):
        kind = rng.choice(EVENT_TYPES)
        actors = tuple(rng.sample(CODES, rng.choice((2, 2, 3))))
        events.append(
            DistinctEvent(
                date=str(rng.randint(1650, 2024)),
                precision="year",
                actors=actors,
                quad=kind.quad,
                intensity=round(rng.uniform(kind.low, kind.high), 1),
                event_type=kind.name,
                label=kind.name,
                sources=source,
            )
        )
    return events


def best(fn: Callable[[], Any], rounds: int = 3) -> tuple[float, Any]:
    """Fastest of ``rounds`` runs, in seconds, and the last result."""
    times, result = [], None
    for _ in range(rounds):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    """Print a small table of timings."""
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    events = synthetic(n)
    build, table = best(lambda: EventTable.build(events), rounds=1)
    one, series = best(lambda: dyad_series(table, "CHN", "RUS"))
    every, found = best(lambda: [dyad_series(table, a, b, period=10) for a, b in dyads(table)])
    tri, _ = best(lambda: triangle(table, ("CHN", "RUS", "USA")))
    print(f"relations benchmark: {n:,} events, {len(table.a):,} actor-pair rows")
    print(f"{'step':<34}{'seconds':>10}")
    print(f"{'build EventTable':<34}{build:>10.3f}")
    print(f"{'series CHN–RUS per year':<34}{one:>10.3f}   ({len(series.points)} points)")
    print(f"{f'all {len(found)} dyads per decade':<34}{every:>10.3f}")
    print(f"{'triangle CHN–RUS–USA per decade':<34}{tri:>10.3f}")
    print(f"{'total (build + all dyads)':<34}{build + every:>10.3f}")


if __name__ == "__main__":
    main()
