"""The ledger's tables, beside the extraction tables of :class:`~counterpoint.store.Store`.

The tables (``questions``, ``question_sources``, ``resolutions``) live in their own
``MetaData``, created on first use through the store's public
:meth:`~counterpoint.store.Store.transaction`, so the store's schema version is
untouched. Question sources point at a document by hash and offsets, not by row id:
re-analysing a document replaces its rows but keeps its questions.

>>> with Store.open("counterpoint.db") as store:  # doctest: +SKIP
...     ledger = Ledger(store)
...     ledger.sync()
...     ledger.resolve(3, "no", on=date(2026, 1, 5), note="no war by then")
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
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
    delete,
    select,
    update,
)

from counterpoint.ledger.questions import (
    LedgerError,
    Origin,
    Outcome,
    Question,
    QuestionSource,
    Resolution,
    Status,
    check_outcome,
    check_probability,
    draft_question,
)
from counterpoint.store import Store

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

_QUESTION_COLUMNS = tuple(c.name for c in questions.columns if c.name not in ("id", "created_at"))


@dataclass(frozen=True)
class SyncResult:
    """What :meth:`Ledger.sync` did: questions created, and forecasts already in the ledger."""

    created: tuple[int, ...]
    existing: int


class Ledger:
    """Questions, resolutions and scores, kept in the database of a :class:`Store`."""

    def __init__(self, store: Store) -> None:
        """Use ``store``'s database, creating the ledger tables when missing."""
        self._store = store
        with store.transaction() as conn:
            metadata.create_all(conn)

    @contextmanager
    def _conn(self) -> Iterator[Connection]:
        with self._store.transaction() as conn:
            yield conn

    def sync(self) -> SyncResult:
        """Draft a question for every stored forecast not yet in the ledger (idempotent)."""
        drafted = [
            draft_question(forecast, origin=origin) for origin, forecast in _stored_forecasts(self._store)
        ]
        created: list[int] = []
        with self._conn() as conn:
            known = {tuple(r) for r in conn.execute(select(
                question_sources.c.document_sha256, question_sources.c.start, question_sources.c.end
            ))}
            for question in drafted:
                span = question.sources[0]
                if (span.document_sha256, span.start, span.end) not in known:
                    created.append(_insert(conn, question))
        return SyncResult(created=tuple(created), existing=len(drafted) - len(created))

    def add(self, question: Question) -> Question:
        """Store a question written by hand (or imported); return it with its id."""
        check_probability(question.probability)
        with self._conn() as conn:
            question_id = _insert(conn, question)
        return self.get(question_id)

    def get(self, question_id: int) -> Question:
        """The question with this id; raise LedgerError when there is none."""
        found = self.questions(ids=(question_id,))
        if not found:
            raise LedgerError(f"id: no question {question_id} in the ledger")
        return found[0]

    def questions(
        self,
        *,
        due: bool = False,
        author: str | None = None,
        today: date | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[Question]:
        """Questions by id; ``due`` keeps open ones past their close date as of ``today``."""
        query = select(questions).order_by(questions.c.id)
        if author is not None:
            query = query.where(questions.c.author == author)
        if ids is not None:
            query = query.where(questions.c.id.in_(list(ids)))
        with self._conn() as conn:
            found = _load(conn, query)
        when = today or date.today()
        return [q for q in found if q.is_due(when)] if due else found

    def resolve(
        self,
        question_id: int,
        outcome: str,
        *,
        on: date,
        note: str = "",
        source: str | None = None,
    ) -> Question:
        """Resolve (or re-resolve) a question; nothing is written when a check fails.

        Raises:
            LedgerError: unknown id, an outcome other than yes/no/annulled, a date before
                the question was published, or a question marked unresolvable.
        """
        checked: Outcome = check_outcome(outcome)
        question = self.get(question_id)
        if question.opened is not None and on < question.opened:
            raise LedgerError(
                f"on: {on.isoformat()} is before question {question_id} was published "
                f"({question.opened.isoformat()})"
            )
        if question.status == "unresolvable":
            raise LedgerError(
                f"id: question {question_id} is marked unresolvable "
                f"({question.unresolvable_reason}); edit its status to open first"
            )
        row = {"outcome": checked, "resolved_on": on, "note": note, "source": source}
        with self._conn() as conn:
            conn.execute(delete(resolutions).where(resolutions.c.question_id == question_id))
            conn.execute(resolutions.insert().values(
                question_id=question_id, recorded_at=datetime.now(UTC), **row
            ))
        return replace(question, resolution=Resolution(**row))

    def edit(
        self,
        question_id: int,
        *,
        title: str | None = None,
        criteria: str | None = None,
        probability: float | None = None,
        close_date: date | None = None,
        status: Status | None = None,
    ) -> Question:
        """Change the wording, probability, close date or status of a question."""
        values: dict[str, Any] = {"title": title, "criteria": criteria, "close_date": close_date}
        if probability is not None:
            values["probability"] = check_probability(probability)
        if status is not None:
            if status not in ("open", "unresolvable"):
                raise LedgerError(f"status: {status!r} is not one of open, unresolvable")
            values["status"] = status
            values["unresolvable_reason"] = None if status == "open" else "marked by hand"
        values = {k: v for k, v in values.items() if v is not None or k == "unresolvable_reason"}
        self.get(question_id)
        with self._conn() as conn:
            conn.execute(update(questions).where(questions.c.id == question_id).values(**values))
        return self.get(question_id)

    def merge(self, keep: int, duplicate: int) -> Question:
        """Fold ``duplicate`` into ``keep``: its sources move over, the duplicate is deleted."""
        if keep == duplicate:
            raise LedgerError(f"duplicate: question {keep} cannot be merged into itself")
        kept, dropped = self.get(keep), self.get(duplicate)
        opened = min((d for d in (kept.opened, dropped.opened) if d is not None), default=None)
        with self._conn() as conn:
            conn.execute(update(question_sources)
                         .where(question_sources.c.question_id == duplicate)
                         .values(question_id=keep))
            conn.execute(update(questions).where(questions.c.id == keep).values(opened=opened))
            conn.execute(delete(questions).where(questions.c.id == duplicate))
        return self.get(keep)


def _stored_forecasts(store: Store) -> Iterator[tuple[Origin, Any]]:
    for stored in store.list_documents():
        if not stored.n_forecasts:
            continue
        extraction = store.load_extraction(stored.id)
        document = extraction.document
        origin = Origin(
            document_sha256=document.sha256,
            document_name=document.name,
            title=document.title,
            author=document.author,
            published=document.published,
            url=document.url,
        )
        for forecast in extraction.forecasts:
            yield origin, forecast


def _insert(conn: Connection, question: Question) -> int:
    row = {name: getattr(question, name) for name in _QUESTION_COLUMNS}
    result = conn.execute(questions.insert().values(created_at=datetime.now(UTC), **row))
    (question_id,) = result.inserted_primary_key or (None,)
    if question_id is None:
        raise LedgerError(f"title: the database returned no id for {question.title!r}")
    if question.sources:
        conn.execute(question_sources.insert(), [
            {"question_id": question_id, **vars(source)} for source in question.sources
        ])
    if question.resolution is not None:
        conn.execute(resolutions.insert().values(
            question_id=question_id, recorded_at=datetime.now(UTC), **vars(question.resolution)
        ))
    return int(question_id)


def _load(conn: Connection, query: Any) -> list[Question]:
    rows = conn.execute(query).mappings().all()
    ids = [row["id"] for row in rows]
    sources: dict[int, list[QuestionSource]] = {}
    for row in conn.execute(select(question_sources).where(question_sources.c.question_id.in_(ids))
                            .order_by(question_sources.c.document_sha256, question_sources.c.start)).mappings():
        values = dict(row)
        sources.setdefault(values.pop("question_id"), []).append(QuestionSource(**values))
    resolved = {
        row["question_id"]: Resolution(row["outcome"], row["resolved_on"], row["note"], row["source"])
        for row in conn.execute(select(resolutions).where(resolutions.c.question_id.in_(ids))).mappings()
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
