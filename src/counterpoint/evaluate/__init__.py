"""Score extractions against hand-annotated gold files.

The rule is the one in ``tests/data/eval/README.md``. A gold quote's span is where it is
first found in its article after folding quotation marks. A predicted item matches a gold
item when the spans overlap by at least half of the shorter span and the predicted span is
no longer than ``max(2.5 * gold length, 450)`` characters; events must also agree on the
year. Matching is one-to-one: candidate pairs are taken greedily by decreasing overlap, so
each gold item goes to the prediction that overlaps it most among those still free.

Scores follow the usual definitions, with 0.0 where a denominator is zero::

    precision = tp / (tp + fp)    recall = tp / (tp + fn)    F1 = 2PR / (P + R)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from counterpoint.errors import IngestError
from counterpoint.evaluate.gold import (
    GoldDocument,
    load_gold,
    published_for_eval,
)
from counterpoint.evaluate.matching import ItemMatch, fold_quotes, gold_span, match_items
from counterpoint.evaluate.pairs import (
    CROSS_DOCUMENT,
    PairPrediction,
    load_pairs,
    pair_scores_of,
    stance_hits,
)
from counterpoint.records import Event, Extraction, Forecast

__all__ = [
    "CROSS_DOCUMENT",
    "DocumentEval",
    "EvalReport",
    "ItemMatch",
    "PairPrediction",
    "Scores",
    "evaluate_dir",
    "fold_quotes",
    "gold_span",
    "match_items",
    "published_for_eval",
    "report_rows",
]

_EVENT_PRECISIONS_LEFT_OUT = frozenset({"decade", "century"})


@dataclass(frozen=True)
class Scores:
    """Counts of matches and the precision, recall and F1 they give."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float

    @classmethod
    def from_counts(cls, tp: int, fp: int, fn: int) -> Scores:
        """Compute P, R and F1 from counts; a zero denominator gives 0.0.

        Example: ``Scores.from_counts(3, 1, 2)`` has precision 0.75, recall 0.6 and
        F1 = 2 * 0.75 * 0.6 / 1.35 = 0.6667.
        """
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(tp, fp, fn, precision, recall, f1)


@dataclass(frozen=True)
class DocumentEval:
    """Scores for one document. Agreement figures are over matched items (None if none)."""

    document: str
    published: date | None
    forecasts: Scores
    events: Scores
    probability_mae: float | None
    horizon_accuracy: float | None
    horizon_n: int
    event_actor_agreement: float | None
    event_kind_accuracy: float | None
    forecast_polarity_accuracy: float | None
    forecast_attribution_accuracy: float | None
    missed_forecasts: tuple[str, ...]
    spurious_forecasts: tuple[str, ...]
    missed_events: tuple[str, ...]
    spurious_events: tuple[str, ...]


@dataclass(frozen=True)
class EvalReport:
    """Scores over a gold directory: per document, and pooled over all matched items."""

    documents: tuple[DocumentEval, ...]
    forecasts: Scores
    events: Scores
    probability_mae: float | None
    horizon_accuracy: float | None
    event_actor_agreement: float | None
    event_kind_accuracy: float | None
    forecast_polarity_accuracy: float | None
    forecast_attribution_accuracy: float | None
    pairs_recall: float | None
    pairs_n: int
    pair_relation_accuracy: float | None
    pairs_precision: float | None = None
    pairs_predicted: int = 0
    stance_accuracy: float | None = None
    stances_n: int = 0


@dataclass(frozen=True)
class _Measures:
    """Per-item agreement values of one or more documents, so the report can pool them."""

    probability_errors: tuple[float, ...] = ()
    horizon_hits: tuple[bool, ...] = ()
    actor_jaccards: tuple[float, ...] = ()
    kind_hits: tuple[bool, ...] = ()
    polarity_hits: tuple[bool, ...] = ()
    attribution_hits: tuple[bool, ...] = ()

    def __add__(self, other: _Measures) -> _Measures:
        return _Measures(*(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__))

    def figures(self) -> dict[str, float | None]:
        """Return the mean of each measure, keyed by the report field it fills."""
        return {
            "probability_mae": _mean(self.probability_errors),
            "horizon_accuracy": _mean(self.horizon_hits),
            "event_actor_agreement": _mean(self.actor_jaccards),
            "event_kind_accuracy": _mean(self.kind_hits),
            "forecast_polarity_accuracy": _mean(self.polarity_hits),
            "forecast_attribution_accuracy": _mean(self.attribution_hits),
        }


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _attribution_class(value: str) -> str:
    return value.split(":", 1)[0].strip().lower()


def _measure(
    gold: GoldDocument,
    forecasts: Sequence[Forecast],
    forecast_matches: Sequence[ItemMatch],
    events: Sequence[Event],
    event_matches: Sequence[ItemMatch],
) -> _Measures:
    """Agreement values over the matched forecasts and events."""
    pairs = [(gold.forecasts[m.gold_index], forecasts[m.predicted_index]) for m in forecast_matches]
    matched_events = [(gold.events[m.gold_index], events[m.predicted_index]) for m in event_matches]
    return _Measures(
        probability_errors=tuple(
            abs(forecast.probability - g.probability)
            for g, forecast in pairs
            if g.probability is not None
        ),
        horizon_hits=tuple(
            forecast.horizon_end is not None and forecast.horizon_end[:4] == g.horizon_end[:4]
            for g, forecast in pairs
            if g.horizon_end is not None
        ),
        actor_jaccards=tuple(_jaccard(g.actors, frozenset(e.actors)) for g, e in matched_events),
        kind_hits=tuple(g.kind == e.kind for g, e in matched_events),
        polarity_hits=tuple(g.polarity == forecast.polarity for g, forecast in pairs),
        attribution_hits=tuple(
            _attribution_class(g.attribution) == _attribution_class(forecast.attribution)
            for g, forecast in pairs
        ),
    )


def _tally(
    gold_quotes: Sequence[str], predicted_quotes: Sequence[str], matches: Sequence[ItemMatch]
) -> tuple[Scores, tuple[str, ...], tuple[str, ...]]:
    """Scores, missed gold quotes and spurious predicted quotes of one kind of item."""
    gold_hit, predicted_hit = {m.gold_index for m in matches}, {m.predicted_index for m in matches}
    missed = tuple(q for i, q in enumerate(gold_quotes) if i not in gold_hit)
    spurious = tuple(q for i, q in enumerate(predicted_quotes) if i not in predicted_hit)
    return Scores.from_counts(len(matches), len(spurious), len(missed)), missed, spurious


def _score_document(gold: GoldDocument, extraction: Extraction) -> tuple[DocumentEval, _Measures]:
    """Match one extraction against its gold file and score it."""
    forecasts = extraction.forecasts
    events = [e for e in extraction.events if e.date_precision not in _EVENT_PRECISIONS_LEFT_OUT]
    forecast_matches = match_items(
        [g.span for g in gold.forecasts], [(f.start, f.end) for f in forecasts]
    )
    event_matches = match_items(
        [g.span for g in gold.events],
        [(e.start, e.end) for e in events],
        gold_years=[g.year for g in gold.events],
        predicted_years=[e.date[:4] for e in events],
        affinity=lambda g, p: _jaccard(gold.events[g].actors, frozenset(events[p].actors)),
    )
    measures = _measure(gold, forecasts, forecast_matches, events, event_matches)
    forecast_scores, missed_forecasts, spurious_forecasts = _tally(
        [g.quote for g in gold.forecasts], [f.quote for f in forecasts], forecast_matches
    )
    event_scores, missed_events, spurious_events = _tally(
        [g.quote for g in gold.events], [e.quote for e in events], event_matches
    )
    document = DocumentEval(
        document=gold.document,
        published=gold.published,
        forecasts=forecast_scores,
        events=event_scores,
        horizon_n=len(measures.horizon_hits),
        missed_forecasts=missed_forecasts,
        spurious_forecasts=spurious_forecasts,
        missed_events=missed_events,
        spurious_events=spurious_events,
        **measures.figures(),
    )
    return document, measures


def evaluate_dir(
    path: Path,
    *,
    extract: Callable[[Path, date | None], Extraction],
    compare: Callable[[list[Extraction]], list[PairPrediction]] | None = None,
    stance: Callable[[list[Extraction], list[str]], Sequence[tuple[str, str, str]]] | None = None,
) -> EvalReport:
    """Run ``extract`` on every article with a gold file under ``path`` and score it.

    ``path`` holds ``corpus/<article>.txt`` and ``gold/<article>.json`` (optionally
    ``gold/cross-document.json``). Each article is extracted with the gold file's
    ``published`` (see :func:`published_for_eval`). Cross-document pairs are scored
    only when ``compare`` is given; it receives the extractions in gold-file order.
    Gold stances are scored when ``stance`` is given too: it receives the extractions
    and the gold propositions and returns ``(document, proposition, stance)``.

    Raises:
        IngestError: no gold files, or a gold file or its article is missing or malformed.
    """
    gold_paths = sorted(p for p in (path / "gold").glob("*.json") if p.name != CROSS_DOCUMENT)
    if not gold_paths:
        raise IngestError(str(path), "no gold files under gold/; expected gold/<article>.json")
    golds = [load_gold(gold_path, path / "corpus") for gold_path in gold_paths]
    extractions = [extract(gold.corpus_path, gold.published) for gold in golds]
    scored = [
        _score_document(gold, extraction)
        for gold, extraction in zip(golds, extractions, strict=True)
    ]
    gold_pairs = load_pairs(path) if compare is not None else ()
    stances = stance_hits(path, extractions, stance) if stance and compare else []
    pairs = pair_scores_of(gold_pairs, compare(extractions), stances) if compare else None
    documents = tuple(document for document, _ in scored)
    return EvalReport(
        documents=documents,
        forecasts=_micro([d.forecasts for d in documents]),
        events=_micro([d.events for d in documents]),
        pairs_recall=pairs.recall if pairs else None,
        pairs_n=len(gold_pairs),
        pair_relation_accuracy=pairs.relation_accuracy if pairs else None,
        pairs_precision=pairs.precision if pairs else None,
        pairs_predicted=pairs.predicted if pairs else 0,
        stance_accuracy=pairs.stance_accuracy if pairs else None,
        stances_n=pairs.stances_n if pairs else 0,
        **sum((measures for _, measures in scored), _Measures()).figures(),
    )


def _micro(scores: Sequence[Scores]) -> Scores:
    """Micro-average: P, R and F1 of the summed counts."""
    return Scores.from_counts(
        sum(s.tp for s in scores), sum(s.fp for s in scores), sum(s.fn for s in scores)
    )


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _prf(scores: Scores) -> str:
    return (
        f"P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}"
        f"  (tp {scores.tp}, fp {scores.fp}, fn {scores.fn})"
    )


def report_rows(report: EvalReport) -> list[tuple[str, str]]:
    """Label and value rows for rendering: the pooled figures, then each document's F1s."""
    rows = [
        ("forecasts", _prf(report.forecasts)),
        ("events", _prf(report.events)),
        ("probability MAE", _figure(report.probability_mae)),
        ("horizon accuracy (by year)", _figure(report.horizon_accuracy)),
        ("forecast polarity accuracy", _figure(report.forecast_polarity_accuracy)),
        ("forecast attribution accuracy", _figure(report.forecast_attribution_accuracy)),
        ("event actor agreement (Jaccard)", _figure(report.event_actor_agreement)),
        ("event kind accuracy", _figure(report.event_kind_accuracy)),
        ("cross-document pairs recall", f"{_figure(report.pairs_recall)} of {report.pairs_n}"),
        (
            "cross-document pairs precision",
            f"{_figure(report.pairs_precision)} of {report.pairs_predicted}",
        ),
        ("pair relation accuracy", _figure(report.pair_relation_accuracy)),
        ("stance accuracy", f"{_figure(report.stance_accuracy)} of {report.stances_n}"),
    ]
    for document in report.documents:
        rows.append((f"{document.document}: forecasts", _prf(document.forecasts)))
        rows.append((f"{document.document}: events", _prf(document.events)))
    return rows
