"""The ledger's tables, in their own ``MetaData`` (the store's schema version is untouched).

``question_sources`` name a document by hash and offsets, not by row id, so questions
outlive re-analysis; ``ledger_synced`` records which (document, pipeline version) pairs
have been drafted, so a sync loads only new extractions.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

questions = Table(
    "questions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("probability", Float, nullable=False),
    Column("criteria", Text, nullable=False),
    Column("close_date", Date),
    Column("opened", Date),
    Column("author", Text),
    Column("source", Text),
    Column("topic", String, nullable=False),
    Column("condition", Text),
    Column("probability_phrase", Text, nullable=False),
    Column("status", String, nullable=False),
    Column("unresolvable_reason", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

question_sources = Table(
    "question_sources",
    metadata,
    Column("question_id", Integer, ForeignKey("questions.id", ondelete="CASCADE"), nullable=False),
    Column("document_sha256", String(64), nullable=False),
    Column("document_name", String, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    UniqueConstraint("document_sha256", "start", "end", name="uq_question_sources_span"),
)

resolutions = Table(
    "resolutions",
    metadata,
    Column(
        "question_id",
        Integer,
        ForeignKey("questions.id", ondelete="CASCADE"),
        primary_key=True,
        autoincrement=False,
    ),
    Column("outcome", String, nullable=False),
    Column("resolved_on", Date, nullable=False),
    Column("note", Text, nullable=False),
    Column("source", Text),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

synced = Table(
    "ledger_synced",
    metadata,
    Column("document_sha256", String(64), primary_key=True),
    Column("pipeline_version", String, primary_key=True),
)
