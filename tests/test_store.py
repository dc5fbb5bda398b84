"""Tests of the Store: round trips, idempotence, re-analysis, queries and failures."""

from __future__ import annotations

import dataclasses
import hashlib
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from counterpoint.errors import StoreError
from counterpoint.records import (
    ActorMention,
    Claim,
    Document,
    Event,
    Extraction,
    Forecast,
    Sentence,
)
from counterpoint.store import SaveResult, Store, schema
from counterpoint.store.rows import ITEM_SPECS

TEXT = (
    "Moscow and Beijing\n"
    "In 2019 Russia and China signed a pact. Russia will very likely drift toward China "
    "in this decade, the author argues."
)


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def _document(text: str = TEXT, *, name: str = "moscow-beijing.txt", **changes: Any) -> Document:
    document = Document(
        name=name,
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        format="txt",
        path=f"articles/{name}",
        title="Moscow and Beijing",
        title_span=(0, 18),
        author="A. Writer",
        published=date(2021, 3, 15),
        published_source="meta",
        url=None,
        masked=((0, 6), (7, 10)),
    )
    return dataclasses.replace(document, **changes)


def _extraction(document: Document | None = None, *, version: str = "p1") -> Extraction:
    """A hand-built extraction over ``TEXT`` with every kind of item."""
    document = document or _document()
    text = document.text
    sent1 = _span(text, "In 2019 Russia and China signed a pact.")
    sent2 = _span(
        text, "Russia will very likely drift toward China in this decade, the author argues."
    )
    russia = _span(text, "Russia")
    pact = _span(text, "Russia and China signed a pact")
    drift = _span(text, "Russia will very likely drift toward China")
    return Extraction(
        document=document,
        sentences=(Sentence(*sent1), Sentence(*sent2)),
        actors=(ActorMention(*russia, "Russia", "RUS", "STATE", "Russia"),),
        events=(
            Event(
                *pact,
                text[slice(*pact)],
                "2019",
                "year",
                ("RUS", "CHN"),
                "verbal_cooperation",
                6.0,
                "sign pact",
                event_type="AGREE",
                date_text="In 2019",
                sentence_start=sent1[0],
                sentence_end=sent1[1],
            ),
        ),
        forecasts=(
            Forecast(
                *drift,
                text[slice(*drift)],
                "Russia drifts toward China",
                "happens",
                "very likely",
                0.85,
                0.8,
                0.95,
                "icd203",
                "likely",
                horizon_start="2021-03-15",
                horizon_end="2029-12-31",
                horizon_text="in this decade",
                actors=("RUS", "CHN"),
                sentence_start=sent2[0],
                sentence_end=sent2[1],
            ),
            Forecast(
                *drift,
                text[slice(*drift)],
                "no horizon",
                "does_not_happen",
                "may",
                0.5,
                0.3,
                0.7,
                "icd203",
                "even",
                attribution="the author",
                horizon_vague=True,
                condition="if sanctions hold",
                confidence_phrase="we judge",
            ),
        ),
        claims=(
            Claim(
                *pact,
                text[slice(*pact)],
                ("RUS", "CHN"),
                "asserted",
                "author",
                ("russia", "china", "sign", "pact"),
            ),
        ),
        rulesets=("hedges.v1", "actors.v1"),
        pipeline_version=version,
    )


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture()
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(str(db_path)) as opened:
        yield opened


def _count(store: Store, table: object) -> int:
    with store.transaction() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


@pytest.mark.parametrize("spec", ITEM_SPECS, ids=lambda spec: spec.field)
def test_schema_item_tables_have_a_column_per_record_field(spec: object) -> None:
    assert set(spec.columns) <= set(spec.table.c.keys())  # type: ignore[attr-defined]


def test_store_round_trip_equals_original(store: Store) -> None:
    extraction = _extraction()
    result = store.save_extraction(extraction)
    assert store.load_extraction(result.document_id) == extraction


def test_store_round_trip_keeps_none_fields_and_empty_items(store: Store) -> None:
    document = Document(name="bare.txt", text="Just words.", sha256="0" * 64, format="txt")
    extraction = Extraction(document=document)
    result = store.save_extraction(extraction)
    assert store.load_extraction(result.document_id) == extraction


def test_store_round_trip_keeps_unicode_offsets(store: Store) -> None:
    text = "Путин и Си Цзиньпин 🇷🇺🤝🇨🇳 встретились в 2019 году. 中俄关系将进一步加深。"
    document = _document(text, name="юникод.txt", title="中俄", title_span=_span(text, "Си"))
    span = _span(text, "🤝🇨🇳 встретились")
    event = Event(
        *span,
        text[slice(*span)],
        "2019",
        "year",
        ("RUS", "CHN"),
        "verbal_cooperation",
        2.5,
        "встреча",
    )
    extraction = Extraction(document=document, events=(event,), pipeline_version="p1")
    loaded = store.load_extraction(store.save_extraction(extraction).document_id)
    (stored_event,) = loaded.events
    assert loaded == extraction
    assert loaded.document.text[stored_event.start : stored_event.end] == stored_event.quote


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(st.characters(exclude_categories=["Cs"]), min_size=1))
def test_store_round_trip_any_text(store: Store, text: str) -> None:
    document = _document(text, title=None, title_span=None, masked=((0, len(text)),))
    extraction = Extraction(document=document, sentences=(Sentence(0, len(text)),))
    assert store.load_extraction(store.save_extraction(extraction).document_id) == extraction


def test_store_data_survives_reopening(db_path: Path) -> None:
    extraction = _extraction()
    with Store.open(str(db_path)) as first:
        document_id = first.save_extraction(extraction).document_id
    with Store.open(f"sqlite:///{db_path}") as second:
        assert second.load_extraction(document_id) == extraction


def test_save_extraction_twice_is_a_no_op(store: Store) -> None:
    first = store.save_extraction(_extraction())
    second = store.save_extraction(_extraction())
    assert (first.created, second) == (True, SaveResult(first.document_id, created=False))
    assert (_count(store, schema.documents), _count(store, schema.events)) == (1, 1)


def test_has_document_is_per_pipeline_version(store: Store) -> None:
    extraction = _extraction(version="p1")
    store.save_extraction(extraction)
    sha = extraction.document.sha256
    assert (store.has_document(sha, "p1"), store.has_document(sha, "p2")) == (True, False)


def test_save_extraction_new_version_replaces_rows(store: Store) -> None:
    store.save_extraction(_extraction(version="p1"))
    smaller = dataclasses.replace(_extraction(version="p2"), events=(), claims=())
    result = store.save_extraction(smaller)
    (stored,) = store.list_documents()
    assert result.created and stored.id == result.document_id
    assert (stored.pipeline_version, stored.n_events, stored.n_claims) == ("p2", 0, 0)
    assert store.load_extraction(result.document_id) == smaller


@pytest.mark.parametrize(
    "table",
    [
        schema.event_actors,
        schema.claim_actors,
        schema.claim_lemmas,
        schema.masked_spans,
        schema.document_rulesets,
        schema.sentences,
    ],
    ids=lambda table: table.name,
)
def test_save_extraction_new_version_leaves_no_orphans(store: Store, table: object) -> None:
    store.save_extraction(_extraction(version="p1"))
    bare = Extraction(document=_document(masked=()), pipeline_version="p2")
    store.save_extraction(bare)
    assert _count(store, table) == 0


def test_list_documents_counts_items(store: Store) -> None:
    store.save_extraction(_extraction())
    other = _document("Another text.", name="other.txt", title=None, title_span=None, masked=())
    store.save_extraction(Extraction(document=other, pipeline_version="p1"))
    counts = [
        (d.name, d.n_events, d.n_forecasts, d.n_claims, d.n_actors, d.word_count)
        for d in store.list_documents()
    ]
    assert counts == [
        ("moscow-beijing.txt", 1, 2, 1, 1, len(TEXT.split())),
        ("other.txt", 0, 0, 0, 0, 2),
    ]


def test_find_document_by_name(store: Store) -> None:
    result = store.save_extraction(_extraction())
    assert store.find_document("moscow-beijing.txt").id == result.document_id


def test_find_document_by_id(store: Store) -> None:
    result = store.save_extraction(_extraction())
    assert store.find_document(str(result.document_id)).name == "moscow-beijing.txt"


def test_find_document_missing_names_it(store: Store) -> None:
    store.save_extraction(_extraction())
    with pytest.raises(StoreError, match="nowhere.txt: no such document"):
        store.find_document("nowhere.txt")


def test_find_document_ambiguous_name_lists_ids(store: Store) -> None:
    store.save_extraction(_extraction())
    store.save_extraction(_extraction(_document(TEXT + " Other.")))
    with pytest.raises(StoreError, match=r"several documents .*ids 1, 2"):
        store.find_document("moscow-beijing.txt")


def test_load_extraction_missing_id_raises(store: Store) -> None:
    with pytest.raises(StoreError, match="document 42: no such document"):
        store.load_extraction(42)


@pytest.mark.parametrize(("actor", "expected"), [(None, 2), ("CHN", 2), ("USA", 1), ("IND", 0)])
def test_events_filter_by_actor(store: Store, actor: str | None, expected: int) -> None:
    store.save_extraction(_extraction())
    usa = dataclasses.replace(_extraction().events[0], actors=("USA", "CHN"))
    other = _document(TEXT + " Other.", name="other.txt")
    store.save_extraction(dataclasses.replace(_extraction(other), events=(usa,)))
    found = store.events(actor=actor)
    assert len(found) == expected
    assert all(actor is None or actor in event.actors for _, event in found)


def test_events_are_paired_with_document_names(store: Store) -> None:
    extraction = _extraction()
    store.save_extraction(extraction)
    assert store.events(actor="RUS") == [("moscow-beijing.txt", extraction.events[0])]


def test_forecasts_in_document_order(store: Store) -> None:
    extraction = _extraction()
    store.save_extraction(extraction)
    assert store.forecasts() == [("moscow-beijing.txt", f) for f in extraction.forecasts]


def test_save_extraction_failure_rolls_back(store: Store) -> None:
    first = _extraction()
    first_id = store.save_extraction(first).document_id
    broken_event = dataclasses.replace(first.events[0], label=None)  # type: ignore[arg-type]
    broken = dataclasses.replace(
        _extraction(_document(TEXT + " Broken.", name="broken.txt")), events=(broken_event,)
    )
    with pytest.raises(StoreError, match="broken.txt: not saved .*NOT NULL"):
        store.save_extraction(broken)
    assert [d.name for d in store.list_documents()] == ["moscow-beijing.txt"]
    assert store.load_extraction(first_id) == first
    assert _count(store, schema.sentences) == len(first.sentences)


def test_save_many_skips_a_failing_document_with_a_warning(store: Store) -> None:
    good = [_extraction(_document(TEXT + f" {i}.", name=f"doc{i}.txt")) for i in range(3)]
    bad_event = dataclasses.replace(good[0].events[0], date=None)  # type: ignore[arg-type]
    bad = dataclasses.replace(
        _extraction(_document(TEXT + " Bad.", name="bad.txt")), events=(bad_event,)
    )
    with pytest.warns(UserWarning, match="bad.txt: not saved"):
        results = store.save_many([good[0], bad, good[1], good[2]])
    assert [r.created for r in results] == [True, True, True]
    assert [d.name for d in store.list_documents()] == ["doc0.txt", "doc1.txt", "doc2.txt"]


def test_transaction_rolls_back_on_exception(store: Store) -> None:
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute(schema.schema_version.insert().values(version=99))
        raise RuntimeError("stop")
    assert _count(store, schema.schema_version) == 1


def test_open_corrupt_file_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.db"
    path.write_bytes(b"not a database at all\n" * 200)
    with pytest.raises(
        StoreError, match=r"corrupt.db: not a counterpoint database \(file is not a database"
    ):
        Store.open(str(path))


def test_open_foreign_sqlite_database_raises_store_error(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
    with pytest.raises(StoreError, match="other.db: not a counterpoint database .*notes"):
        Store.open(str(path))


def test_open_newer_schema_version_raises_store_error(db_path: Path) -> None:
    Store.open(str(db_path)).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE schema_version SET version = 2")
    with pytest.raises(StoreError, match="schema version 2"):
        Store.open(str(db_path))


def test_open_missing_directory_names_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="missing-dir.* does not exist"):
        Store.open(str(tmp_path / "missing-dir" / "x.db"))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("nosuchdb://host/db", "nosuchdb://host/db: unknown database kind 'nosuchdb'"),
        ("no such://db", "no such://db: not a database URL"),
        ("postgresql://user@host:port/db", "host:port/db: not a database URL"),
    ],
)
def test_open_bad_url_raises_store_error(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        Store.open(url)


def test_open_postgresql_without_driver_says_so() -> None:
    # pg8000 is a PostgreSQL driver SQLAlchemy knows and counterpoint does not install.
    import importlib.util

    assert importlib.util.find_spec("pg8000") is None
    with pytest.raises(StoreError, match="driver 'pg8000' is not installed"):
        Store.open("postgresql+pg8000://user:secret@localhost/counterpoint")


def test_url_hides_password_and_names_file(db_path: Path, store: Store) -> None:
    assert store.url == f"sqlite:///{db_path}"


@pytest.mark.parametrize(("pragma", "expected"), [("foreign_keys", 1), ("journal_mode", "wal")])
def test_open_sqlite_file_sets_pragmas(store: Store, pragma: str, expected: object) -> None:
    with store.transaction() as conn:
        assert conn.execute(text(f"PRAGMA {pragma}")).scalar() == expected
