"""Cross-document pairs and stances: ``gold/cross-document.json`` against a comparison."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath

from counterpoint.compare.evaluate import PairScores
from counterpoint.errors import IngestError
from counterpoint.evaluate.gold import locate, read_json, read_text
from counterpoint.evaluate.matching import greedy, span_overlap
from counterpoint.records import Extraction

CROSS_DOCUMENT = "cross-document.json"


@dataclass(frozen=True)
class PairPrediction:
    """A predicted cross-document pair: a span in each of two documents and a relation."""

    a_doc: str
    a_start: int
    a_end: int
    b_doc: str
    b_start: int
    b_end: int
    relation: str


@dataclass(frozen=True)
class GoldPair:
    """A gold cross-document pair: a span in each article and the relation."""

    a_doc: str
    a_span: tuple[int, int]
    b_doc: str
    b_span: tuple[int, int]
    relation: str


def doc_key(name: str) -> str:
    """Documents are compared by file stem, so ``a.txt`` and ``a`` name the same one."""
    return PurePath(name).stem


def load_pairs(path: Path) -> tuple[GoldPair, ...]:
    """Read ``gold/cross-document.json`` (no file: no pairs) and locate its quotes."""
    pairs_path = path / "gold" / CROSS_DOCUMENT
    if not pairs_path.exists():
        return ()
    data = read_json(pairs_path)
    try:
        return tuple(
            GoldPair(
                a_doc=doc_key(item["a_doc"]),
                a_span=locate(
                    read_text(path / "corpus" / item["a_doc"]), item["a_quote"], source=pairs_path
                ),
                b_doc=doc_key(item["b_doc"]),
                b_span=locate(
                    read_text(path / "corpus" / item["b_doc"]), item["b_quote"], source=pairs_path
                ),
                relation=item["relation"],
            )
            for item in data["pairs"]
        )
    except (KeyError, TypeError) as error:
        raise IngestError(str(pairs_path), f"malformed cross-document gold ({error!r})") from error


def _pairoverlap(gold: GoldPair, predicted: PairPrediction) -> int:
    """Characters shared on both sides, in either order; 0 unless both sides overlap."""
    a = (doc_key(predicted.a_doc), (predicted.a_start, predicted.a_end))
    b = (doc_key(predicted.b_doc), (predicted.b_start, predicted.b_end))
    best = 0
    for first, second in ((a, b), (b, a)):
        if first[0] == gold.a_doc and second[0] == gold.b_doc:
            overlaps = span_overlap(gold.a_span, first[1]), span_overlap(gold.b_span, second[1])
            best = max(best, sum(overlaps) if all(overlaps) else 0)
    return best


def score_pairs(
    gold: Sequence[GoldPair], predicted: Sequence[PairPrediction]
) -> tuple[float | None, float | None]:
    """Recall of the gold pairs and relation accuracy over the matched ones.

    Matching is one-to-one, greedy by the characters shared on both sides.
    """
    scores = pair_scores_of(gold, predicted)
    return scores.recall, scores.relation_accuracy


def pair_scores_of(
    gold: Sequence[GoldPair],
    predicted: Sequence[PairPrediction],
    stances: Sequence[tuple[str, str]] = (),
) -> PairScores:
    """Pair precision, recall and relation accuracy (see ``counterpoint.compare.evaluate``)."""
    from counterpoint.compare.evaluate import pair_scores

    candidates = [
        (overlap, 0, 0.0, g, p)
        for g, gold_pair in enumerate(gold)
        for p, pair in enumerate(predicted)
        if (overlap := _pairoverlap(gold_pair, pair))
    ]
    matches = greedy(candidates)
    relations = [
        (gold[m.gold_index].relation, predicted[m.predicted_index].relation) for m in matches
    ]
    return pair_scores(relations, predicted=len(predicted), gold=len(gold), stances=stances)


def load_stances(path: Path) -> list[tuple[str, str, str]]:
    """``(document stem, proposition, stance)`` of ``gold/cross-document.json``."""
    pairs_path = path / "gold" / CROSS_DOCUMENT
    if not pairs_path.exists():
        return []
    data = read_json(pairs_path)
    try:
        stances = data.get("stances", [])
        return [(doc_key(s["doc"]), s["proposition"], s["stance"]) for s in stances]
    except (KeyError, TypeError) as error:
        raise IngestError(str(pairs_path), f"malformed gold stances ({error!r})") from error


def stance_hits(
    path: Path,
    extractions: list[Extraction],
    stance: Callable[[list[Extraction], list[str]], Sequence[tuple[str, str, str]]],
) -> list[tuple[str, str]]:
    """(gold stance, predicted stance) per gold stance; "missing" when none was given."""
    gold = load_stances(path)
    if not gold:
        return []
    found = {(doc_key(d), p): s for d, p, s in stance(extractions, [p for _, p, _ in gold])}
    return [(s, found.get((d, p), "missing")) for d, p, s in gold]
