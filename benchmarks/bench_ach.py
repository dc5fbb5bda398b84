"""Speed of ACH scoring with full sensitivity analysis on a large random matrix.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_ach.py``). A matrix of
50 hypotheses x 5,000 evidence items (random ratings, credibility and relevance, fixed
seed) is scored by Heuer, weighted and Bayesian methods, with diagnosticity, per-item
log-likelihood ratios and the sensitivity analysis of every method (removal and reversal
of every item, the items the lead rests on, what it takes to overtake). Two rows:

- arrays: ``build_matrix`` + ``score_matrix`` + ``sensitivity`` from a grid of codes;
- case: ``score_case`` on the same matrix as a :class:`Case` of frozen records, which also
  builds a result record per item and the explanation.

Each is the best of five rounds; the target is under one second.
"""

from __future__ import annotations

import argparse
import random
import time

import numpy as np

from counterpoint.ach import (
    Case,
    Evidence,
    Hypothesis,
    Source,
    build_matrix,
    score_case,
    score_matrix,
    sensitivity,
    weight_table,
)

CODES = ("CC", "C", "N", "I", "II", "NA")
LEVELS = ("low", "medium", "high")


def make(n_hyp: int, n_items: int, seed: int) -> tuple[list[list[str]], list[str], list[str]]:
    rnd = random.Random(seed)
    codes = [[rnd.choice(CODES) for _ in range(n_hyp)] for _ in range(n_items)]
    cred = [rnd.choice(LEVELS) for _ in range(n_items)]
    rel = [rnd.choice(LEVELS) for _ in range(n_items)]
    return codes, cred, rel


def as_case(codes: list[list[str]], cred: list[str], rel: list[str]) -> Case:
    ids = [f"H{j}" for j in range(len(codes[0]))]
    hypotheses = tuple(Hypothesis(h, f"hypothesis {h}", 1 / len(ids)) for h in ids)
    evidence = tuple(
        Evidence(
            id=f"E{i}",
            text=f"item {i}",
            type="fact",
            credibility=c,  # type: ignore[arg-type]
            relevance=r,  # type: ignore[arg-type]
            ratings=tuple(zip(ids, row, strict=True)),
            source=Source(external="synthetic"),
        )
        for i, (row, c, r) in enumerate(zip(codes, cred, rel, strict=True))
    )
    return Case("bench", "synthetic", hypotheses, evidence)


def best_of(rounds: int, work) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hypotheses", type=int, default=50)
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    codes, cred, rel = make(args.hypotheses, args.items, seed=7)
    weights = weight_table()
    w = np.array([weights[c] * weights[r] for c, r in zip(cred, rel, strict=True)])
    ids = [f"H{j}" for j in range(args.hypotheses)]

    def arrays() -> None:
        matrix = build_matrix(codes, hypothesis_ids=ids, weights=w)
        score_matrix(matrix)
        sensitivity(matrix)

    case = as_case(codes, cred, rel)
    t_arrays = best_of(args.rounds, arrays)
    t_case = best_of(args.rounds, lambda: score_case(case))
    size = f"{args.hypotheses} x {args.items:,}"
    print(f"{'ACH scoring + full sensitivity':<34} {'matrix':>12} {'seconds':>9} {'target':>8}")
    for name, seconds in (("arrays (build, score, sensitivity)", t_arrays), ("score_case", t_case)):
        verdict = "ok" if seconds < 1.0 else "SLOW"
        print(f"{name:<34} {size:>12} {seconds:>9.3f} {'< 1 s':>6} {verdict}")


if __name__ == "__main__":
    main()
