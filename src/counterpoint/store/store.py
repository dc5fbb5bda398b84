"""The Store facade: save extractions, load them back, and query events and forecasts.

>>> with Store.open("counterpoint.db") as store:  # doctest: +SKIP
...     result = store.save_extraction(extraction)
...     store.load_extraction(result.document_id) == extraction
True
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, ScalarSelect, delete, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from counterpoint.errors import StoreError
from counterpoint.records import Event, Extraction, Forecast
from counterpoint.store import schema
from counterpoint.store.engine import WRITE_OPTION, Target, connect, resolve
from counterpoint.store.rows import insert_extraction, load_document, load_items, spec_for


@dataclass(frozen=True)
class SaveResult:
    """The outcome of saving one extraction: its row id, and whether rows were written."""

    document_id: int
    created: bool


@dataclass(frozen=True)
class StoredDocument:
    """A stored document with the number of items extracted from it."""

    id: int
    name: str
    title: str | None
    author: str | None
    published: date | None
    sha256: str
    word_count: int
    pipeline_version: str
    n_events: int
    n_forecasts: int
    n_claims: int
    n_actors: int


class Store:
    """Extractions in a SQL database (SQLite by default, PostgreSQL by URL).

    Open with :meth:`Store.open`; use as a context manager or call :meth:`close`.
    """

    def __init__(self, engine: Engine, target: Target) -> None:
        """Wrap an engine whose schema is ready; use :meth:`Store.open` instead."""
        self._engine = engine
        self._target = target

    @classmethod
    def open(cls, path_or_url: str) -> Store:
        """Open (creating when empty) the database at a path or SQLAlchemy URL.

        Args:
            path_or_url: an SQLite file path (``./counterpoint.db``; its directory must
                exist) or a URL (``sqlite:///x.db``, ``postgresql+psycopg://host/db``).

        Raises:
            StoreError: the directory is missing, the file is not a counterpoint
                database, or the URL's driver is not installed.
        """
        target = resolve(path_or_url)
        return cls(connect(target), target)

    @property
    def url(self) -> str:
        """The database URL, with any password hidden."""
        return self._target.url.render_as_string(hide_password=True)

    def close(self) -> None:
        """Release every connection."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        """Return the store itself."""
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Close the store."""
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """Yield a connection whose writes are committed together, or not at all.

        Database errors inside the block roll it back and are raised as StoreError;
        other exceptions roll it back and propagate unchanged.
        """
        try:
            with self._engine.connect() as conn:
                conn.execution_options(**{WRITE_OPTION: True})
                with conn.begin():
                    yield conn
        except SQLAlchemyError as e:
            raise StoreError(f"{self._target.label}: write rolled back ({_reason(e)})") from e

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self._engine.connect() as conn:
                yield conn
        except SQLAlchemyError as e:
            raise StoreError(f"{self._target.label}: read failed ({_reason(e)})") from e

    def has_document(self, sha256: str, pipeline_version: str) -> bool:
        """Whether a document with this hash was stored by this pipeline version."""
        with self._reading() as conn:
            return _find_id(conn, sha256, pipeline_version) is not None

    def stored(self, sha256: str, pipeline_version: str) -> StoredDocument | None:
        """The document stored with this hash by this pipeline version, with its counts."""
        documents = schema.documents
        query = _documents_query().where(
            documents.c.sha256 == sha256, documents.c.pipeline_version == pipeline_version
        )
        with self._reading() as conn:
            row = conn.execute(query).mappings().first()
        return None if row is None else _stored(row)

    def save_extraction(self, extraction: Extraction) -> SaveResult:
        """Save an extraction in one transaction; idempotent per hash and pipeline version.

        The same document (``sha256``) with the same ``pipeline_version`` is left as
        it is (``created=False``). With another version, the rows stored for that hash
        are replaced by the new ones (re-analysis).

        Raises:
            StoreError: the write failed; nothing of this extraction was kept.
        """
        document = extraction.document
        try:
            with self.transaction() as conn:
                found = _find_id(conn, document.sha256, extraction.pipeline_version)
                if found is not None:
                    return SaveResult(document_id=found, created=False)
                conn.execute(
                    delete(schema.documents).where(schema.documents.c.sha256 == document.sha256)
                )
                return SaveResult(document_id=insert_extraction(conn, extraction), created=True)
        except StoreError as e:
            # Another writer (a parallel analyze, the web app) stored the same document
            # between our look-up and our insert: the unique (sha256, version) key refused
            # the second copy, and the stored one is the result.
            if isinstance(e.__cause__, IntegrityError):
                with self._reading() as conn:
                    found = _find_id(conn, document.sha256, extraction.pipeline_version)
                if found is not None:
                    return SaveResult(document_id=found, created=False)
            raise StoreError(f"{document.name}: not saved ({e})") from e

    def save_many(self, extractions: Iterable[Extraction]) -> list[SaveResult]:
        """Save extractions, each in its own transaction.

        A document that fails is skipped with a warning naming it; the others are kept.
        The result holds one SaveResult per document saved (or found unchanged).
        """
        results: list[SaveResult] = []
        for extraction in extractions:
            try:
                results.append(self.save_extraction(extraction))
            except StoreError as e:
                warnings.warn(str(e), stacklevel=2)
        return results

    def list_documents(self) -> list[StoredDocument]:
        """Every stored document with its item counts, in the order they were saved."""
        with self._reading() as conn:
            return [_stored(row) for row in conn.execute(_documents_query()).mappings()]

    def find_document(self, name_or_id: str) -> StoredDocument:
        """Find the document with this id (when all digits and such an id exists) or name.

        Raises:
            StoreError: no document has this id or name, or several share the name.
        """
        query = _documents_query()
        with self._reading() as conn:
            if name_or_id.isdigit():
                row = conn.execute(query.where(schema.documents.c.id == int(name_or_id)))
                found = row.mappings().first()
                if found is not None:
                    return _stored(found)
            rows = conn.execute(query.where(schema.documents.c.name == name_or_id)).mappings()
            matches = [_stored(row) for row in rows]
        if not matches:
            raise StoreError(f"{name_or_id}: no such document in {self._target.label}")
        if len(matches) > 1:
            ids = ", ".join(str(match.id) for match in matches)
            raise StoreError(
                f"{name_or_id}: several documents have this name (ids {ids}); use an id"
            )
        return matches[0]

    def load_extraction(self, document_id: int) -> Extraction:
        """Load the extraction stored under ``document_id``, equal to the one saved.

        Raises:
            StoreError: there is no document with this id.
        """
        with self._reading() as conn:
            extraction = load_document(conn, document_id)
        if extraction is None:
            raise StoreError(f"document {document_id}: no such document in {self._target.label}")
        return extraction

    def events(self, *, actor: str | None = None) -> list[tuple[str, Event]]:
        """``(document name, event)`` for every stored event, or those involving ``actor``.

        ``actor`` is an exact actor code (``"RUS"``).
        """
        spec = spec_for("events")
        where = []
        if actor is not None:
            link = schema.event_actors
            involved = select(link.c.event_id).where(link.c.code == actor)
            where.append(schema.events.c.id.in_(involved))
        with self._reading() as conn:
            return load_items(conn, spec, where)

    def forecasts(self) -> list[tuple[str, Forecast]]:
        """``(document name, forecast)`` for every stored forecast."""
        with self._reading() as conn:
            return load_items(conn, spec_for("forecasts"), [])


def _reason(error: SQLAlchemyError) -> str:
    orig = getattr(error, "orig", None)
    return str(orig) if orig is not None else str(error).splitlines()[0]


def _find_id(conn: Connection, sha256: str, pipeline_version: str) -> int | None:
    documents = schema.documents
    found = conn.execute(
        select(documents.c.id).where(
            documents.c.sha256 == sha256, documents.c.pipeline_version == pipeline_version
        )
    ).scalar()
    return None if found is None else int(found)


def _count(table: Any) -> ScalarSelect[int]:
    return (
        select(func.count()).where(table.c.document_id == schema.documents.c.id).scalar_subquery()
    )


def _documents_query() -> Any:
    documents = schema.documents
    return select(
        documents.c.id,
        documents.c.name,
        documents.c.title,
        documents.c.author,
        documents.c.published,
        documents.c.sha256,
        documents.c.word_count,
        documents.c.pipeline_version,
        _count(schema.events).label("n_events"),
        _count(schema.forecasts).label("n_forecasts"),
        _count(schema.claims).label("n_claims"),
        _count(schema.actors).label("n_actors"),
    ).order_by(documents.c.id)


def _stored(row: Any) -> StoredDocument:
    return StoredDocument(**dict(row))
