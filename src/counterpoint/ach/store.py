"""ACH cases and their scores in the database, for the report and the web app.

Three tables in their own ``MetaData``, created on first use through the store's
:meth:`~counterpoint.store.Store.transaction` (the core schema is untouched):
``ach_cases`` (one row per case name: question, path, the case as JSON, when scored),
``ach_ratings`` (one row per matrix cell) and ``ach_scores`` (one row per hypothesis, with
and without the flagged items). Saving a case again replaces its rows.
:func:`load_result` rebuilds the frozen :class:`~counterpoint.ach.result.CaseResult`
from the stored case, so readers need neither the case file nor its documents.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    delete,
    select,
)
from sqlalchemy.engine import Connection

from counterpoint.ach.model import AchError, Case, Evidence, Hypothesis, Milestone, Source
from counterpoint.ach.result import CaseResult, score_case
from counterpoint.store import Store

metadata = MetaData()

ach_cases = Table(
    "ach_cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, nullable=False, unique=True),
    Column("question", Text, nullable=False),
    Column("path", Text),
    Column("case_json", Text, nullable=False),
    Column("scored_at", DateTime(timezone=True), nullable=False),
)

ach_ratings = Table(
    "ach_ratings",
    metadata,
    Column("case_id", Integer, ForeignKey("ach_cases.id", ondelete="CASCADE"), nullable=False),
    Column("item_id", String, nullable=False),
    Column("hypothesis_id", String, nullable=False),
    Column("rating", String, nullable=False),
    Column("likelihood", Float),
)

ach_scores = Table(
    "ach_scores",
    metadata,
    Column("case_id", Integer, ForeignKey("ach_cases.id", ondelete="CASCADE"), nullable=False),
    Column("hypothesis_id", String, nullable=False),
    Column("without_flagged", Boolean, nullable=False),
    Column("heuer", Float, nullable=False),
    Column("weighted", Float, nullable=False),
    Column("posterior", Float, nullable=False),
    Column("rank_heuer", Integer, nullable=False),
    Column("rank_weighted", Integer, nullable=False),
    Column("rank_bayes", Integer, nullable=False),
)


@dataclass(frozen=True)
class StoredCase:
    """A case in the database: its name, question, file and when it was scored."""

    id: int
    name: str
    question: str
    path: str | None
    scored_at: datetime


class CaseChanged(AchError):
    """The stored case differs from the one being saved (edited in the app, or a new file)."""


def save_result(store: Store, case: Case, result: CaseResult, *, replace: bool = False) -> int:
    """Store ``case`` with its ratings and scores; return its id.

    An earlier run of the same case is replaced only when it is identical to ``case`` or
    ``replace`` is set: ratings edited in the app (``counterpoint.ach.edit``) are the
    analyst's work and are never overwritten silently by re-scoring the case file.

    Raises:
        CaseChanged: a stored case of that name differs and ``replace`` is not set.
    """
    with store.transaction() as conn:
        metadata.create_all(conn)
        stored = conn.execute(
            select(ach_cases.c.case_json).where(ach_cases.c.name == case.name)
        ).scalar()
        if stored is not None and not replace and json.loads(stored) != _plain(case):
            raise CaseChanged(
                f"case {case.name!r}: the stored case differs from {case.path or 'this one'} "
                "(edited in the app, or the file changed); see it with `counterpoint ach show "
                f"{case.name}`, or pass --replace to overwrite it"
            )
        return write_case(conn, case, result)


def _plain(case: Case) -> Any:
    """``case`` as the JSON value stored in ``case_json``."""
    return json.loads(json.dumps(asdict(case), ensure_ascii=False))


def write_case(conn: Connection, case: Case, result: CaseResult) -> int:
    """Replace the stored rows of ``case`` on ``conn`` (inside the caller's transaction)."""
    old = select(ach_cases.c.id).where(ach_cases.c.name == case.name)
    conn.execute(delete(ach_ratings).where(ach_ratings.c.case_id.in_(old)))
    conn.execute(delete(ach_scores).where(ach_scores.c.case_id.in_(old)))
    conn.execute(delete(ach_cases).where(ach_cases.c.name == case.name))
    inserted = conn.execute(
        ach_cases.insert().values(
            name=case.name,
            question=case.question,
            path=case.path,
            case_json=json.dumps(asdict(case), ensure_ascii=False),
            scored_at=datetime.now(UTC),
        )
    )
    case_id = int((inserted.inserted_primary_key or (0,))[0])
    cells = [
        {
            "case_id": case_id,
            "item_id": item.id,
            "hypothesis_id": hid,
            "rating": code,
            "likelihood": dict(item.likelihoods).get(hid),
        }
        for item in case.evidence
        for hid, code in item.ratings
    ]
    if cells:
        conn.execute(ach_ratings.insert(), cells)
    conn.execute(ach_scores.insert(), _score_rows(case_id, result))
    return case_id


def _score_rows(case_id: int, result: CaseResult) -> list[dict[str, Any]]:
    runs = [(False, result.hypotheses)]
    if result.flagged is not None:
        runs.append((True, result.flagged.without))
    return [
        {
            "case_id": case_id,
            "hypothesis_id": h.id,
            "without_flagged": without,
            "heuer": h.heuer,
            "weighted": h.weighted,
            "posterior": h.posterior,
            "rank_heuer": h.rank_heuer,
            "rank_weighted": h.rank_weighted,
            "rank_bayes": h.rank_bayes,
        }
        for without, hypotheses in runs
        for h in hypotheses
    ]


def stored_cases(store: Store) -> list[StoredCase]:
    """Every stored case, by name."""
    with store.transaction() as conn:
        metadata.create_all(conn)
        rows = conn.execute(select(ach_cases).order_by(ach_cases.c.name)).mappings().all()
    return [StoredCase(r["id"], r["name"], r["question"], r["path"], r["scored_at"]) for r in rows]


class CaseNotFound(AchError):
    """No ACH case of that name is stored."""


def load_result(store: Store, name: str) -> CaseResult:
    """The scored result of the stored case ``name``, rebuilt from its stored case.

    Raises:
        CaseNotFound: no case of that name is stored.
    """
    return score_case(load_case(store, name))


def load_case(store: Store, name: str) -> Case:
    """The stored case ``name`` as a :class:`Case`.

    Raises:
        CaseNotFound: no case of that name is stored.
    """
    with store.transaction() as conn:
        metadata.create_all(conn)
        return read_case(conn, name)


def read_case(conn: Connection, name: str) -> Case:
    """The stored case ``name`` read on ``conn`` (inside the caller's transaction)."""
    row = conn.execute(select(ach_cases.c.case_json).where(ach_cases.c.name == name)).first()
    if row is None:
        known = conn.execute(select(ach_cases.c.name).order_by(ach_cases.c.name)).scalars().all()
        listed = ", ".join(known[:8]) or "none stored; `counterpoint ach score CASE_FILE` adds one"
        raise CaseNotFound(f"case: no ACH case named {name!r} in the database (known: {listed})")
    return case_from_dict(json.loads(row[0]))


def case_from_dict(data: dict[str, Any]) -> Case:
    """Rebuild a :class:`Case` from ``dataclasses.asdict(case)`` (as stored in JSON)."""
    hypotheses = tuple(
        Hypothesis(
            **{
                **h,
                "actors": tuple(h["actors"]),
                "quad_classes": tuple(h["quad_classes"]),
                "keywords": tuple(h["keywords"]),
                "milestones": tuple(Milestone(**m) for m in h["milestones"]),
            }
        )
        for h in data["hypotheses"]
    )
    evidence = tuple(
        Evidence(
            **{
                **e,
                "ratings": tuple((h, r) for h, r in e["ratings"]),
                "likelihoods": tuple((h, float(p)) for h, p in e["likelihoods"]),
                "source": Source(**e["source"]),
                "flags": tuple(e["flags"]),
            }
        )
        for e in data["evidence"]
    )
    table = tuple((code, float(p)) for code, p in data["likelihood_table"])
    return Case(
        **{**data, "hypotheses": hypotheses, "evidence": evidence, "likelihood_table": table}
    )
