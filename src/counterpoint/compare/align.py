"""Align claims across documents: an inverted index as the blocking step, then TF-IDF.

Every unit is a set of terms (see :mod:`counterpoint.compare.units`). A term's weight is
its smoothed inverse document frequency over all units of the comparison::

    idf(t) = ln((N + 1) / (df(t) + 1)) + 1

and two units score the cosine of their binary idf vectors plus small bonuses::

    score(a, b) = sum_{t in a & b} idf(t)^2 / (|a| |b|)     with |a| = sqrt(sum_{t in a} idf(t)^2)
                  + ACTOR_WEIGHT * jaccard(actors(a), actors(b))
                  + EVENT_WEIGHT * [a and b cite an event of the same year and actors]

Blocking: only units from different documents that share an indexed term or a dated
event are ever scored. Terms found in more than ``max(MIN_DF_CAP, DF_CAP_SHARE * N)``
units are not indexed (their idf is low and their postings are long), so the work grows
with the number of units that share informative words, not with the square of all units.
Units must share an actor code unless their lexical score alone passes the threshold.

Selection, per pair of documents: candidates scoring at least ``THRESHOLD`` are taken in
decreasing score, each unit joining at most ``PER_UNIT`` pairs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from counterpoint.compare.units import Unit

ACTOR_WEIGHT = 0.1
EVENT_WEIGHT = 0.15
THRESHOLD = 0.2
PER_UNIT = 2
MIN_DF_CAP = 20
DF_CAP_SHARE = 0.01


@dataclass(frozen=True)
class Candidate:
    """Two units of different documents, their score and the terms they share."""

    a: Unit
    b: Unit
    score: float
    shared: tuple[str, ...]


def _idf(units: Sequence[Unit]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for unit in units:
        for term in unit.terms:
            df[term] += 1
    n = len(units)
    return {term: math.log((n + 1) / (count + 1)) + 1 for term, count in df.items()}


def _blocks(units: Sequence[Unit], idf: dict[str, float]) -> dict[tuple[int, int], float]:
    """Dot products of every pair of units (of different documents) sharing an indexed term."""
    cap = max(MIN_DF_CAP, int(DF_CAP_SHARE * len(units)))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, unit in enumerate(units):
        for term in unit.terms:
            postings[term].append(i)
        for key in unit.events:
            postings[f"#event:{key}"].append(i)
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for term, ids in postings.items():
        if len(ids) < 2 or len(ids) > cap:
            continue
        weight = idf.get(term, 0.0) ** 2
        for x, i in enumerate(ids):
            doc = units[i].doc
            for j in ids[x + 1 :]:
                if units[j].doc != doc:
                    dots[(i, j)] += weight
    return dots


def candidates(units: Sequence[Unit]) -> list[Candidate]:
    """Score every blocked pair; return those at or above ``THRESHOLD``, best first."""
    idf = _idf(units)
    norms = [math.sqrt(sum(idf[t] ** 2 for t in u.terms)) or 1.0 for u in units]
    found = []
    for (i, j), dot in _blocks(units, idf).items():
        a, b = units[i], units[j]
        lexical = dot / (norms[i] * norms[j])
        union = a.actors | b.actors
        actor = len(a.actors & b.actors) / len(union) if union else 0.0
        if actor == 0.0 and lexical < THRESHOLD:
            continue
        score = lexical + ACTOR_WEIGHT * actor + EVENT_WEIGHT * bool(a.events & b.events)
        if score >= THRESHOLD:
            shared = tuple(sorted(a.terms & b.terms, key=lambda t: -idf[t]))
            first, second = (a, b) if a.doc <= b.doc else (b, a)
            found.append(Candidate(first, second, score, shared))
    return sorted(found, key=lambda c: (-c.score, c.a.doc, c.a.start, c.b.doc, c.b.start))


def select(found: Sequence[Candidate], *, per_unit: int = PER_UNIT) -> list[Candidate]:
    """Greedy by score: each unit joins at most ``per_unit`` pairs per other document."""
    used: dict[tuple[str, int, str], int] = defaultdict(int)
    chosen = []
    for candidate in found:
        a_key = (candidate.a.doc, candidate.a.index, candidate.b.doc)
        b_key = (candidate.b.doc, candidate.b.index, candidate.a.doc)
        if used[a_key] < per_unit and used[b_key] < per_unit:
            used[a_key] += 1
            used[b_key] += 1
            chosen.append(candidate)
    return chosen
