"""Tests of the Ledger on a real SQLite file: sync, edits, resolutions, merges, exchange."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from counterpoint.ledger import Ledger, LedgerError, Question, Resolution
from counterpoint.ledger.exchange import export_questions, read_questions
from counterpoint.ledger.schema import questions as questions_table
from counterpoint.ledger.schema import resolutions as resolutions_table
from counterpoint.records import Document, Extraction, Forecast
from counterpoint.store import Store

TODAY = date(2026, 6, 1)
TEXT = (
    "Russia and China will very likely fight a border war in this decade. "
    "It is unlikely that Washington will split the two by 2025."
)


def _forecast(quote: str, proposition: str, probability: float, end: str | None) -> Forecast:
    start = TEXT.index(quote)
    return Forecast(
        start=start,
        end=start + len(quote),
        quote=quote,
        proposition=proposition,
        polarity="happens",
        probability_phrase="likely",
        probability=probability,
        probability_low=probability,
        probability_high=probability,
        scale="icd203",
        hedge_class="likely",
        horizon_end=end,
        horizon_text="by then" if end else None,
        actors=("CHN", "RUS"),
    )


FORECASTS = (
    _forecast(
        "Russia and China will very likely fight a border war in this decade",
        "Russia and China fight a border war",
        0.85,
        "2029-12-31",
    ),
    _forecast(
        "It is unlikely that Washington will split the two by 2025",
        "Washington splits the two",
        0.3,
        "2025-12-31",
    ),
)


def _extraction(
    *, version: str = "v1", forecasts: tuple[Forecast, ...] = FORECASTS, text: str = TEXT
) -> Extraction:
    document = Document(
        name="op-ed.txt",
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        format="txt",
        author="Ann Lee",
        published=date(2021, 3, 1),
    )
    return Extraction(document=document, forecasts=forecasts, pipeline_version=version)


@pytest.fixture()
def ledger(tmp_path: Path) -> Iterator[Ledger]:
    with Store.open(str(tmp_path / "ledger.db")) as store:
        store.save_extraction(_extraction())
        yield Ledger(store)


def _count(ledger: Ledger, table: object) -> int:
    with ledger._store.transaction() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def test_sync_drafts_one_question_per_forecast_and_is_idempotent(ledger: Ledger) -> None:
    first = ledger.sync()
    assert len(first.created) == 2
    assert ledger.sync().created == ()
    found = ledger.questions()
    assert [q.close_date for q in found] == [date(2029, 12, 31), date(2025, 12, 31)]
    assert {q.author for q in found} == {"Ann Lee"}


def test_questions_round_trip_through_a_reopened_file(tmp_path: Path) -> None:
    path = str(tmp_path / "x.db")
    with Store.open(path) as store:
        store.save_extraction(_extraction())
        ledger = Ledger(store)
        ledger.sync()
        ledger.resolve(2, "no", on=date(2026, 1, 2), note="still aligned", today=TODAY)
        before = ledger.questions()
    with Store.open(path) as store:
        assert Ledger(store).questions() == before
    assert before[1].resolution == Resolution("no", date(2026, 1, 2), "still aligned", None)


def test_edits_survive_reanalysis_with_shifted_spans(ledger: Ledger) -> None:
    ledger.sync()
    ledger.edit(1, title="Russia and China fight a border war before 2030", probability=0.6)
    ledger.resolve(2, "no", on=date(2026, 1, 2), today=TODAY)
    # A new pipeline version finds the same forecasts with slightly different spans,
    # plus one more.
    shifted = tuple(dataclasses.replace(f, start=f.start + 4, end=f.end - 2) for f in FORECASTS)
    extra = dataclasses.replace(FORECASTS[1], start=0, end=6, proposition="Russia will rise")
    store = ledger._store
    store.save_extraction(_extraction(version="v2", forecasts=(*shifted, extra)))
    result = ledger.sync()
    assert len(result.created) == 1 and result.existing == 2
    edited = ledger.get(1)
    assert edited.title == "Russia and China fight a border war before 2030"
    assert edited.probability == 0.6
    assert ledger.get(2).resolution is not None
    assert len(ledger.questions()) == 3


def test_overlapping_forecasts_of_one_analysis_each_get_a_question(tmp_path: Path) -> None:
    inner = dataclasses.replace(FORECASTS[0], start=FORECASTS[0].start + 10)
    with Store.open(str(tmp_path / "o.db")) as store:
        store.save_extraction(_extraction(forecasts=(FORECASTS[0], inner)))
        assert len(Ledger(store).sync().created) == 2


@pytest.mark.parametrize(
    ("question_id", "outcome", "on", "message"),
    [
        (99, "yes", date(2022, 1, 1), "^id: no question 99"),
        (1, "yes", date(2020, 1, 1), "^on: 2020-01-01 is before question 1 was published"),
        (1, "yes", date(2027, 1, 1), "^on: .* is in the future"),
        (1, "perhaps", date(2022, 1, 1), "^outcome: "),
    ],
)
def test_resolve_refuses_and_writes_nothing(
    ledger: Ledger, question_id: int, outcome: str, on: date, message: str
) -> None:
    ledger.sync()
    with pytest.raises(LedgerError, match=message):
        ledger.resolve(question_id, outcome, on=on, today=TODAY)
    assert _count(ledger, resolutions_table) == 0


def test_unresolvable_question_must_be_reopened_before_resolving(ledger: Ledger) -> None:
    ledger.sync()
    ledger.edit(1, status="unresolvable")
    with pytest.raises(LedgerError, match="^status: question 1 is marked unresolvable"):
        ledger.resolve(1, "yes", on=date(2022, 1, 1), today=TODAY)
    ledger.edit(1, status="open")
    assert ledger.resolve(1, "yes", on=date(2022, 1, 1), today=TODAY).resolution is not None


def test_edit_refuses_bad_values_and_keeps_the_row(ledger: Ledger) -> None:
    ledger.sync()
    before = ledger.get(1)
    with pytest.raises(LedgerError, match="^probability: "):
        ledger.edit(1, title="new", probability=1.5)
    with pytest.raises(LedgerError, match="^close_date: "):
        ledger.edit(1, close_date=date(2019, 1, 1))
    with pytest.raises(LedgerError, match="^id: no question 9"):
        ledger.edit(9, title="x")
    assert ledger.get(1) == before


def test_edit_of_close_date_redrafts_drafted_criteria_only(ledger: Ledger) -> None:
    ledger.sync()
    moved = ledger.edit(1, close_date=date(2027, 6, 30))
    assert "2027-06-30" in moved.criteria and "2029-12-31" not in moved.criteria
    ledger.edit(2, criteria="YES if a US-Russia treaty is signed.")
    kept = ledger.edit(2, close_date=date(2026, 12, 31))
    assert kept.criteria == "YES if a US-Russia treaty is signed."


def test_merge_folds_sources_and_carries_a_resolution(ledger: Ledger) -> None:
    ledger.sync()
    ledger.resolve(2, "no", on=date(2026, 1, 1), today=TODAY)
    merged = ledger.merge(1, [2])
    assert len(merged.sources) == 2
    assert merged.resolution is not None and merged.resolution.outcome == "no"
    assert [q.id for q in ledger.questions()] == [1]
    assert ledger.sync().created == ()  # merged spans stay known


def test_merge_refuses_conflicting_resolutions(ledger: Ledger) -> None:
    ledger.sync()
    ledger.resolve(1, "yes", on=date(2026, 1, 1), today=TODAY)
    ledger.resolve(2, "no", on=date(2026, 1, 1), today=TODAY)
    with pytest.raises(LedgerError, match="resolved differently"):
        ledger.merge(1, [2])
    with pytest.raises(LedgerError, match="into itself"):
        ledger.merge(1, [1])
    assert len(ledger.questions()) == 2


def test_due_lists_open_questions_past_their_horizon(ledger: Ledger) -> None:
    ledger.sync()
    assert [q.id for q in ledger.questions(due=True, today=TODAY)] == [2]
    ledger.resolve(2, "no", on=date(2026, 1, 1), today=TODAY)
    assert ledger.questions(due=True, today=TODAY) == []


def test_add_by_hand_and_filter_by_author(ledger: Ledger) -> None:
    ledger.sync()
    added = ledger.add(
        Question(title="NATO admits Ukraine", probability=0.1, criteria="c", author="Me")
    )
    assert added.id == 3
    assert [q.id for q in ledger.questions(author="Me")] == [3]


@pytest.mark.parametrize("form", ["csv", "json"])
def test_export_import_round_trip(ledger: Ledger, tmp_path: Path, form: str) -> None:
    ledger.sync()
    ledger.resolve(2, "annulled", on=date(2026, 1, 1), note="ambiguous", today=TODAY)
    ledger.add(
        Question(title="By hand, with a “quote”, and commas", probability=0.25, criteria="c")
    )
    path = tmp_path / f"questions.{form}"
    path.write_text(export_questions(ledger.questions(), form=form), encoding="utf-8")  # type: ignore[arg-type]
    with Store.open(str(tmp_path / "other.db")) as store:
        other = Ledger(store)
        result = other.import_questions(read_questions(path))
        assert len(result.created) == 3
        assert other.questions() == ledger.questions()
        assert other.import_questions(read_questions(path)).skipped == 3


def test_platform_form_has_the_columns_forecasters_know(ledger: Ledger, tmp_path: Path) -> None:
    ledger.sync()
    text = export_questions(ledger.questions(), form="platform")
    header = text.splitlines()[0].split(",")
    assert header[:4] == ["title", "resolution_criteria", "close_date", "probability"]
    path = tmp_path / "platform.csv"
    path.write_text(text, encoding="utf-8")
    imported = read_questions(path)
    assert [(q.title, q.probability, q.close_date) for q in imported] == [
        (q.title, q.probability, q.close_date) for q in ledger.questions()
    ]


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("title,probability\nA,0.5\nB,1.4\n", r"q\.csv:3: probability: 1\.4 is outside"),
        ("title,probability,close_date\nA,0.5,2030-02-30\n", r"q\.csv:2: close_date: "),
        ("title,probabilty\nA,0.5\n", r"q\.csv:2: probabilty: not a ledger field"),
        ("title,probability\nA,0.5,extra\n", r"q\.csv:2: more cells"),
        ("title,probability,outcome\nA,0.5,yes\n", r"q\.csv:2: resolved_on: is missing"),
        (
            "title,probability,opened,outcome,resolved_on\nA,0.5,2022-01-01,no,2021-01-01\n",
            r"q\.csv:2: on: 2021-01-01 is before",
        ),
    ],
)
def test_bad_csv_row_is_named_and_nothing_is_written(
    ledger: Ledger, tmp_path: Path, rows: str, message: str
) -> None:
    path = tmp_path / "q.csv"
    path.write_text(rows, encoding="utf-8")
    with pytest.raises(LedgerError, match=message):
        ledger.import_questions(read_questions(path, today=TODAY), today=TODAY)
    assert _count(ledger, questions_table) == 0


def test_import_checks_every_question_before_writing(ledger: Ledger) -> None:
    good = Question(title="A", probability=0.5, criteria="c")
    bad = Question(title="B", probability=0.5, criteria="c", status="done")  # type: ignore[arg-type]
    with pytest.raises(LedgerError, match="^status: "):
        ledger.import_questions([good, bad])
    assert _count(ledger, questions_table) == 0


def test_bad_json_names_the_item(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    path.write_text(json.dumps({"questions": [{"title": "A", "probability": 0.2}, {}]}))
    with pytest.raises(LedgerError, match=r"q\.json: question 2: title: is missing"):
        read_questions(path)
