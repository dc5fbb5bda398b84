"""Conversion between records and table rows, and the bulk writes and reads of items.

Item tables mirror their record: a column for every field of the dataclass, except
tuple fields, which go to child tables (:class:`Link`). Writes use one ``executemany``
per table; rows whose children must point at them are inserted with
``RETURNING id`` in parameter order (SQLAlchemy's "insertmanyvalues"), which works on
SQLite 3.35+ and PostgreSQL alike.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, Table, select

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
from counterpoint.store import schema


@dataclass(frozen=True)
class Link:
    """A tuple field of a record kept in a child table (``field`` -> ``table.value``)."""

    field: str
    table: Table
    parent: str
    value: str


@dataclass(frozen=True)
class ItemSpec:
    """How one ``Extraction`` field (``events`` …) maps to its table and child tables."""

    field: str
    record: type[Any]
    table: Table
    links: tuple[Link, ...] = ()

    @property
    def columns(self) -> tuple[str, ...]:
        """The record fields stored as columns of ``table`` (every non-tuple field)."""
        linked = {link.field for link in self.links}
        return tuple(f.name for f in fields(self.record) if f.name not in linked)


def _link(field: str, table: Table, value: str) -> Link:
    return Link(field=field, table=table, parent=table.c[0].name, value=value)


ITEM_SPECS: tuple[ItemSpec, ...] = (
    ItemSpec("sentences", Sentence, schema.sentences),
    ItemSpec("actors", ActorMention, schema.actors),
    ItemSpec("events", Event, schema.events, (_link("actors", schema.event_actors, "code"),)),
    ItemSpec(
        "forecasts",
        Forecast,
        schema.forecasts,
        (_link("actors", schema.forecast_actors, "code"),),
    ),
    ItemSpec(
        "claims",
        Claim,
        schema.claims,
        (
            _link("actors", schema.claim_actors, "code"),
            _link("lemmas", schema.claim_lemmas, "lemma"),
        ),
    ),
)


def spec_for(field: str) -> ItemSpec:
    """Return the spec of the ``Extraction`` field ``field`` (``"events"``, ``"forecasts"`` …)."""
    return next(spec for spec in ITEM_SPECS if spec.field == field)


def document_row(extraction: Extraction) -> dict[str, Any]:
    """Return the ``documents`` row of an extraction (title offsets in two columns)."""
    document = extraction.document
    title_start, title_end = document.title_span or (None, None)
    return {
        "name": document.name,
        "path": document.path,
        "sha256": document.sha256,
        "format": document.format,
        "title": document.title,
        "title_start": title_start,
        "title_end": title_end,
        "author": document.author,
        "published": document.published,
        "published_source": document.published_source,
        "url": document.url,
        "text": document.text,
        "word_count": document.word_count,
        "pipeline_version": extraction.pipeline_version,
        "ingested_at": datetime.now(UTC),
    }


def insert_extraction(conn: Connection, extraction: Extraction) -> int:
    """Insert a document with every item, one ``executemany`` per table; return its id."""
    result = conn.execute(schema.documents.insert().values(document_row(extraction)))
    (document_id,) = result.inserted_primary_key or (None,)
    if document_id is None:
        raise StoreError(f"{extraction.document.name}: the database returned no document id")
    _insert_many(
        conn,
        schema.document_rulesets,
        [
            {"document_id": document_id, "position": i, "name": name}
            for i, name in enumerate(extraction.rulesets)
        ],
    )
    _insert_many(
        conn,
        schema.masked_spans,
        [
            {"document_id": document_id, "idx": i, "start": start, "end": end}
            for i, (start, end) in enumerate(extraction.document.masked)
        ],
    )
    for spec in ITEM_SPECS:
        _insert_items(conn, spec, document_id, getattr(extraction, spec.field))
    return int(document_id)


def _insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    # An empty parameter list would insert one row of defaults, so it is skipped.
    if rows:
        conn.execute(table.insert(), rows)


def _insert_items(conn: Connection, spec: ItemSpec, document_id: int, items: Sequence[Any]) -> None:
    rows = [
        {
            "document_id": document_id,
            "idx": i,
            **{name: getattr(item, name) for name in spec.columns},
        }
        for i, item in enumerate(items)
    ]
    if not rows or not spec.links:
        _insert_many(conn, spec.table, rows)
        return
    statement = spec.table.insert().returning(spec.table.c.id, sort_by_parameter_order=True)
    ids = conn.execute(statement, rows).scalars().all()
    for link in spec.links:
        _insert_many(
            conn,
            link.table,
            [
                {link.parent: item_id, "position": position, link.value: value}
                for item_id, item in zip(ids, items, strict=True)
                for position, value in enumerate(getattr(item, link.field))
            ],
        )


def load_document(conn: Connection, document_id: int) -> Extraction | None:
    """Rebuild the extraction stored under ``document_id``, or None when there is none."""
    row = (
        conn.execute(select(schema.documents).where(schema.documents.c.id == document_id))
        .mappings()
        .first()
    )
    if row is None:
        return None
    rulesets = (
        conn.execute(
            select(schema.document_rulesets.c.name)
            .where(schema.document_rulesets.c.document_id == document_id)
            .order_by(schema.document_rulesets.c.position)
        )
        .scalars()
        .all()
    )
    masked = schema.masked_spans
    spans = conn.execute(
        select(masked.c.start, masked.c.end)
        .where(masked.c.document_id == document_id)
        .order_by(masked.c.idx)
    ).all()
    where = [schema.documents.c.id == document_id]
    items = {spec.field: tuple(r for _, r in load_items(conn, spec, where)) for spec in ITEM_SPECS}
    document = document_from_row(row, tuple((start, end) for start, end in spans))
    return Extraction(
        document=document,
        rulesets=tuple(rulesets),
        pipeline_version=row["pipeline_version"],
        **items,
    )


def document_from_row(row: Any, masked: tuple[tuple[int, int], ...]) -> Document:
    """Rebuild a ``Document`` from a ``documents`` row (any mapping with its columns)."""
    title_span = None
    if row["title_start"] is not None and row["title_end"] is not None:
        title_span = (row["title_start"], row["title_end"])
    return Document(
        name=row["name"],
        text=row["text"],
        sha256=row["sha256"],
        format=row["format"],
        path=row["path"],
        title=row["title"],
        title_span=title_span,
        author=row["author"],
        published=row["published"],
        published_source=row["published_source"],
        url=row["url"],
        masked=masked,
    )


def load_items(
    conn: Connection, spec: ItemSpec, where: Sequence[ColumnElement[bool]]
) -> list[tuple[str, Any]]:
    """``(document name, record)`` for the items of ``spec`` whose rows match ``where``.

    ``where`` may test columns of ``documents`` and of ``spec.table``; items come in
    document order, then in their order within the extraction.
    """
    table = spec.table
    name = schema.documents.c.name.label("document_name")
    query = _joined(spec, where, name, table).order_by(table.c.document_id, table.c.idx)
    rows = conn.execute(query).mappings().all()
    ids = _joined(spec, where, table.c.id)
    linked = {link.field: _linked(conn, link, ids) for link in spec.links}
    return [
        (
            row["document_name"],
            spec.record(
                **{column: row[column] for column in spec.columns},
                **{field: values.get(row["id"], ()) for field, values in linked.items()},
            ),
        )
        for row in rows
    ]


def _joined(spec: ItemSpec, where: Sequence[ColumnElement[bool]], *columns: Any) -> Select[Any]:
    table = spec.table
    return (
        select(*columns)
        .select_from(table.join(schema.documents, schema.documents.c.id == table.c.document_id))
        .where(*where)
    )


def _linked(conn: Connection, link: Link, ids: Select[Any]) -> dict[int, tuple[str, ...]]:
    """Map each parent id that ``ids`` selects to its tuple in ``link``."""
    parent = link.table.c[link.parent]
    rows = conn.execute(
        select(parent, link.table.c[link.value])
        .where(parent.in_(ids))
        .order_by(parent, link.table.c.position)
    ).all()
    grouped: defaultdict[int, list[str]] = defaultdict(list)
    for parent_id, value in rows:
        grouped[parent_id].append(value)
    return {parent_id: tuple(values) for parent_id, values in grouped.items()}
