"""Edit a stored ACH case: change one rating, add an evidence item; re-score and store.

The web app's matrix and the command line call these. Each edit validates its input
first (an unknown case, item or hypothesis, a rating outside ``ratings.v1``, a bad level
or type: an :class:`EditError` naming the field and the reason), then reads the stored
case, applies the change, scores the new case with :func:`~counterpoint.ach.score_case`
and replaces the stored rows, all in ONE transaction of the store: a refused or failed
edit writes nothing, and a reader (``counterpoint ach show NAME``) sees the new scores
at once.

>>> with Store.open("counterpoint.db") as store:  # doctest: +SKIP
...     result = set_rating(store, "sino-russian-alignment", "E3", "H1", "I")
...     [(h.id, h.rank_weighted) for h in result.hypotheses]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from counterpoint.ach.model import (
    EVIDENCE_TYPES,
    FLAGS,
    LEVELS,
    AchError,
    Case,
    Evidence,
    Source,
    rating_table,
)
from counterpoint.ach.result import CaseResult, score_case
from counterpoint.ach.store import metadata, read_case, write_case
from counterpoint.store import Store

_ID = re.compile(r"[A-Za-z0-9_.-]{1,40}")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
MAX_TEXT = 2000
T = TypeVar("T", bound=str)


class EditError(AchError):
    """An edit refused before anything was written; the message names the field."""

    def __init__(self, field: str, reason: str) -> None:
        """Refuse ``field`` for ``reason`` (shown as ``field: reason``)."""
        self.field = field
        self.reason = reason
        super().__init__(f"{field}: {reason}")


@dataclass(frozen=True)
class NewEvidence:
    """An evidence item to add: the fields of a case file's ``evidence`` entry.

    ``ratings`` must rate every hypothesis of the case; the source is external (a
    citation and optional URL) or none: quoting a document needs the case file, where
    the quote is checked against the document.
    """

    id: str
    text: str
    ratings: Mapping[str, str]
    type: str = "fact"
    credibility: str = "medium"
    relevance: str = "medium"
    external: str = ""
    url: str = ""
    quote: str = ""
    event_date: str = ""
    reported: str = ""
    flags: Sequence[str] = ()
    note: str = ""


def set_rating(
    store: Store, case_name: str, item_id: str, hypothesis_id: str, rating: str
) -> CaseResult:
    """Rate ``hypothesis_id`` ``rating`` for evidence ``item_id``; return the new scores.

    Raises:
        CaseNotFound: no stored case ``case_name``.
        EditError: an unknown item or hypothesis, or a rating not in ``ratings.v1``.
    """
    code = _rating(rating, "rating")

    def change(case: Case) -> Case:
        _hypothesis(case, hypothesis_id)
        item = _item(case, item_id)
        ratings = tuple((h, code if h == hypothesis_id else r) for h, r in item.ratings)
        evidence = tuple(
            replace(e, ratings=ratings) if e.id == item_id else e for e in case.evidence
        )
        return replace(case, evidence=evidence)

    return _edit(store, case_name, change)


def add_evidence(store: Store, case_name: str, new: NewEvidence) -> CaseResult:
    """Append the item ``new`` to the case's evidence; return the new scores.

    Raises:
        CaseNotFound: no stored case ``case_name``.
        EditError: a duplicate or malformed id, empty text, a missing or unknown rating,
            an unknown type, level or flag, or a malformed date.
    """

    def change(case: Case) -> Case:
        if any(e.id == new.id for e in case.evidence):
            raise EditError("id", f"{new.id!r} is already an evidence item of this case")
        return replace(case, evidence=(*case.evidence, evidence_item(case, new)))

    return _edit(store, case_name, change)


def evidence_item(case: Case, new: NewEvidence) -> Evidence:
    """``new`` checked against ``case`` and built as an :class:`Evidence` record."""
    if not _ID.fullmatch(new.id):
        raise EditError("id", f"{new.id[:40]!r}: 1 to 40 letters, digits, '_', '.', '-'")
    text = _text(new.text, "text", required=True)
    unknown = sorted(set(new.ratings) - set(case.hypothesis_ids))
    if unknown:
        raise EditError(f"ratings.{unknown[0]}", f"unknown hypothesis (known: {_known(case)})")
    ratings = []
    for hid in case.hypothesis_ids:
        if not new.ratings.get(hid, "").strip():
            raise EditError(f"ratings.{hid}", "missing: rate every hypothesis")
        ratings.append((hid, _rating(new.ratings[hid], f"ratings.{hid}")))
    flags = tuple(_choice(flag, "flags", FLAGS) for flag in new.flags)
    source = Source(
        external=_text(new.external, "external") or None,
        url=_text(new.url, "url") or None,
        quote=_text(new.quote, "quote") or None,
    )
    return Evidence(
        id=new.id,
        text=text,
        type=_choice(new.type, "type", EVIDENCE_TYPES),
        credibility=_choice(new.credibility, "credibility", LEVELS),
        relevance=_choice(new.relevance, "relevance", LEVELS),
        ratings=tuple(ratings),
        source=source,
        event_date=_date(new.event_date, "event_date"),
        reported=_date(new.reported, "reported"),
        flags=tuple(dict.fromkeys(flags)),
        note=_text(new.note, "note"),
    )


def _edit(store: Store, case_name: str, change: Callable[[Case], Case]) -> CaseResult:
    """Read, change, score and write the case in one transaction."""
    with store.transaction() as conn:
        metadata.create_all(conn)
        case = read_case(conn, case_name)
        changed = change(case)
        result = score_case(changed)
        write_case(conn, changed, result)
    return result


def _known(case: Case) -> str:
    return ", ".join(case.hypothesis_ids)


def _hypothesis(case: Case, hypothesis_id: str) -> None:
    if hypothesis_id not in case.hypothesis_ids:
        raise EditError(
            "hypothesis_id", f"{hypothesis_id[:40]!r} is not a hypothesis (known: {_known(case)})"
        )


def _item(case: Case, item_id: str) -> Evidence:
    for item in case.evidence:
        if item.id == item_id:
            return item
    known = ", ".join(e.id for e in case.evidence[:12])
    raise EditError("item_id", f"{item_id[:40]!r} is not an evidence item (known: {known})")


def _rating(value: str, field: str) -> str:
    code = value.strip().upper()
    if code not in rating_table():
        codes = " ".join(rating_table())
        raise EditError(field, f"{value[:20]!r} is not a rating (one of {codes})")
    return code


def _choice(value: str, field: str, allowed: tuple[T, ...]) -> T:
    for option in allowed:
        if value.strip() == option:
            return option
    raise EditError(field, f"{value[:40]!r} is not one of {', '.join(allowed)}")


def _text(value: str, field: str, *, required: bool = False) -> str:
    text = " ".join(value.split())
    if required and not text:
        raise EditError(field, "must not be empty")
    if len(text) > MAX_TEXT:
        raise EditError(field, f"{len(text)} characters, at most {MAX_TEXT}")
    return text


def _date(value: str, field: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not _DATE.fullmatch(value):
        raise EditError(field, f"{value[:40]!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return value
