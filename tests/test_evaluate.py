from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from counterpoint.errors import IngestError, SettingError
from counterpoint.evaluate import (
    ItemMatch,
    PairPrediction,
    Scores,
    evaluate_dir,
    fold_quotes,
    gold_span,
    match_items,
    published_for_eval,
    report_rows,
)
from counterpoint.records import Document, Event, Extraction, Forecast, Precision

DEV_SET = Path(__file__).parent / "data" / "eval"


# --- record builders -------------------------------------------------------------------


def _document(path: Path) -> Document:
    text = path.read_bytes().decode("utf-8")
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Document(name=path.name, text=text, sha256=sha, format="txt", path=str(path))


def _span(text: str, quote: str) -> tuple[int, int]:
    span = gold_span(text, quote)
    assert span is not None
    return span


def _forecast(text: str, item: dict[str, Any], **changes: Any) -> Forecast:
    start, end = _span(text, item["quote"])
    fields: dict[str, Any] = {
        "start": start,
        "end": end,
        "quote": text[start:end],
        "proposition": item.get("proposition", ""),
        "polarity": item["polarity"],
        "probability_phrase": item.get("probability_phrase", ""),
        "probability": item["probability"],
        "probability_low": item["probability"],
        "probability_high": item["probability"],
        "scale": "test",
        "hedge_class": "test",
        "attribution": item.get("attribution", "author"),
        "horizon_end": item.get("horizon_end"),
    }
    return Forecast(**(fields | changes))


def _event(text: str, item: dict[str, Any], precision: Precision = "year", **changes: Any) -> Event:
    start, end = _span(text, item["quote"])
    fields: dict[str, Any] = {
        "start": start,
        "end": end,
        "quote": text[start:end],
        "date": item["date"],
        "date_precision": precision,
        "actors": tuple(item["actors"]),
        "kind": item["kind"],
        "intensity": 0.0,
        "label": item.get("label", ""),
    }
    return Event(**(fields | changes))


def _gold_of(corpus_path: Path) -> dict[str, Any]:
    gold_path = corpus_path.parent.parent / "gold" / corpus_path.with_suffix(".json").name
    return json.loads(gold_path.read_text(encoding="utf-8"))


def _extractor(
    keep: Callable[[int], bool] = lambda i: True,
    precision: Precision = "year",
    forecast_changes: dict[str, Any] | None = None,
) -> Callable[[Path, date | None], Extraction]:
    """An extractor that answers with the gold items whose index passes ``keep``."""

    def extract(corpus_path: Path, published: date | None) -> Extraction:
        document = _document(corpus_path)
        gold = _gold_of(corpus_path)
        forecasts = tuple(
            _forecast(document.text, item, **(forecast_changes or {}))
            for i, item in enumerate(gold["forecasts"])
            if keep(i)
        )
        events = tuple(
            _event(document.text, item, precision)
            for i, item in enumerate(gold["events"])
            if keep(i)
        )
        return Extraction(document=document, forecasts=forecasts, events=events)

    return extract


# --- a small synthetic gold directory ---------------------------------------------------

_TEXT = (
    "Title line\n\n"
    "Moscow will “probably” court Beijing in this decade. Tokyo is likely to object. "
    "In 1969 the two clashed on the river. Delhi may hedge. In 1971 Washington opened to "
    "Beijing. Seoul won't follow.\n"
)


def _item(quote: str, **fields: Any) -> dict[str, Any]:
    return {"quote": quote} | fields


def _forecast_gold(quote: str, **fields: Any) -> dict[str, Any]:
    defaults = {"polarity": "happens", "probability": 0.7, "horizon_end": None}
    return _item(quote, **(defaults | fields))


_GOLD: dict[str, Any] = {
    "document": "small.txt",
    "published": "2020-11",
    "forecasts": [
        _forecast_gold('Moscow will "probably" court Beijing', horizon_end="2029-12-31"),
        _forecast_gold("Tokyo is likely to object."),
        _forecast_gold("Delhi may hedge.", probability=0.35),
        _forecast_gold("Seoul won't follow.", polarity="does_not_happen", probability=0.1),
    ],
    "events": [
        _item("In 1969 the two clashed", date="1969", actors=["RUS"], kind="material_conflict"),
        _item("In 1971 Washington opened", date="1971", actors=["USA"], kind="verbal_cooperation"),
    ],
}


@pytest.fixture
def small_dir(tmp_path: Path) -> Path:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "gold").mkdir()
    (tmp_path / "corpus" / "small.txt").write_text(_TEXT, encoding="utf-8", newline="")
    (tmp_path / "gold" / "small.json").write_text(json.dumps(_GOLD), encoding="utf-8")
    return tmp_path


# --- fold_quotes and gold_span ----------------------------------------------------------


@pytest.mark.parametrize("text", ["“Won’t”", "«non»", "‘a’ \"b\" 'c'", "", "plain"])
def test_fold_quotes_preserves_length(text: str) -> None:
    assert len(fold_quotes(text)) == len(text)


def test_fold_quotes_folds_every_mark_to_one_character() -> None:
    assert set(fold_quotes("‘’“”\"«»'")) == {'"'}


def test_fold_quotes_leaves_other_characters() -> None:
    assert fold_quotes("a—b…c") == "a—b…c"


def test_gold_span_finds_straight_quote_in_curly_text() -> None:
    text = "He said “it won’t last” today."
    assert gold_span(text, '"it won\'t last"') == (8, 23)


def test_gold_span_returns_first_occurrence() -> None:
    assert gold_span("ab ab", "ab") == (0, 2)


@pytest.mark.parametrize("quote", ["absent", ""])
def test_gold_span_returns_none_when_not_found(quote: str) -> None:
    assert gold_span("some text", quote) is None


# --- match_items ------------------------------------------------------------------------


def test_match_items_same_span_pairs_by_affinity_not_position() -> None:
    span = (10, 60)
    actors_gold = [{"CHN", "TWN"}, {"CHN", "RUS"}]
    actors_predicted = [{"CHN", "RUS"}, {"CHN", "TWN"}]

    def affinity(g: int, p: int) -> float:
        return len(actors_gold[g] & actors_predicted[p]) / len(actors_gold[g] | actors_predicted[p])

    by_position = match_items([span, span], [span, span])
    by_actors = match_items([span, span], [span, span], affinity=affinity)
    assert [(m.gold_index, m.predicted_index) for m in by_position] == [(0, 0), (1, 1)]
    assert [(m.gold_index, m.predicted_index) for m in by_actors] == [(0, 1), (1, 0)]


def test_match_items_matches_identical_spans() -> None:
    assert match_items([(10, 30)], [(10, 30)]) == [ItemMatch(0, 0, 20)]


@pytest.mark.parametrize(
    ("predicted", "matched"),
    [
        ((20, 40), True),  # overlap 10 of the shorter 20: exactly half
        ((21, 41), False),  # overlap 9: just under half
        ((0, 10), False),  # touching, no overlap
    ],
)
def test_match_items_half_overlap_boundary(predicted: tuple[int, int], matched: bool) -> None:
    assert bool(match_items([(10, 30)], [predicted])) is matched


@pytest.mark.parametrize(
    ("gold", "predicted", "matched"),
    [
        ((0, 200), (0, 500), True),  # 2.5 x 200 = 500
        ((0, 200), (0, 501), False),
        ((0, 100), (0, 450), True),  # the 450-character floor
        ((0, 100), (0, 451), False),
    ],
)
def test_match_items_length_cap_boundary(
    gold: tuple[int, int], predicted: tuple[int, int], matched: bool
) -> None:
    assert bool(match_items([gold], [predicted])) is matched


def test_match_items_short_prediction_inside_long_gold_matches() -> None:
    assert match_items([(0, 400)], [(100, 120)]) == [ItemMatch(0, 0, 20)]


@pytest.mark.parametrize(("predicted_year", "matched"), [("1969", True), ("1970", False)])
def test_match_items_events_need_the_same_year(predicted_year: str, matched: bool) -> None:
    matches = match_items(
        [(0, 50)], [(0, 50)], gold_years=["1969"], predicted_years=[predicted_year]
    )
    assert bool(matches) is matched


def test_match_items_prefers_the_largest_overlap() -> None:
    matches = match_items([(0, 100)], [(40, 100), (0, 90)])
    assert matches == [ItemMatch(0, 1, 90)]


def test_match_items_is_one_to_one() -> None:
    matches = match_items([(0, 100)], [(0, 100), (0, 100)])
    assert len(matches) == 1


def test_match_items_two_gold_with_the_same_quote_take_two_predictions() -> None:
    matches = match_items([(5, 60), (5, 60)], [(5, 60), (5, 60)])
    assert {(m.gold_index, m.predicted_index) for m in matches} == {(0, 0), (1, 1)}


def test_match_items_equal_overlaps_go_to_the_closer_span() -> None:
    # both predictions contain the gold clause; the one of the same length wins
    assert match_items([(0, 40)], [(0, 100), (0, 40)]) == [ItemMatch(0, 1, 40)]


def test_match_items_years_for_one_side_only_raise() -> None:
    with pytest.raises(SettingError, match="together"):
        match_items([(0, 5)], [(0, 5)], gold_years=["1969"])


def test_match_items_year_count_mismatch_raises() -> None:
    with pytest.raises(SettingError, match="years"):
        match_items([(0, 5)], [(0, 5)], gold_years=["1969", "1970"], predicted_years=["1969"])


# --- Scores and published_for_eval ------------------------------------------------------


def test_scores_from_counts_worked_value() -> None:
    scores = Scores.from_counts(3, 1, 2)
    assert (scores.precision, scores.recall) == (0.75, 0.6)
    assert scores.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


@pytest.mark.parametrize(("tp", "fp", "fn"), [(0, 0, 4), (0, 0, 0), (0, 3, 0)])
def test_scores_from_counts_zero_denominators_give_zero(tp: int, fp: int, fn: int) -> None:
    scores = Scores.from_counts(tp, fp, fn)
    assert (scores.precision, scores.recall, scores.f1) == (0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-11", date(2020, 11, 15)),
        ("2020", date(2020, 7, 1)),
        ("2021-08-24", date(2021, 8, 24)),
        (None, None),
    ],
)
def test_published_for_eval_follows_the_readme(value: str | None, expected: date | None) -> None:
    assert published_for_eval(value) == expected


@pytest.mark.parametrize("value", ["2020-13", "Nov 2020", "20"])
def test_published_for_eval_rejects_malformed_dates(value: str) -> None:
    with pytest.raises(SettingError, match=value):
        published_for_eval(value)


# --- evaluate_dir -----------------------------------------------------------------------


def test_evaluate_dir_gold_as_prediction_scores_perfectly() -> None:
    report = evaluate_dir(DEV_SET, extract=_extractor())
    assert (report.forecasts.f1, report.events.f1) == (1.0, 1.0)
    assert report.probability_mae == 0.0
    assert (report.horizon_accuracy, report.event_actor_agreement) == (1.0, 1.0)
    assert (report.event_kind_accuracy, report.forecast_polarity_accuracy) == (1.0, 1.0)


def test_evaluate_dir_scores_every_gold_file_but_the_pairs() -> None:
    report = evaluate_dir(DEV_SET, extract=_extractor())
    expected = sorted(p.stem for p in (DEV_SET / "gold").glob("*.json"))
    expected.remove("cross-document")
    assert sorted(Path(d.document).stem for d in report.documents) == expected


def test_evaluate_dir_dropping_half_halves_recall(small_dir: Path) -> None:
    report = evaluate_dir(small_dir, extract=_extractor(keep=lambda i: i % 2 == 0))
    assert (report.forecasts.recall, report.events.recall) == (0.5, 0.5)
    assert (report.forecasts.precision, report.events.precision) == (1.0, 1.0)


def test_evaluate_dir_dropping_items_lists_them_as_missed(small_dir: Path) -> None:
    report = evaluate_dir(small_dir, extract=_extractor(keep=lambda i: i != 1))
    document = report.documents[0]
    assert document.missed_forecasts == (_GOLD["forecasts"][1]["quote"],)
    assert document.missed_events == (_GOLD["events"][1]["quote"],)


def test_evaluate_dir_micro_averages_over_documents() -> None:
    report = evaluate_dir(DEV_SET, extract=_extractor(keep=lambda i: i % 2 == 0))
    kept = sum(d.forecasts.tp for d in report.documents)
    gold = sum(d.forecasts.tp + d.forecasts.fn for d in report.documents)
    assert report.forecasts.recall == pytest.approx(kept / gold)


@pytest.mark.parametrize("precision", ["decade", "century"])
def test_evaluate_dir_leaves_out_decade_and_century_events(
    small_dir: Path, precision: Precision
) -> None:
    report = evaluate_dir(small_dir, extract=_extractor(precision=precision))
    assert (report.events.tp, report.events.fp, report.events.fn) == (0, 0, 2)


def test_evaluate_dir_probability_error_is_mean_absolute(small_dir: Path) -> None:
    report = evaluate_dir(small_dir, extract=_extractor(forecast_changes={"probability": 0.5}))
    errors = [abs(item["probability"] - 0.5) for item in _GOLD["forecasts"]]
    assert report.probability_mae == pytest.approx(sum(errors) / len(errors))


@pytest.mark.parametrize(("horizon_end", "accuracy"), [(None, 0.0), ("2029-01-01", 1.0)])
def test_evaluate_dir_horizon_compares_years_where_gold_has_one(
    small_dir: Path, horizon_end: str | None, accuracy: float
) -> None:
    extract = _extractor(forecast_changes={"horizon_end": horizon_end})
    document = evaluate_dir(small_dir, extract=extract).documents[0]
    assert (document.horizon_accuracy, document.horizon_n) == (accuracy, 1)


def test_evaluate_dir_attribution_compares_author_or_other(small_dir: Path) -> None:
    extract = _extractor(forecast_changes={"attribution": "other:someone"})
    report = evaluate_dir(small_dir, extract=extract)
    assert report.forecast_attribution_accuracy == 0.0


def test_evaluate_dir_passes_the_readme_publication_date(small_dir: Path) -> None:
    seen: list[date | None] = []

    def extract(path: Path, published: date | None) -> Extraction:
        seen.append(published)
        return Extraction(document=_document(path))

    evaluate_dir(small_dir, extract=extract)
    assert seen == [date(2020, 11, 15)]


def test_evaluate_dir_counts_unmatched_predictions_as_spurious(small_dir: Path) -> None:
    base = _extractor()

    def extract(path: Path, published: date | None) -> Extraction:
        extraction = base(path, published)
        extra = _forecast(extraction.document.text, _forecast_gold("Title line"))
        forecasts = (*extraction.forecasts, extra)
        return Extraction(document=extraction.document, forecasts=forecasts)

    document = evaluate_dir(small_dir, extract=extract).documents[0]
    assert document.spurious_forecasts == ("Title line",)
    assert document.forecasts.fp == 1


def test_evaluate_dir_missing_article_raises(small_dir: Path) -> None:
    (small_dir / "corpus" / "small.txt").unlink()
    with pytest.raises(IngestError, match="small.txt"):
        evaluate_dir(small_dir, extract=_extractor())


def test_evaluate_dir_malformed_gold_json_raises(small_dir: Path) -> None:
    (small_dir / "gold" / "small.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IngestError, match="small.json"):
        evaluate_dir(small_dir, extract=_extractor())


def test_evaluate_dir_gold_quote_absent_from_article_raises(small_dir: Path) -> None:
    gold = _GOLD | {"events": [_item("never written", date="1969", actors=[], kind="x")]}
    (small_dir / "gold" / "small.json").write_text(json.dumps(gold), encoding="utf-8")
    with pytest.raises(IngestError, match="never written"):
        evaluate_dir(small_dir, extract=_extractor())


def test_evaluate_dir_without_gold_files_raises(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no gold files"):
        evaluate_dir(tmp_path, extract=_extractor())


# --- cross-document pairs ---------------------------------------------------------------


def _gold_pairs() -> list[dict[str, Any]]:
    data = json.loads((DEV_SET / "gold" / "cross-document.json").read_text(encoding="utf-8"))
    return list(data["pairs"])


def _pair_from_gold(
    pair: dict[str, Any], *, swap: bool = False, relation: str = ""
) -> PairPrediction:
    a_text = _document(DEV_SET / "corpus" / pair["a_doc"]).text
    b_text = _document(DEV_SET / "corpus" / pair["b_doc"]).text
    a, b = _span(a_text, pair["a_quote"]), _span(b_text, pair["b_quote"])
    sides = [(pair["a_doc"], a), (pair["b_doc"], b)]
    (a_doc, (a_start, a_end)), (b_doc, (b_start, b_end)) = sides[::-1] if swap else sides
    return PairPrediction(
        a_doc, a_start, a_end, b_doc, b_start, b_end, relation or pair["relation"]
    )


def _compare_with(
    pairs: Sequence[PairPrediction],
) -> Callable[[list[Extraction]], list[PairPrediction]]:
    return lambda extractions: list(pairs)


def test_evaluate_dir_pairs_are_not_scored_without_compare() -> None:
    report = evaluate_dir(DEV_SET, extract=_extractor())
    assert (report.pairs_recall, report.pairs_n, report.pair_relation_accuracy) == (None, 0, None)


@pytest.mark.parametrize("swap", [False, True])
def test_evaluate_dir_gold_pairs_as_prediction_score_perfectly(swap: bool) -> None:
    predicted = [_pair_from_gold(pair, swap=swap) for pair in _gold_pairs()]
    report = evaluate_dir(DEV_SET, extract=_extractor(), compare=_compare_with(predicted))
    assert (report.pairs_recall, report.pair_relation_accuracy) == (1.0, 1.0)
    assert report.pairs_n == len(_gold_pairs())


def test_evaluate_dir_pair_relation_accuracy_counts_wrong_relations() -> None:
    pairs = _gold_pairs()
    predicted = [_pair_from_gold(pairs[0], relation="unrelated")]
    report = evaluate_dir(DEV_SET, extract=_extractor(), compare=_compare_with(predicted))
    assert report.pairs_recall == pytest.approx(1 / len(pairs))
    assert report.pair_relation_accuracy == 0.0


def test_evaluate_dir_compare_receives_every_extraction() -> None:
    received: list[int] = []

    def compare(extractions: list[Extraction]) -> list[PairPrediction]:
        received.append(len(extractions))
        return []

    report = evaluate_dir(DEV_SET, extract=_extractor(), compare=compare)
    assert received == [len(report.documents)]
    assert report.pairs_recall == 0.0


# --- report_rows ------------------------------------------------------------------------


def test_report_rows_marks_absent_figures(small_dir: Path) -> None:
    rows = dict(report_rows(evaluate_dir(small_dir, extract=_extractor(keep=lambda i: False))))
    assert rows["probability MAE"] == "n/a"


def test_report_rows_show_each_document(small_dir: Path) -> None:
    labels = [label for label, _ in report_rows(evaluate_dir(small_dir, extract=_extractor()))]
    assert "small.txt: forecasts" in labels
