"""Align claims across documents by topic and actors, lexical similarity as a tie-breaker.

Every unit (see :mod:`counterpoint.compare.units`) becomes one row of a feature matrix
``F`` made of three L2-normalised blocks, each scaled by the square root of its weight:

* topics (``topics.v1``), weighted by their smoothed inverse frequency over the units,
  ``idf(t) = ln((N + 1) / (df(t) + 1)) + 1``;
* terms (content lemmas folded by ``concepts.v1``), idf-weighted and hashed into
  ``HASH_DIM`` columns (a collision only adds a little noise to the tie-breaker);
* cited events (year and actors), hashed into ``EVENT_DIM`` columns;

so that one matrix product gives, for units ``a`` and ``b``::

    score(a, b) = TOPIC_WEIGHT * cos_topics + TERM_WEIGHT * cos_terms + EVENT_WEIGHT * cos_events

A pair is a candidate only when the two claims come from different documents, share an
actor code, and share a topic or a cited event. Narrative claims (past events told as
history) take part only when both cite the same event: two authors agree or disagree
about propositions, and most narration is background, not a proposition.

Selection per pair of documents keeps a pair when it scores at least ``THRESHOLD`` and
``b`` is among ``a``'s ``TOP_K`` best partners in ``b``'s document *and* ``a`` among
``b``'s ``TOP_K`` best in ``a``'s (mutual best matches are the case ``TOP_K = 1``, which
missed partners that come second to a near-paraphrase); at most ``PER_DOC_PAIR`` pairs
per document pair, best first.

Cost: the product is computed one document (block-row) at a time against the documents
after it, so memory stays at ``units_per_doc x N``; time grows with N^2 only in the
matrix product (fast, vectorised) and linearly in the pairs kept.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from counterpoint.compare.units import Unit
from counterpoint.compare.vectors import embed, table

TOPIC_WEIGHT = 0.3
TERM_WEIGHT = 0.6
EVENT_WEIGHT = 0.10
HASH_DIM = 1024
EVENT_DIM = 64
# With word vectors installed (counterpoint[vectors]) a semantic block joins the matrix
# and the hashed terms give up part of their weight to it.
SEMANTIC_WEIGHT = 0.3
TERM_WEIGHT_WITH_VECTORS = 0.4
THRESHOLD = 0.2
TOP_K = 2
PER_DOC_PAIR = 40


@dataclass(frozen=True)
class Candidate:
    """Two units of different documents, their score and the topics they share."""

    a: Unit
    b: Unit
    score: float
    shared: tuple[str, ...]


def _idf(sets: Sequence[frozenset[str]]) -> dict[str, float]:
    df: Counter[str] = Counter(t for s in sets for t in s)
    n = len(sets)
    return {t: math.log((n + 1) / (c + 1)) + 1 for t, c in df.items()}


def _hash(term: str, size: int) -> int:
    return zlib.crc32(term.encode("utf-8")) % size


def _block(rows: Sequence[dict[int, float]], width: int, weight: float) -> np.ndarray:
    matrix = np.zeros((len(rows), width), dtype=np.float32)
    for i, row in enumerate(rows):
        for j, value in row.items():
            matrix[i, j] += value
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms * math.sqrt(weight)


def features(units: Sequence[Unit]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """The scaled feature matrix, the actor incidence, the topic incidence, topic names."""
    topic_idf = _idf([u.topics for u in units])
    term_idf = _idf([u.terms for u in units])
    topics = sorted(topic_idf)
    index = {t: i for i, t in enumerate(topics)}
    topic_rows = [{index[t]: topic_idf[t] for t in u.topics} for u in units]
    term_rows = []
    for u in units:
        row: dict[int, float] = {}
        for term in sorted(u.terms):  # a fixed order: colliding terms sum the same way
            key = _hash(term, HASH_DIM)
            row[key] = row.get(key, 0.0) + term_idf[term]
        term_rows.append(row)
    event_rows = [{_hash(repr(e), EVENT_DIM): 1.0 for e in u.events} for u in units]
    vectors = table()
    blocks = [_block(topic_rows, len(topics) or 1, TOPIC_WEIGHT)]
    if vectors is None:
        blocks.append(_block(term_rows, HASH_DIM, TERM_WEIGHT))
    else:
        blocks.append(_block(term_rows, HASH_DIM, TERM_WEIGHT_WITH_VECTORS))
        semantic = embed([u.lemmas for u in units], vectors)
        blocks.append(semantic * np.float32(math.sqrt(SEMANTIC_WEIGHT)))
    # The event block stays last: candidates() reads it as the final EVENT_DIM columns.
    blocks.append(_block(event_rows, EVENT_DIM, EVENT_WEIGHT))
    scaled = np.hstack(blocks)
    codes = sorted({a for u in units for a in u.actors})
    at = {c: i for i, c in enumerate(codes)}
    actors = np.zeros((len(units), len(codes) or 1), dtype=np.float32)
    for i, u in enumerate(units):
        for code in u.actors:
            actors[i, at[code]] = 1.0
    incidence = (_block(topic_rows, len(topics) or 1, 1.0) > 0).astype(np.float32)
    return scaled, actors, incidence, topics


def candidates(units: Sequence[Unit]) -> list[Candidate]:
    """Selected pairs of every pair of documents, best first (see the module docstring)."""
    if not units:
        return []
    order = sorted(range(len(units)), key=lambda i: (units[i].doc, units[i].index))
    units = [units[i] for i in order]
    scaled, actors, topics, names = features(units)
    events = scaled[:, -EVENT_DIM:]
    narrative = np.array([u.narrative for u in units])
    docs = [u.doc for u in units]
    bounds = [0] + [i for i in range(1, len(docs)) if docs[i] != docs[i - 1]] + [len(docs)]
    found: list[Candidate] = []
    for d in range(len(bounds) - 2):
        lo, hi = bounds[d], bounds[d + 1]
        rest = slice(hi, len(units))
        score = scaled[lo:hi] @ scaled[rest].T
        shared_topic = (topics[lo:hi] @ topics[rest].T) > 0
        shared_event = (events[lo:hi] @ events[rest].T) > 0
        shared_actor = (actors[lo:hi] @ actors[rest].T) > 0
        story = narrative[lo:hi, None] | narrative[None, hi:]
        allowed = shared_actor & (shared_topic | shared_event) & (~story | shared_event)
        score = np.where(allowed, score, 0.0)
        for e in range(d + 1, len(bounds) - 1):
            block = score[:, bounds[e] - hi : bounds[e + 1] - hi]
            for i, j in _select(block):
                a, b = units[lo + i], units[bounds[e] + j]
                shared = tuple(sorted(a.topics & b.topics))
                found.append(Candidate(a, b, float(block[i, j]), shared))
    return sorted(found, key=lambda c: (-c.score, c.a.doc, c.a.start, c.b.doc, c.b.start))


def _ranks(block: np.ndarray, axis: int) -> np.ndarray:
    """1 + how many entries of the same row (axis=1) or column (axis=0) score higher."""
    order = np.argsort(-block, axis=axis, kind="stable")
    ranks = np.empty_like(order)
    positions = np.arange(block.shape[axis])
    if axis == 1:
        np.put_along_axis(ranks, order, positions[None, :], axis=1)
    else:
        np.put_along_axis(ranks, order, positions[:, None], axis=0)
    return ranks + 1


def _select(block: np.ndarray) -> list[tuple[int, int]]:
    """Pairs at or above ``THRESHOLD`` that rank in the top ``TOP_K`` of their row and column.

    A clause's best partner is often second to a near-paraphrase elsewhere in the other
    document, so mutual best matches alone miss them; the rank condition on both sides
    keeps the choice symmetric and bounded (at most ``TOP_K`` partners per clause), and
    at most ``PER_DOC_PAIR`` pairs are kept per pair of documents, best first.
    """
    if block.size == 0 or float(block.max()) < THRESHOLD:
        return []
    keep = (block >= THRESHOLD) & (_ranks(block, 1) <= TOP_K) & (_ranks(block, 0) <= TOP_K)
    chosen = [(int(i), int(j)) for i, j in zip(*np.nonzero(keep), strict=True)]
    chosen.sort(key=lambda ij: -float(block[ij]))
    return chosen[:PER_DOC_PAIR]


def select(found: Sequence[Candidate]) -> list[Candidate]:
    """Kept for the call sites: :func:`candidates` already selects per document pair."""
    return list(found)
