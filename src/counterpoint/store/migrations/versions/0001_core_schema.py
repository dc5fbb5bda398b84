"""Core schema version 1: documents, their rule sets and masked spans, and the items.

A frozen snapshot of ``counterpoint.store.schema`` at version 1 (later changes to that
module go in new revisions, never here).

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SPAN_TABLES = ("masked_spans", "sentences", "actors", "events", "forecasts", "claims")
CODE_TABLES = (
    ("event_actors", "events", "code", True),
    ("forecast_actors", "forecasts", "code", True),
    ("claim_actors", "claims", "code", True),
    ("claim_lemmas", "claims", "lemma", False),
)


def _text(name: str, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=nullable)


def _string(name: str, *, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(name, sa.String(), nullable=nullable)


def _int(name: str, *, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _float(name: str) -> sa.Column[float]:
    return sa.Column(name, sa.Float(), nullable=False)


def _span_table(name: str, *columns: sa.Column[Any]) -> None:
    op.create_table(
        name,
        _int("id"),
        _int("document_id"),
        _int("idx"),
        _int("start"),
        _int("end"),
        *columns,
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(f"ix_{name}_document_id", name, ["document_id"])


def upgrade() -> None:
    """Create every core table of schema version 1 and record the version."""
    schema_version = op.create_table(
        "schema_version",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint("version"),
    )
    op.bulk_insert(schema_version, [{"version": 1}])
    op.create_table(
        "documents",
        _int("id"),
        _string("name"),
        _text("path", nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        _string("format"),
        _text("title", nullable=True),
        _int("title_start", nullable=True),
        _int("title_end", nullable=True),
        _text("author", nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        _string("published_source"),
        _text("url", nullable=True),
        _text("text"),
        _int("word_count"),
        _string("pipeline_version"),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("sha256", "pipeline_version", name="uq_documents_sha256_version"),
    )
    op.create_index("ix_documents_sha256", "documents", ["sha256"])
    op.create_index("ix_documents_name", "documents", ["name"])
    op.create_table(
        "document_rulesets",
        _int("document_id"),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        _string("name"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "position"),
    )
    _span_table("masked_spans")
    _span_table("sentences")
    _span_table("actors", _text("text"), _string("code"), _string("role"), _string("name"))
    _span_table(
        "events",
        _text("quote"),
        _string("date"),
        _string("date_precision"),
        _string("kind"),
        _float("intensity"),
        _text("label"),
        _string("context"),
        _string("event_type"),
        _text("date_text"),
        _int("sentence_start"),
        _int("sentence_end"),
    )
    op.create_index("ix_events_date", "events", ["date"])
    _span_table(
        "forecasts",
        _text("quote"),
        _text("proposition"),
        _string("polarity"),
        _text("probability_phrase"),
        _float("probability"),
        _float("probability_low"),
        _float("probability_high"),
        _string("scale"),
        _string("hedge_class"),
        _text("attribution"),
        _string("horizon_start", nullable=True),
        _string("horizon_end", nullable=True),
        _text("horizon_text", nullable=True),
        sa.Column("horizon_vague", sa.Boolean(), nullable=False),
        _text("condition", nullable=True),
        _text("confidence_phrase", nullable=True),
        _int("sentence_start"),
        _int("sentence_end"),
    )
    _span_table("claims", _text("quote"), _string("polarity"), _string("endorsement"))
    for name, parent, value, indexed in CODE_TABLES:
        key = f"{parent[:-1]}_id"
        op.create_table(
            name,
            _int(key),
            sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
            _string(value),
            sa.ForeignKeyConstraint([key], [f"{parent}.id"], ondelete="CASCADE"),
            sa.PrimaryKeyConstraint(key, "position"),
        )
        if indexed:
            op.create_index(f"ix_{name}_{value}", name, [value])


def downgrade() -> None:
    """Drop every core table (children first)."""
    for name, *_ in reversed(CODE_TABLES):
        op.drop_table(name)
    for name in reversed(SPAN_TABLES):
        op.drop_table(name)
    op.drop_table("document_rulesets")
    op.drop_table("documents")
    op.drop_table("schema_version")
