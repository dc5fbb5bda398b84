"""Scoring speed of the forecast ledger: 100,000 resolved questions.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_ledger.py``). Questions
are generated in memory (fixed seed): probabilities on the ICD 203 points plus uniform
noise, outcomes drawn from them, a third with no horizon, the rest with one that has
passed, six authors. Timed, best of five rounds:

- ``score``: every figure (Brier, log, baseline, AUC, Murphy, bins) from the two arrays;
- ``score_questions``: the same from ``Question`` records, with the horizon rule applied,
  overall and broken down by author, as ``counterpoint forecasts score --by author`` does;
- ``store``: loading the questions back from a SQLite file and scoring them (once).

Target: ``score_questions`` well under one second. Prints a table; exits 0.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from counterpoint.ledger import Ledger, Question, Resolution, score, score_questions
from counterpoint.store import Store

TODAY = date(2026, 6, 1)
ICD203 = np.array([0.03, 0.12, 0.33, 0.5, 0.68, 0.88, 0.97])


def make_questions(n: int, *, seed: int = 1950) -> list[Question]:
    rng = np.random.default_rng(seed)
    p = np.clip(rng.choice(ICD203, size=n) + rng.normal(0, 0.03, size=n), 0.001, 0.999)
    yes = rng.uniform(size=n) < p
    opened = date(2019, 1, 1)
    questions = []
    for i in range(n):
        close = None if i % 3 == 0 else opened + timedelta(days=int(rng.integers(30, 2000)))
        questions.append(
            Question(
                title=f"question {i}",
                probability=float(p[i]),
                criteria="c",
                close_date=close,
                opened=opened,
                author=f"author {i % 6}",
                resolution=Resolution("yes" if yes[i] else "no", date(2025, 1, 1)),
            )
        )
    return questions


def best_of(rounds: int, run: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--store-n", type=int, default=5_000, help="questions for the store row")
    args = parser.parse_args()

    questions = make_questions(args.n)
    p = [q.probability for q in questions]
    o = [1 if q.resolution and q.resolution.outcome == "yes" else 0 for q in questions]
    rows = [
        ("score (arrays)", args.n, best_of(args.rounds, lambda: score(p, o))),
        (
            "score_questions --by author",
            args.n,
            best_of(args.rounds, lambda: score_questions(questions, by="author", today=TODAY)),
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "b.db")) as store:
        ledger = Ledger(store)
        ledger.import_questions(questions[: args.store_n], today=TODAY)
        start = time.perf_counter()
        score_questions(ledger.questions(), today=TODAY)
        rows.append(("load from SQLite + score", args.store_n, time.perf_counter() - start))

    print(f"{'step':<30} {'questions':>10} {'seconds':>9} {'per second':>12}")
    for name, n, seconds in rows:
        print(f"{name:<30} {n:>10,} {seconds:>9.3f} {n / seconds:>12,.0f}")


if __name__ == "__main__":
    main()
