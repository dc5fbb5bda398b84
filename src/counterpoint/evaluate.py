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

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import Any

from counterpoint.compare.evaluate import PairScores
from counterpoint.errors import IngestError, SettingError
from counterpoint.records import Event, Extraction, Forecast

# ASCII ' folds too: ’ serves as both apostrophe and closing quote, so a quote typed
# with "won't" must still find "won’t" in the text.
_QUOTE_MARKS = "‘’“”\"«»'"
_FOLD = str.maketrans(dict.fromkeys(_QUOTE_MARKS, '"'))
_EVENT_PRECISIONS_LEFT_OUT = frozenset({"decade", "century"})
_SPAN_FLOOR = 450
_SPAN_FACTOR = 2.5
CROSS_DOCUMENT = "cross-document.json"


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
class ItemMatch:
    """A gold item paired with a predicted item, and how many characters they share."""

    gold_index: int
    predicted_index: int
    overlap: int


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
class _GoldForecast:
    span: tuple[int, int]
    quote: str
    probability: float | None
    polarity: str
    horizon_end: str | None
    attribution: str


@dataclass(frozen=True)
class _GoldEvent:
    span: tuple[int, int]
    quote: str
    year: str
    actors: frozenset[str]
    kind: str


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


def fold_quotes(text: str) -> str:
    """Replace every quotation mark (‘ ’ “ ” " « » and ASCII ') with ``"``.

    The result has the same length as ``text``, so offsets found in it hold in ``text``.
    Example: ``fold_quotes("“Won’t”")`` is ``'"Won"t"'``.
    """
    return text.translate(_FOLD)


def gold_span(text: str, quote: str) -> tuple[int, int] | None:
    """Locate a gold quote: ``(i, i + len(quote))`` for the first ``i`` after folding.

    Returns:
        The span, or None when the quote is empty or not in the text.
    """
    if not quote:
        return None
    start = fold_quotes(text).find(fold_quotes(quote))
    return None if start < 0 else (start, start + len(quote))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _acceptable(gold: tuple[int, int], predicted: tuple[int, int]) -> int:
    """Return the overlap of a candidate pair, or 0 when the README's rule rejects it."""
    gold_len, predicted_len = gold[1] - gold[0], predicted[1] - predicted[0]
    overlap = _overlap(gold, predicted)
    if overlap == 0 or 2 * overlap < min(gold_len, predicted_len):
        return 0
    if predicted_len > max(_SPAN_FACTOR * gold_len, _SPAN_FLOOR):
        return 0
    return overlap


def match_items(
    gold: Sequence[tuple[int, int]],
    predicted: Sequence[tuple[int, int]],
    *,
    gold_years: Sequence[str | None] | None = None,
    predicted_years: Sequence[str | None] | None = None,
    affinity: Callable[[int, int], float] | None = None,
) -> list[ItemMatch]:
    """Match predicted spans to gold spans one-to-one, preferring the largest overlap.

    Candidate pairs pass the README's rule (overlap >= half the shorter span; predicted
    length <= max(2.5 x gold length, 450); with years given, equal non-null years). They
    are taken greedily by decreasing overlap; equal overlaps go to the pair with the
    smaller union (the closer spans), then the higher ``affinity(gold, predicted)`` (for
    events: the same actors, so two events quoting one sentence pair up by who acted, not
    by position), then by gold and predicted index.

    Returns:
        The matches, sorted by gold index.

    Raises:
        SettingError: years are given for one side only, or their lengths differ from
            the spans'.
    """
    years = _check_years(gold, predicted, gold_years, predicted_years)
    candidates = []
    for g, gold_item in enumerate(gold):
        for p, predicted_item in enumerate(predicted):
            if years is not None and (years[0][g] is None or years[0][g] != years[1][p]):
                continue
            overlap = _acceptable(gold_item, predicted_item)
            if overlap:
                union = max(gold_item[1], predicted_item[1]) - min(gold_item[0], predicted_item[0])
                tie = -affinity(g, p) if affinity is not None else 0.0
                candidates.append((overlap, union, tie, g, p))
    return _greedy(candidates)


def _greedy(candidates: Sequence[tuple[int, int, float, int, int]]) -> list[ItemMatch]:
    """Take ``(overlap, union, tie, gold, predicted)`` candidates, largest overlap first."""
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matches = []
    for overlap, _, _, g, p in sorted(candidates, key=lambda c: (-c[0], c[1], c[2], c[3], c[4])):
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            matches.append(ItemMatch(g, p, overlap))
    return sorted(matches, key=lambda match: match.gold_index)


def _check_years(
    gold: Sequence[object],
    predicted: Sequence[object],
    gold_years: Sequence[str | None] | None,
    predicted_years: Sequence[str | None] | None,
) -> tuple[Sequence[str | None], Sequence[str | None]] | None:
    if gold_years is None and predicted_years is None:
        return None
    if gold_years is None or predicted_years is None:
        raise SettingError("match_items: give gold_years and predicted_years together")
    if len(gold_years) != len(gold) or len(predicted_years) != len(predicted):
        raise SettingError(
            f"match_items: {len(gold_years)} gold years for {len(gold)} spans, "
            f"{len(predicted_years)} predicted years for {len(predicted)} spans"
        )
    return gold_years, predicted_years


def published_for_eval(value: str | None) -> date | None:
    """Give the extractor's publication date: ``YYYY-MM`` -> 15th, ``YYYY`` -> 1 July.

    Raises:
        SettingError: the value is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    """
    if value is None:
        return None
    try:
        if len(value) == 4:
            return date(int(value), 7, 1)
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 15)
        return date.fromisoformat(value)
    except ValueError as error:
        raise SettingError(f"published {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD") from error


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def _attribution_class(value: str) -> str:
    return value.split(":", 1)[0].strip().lower()


@dataclass(frozen=True)
class _GoldDocument:
    document: str
    published: date | None
    corpus_path: Path
    forecasts: tuple[_GoldForecast, ...]
    events: tuple[_GoldEvent, ...]


@dataclass(frozen=True)
class _GoldPair:
    a_doc: str
    a_span: tuple[int, int]
    b_doc: str
    b_span: tuple[int, int]
    relation: str


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise IngestError(str(path), f"cannot read gold JSON ({error})") from error


def _read_text(path: Path) -> str:
    """Read the article as extractors do: UTF-8, newlines untranslated."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise IngestError(str(path), f"cannot read the gold file's article ({error})") from error


def _locate(text: str, quote: str, *, source: Path) -> tuple[int, int]:
    span = gold_span(text, quote)
    if span is None:
        raise IngestError(str(source), f"gold quote not found in its article: {quote[:60]!r}")
    return span


def _load_gold(gold_path: Path, corpus_dir: Path) -> _GoldDocument:
    """Read one gold file and locate its quotes in ``corpus/<document>``."""
    data = _read_json(gold_path)
    try:
        corpus_path = corpus_dir / str(data["document"])
        text = _read_text(corpus_path)
        forecasts = tuple(
            _GoldForecast(
                span=_locate(text, item["quote"], source=gold_path),
                quote=item["quote"],
                probability=item.get("probability"),
                polarity=item["polarity"],
                horizon_end=item.get("horizon_end"),
                attribution=item.get("attribution") or "author",
            )
            for item in data["forecasts"]
        )
        events = tuple(
            _GoldEvent(
                span=_locate(text, item["quote"], source=gold_path),
                quote=item["quote"],
                year=str(item["date"])[:4],
                actors=frozenset(item["actors"]),
                kind=item["kind"],
            )
            for item in data["events"]
        )
        published = published_for_eval(data.get("published"))
    except (KeyError, TypeError, AttributeError, SettingError) as error:
        raise IngestError(str(gold_path), f"malformed gold file ({error!r})") from error
    return _GoldDocument(data["document"], published, corpus_path, forecasts, events)


def _measure(
    gold: _GoldDocument,
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


def _score_document(gold: _GoldDocument, extraction: Extraction) -> tuple[DocumentEval, _Measures]:
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


def _doc_key(name: str) -> str:
    """Documents are compared by file stem, so ``a.txt`` and ``a`` name the same one."""
    return PurePath(name).stem


def _load_pairs(path: Path) -> tuple[_GoldPair, ...]:
    """Read ``gold/cross-document.json`` (no file: no pairs) and locate its quotes."""
    pairs_path = path / "gold" / CROSS_DOCUMENT
    if not pairs_path.exists():
        return ()
    data = _read_json(pairs_path)
    try:
        return tuple(
            _GoldPair(
                a_doc=_doc_key(item["a_doc"]),
                a_span=_locate(
                    _read_text(path / "corpus" / item["a_doc"]), item["a_quote"], source=pairs_path
                ),
                b_doc=_doc_key(item["b_doc"]),
                b_span=_locate(
                    _read_text(path / "corpus" / item["b_doc"]), item["b_quote"], source=pairs_path
                ),
                relation=item["relation"],
            )
            for item in data["pairs"]
        )
    except (KeyError, TypeError) as error:
        raise IngestError(str(pairs_path), f"malformed cross-document gold ({error!r})") from error


def _pair_overlap(gold: _GoldPair, predicted: PairPrediction) -> int:
    """Characters shared on both sides, in either order; 0 unless both sides overlap."""
    a = (_doc_key(predicted.a_doc), (predicted.a_start, predicted.a_end))
    b = (_doc_key(predicted.b_doc), (predicted.b_start, predicted.b_end))
    best = 0
    for first, second in ((a, b), (b, a)):
        if first[0] == gold.a_doc and second[0] == gold.b_doc:
            overlaps = _overlap(gold.a_span, first[1]), _overlap(gold.b_span, second[1])
            best = max(best, sum(overlaps) if all(overlaps) else 0)
    return best


def _score_pairs(
    gold: Sequence[_GoldPair], predicted: Sequence[PairPrediction]
) -> tuple[float | None, float | None]:
    """Recall of the gold pairs and relation accuracy over the matched ones.

    Matching is one-to-one, greedy by the characters shared on both sides.
    """
    scores = _pair_scores(gold, predicted)
    return scores.recall, scores.relation_accuracy


def _pair_scores(
    gold: Sequence[_GoldPair],
    predicted: Sequence[PairPrediction],
    stances: Sequence[tuple[str, str]] = (),
) -> PairScores:
    """Pair precision, recall and relation accuracy (see ``counterpoint.compare.evaluate``)."""
    from counterpoint.compare.evaluate import pair_scores

    candidates = [
        (overlap, 0, 0.0, g, p)
        for g, gold_pair in enumerate(gold)
        for p, pair in enumerate(predicted)
        if (overlap := _pair_overlap(gold_pair, pair))
    ]
    matches = _greedy(candidates)
    relations = [
        (gold[m.gold_index].relation, predicted[m.predicted_index].relation) for m in matches
    ]
    return pair_scores(relations, predicted=len(predicted), gold=len(gold), stances=stances)


def _load_stances(path: Path) -> list[tuple[str, str, str]]:
    """``(document stem, proposition, stance)`` of ``gold/cross-document.json``."""
    pairs_path = path / "gold" / CROSS_DOCUMENT
    if not pairs_path.exists():
        return []
    data = _read_json(pairs_path)
    try:
        stances = data.get("stances", [])
        return [(_doc_key(s["doc"]), s["proposition"], s["stance"]) for s in stances]
    except (KeyError, TypeError) as error:
        raise IngestError(str(pairs_path), f"malformed gold stances ({error!r})") from error


def _stance_hits(
    path: Path,
    extractions: list[Extraction],
    stance: Callable[[list[Extraction], list[str]], Sequence[tuple[str, str, str]]],
) -> list[tuple[str, str]]:
    gold = _load_stances(path)
    if not gold:
        return []
    found = {(_doc_key(d), p): s for d, p, s in stance(extractions, [p for _, p, _ in gold])}
    return [(s, found.get((d, p), "missing")) for d, p, s in gold]


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
    golds = [_load_gold(gold_path, path / "corpus") for gold_path in gold_paths]
    extractions = [extract(gold.corpus_path, gold.published) for gold in golds]
    scored = [
        _score_document(gold, extraction)
        for gold, extraction in zip(golds, extractions, strict=True)
    ]
    gold_pairs = _load_pairs(path) if compare is not None else ()
    stances = _stance_hits(path, extractions, stance) if stance and compare else []
    pairs = _pair_scores(gold_pairs, compare(extractions), stances) if compare else None
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
