"""The database schema: one table per record type, child tables for tuples.

Only portable SQLAlchemy types are used (Integer, String, Text, Float, Boolean, Date,
DateTime), so the same schema is created on SQLite and PostgreSQL. Every item table
carries ``document_id`` and ``idx`` (its position in the extraction), and tuples of
strings (actor codes, claim lemmas, rule-set names) live in child tables keyed by
``(parent id, position)`` so that their order survives a round trip.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.sql.schema import SchemaItem

SCHEMA_VERSION = 1

metadata = MetaData()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False),
    Column("path", Text),
    Column("sha256", String(64), nullable=False),
    Column("format", String, nullable=False),
    Column("title", Text),
    Column("title_start", Integer),
    Column("title_end", Integer),
    Column("author", Text),
    Column("published", Date),
    Column("published_source", String, nullable=False),
    Column("url", Text),
    Column("text", Text, nullable=False),
    Column("word_count", Integer, nullable=False),
    Column("pipeline_version", String, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("sha256", "pipeline_version", name="uq_documents_sha256_version"),
    Index("ix_documents_sha256", "sha256"),
    Index("ix_documents_name", "name"),
)


def _document_id() -> Column[int]:
    return Column(
        "document_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False
    )


def _span(name: str, *items: SchemaItem) -> Table:
    """Define an item table: id, document, position in the extraction, offsets, ``items``."""
    return Table(
        name,
        metadata,
        Column("id", Integer, primary_key=True),
        _document_id(),
        Column("idx", Integer, nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        *items,
        Index(f"ix_{name}_document_id", "document_id"),
    )


def _codes(name: str, parent: str, value: str) -> Table:
    """Define a child table holding an ordered tuple of strings per row of ``parent``."""
    return Table(
        name,
        metadata,
        Column(
            f"{parent[:-1]}_id",
            Integer,
            ForeignKey(f"{parent}.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("position", Integer, primary_key=True, autoincrement=False),
        Column(value, String, nullable=False),
    )


document_rulesets = Table(
    "document_rulesets",
    metadata,
    Column(
        "document_id",
        Integer,
        ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("position", Integer, primary_key=True, autoincrement=False),
    Column("name", String, nullable=False),
)

masked_spans = _span("masked_spans")

sentences = _span("sentences")

actors = _span(
    "actors",
    Column("text", Text, nullable=False),
    Column("code", String, nullable=False),
    Column("role", String, nullable=False),
    Column("name", String, nullable=False),
)

events = _span(
    "events",
    Column("quote", Text, nullable=False),
    Column("date", String, nullable=False),
    Column("date_precision", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("intensity", Float, nullable=False),
    Column("label", Text, nullable=False),
    Column("context", String, nullable=False),
    Column("event_type", String, nullable=False),
    Column("date_text", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Index("ix_events_date", "date"),
)

forecasts = _span(
    "forecasts",
    Column("quote", Text, nullable=False),
    Column("proposition", Text, nullable=False),
    Column("polarity", String, nullable=False),
    Column("probability_phrase", Text, nullable=False),
    Column("probability", Float, nullable=False),
    Column("probability_low", Float, nullable=False),
    Column("probability_high", Float, nullable=False),
    Column("scale", String, nullable=False),
    Column("hedge_class", String, nullable=False),
    Column("attribution", Text, nullable=False),
    Column("horizon_start", String),
    Column("horizon_end", String),
    Column("horizon_text", Text),
    Column("horizon_vague", Boolean, nullable=False),
    Column("condition", Text),
    Column("confidence_phrase", Text),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
)

claims = _span(
    "claims",
    Column("quote", Text, nullable=False),
    Column("polarity", String, nullable=False),
    Column("endorsement", String, nullable=False),
)

event_actors = _codes("event_actors", "events", "code")
forecast_actors = _codes("forecast_actors", "forecasts", "code")
claim_actors = _codes("claim_actors", "claims", "code")
claim_lemmas = _codes("claim_lemmas", "claims", "lemma")

Index("ix_event_actors_code", event_actors.c.code)
Index("ix_forecast_actors_code", forecast_actors.c.code)
Index("ix_claim_actors_code", claim_actors.c.code)
