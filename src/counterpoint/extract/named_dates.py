"""Named events that date a sentence ("post-Tiananmen" -> 1989-06, "the Korean War").

The names live in ``patterns/named_dates.v1.tsv`` (versioned data, one row per event name).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from counterpoint.errors import ExtractionError
from counterpoint.extract.date_base import ScanContext, expression, month_end
from counterpoint.records import Precision, TimeExpression

NAMED_DATES_FILE = "named_dates.v1.tsv"
_THE = re.compile(r"^[Tt]he\s+")


@dataclass(frozen=True)
class NamedDate:
    """One row of ``named_dates.v1.tsv``: an event name that dates a sentence."""

    pattern: re.Pattern[str]
    earliest: date
    latest: date
    precision: Precision
    note: str


@lru_cache(maxsize=1)
def load_named_dates() -> tuple[NamedDate, ...]:
    """Load and validate ``patterns/named_dates.v1.tsv`` (cached).

    Columns: pattern (a regular expression; a space matches any whitespace; an optional
    "the" may precede it), date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``FIRST..LAST`` in
    one of those formats), precision (that of the format) and a note.

    Raises:
        ExtractionError: when a row is malformed.
    """
    path = resources.files("counterpoint.extract") / "patterns" / NAMED_DATES_FILE
    rows = csv.reader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t")
    return tuple(
        _named_date(number, row)
        for number, row in enumerate(rows, 1)
        if row and not row[0].startswith("#") and row[0] != "pattern"
    )


def _named_date(number: int, row: list[str]) -> NamedDate:
    where = f"{NAMED_DATES_FILE} line {number}"
    if len(row) != 4:
        raise ExtractionError(f"{where}: expected 4 tab-separated columns, found {len(row)}")
    body, value, precision, note = row
    first, _, last = value.partition("..")
    kinds = {4: "year", 7: "month", 10: "day"}
    if kinds.get(len(first)) != precision or len(last or first) != len(first):
        raise ExtractionError(f"{where}: date {value!r} does not have precision {precision!r}")
    try:
        begin = [int(part) for part in first.split("-")] + [1, 1]
        stop = [int(part) for part in (last or first).split("-")] + [12]
        earliest = date(*begin[:3])
        latest = date(*stop[:3]) if len(stop) == 4 else month_end(stop[0], stop[1])
        pattern = re.compile(body.replace(" ", r"\s+"))
    except (ValueError, re.error) as error:
        raise ExtractionError(f"{where}: {error}") from error
    if latest is None or latest < earliest:
        raise ExtractionError(f"{where}: date {value!r} ends before it starts")
    return NamedDate(pattern, earliest, latest, precision, note)  # type: ignore[arg-type]


def resolve_named(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "post-Tiananmen" -> 1989-06 and "the Korean War" -> 1950..1953."""
    name = _THE.sub("", match.group(), count=1)
    for entry in load_named_dates():
        if entry.pattern.fullmatch(name):
            if context.published is not None and entry.earliest > context.published:
                return None
            return expression(
                match, entry.earliest, entry.latest, entry.precision, anchor="absolute"
            )
    return None
