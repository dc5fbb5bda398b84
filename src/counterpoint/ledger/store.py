"""The :class:`Ledger`: questions kept beside the extractions of a Store.

The tables (``questions``, ``question_sources``, ``resolutions``, ``ledger_synced``) live
in their own ``MetaData``, created on first use through the store's public
:meth:`~counterpoint.store.Store.transaction`, so the store's schema version is
untouched. Question sources point at a document by hash and offsets, not by row id:
re-analysing a document replaces its extraction rows but keeps its questions and every
edit the analyst made to them. A re-analysed forecast whose span moved a little is
recognised by overlap with a span already in the ledger, so it is not drafted twice.

Every method checks before it writes and writes in one transaction: a refused edit,
resolution, merge or import leaves the database as it was.
Question rows are written and read by :mod:`counterpoint.ledger.rows`.

>>> with Store.open("counterpoint.db") as store:  # doctest: +SKIP
...     ledger = Ledger(store)
...     ledger.sync()
...     ledger.resolve(3, "no", on=date(2026, 1, 5), note="no war by then")
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import delete, select, text, update

from counterpoint.ledger.questions import (
    LedgerError,
    Origin,
    Question,
    Resolution,
    check_outcome,
    check_probability,
    check_question,
    check_resolution,
    check_status,
    draft_question,
)
from counterpoint.ledger.rows import _insert, _load, _spans, _write_resolution
from counterpoint.ledger.schema import metadata, question_sources, questions, resolutions, synced
from counterpoint.records import Forecast
from counterpoint.store import Store

# An arbitrary advisory-lock key naming "ledger sync" (PostgreSQL).
_SYNC_LOCK = 0x6C6564676572

_EDITABLE = ("title", "criteria", "probability", "close_date", "author", "topic", "status")


@dataclass(frozen=True)
class SyncResult:
    """What :meth:`Ledger.sync` did.

    ``created`` are the new questions' ids; ``existing`` counts forecasts of newly
    (re-)analysed documents that already had a question.
    """

    created: tuple[int, ...]
    existing: int


@dataclass(frozen=True)
class ImportResult:
    """What :meth:`Ledger.import_questions` did: ids created, and questions already present."""

    created: tuple[int, ...]
    skipped: int


class Ledger:
    """Questions, resolutions and scores, kept in the database of a :class:`Store`."""

    def __init__(self, store: Store) -> None:
        """Use ``store``'s database, creating the ledger tables when missing."""
        self._store = store
        with store.transaction() as conn:
            metadata.create_all(conn)

    def sync(self) -> SyncResult:
        """Draft a question for every stored forecast not yet in the ledger (idempotent).

        A forecast is already in the ledger when a question source has its exact span,
        or (after re-analysis shifted it) overlaps a source span of the same document
        that no forecast of the new analysis matches exactly.
        """
        done = self._synced()
        pending = [
            d for d in self._store.list_documents() if (d.sha256, d.pipeline_version) not in done
        ]
        created: list[int] = []
        existing = 0
        if not pending:
            return SyncResult(created=(), existing=0)
        with self._store.transaction() as conn:
            # Another process may have synced since: serialise syncs and look again inside
            # this transaction (SQLite's write transaction already holds the lock).
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SYNC_LOCK})
            done = {(row[0], row[1]) for row in conn.execute(select(synced))}
            for doc in pending:
                if (doc.sha256, doc.pipeline_version) in done:
                    continue
                extraction = self._store.load_extraction(doc.id)
                origin = _origin(extraction.document)
                new = list(_new_forecasts(extraction.forecasts, _spans(conn, doc.sha256)))
                created.extend(_insert(conn, draft_question(f, origin=origin)) for f in new)
                existing += len(extraction.forecasts) - len(new)
                conn.execute(
                    synced.insert().values(
                        document_sha256=doc.sha256, pipeline_version=doc.pipeline_version
                    )
                )
        return SyncResult(created=tuple(created), existing=existing)

    def _synced(self) -> set[tuple[str, str]]:
        with self._store.transaction() as conn:
            return {(row[0], row[1]) for row in conn.execute(select(synced))}

    def add(self, question: Question, *, today: date | None = None) -> Question:
        """Store a question written by hand; return it with its id.

        Raises:
            LedgerError: a field fails :func:`~counterpoint.ledger.questions.check_question`.
        """
        check_question(question, today=today or date.today())
        with self._store.transaction() as conn:
            question_id = _insert(conn, question)
        return self.get(question_id)

    def import_questions(
        self, imported: Sequence[Question], *, today: date | None = None
    ) -> ImportResult:
        """Add questions read from a file, all or none; skip those already in the ledger.

        A question is already present when one of its source spans is, or (having no
        source) when a question with the same title, author and close date is.
        """
        when = today or date.today()
        for question in imported:
            check_question(question, today=when)
        created: list[int] = []
        with self._store.transaction() as conn:
            spans = {
                tuple(row)
                for row in conn.execute(
                    select(
                        question_sources.c.document_sha256,
                        question_sources.c.start,
                        question_sources.c.end,
                    )
                )
            }
            keys = {
                tuple(row)
                for row in conn.execute(
                    select(questions.c.title, questions.c.author, questions.c.close_date)
                )
            }
            for question in imported:
                if _present(question, spans, keys):
                    continue
                created.append(_insert(conn, question))
                spans.update((s.document_sha256, s.start, s.end) for s in question.sources)
                keys.add((question.title, question.author, question.close_date))
        return ImportResult(created=tuple(created), skipped=len(imported) - len(created))

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
        with self._store.transaction() as conn:
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
        today: date | None = None,
    ) -> Question:
        """Resolve (or re-resolve) a question; nothing is written when a check fails.

        Raises:
            LedgerError: unknown id, an outcome other than yes/no/annulled, a date before
                the question was published or after today, or a question marked
                unresolvable.
        """
        resolution = Resolution(check_outcome(outcome), on, note, source)
        question = self.get(question_id)
        check_resolution(question, resolution, today=today or date.today())
        with self._store.transaction() as conn:
            _write_resolution(conn, question_id, resolution)
        return replace(question, resolution=resolution)

    def unresolve(self, question_id: int) -> Question:
        """Remove a question's resolution (it is open again)."""
        question = self.get(question_id)
        with self._store.transaction() as conn:
            conn.execute(delete(resolutions).where(resolutions.c.question_id == question_id))
        return replace(question, resolution=None)

    def edit(self, question_id: int, *, today: date | None = None, **changes: Any) -> Question:
        """Change the title, criteria, probability, close date, author, topic or status.

        Fields given as None are left as they are. Setting ``status`` to
        ``unresolvable`` records the reason "marked by hand"; back to ``open`` clears it.
        Criteria still as drafted are redrafted for a new close date.

        Raises:
            LedgerError: unknown id or field, or a value that fails the checks of
                :func:`~counterpoint.ledger.questions.check_question`.
        """
        values = {name: value for name, value in changes.items() if value is not None}
        for name in values:
            if name not in _EDITABLE:
                raise LedgerError(f"{name}: not an editable field ({', '.join(_EDITABLE)})")
        if "probability" in values:
            values["probability"] = check_probability(values["probability"])
        if "status" in values:
            values["status"] = check_status(values["status"])
            values["unresolvable_reason"] = None if values["status"] == "open" else "marked by hand"
        question = self.get(question_id)
        edited = replace(question, **values)
        if "criteria" not in values and question.criteria == question.drafted_criteria:
            # Criteria still as drafted follow a new close date; the analyst's own stay.
            values["criteria"] = edited.drafted_criteria
            edited = replace(edited, criteria=values["criteria"])
        check_question(replace(edited, resolution=None), today=today or date.today())
        if edited.resolution is not None and edited.status == "unresolvable":
            raise LedgerError(f"status: question {question_id} is resolved; unresolve it first")
        if values:
            with self._store.transaction() as conn:
                conn.execute(
                    update(questions).where(questions.c.id == question_id).values(**values)
                )
        return self.get(question_id)

    def merge(self, keep: int, duplicates: Sequence[int]) -> Question:
        """Fold ``duplicates`` into ``keep``: their sources move over, they are deleted.

        The kept question keeps its wording, probability and author; it opens on the
        earliest publication date. A duplicate's resolution moves over when ``keep``
        has none.

        Raises:
            LedgerError: an unknown id, an id merged into itself, or resolutions that
                disagree.
        """
        if keep in duplicates:
            raise LedgerError(f"id: question {keep} cannot be merged into itself")
        kept = self.get(keep)
        dropped = [self.get(question_id) for question_id in dict.fromkeys(duplicates)]
        outcomes = {q.resolution.outcome for q in (kept, *dropped) if q.resolution is not None}
        if len(outcomes) > 1:
            raise LedgerError(
                f"id: questions {keep}, {', '.join(str(q.id) for q in dropped)} are resolved "
                f"differently ({', '.join(sorted(outcomes))}); unresolve one first"
            )
        dates = [q.opened for q in (kept, *dropped) if q.opened is not None]
        carried = kept.resolution or next((q.resolution for q in dropped if q.resolution), None)
        ids = [q.id for q in dropped]
        with self._store.transaction() as conn:
            conn.execute(
                update(question_sources)
                .where(question_sources.c.question_id.in_(ids))
                .values(question_id=keep)
            )
            conn.execute(delete(resolutions).where(resolutions.c.question_id.in_(ids)))
            conn.execute(delete(questions).where(questions.c.id.in_(ids)))
            conn.execute(
                update(questions)
                .where(questions.c.id == keep)
                .values(opened=min(dates, default=None))
            )
            if carried is not None and kept.resolution is None:
                _write_resolution(conn, keep, carried)
        return self.get(keep)


def _origin(document: Any) -> Origin:
    return Origin(
        document_sha256=document.sha256,
        document_name=document.name,
        title=document.title,
        author=document.author,
        published=document.published,
        url=document.url,
    )


def _new_forecasts(
    forecasts: Sequence[Forecast], known: list[tuple[int, int]]
) -> Iterator[Forecast]:
    """The forecasts of one document with no question yet (see :meth:`Ledger.sync`)."""
    exact = set(known)
    spans = {(f.start, f.end) for f in forecasts}
    free = [span for span in known if span not in spans]
    for forecast in forecasts:
        if (forecast.start, forecast.end) in exact:
            continue
        moved = next((s for s in free if s[0] < forecast.end and forecast.start < s[1]), None)
        if moved is not None:
            free.remove(moved)
            continue
        yield forecast


def _present(question: Question, spans: set[tuple[Any, ...]], keys: set[tuple[Any, ...]]) -> bool:
    if question.sources:
        return any((s.document_sha256, s.start, s.end) in spans for s in question.sources)
    return (question.title, question.author, question.close_date) in keys
