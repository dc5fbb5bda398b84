"""The store's behaviour on both backends: SQLite (a file) and PostgreSQL (a real server).

PostgreSQL tests need ``COUNTERPOINT_TEST_PG`` (an SQLAlchemy URL to a database the tests
may create schemas in; ``.ci/run`` starts a server on loopback and sets it). Without it
they are skipped, except when ``CI`` is set: then they fail, so CI never skips them.
Each test gets its own PostgreSQL schema (through ``search_path``), dropped afterwards.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from counterpoint.errors import StoreError
from counterpoint.extract import extract_documents
from counterpoint.ingest import iter_documents
from counterpoint.records import Document, Extraction
from counterpoint.store import Store, schema
from counterpoint.store.migrations import HEAD

EXAMPLES = Path(__file__).parent.parent / "examples" / "sino-russian"
PG_ENV = "COUNTERPOINT_TEST_PG"


def postgres_url() -> str:
    """The test server's URL; skip (or fail under CI) when none is configured."""
    url = os.environ.get(PG_ENV)
    if not url:
        message = f"{PG_ENV} is not set: no PostgreSQL server to test against (.ci/run starts one)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL whose connections use a fresh, empty schema; the schema is dropped after."""
    base = postgres_url()
    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {name}"))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={name}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    with postgres_schema() as found:
        yield found


@pytest.fixture()
def store(url: str) -> Iterator[Store]:
    with Store.open(url) as opened:
        yield opened


@pytest.fixture(scope="module")
def extractions(nlp: object) -> list[Extraction]:
    documents = [d for d in iter_documents([EXAMPLES]) if isinstance(d, Document)]
    return list(extract_documents(documents, nlp=nlp))  # type: ignore[arg-type]


def test_real_extractions_round_trip(store: Store, extractions: list[Extraction]) -> None:
    ids = [store.save_extraction(e).document_id for e in extractions]
    assert [store.load_extraction(i) for i in ids] == extractions


def test_queries_return_every_item(store: Store, extractions: list[Extraction]) -> None:
    store.save_many(extractions)
    events = [(e.document.name, ev) for e in extractions for ev in e.events]
    assert store.events() == events
    assert store.events(actor="CHN") == [(n, ev) for n, ev in events if "CHN" in ev.actors]
    assert store.forecasts() == [(e.document.name, f) for e in extractions for f in e.forecasts]
    listed = store.list_documents()
    assert [(d.name, d.n_events, d.n_forecasts) for d in listed] == [
        (e.document.name, len(e.events), len(e.forecasts)) for e in extractions
    ]
    assert store.find_document(extractions[0].document.name).id == listed[0].id


def test_saving_twice_is_a_no_op_and_a_new_version_replaces(
    store: Store, extractions: list[Extraction]
) -> None:
    first = store.save_extraction(extractions[0])
    again = store.save_extraction(extractions[0])
    assert (again.document_id, again.created) == (first.document_id, False)
    newer = dataclasses.replace(extractions[0], pipeline_version="next")
    replaced = store.save_extraction(newer)
    assert replaced.created
    assert [d.pipeline_version for d in store.list_documents()] == ["next"]
    assert store.stored(newer.document.sha256, "next") is not None
    assert store.stored(newer.document.sha256, extractions[0].pipeline_version) is None


def test_failed_save_keeps_nothing_of_it(store: Store, extractions: list[Extraction]) -> None:
    bad_event = dataclasses.replace(extractions[0].events[0], label=None)  # type: ignore[arg-type]
    bad = dataclasses.replace(extractions[0], events=(bad_event,))
    with pytest.raises(StoreError, match="not saved"):
        store.save_extraction(bad)
    assert store.list_documents() == []
    assert store.events() == []


def _save_all(url: str, extractions: list[Extraction], barrier: object) -> int:
    barrier.wait()  # type: ignore[attr-defined]
    with Store.open(url) as store:
        return sum(store.save_extraction(e).created for e in extractions)


def test_concurrent_writers_store_each_document_once(
    url: str, extractions: list[Extraction]
) -> None:
    # Many small documents, saved by three processes at once in the same order.
    many = [
        dataclasses.replace(
            e,
            document=dataclasses.replace(e.document, sha256=f"{i:064x}", name=f"copy-{i}"),
        )
        for i in range(6)
        for e in extractions[:1]
    ]
    Store.open(url).close()
    context = multiprocessing.get_context("fork")
    barrier = context.Manager().Barrier(3)
    with context.Pool(3) as pool:
        created = pool.starmap(_save_all, [(url, many, barrier)] * 3)
    assert sum(created) == len(many)
    with Store.open(url) as store:
        assert sorted(d.name for d in store.list_documents()) == sorted(
            e.document.name for e in many
        )
        assert len(store.events()) == len(many) * len(extractions[0].events)


def test_empty_database_is_migrated_to_match_the_schema(url: str) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from counterpoint.store.migrate import known_revisions

    Store.open(url).close()
    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
        assert MigrationContext.configure(conn).get_current_revision() == HEAD
        assert set(inspect(conn).get_table_names()) == {*schema.metadata.tables, "alembic_version"}
    engine.dispose()
    assert HEAD in known_revisions()


def test_database_from_before_migrations_is_stamped_and_kept(
    url: str, extractions: list[Extraction]
) -> None:
    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    with engine.begin() as conn:
        schema.metadata.create_all(conn)
        conn.execute(schema.schema_version.insert().values(version=schema.SCHEMA_VERSION))
    engine.dispose()
    with Store.open(url) as store:
        store.save_extraction(extractions[0])
    with Store.open(url) as store:
        assert store.load_extraction(store.list_documents()[0].id) == extractions[0]
    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == HEAD
    engine.dispose()


def test_database_from_a_newer_counterpoint_is_refused(url: str) -> None:
    Store.open(url).close()
    engine = create_engine(url if "://" in url else f"sqlite:///{url}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    engine.dispose()
    with pytest.raises(StoreError, match="revision ffff was written by a newer counterpoint"):
        Store.open(url)
