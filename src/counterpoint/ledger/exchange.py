"""Questions to and from CSV and JSON, and the form forecasting platforms use.

Three forms:

- ``csv``: one row per question, every field (``sources`` as a JSON list in one cell);
- ``json``: ``{"format": "counterpoint-ledger", "version": 1, "questions": [...]}``;
- ``platform``: CSV with the columns a forecasting-platform user knows: ``title``,
  ``resolution_criteria``, ``close_date``, ``probability`` (0–1), then ``background``
  (who said it, where, the quote), ``resolution`` and ``resolved_on``.

:func:`read_questions` reads all three back (CSV by its header, so a platform file
imports too). A bad row stops the whole file with one line naming the file, the line
(or item) and the field:

>>> parse_row({"title": "War by 2030", "probability": "1.4"}, where="q.csv:3")
Traceback (most recent call last):
counterpoint.ledger.questions.LedgerError: q.csv:3: probability: 1.4 is outside [0, 1]
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, Literal

from counterpoint.ledger.questions import (
    LedgerError,
    Question,
    QuestionSource,
    Resolution,
    check_outcome,
    check_probability,
    check_question,
    check_status,
    draft_criteria,
    parse_probability,
)

ExportForm = Literal["csv", "json", "platform"]
JSON_FORMAT = "counterpoint-ledger"
JSON_VERSION = 1

FIELDS = (
    "id",
    "title",
    "probability",
    "criteria",
    "close_date",
    "opened",
    "author",
    "source",
    "topic",
    "condition",
    "probability_phrase",
    "status",
    "unresolvable_reason",
    "outcome",
    "resolved_on",
    "resolution_note",
    "resolution_source",
    "sources",
)
PLATFORM_FIELDS = (
    "title",
    "resolution_criteria",
    "close_date",
    "probability",
    "background",
    "resolution",
    "resolved_on",
)
# Platform column names read as ledger fields; ``background`` is written, never read back.
_ALIASES: dict[str, str | None] = {
    "resolution_criteria": "criteria",
    "resolution": "outcome",
    "background": None,
}


def question_to_dict(question: Question) -> dict[str, Any]:
    """Every field of a question as JSON-ready values (dates as ISO strings)."""
    resolution = question.resolution
    return {
        "id": question.id,
        "title": question.title,
        "probability": question.probability,
        "criteria": question.criteria,
        "close_date": _iso(question.close_date),
        "opened": _iso(question.opened),
        "author": question.author,
        "source": question.source,
        "topic": question.topic,
        "condition": question.condition,
        "probability_phrase": question.probability_phrase,
        "status": question.status,
        "unresolvable_reason": question.unresolvable_reason,
        "outcome": resolution.outcome if resolution else None,
        "resolved_on": _iso(resolution.resolved_on) if resolution else None,
        "resolution_note": resolution.note if resolution else None,
        "resolution_source": resolution.source if resolution else None,
        "sources": [vars(source) for source in question.sources],
    }


def export_questions(questions: Iterable[Question], *, form: ExportForm) -> str:
    """The questions as CSV, JSON or the platform CSV (see the module docstring)."""
    if form == "json":
        data = {
            "format": JSON_FORMAT,
            "version": JSON_VERSION,
            "questions": [question_to_dict(q) for q in questions],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    buffer = io.StringIO()
    fields = FIELDS if form == "csv" else PLATFORM_FIELDS
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for question in questions:
        writer.writerow(_csv_row(question) if form == "csv" else _platform_row(question))
    return buffer.getvalue()


def read_questions(path: Path, *, today: date | None = None) -> list[Question]:
    """Read questions from a ``.json`` file, or a CSV file in the csv or platform form.

    Ids in the file are not kept: imported questions get new ids. Each question is
    checked as :func:`~counterpoint.ledger.questions.check_question` does, as of ``today``.

    Raises:
        LedgerError: the file cannot be read, or a row or field is malformed; the message
            names the file, the line (CSV) or item (JSON), and the field.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise LedgerError(f"{path}: cannot be read ({e})") from e
    when = today or date.today()
    if path.suffix.lower() == ".json":
        return _read_json(text, name=str(path), today=when)
    return _read_csv(text, name=str(path), today=when)


def parse_row(row: Mapping[str, Any], *, where: str, today: date | None = None) -> Question:
    """One checked question from a CSV row or JSON object; errors are prefixed with ``where``."""
    try:
        question = _parse(row)
        check_question(question, today=today or date.today())
        return question
    except LedgerError as e:
        raise LedgerError(f"{where}: {e}") from e


def _parse(row: Mapping[str, Any]) -> Question:
    values: dict[str, Any] = {}
    for key, value in row.items():
        name = _ALIASES.get(key, key)
        if name is not None:
            values[name] = value
    for name in values:
        if name not in FIELDS:
            raise LedgerError(f"{name}: not a ledger field ({', '.join(FIELDS)})")
    title = _text(values, "title")
    if not title:
        raise LedgerError("title: is missing")
    close = _date(values, "close_date")
    probability = _probability(values.get("probability"))
    outcome = _text(values, "outcome")
    resolution = None
    if outcome:
        resolved_on = _date(values, "resolved_on")
        if resolved_on is None:
            raise LedgerError("resolved_on: is missing for a resolved question")
        resolution = Resolution(
            check_outcome(outcome),
            resolved_on,
            _text(values, "resolution_note") or "",
            _text(values, "resolution_source"),
        )
    return Question(
        title=title,
        probability=probability,
        criteria=_text(values, "criteria") or draft_criteria(close=close),
        close_date=close,
        opened=_date(values, "opened"),
        author=_text(values, "author"),
        source=_text(values, "source"),
        topic=_text(values, "topic") or "",
        condition=_text(values, "condition"),
        probability_phrase=_text(values, "probability_phrase") or "",
        status=check_status(_text(values, "status") or "open"),
        unresolvable_reason=_text(values, "unresolvable_reason"),
        sources=_sources(values.get("sources")),
        resolution=resolution,
    )


def _read_json(text: str, *, name: str, today: date) -> list[Question]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise LedgerError(f"{name}:{e.lineno}: not valid JSON ({e.msg})") from e
    items = data.get("questions") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise LedgerError(f"{name}: expected a list of questions or an object with 'questions'")
    questions = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise LedgerError(f"{name}: question {number}: not a JSON object")
        questions.append(parse_row(item, where=f"{name}: question {number}", today=today))
    return questions


def _read_csv(text: str, *, name: str, today: date) -> list[Question]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    questions = []
    try:
        for row in reader:
            where = f"{name}:{reader.line_num}"
            if None in row:
                raise LedgerError(f"{where}: more cells than the header has columns")
            questions.append(parse_row(row, where=where, today=today))
    except csv.Error as e:
        raise LedgerError(f"{name}:{reader.line_num}: not valid CSV ({e})") from e
    if reader.fieldnames is None:
        raise LedgerError(f"{name}: empty file (expected a header row)")
    return questions


def _text(values: Mapping[str, Any], name: str) -> str | None:
    value = values.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise LedgerError(f"{name}: {value!r} is not text")
    return value.strip() or None


def _date(values: Mapping[str, Any], name: str) -> date | None:
    text = _text(values, name)
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise LedgerError(f"{name}: {text!r} is not a date (YYYY-MM-DD)") from e


def _probability(value: Any) -> float:
    if value is None:
        raise LedgerError("probability: is missing")
    return parse_probability(value) if isinstance(value, str) else check_probability(value)


def _sources(value: Any) -> tuple[QuestionSource, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as e:
            raise LedgerError(f"sources: not a JSON list ({e.msg})") from e
    if not isinstance(value, list):
        raise LedgerError("sources: not a list")
    return tuple(_source(item, number) for number, item in enumerate(value, start=1))


def _source(item: Any, number: int) -> QuestionSource:
    try:
        source = QuestionSource(**item)
    except TypeError as e:
        raise LedgerError(f"sources: item {number}: {e}") from e
    if not isinstance(source.start, int) or not isinstance(source.end, int):
        raise LedgerError(f"sources: item {number}: start and end must be whole numbers")
    if not 0 <= source.start <= source.end:
        raise LedgerError(f"sources: item {number}: start {source.start} > end {source.end}")
    return source


def _csv_row(question: Question) -> dict[str, Any]:
    row = question_to_dict(question)
    row["sources"] = json.dumps(row["sources"], ensure_ascii=False) if question.sources else ""
    return {k: "" if v is None else v for k, v in row.items()}


def _platform_row(question: Question) -> dict[str, Any]:
    resolution = question.resolution
    said = question.author or "unnamed"
    where = f" in {question.source}" if question.source else ""
    when = f" ({question.opened.isoformat()})" if question.opened else ""
    quotes = " / ".join(f"“{' '.join(s.quote.split())}”" for s in question.sources)
    return {
        "title": question.title,
        "resolution_criteria": question.criteria,
        "close_date": _iso(question.close_date) or "",
        "probability": question.probability,
        "background": f"Forecast by {said}{where}{when}. {quotes}".strip(),
        "resolution": resolution.outcome if resolution else "",
        "resolved_on": _iso(resolution.resolved_on) if resolution else "",
    }


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
