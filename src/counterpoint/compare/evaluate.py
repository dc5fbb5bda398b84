"""Score predicted cross-document pairs and stances against ``gold/cross-document.json``.

Matching follows ``tests/data/eval/README.md``: a predicted pair matches a gold pair when
each of its two quotes overlaps the gold quote of the same article (in either order);
matching is one-to-one, greedy by the characters shared on both sides. Then::

    pair precision = matched / predicted       pair recall = matched / gold
    relation accuracy = (matched pairs with the gold relation) / matched
    stance accuracy = (gold stances whose document's predicted stance is equal) / gold stances

Gold stances are scored by running the comparison with the gold propositions as the case.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from counterpoint.evaluate import PairPrediction
    from counterpoint.records import Extraction


@dataclass(frozen=True)
class PairScores:
    """Pair precision and recall, relation accuracy on matched pairs, stance accuracy."""

    predicted: int
    gold: int
    matched: int
    precision: float | None
    recall: float | None
    relation_accuracy: float | None
    stance_accuracy: float | None
    stances_n: int


def pair_scores(
    matched_relations: Sequence[tuple[str, str]],
    *,
    predicted: int,
    gold: int,
    stances: Sequence[tuple[str, str]] = (),
) -> PairScores:
    """Figures from ``(gold relation, predicted relation)`` of each match and the counts.

    Example: two matches, one with the right relation, of 4 predicted and 5 gold pairs
    give precision 0.5, recall 0.4 and relation accuracy 0.5.
    """
    n = len(matched_relations)
    right = sum(g == p for g, p in matched_relations)
    stance_hits = sum(g == p for g, p in stances)
    return PairScores(
        predicted=predicted,
        gold=gold,
        matched=n,
        precision=n / predicted if predicted else None,
        recall=n / gold if gold else None,
        relation_accuracy=right / n if n else None,
        stance_accuracy=stance_hits / len(stances) if stances else None,
        stances_n=len(stances),
    )


def predicted_pairs(extractions: Sequence[Extraction]) -> list[PairPrediction]:
    """The comparison's pairs in the shape ``counterpoint.evaluate`` scores."""
    from counterpoint.compare import compare_documents
    from counterpoint.evaluate import PairPrediction

    comparison = compare_documents(extractions)
    return [
        PairPrediction(p.a_doc, p.a_start, p.a_end, p.b_doc, p.b_start, p.b_end, p.relation)
        for p in comparison.pairs
    ]


def predicted_stances(
    extractions: Sequence[Extraction], propositions: Sequence[str]
) -> list[tuple[str, str, str]]:
    """``(document, proposition, stance)`` for the given propositions as the case."""
    from counterpoint.compare import compare_documents
    from counterpoint.compare.lexicon import load_lexicon
    from counterpoint.compare.stance import proposition

    lexicon = load_lexicon()
    case = [proposition(text, lexicon) for text in dict.fromkeys(propositions)]
    comparison = compare_documents(extractions, propositions=case)
    return [(s.doc, s.proposition, s.stance) for s in comparison.stances]
