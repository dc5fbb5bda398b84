"""Comparisons kept in the database for the report and the web app.

The tables (``comparisons``, ``comparison_pairs``, ``comparison_stances``) live in their
own ``MetaData``, created on first use through :meth:`Store.transaction`, so the store's
schema version is untouched. Documents are named by file name, as in the JSON output.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    select,
)

from counterpoint.compare.records import ClaimPair, Comparison, Stance
from counterpoint.store import Store

metadata = MetaData()

comparisons = Table(
    "comparisons",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("documents", Text, nullable=False),
    Column("rulesets", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

comparison_pairs = Table(
    "comparison_pairs",
    metadata,
    Column("comparison_id", Integer, ForeignKey("comparisons.id", ondelete="CASCADE")),
    # Rows come back in this order on every database (PostgreSQL keeps no insertion order).
    Column("position", Integer, nullable=False),
    Column("a_doc", String, nullable=False),
    Column("a_start", Integer, nullable=False),
    Column("a_end", Integer, nullable=False),
    Column("a_quote", Text, nullable=False),
    Column("b_doc", String, nullable=False),
    Column("b_start", Integer, nullable=False),
    Column("b_end", Integer, nullable=False),
    Column("b_quote", Text, nullable=False),
    Column("relation", String, nullable=False),
    Column("proposition", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("actors", Text, nullable=False),
)

comparison_stances = Table(
    "comparison_stances",
    metadata,
    Column("comparison_id", Integer, ForeignKey("comparisons.id", ondelete="CASCADE")),
    Column("position", Integer, nullable=False),
    Column("doc", String, nullable=False),
    Column("proposition", Text, nullable=False),
    Column("stance", String, nullable=False),
    Column("score", Float, nullable=False),
    Column("quotes", Text, nullable=False),
)


def save_comparison(store: Store, comparison: Comparison) -> int:
    """Store ``comparison``; return its id."""
    with store.transaction() as conn:
        metadata.create_all(conn)
        result = conn.execute(
            comparisons.insert().values(
                documents=json.dumps(comparison.documents),
                rulesets=json.dumps(comparison.rulesets),
                created_at=datetime.now(UTC),
            )
        )
        (comparison_id,) = result.inserted_primary_key or (0,)
        if comparison.pairs:
            conn.execute(
                comparison_pairs.insert(),
                [
                    {
                        **vars(pair),
                        "actors": ",".join(pair.actors),
                        "comparison_id": comparison_id,
                        "position": position,
                    }
                    for position, pair in enumerate(comparison.pairs)
                ],
            )
        if comparison.stances:
            conn.execute(
                comparison_stances.insert(),
                [
                    {
                        "comparison_id": comparison_id,
                        "position": position,
                        "doc": s.doc,
                        "proposition": s.proposition,
                        "stance": s.stance,
                        "score": s.score,
                        "quotes": json.dumps(s.quotes, ensure_ascii=False),
                    }
                    for position, s in enumerate(comparison.stances)
                ],
            )
    return int(comparison_id)


def _comparison_id(conn: Connection, comparison_id: int | None) -> int | None:
    """``comparison_id``, or the latest comparison's id when it is None."""
    if comparison_id:
        return comparison_id
    return conn.execute(select(comparisons.c.id).order_by(comparisons.c.id.desc())).scalar()


def _rows(conn: Connection, table: Table, comparison_id: int | None) -> Any:
    """The rows of ``table`` for one comparison (the latest when None), in stored order."""
    metadata.create_all(conn)
    wanted = _comparison_id(conn, comparison_id)
    return conn.execute(
        select(table).where(table.c.comparison_id == wanted).order_by(table.c.position)
    ).mappings()


def load_pairs(store: Store, comparison_id: int | None = None) -> tuple[ClaimPair, ...]:
    """The pairs of one comparison (the latest when ``comparison_id`` is None)."""
    with store.transaction() as conn:
        rows = _rows(conn, comparison_pairs, comparison_id)
        return tuple(
            ClaimPair(
                **{
                    k: v for k, v in row.items() if k not in ("comparison_id", "actors", "position")
                },
                actors=tuple(a for a in row["actors"].split(",") if a),
            )
            for row in rows
        )


def load_stances(store: Store, comparison_id: int | None = None) -> tuple[Stance, ...]:
    """The stances of one comparison (the latest when ``comparison_id`` is None)."""
    with store.transaction() as conn:
        rows = _rows(conn, comparison_stances, comparison_id)
        return tuple(
            Stance(
                row["doc"],
                row["proposition"],
                row["stance"],
                row["score"],
                tuple(json.loads(row["quotes"])),
            )
            for row in rows
        )
