"""Question rows: writing a question, its sources and resolution to the ledger tables, and back.

``_insert`` writes one question with its source and resolution rows, ``_write_resolution``
replaces a question's resolution, ``_load`` reads the questions a query selects with their
sources and resolutions, and ``_spans`` lists the source spans already held for a document.
They run inside the caller's transaction; :class:`~counterpoint.ledger.store.Ledger` uses them.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select

from counterpoint.ledger.questions import (
    LedgerError,
    Question,
    QuestionSource,
    Resolution,
    check_outcome,
)
from counterpoint.ledger.schema import question_sources, questions, resolutions

_QUESTION_COLUMNS = tuple(c.name for c in questions.columns if c.name not in ("id", "created_at"))


def _spans(conn: Connection, sha256: str) -> list[tuple[int, int]]:
    rows = conn.execute(
        select(question_sources.c.start, question_sources.c.end).where(
            question_sources.c.document_sha256 == sha256
        )
    )
    return [(int(row[0]), int(row[1])) for row in rows]


def _write_resolution(conn: Connection, question_id: int, resolution: Resolution) -> None:
    conn.execute(delete(resolutions).where(resolutions.c.question_id == question_id))
    conn.execute(
        resolutions.insert().values(
            question_id=question_id,
            outcome=resolution.outcome,
            resolved_on=resolution.resolved_on,
            note=resolution.note,
            source=resolution.source,
            recorded_at=datetime.now(UTC),
        )
    )


def _insert(conn: Connection, question: Question) -> int:
    row = {name: getattr(question, name) for name in _QUESTION_COLUMNS}
    result = conn.execute(questions.insert().values(created_at=datetime.now(UTC), **row))
    (question_id,) = result.inserted_primary_key or (None,)
    if question_id is None:
        raise LedgerError(f"title: the database returned no id for {question.title!r}")
    if question.sources:
        conn.execute(
            question_sources.insert(),
            [{"question_id": question_id, **vars(source)} for source in question.sources],
        )
    if question.resolution is not None:
        _write_resolution(conn, int(question_id), question.resolution)
    return int(question_id)


def _load(conn: Connection, query: Any) -> list[Question]:
    rows = conn.execute(query).mappings().all()
    # A subquery, not a list of ids: SQLite caps the number of bound parameters.
    chosen = select(query.subquery().c.id)
    sources: dict[int, list[QuestionSource]] = defaultdict(list)
    source_rows = conn.execute(
        select(question_sources)
        .where(question_sources.c.question_id.in_(chosen))
        .order_by(question_sources.c.document_sha256, question_sources.c.start)
    ).mappings()
    for row in source_rows:
        values = dict(row)
        sources[values.pop("question_id")].append(QuestionSource(**values))
    resolved = {
        row["question_id"]: Resolution(
            check_outcome(row["outcome"]), row["resolved_on"], row["note"], row["source"]
        )
        for row in conn.execute(
            select(resolutions).where(resolutions.c.question_id.in_(chosen))
        ).mappings()
    }
    return [
        Question(
            **{name: row[name] for name in _QUESTION_COLUMNS},
            id=row["id"],
            sources=tuple(sources.get(row["id"], ())),
            resolution=resolved.get(row["id"]),
        )
        for row in rows
    ]
