"""Comparisons kept in the database for the report and the web app.

The tables (``comparisons``, ``comparison_pairs``, ``comparison_stances``) live in their
own ``MetaData``, created on first use through :meth:`Store.transaction`, so the store's
schema version is untouched. Documents are named by file name, as in the JSON output.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

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


def load_pairs(store: Store, comparison_id: int | None = None) -> tuple[ClaimPair, ...]:
    """The pairs of one comparison (the latest when ``comparison_id`` is None)."""
    with store.transaction() as conn:
        metadata.create_all(conn)
        wanted = _comparison_id(conn, comparison_id)
        rows = conn.execute(
            select(comparison_pairs)
            .where(comparison_pairs.c.comparison_id == wanted)
            .order_by(comparison_pairs.c.position)
        ).mappings()
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
        metadata.create_all(conn)
        wanted = _comparison_id(conn, comparison_id)
        rows = conn.execute(
            select(comparison_stances)
            .where(comparison_stances.c.comparison_id == wanted)
            .order_by(comparison_stances.c.position)
        ).mappings()
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
