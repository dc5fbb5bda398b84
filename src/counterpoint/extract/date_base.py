"""What every date rule builds on: the rule type, calendar arithmetic and durations.

``DateRule`` (made by ``make_rule``) pairs a compiled pattern with a resolver that reads a
``ScanContext`` (text, publication date, last anchor date) and returns a ``TimeExpression``.
The helpers here serve the resolvers of ``horizons``, ``date_rules`` and ``named_dates``:
calendar arithmetic (``make_date``, ``month_end``, ``shift_months``), expression builders
over a match (``expression``, ``year_expression``, ``month_expression``), clause checks
(``at_clause_start``, ``year_in_clause``) and the ``DURATION`` and ``QUALIFIER`` patterns
with ``duration``, which reads "twenty-five years" as 25 x 12 months.
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from counterpoint.errors import ExtractionError
from counterpoint.records import Precision, TimeExpression

Anchor = Literal["absolute", "published", "text"]

_SMALL = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_NUMBERS = {w: i + 1 for i, w in enumerate(_SMALL)} | {
    w: (i + 2) * 10 for i, w in enumerate(_TENS)
}
_OTHER_NUMBERS = {"a": 1, "an": 1, "a couple": 2, "a couple of": 2, "a dozen": 12}
_FUZZY_NUMBERS = frozenset({"a few", "few", "several"})
NUMBER = (
    rf"(?:[0-9]{{1,3}}|(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_SMALL[:9])}))?"
    rf"|(?:a|one)\s+hundred|{'|'.join(sorted(_SMALL, key=len, reverse=True))}"
    r"|(?:a\s+)?few|several|a\s+couple(?:\s+of)?|a\s+dozen|an?)"
)
DURATION = (
    rf"(?:(?P<num>{NUMBER})(?:\s*(?:-|\u2013|to|or)\s*(?P<upto>{NUMBER}))?"
    r"[\s-]+(?P<unit>years?|decades?|centur(?:y|ies)|months?)"
    r"|(?P<frac>(?:a[\s-]+)?half(?:[\s-]+a)?|a[\s-]+quarter(?:[\s-]+of[\s-]+a)?)"
    r"[\s-]+(?P<funit>century|decade))"
)
QUALIFIER = (
    r"(?:(?:just|only|a\s+little|slightly|well)\s+)?(?P<qq>over|more\s+than|under|less\s+than"
    r"|nearly|almost|about|around|roughly|some|approximately|close\s+to)"
)
_UNIT_MONTHS = {"yea": 12, "dec": 120, "cen": 1200, "mon": 1}
TRIGGER_MARGIN = 80
UNIT_TRIGGER = "year years decade decades century centuries month months"
_CLAUSE_START_CHARS = frozenset('.!?;:(—–"“”\n')
_CLAUSE_END = re.compile(r"[.;!?—–\n]")
_FOUR_DIGIT_YEAR = re.compile(r"(?<![0-9])[12][0-9]{3}(?![0-9])")


@dataclass(frozen=True)
class ScanContext:
    """What a resolver may read: the text, the publication date and the last anchor date."""

    text: str
    published: date | None
    previous: TimeExpression | None = None

    @property
    def now(self) -> date:
        """Return the publication date (rules that need it are skipped when it is unknown)."""
        if self.published is None:
            raise ExtractionError("a date rule relative to publication ran without a date")
        return self.published


Resolver = Callable[[re.Match[str], ScanContext], TimeExpression | None]


@dataclass(frozen=True)
class DateRule:
    """A compiled pattern and the function that resolves its matches.

    ``needs_previous`` rules are resolved in document order against the most recent definite
    date before them; ``needs_published`` rules are skipped without a publication date;
    ``horizon_only`` rules ("eventually", "soon") serve ``resolve_horizon`` but are not listed
    by ``find_time_expressions``. Lower ``priority`` wins between candidates of equal length.
    A rule with a ``trigger`` (a cheap pattern every match contains, such as a unit word) is
    only run within ``TRIGGER_MARGIN`` characters of the trigger's occurrences.
    """

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    priority: int = 5
    needs_previous: bool = False
    needs_published: bool = False
    horizon_only: bool = False
    trigger: re.Pattern[str] | None = None


def make_date(year: int, month: int = 1, day: int = 1) -> date | None:
    """Return the date, or None when a part is out of range."""
    if not (1 <= year <= 9999 and 1 <= month <= 12 and 1 <= day <= monthrange(year, month)[1]):
        return None
    return date(year, month, day)


def month_end(year: int, month: int) -> date | None:
    """Return the last day of a month, or None when out of range."""
    valid = 1 <= year <= 9999 and 1 <= month <= 12
    return date(year, month, monthrange(year, month)[1]) if valid else None


def shift_months(day: date, months: int) -> date | None:
    """Move ``day`` by a number of months (clamped to the month's end); None out of range."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    if not 1 <= year <= 9999:
        return None
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


def expression(
    match: re.Match[str],
    earliest: date | None,
    latest: date | None,
    precision: Precision,
    *,
    anchor: Anchor,
    vague: bool = False,
) -> TimeExpression | None:
    """Build a ``TimeExpression`` over the whole match; None if the interval is invalid."""
    if earliest is None or latest is None or latest < earliest:
        return None
    start, end = match.span()
    return TimeExpression(start, end, match.group(), earliest, latest, precision, anchor, vague)


def year_expression(
    match: re.Match[str], year: int, *, anchor: Anchor, vague: bool = False
) -> TimeExpression | None:
    """Build an expression for a whole calendar year."""
    last = make_date(year, 12, 31)
    return expression(match, make_date(year), last, "year", anchor=anchor, vague=vague)


def month_expression(
    match: re.Match[str], day: date | None, *, anchor: Anchor, vague: bool = False
) -> TimeExpression | None:
    """Build an expression for the calendar month that contains ``day``."""
    if day is None:
        return None
    last = month_end(day.year, day.month)
    return expression(match, day.replace(day=1), last, "month", anchor=anchor, vague=vague)


def at_clause_start(text: str, position: int) -> bool:
    """Tell whether only whitespace separates ``position`` from a clause boundary."""
    before = text[max(0, position - 40) : position]
    stripped = before.rstrip()
    if not stripped:
        return True
    return "\n" in before[len(stripped) :] or stripped[-1] in _CLAUSE_START_CHARS


def year_in_clause(text: str, position: int) -> bool:
    """Tell whether a four-digit year follows ``position`` before the clause ends."""
    stop = _CLAUSE_END.search(text, position, position + 200)
    end = stop.start() if stop else min(len(text), position + 200)
    return _FOUR_DIGIT_YEAR.search(text, position, end) is not None


@dataclass(frozen=True)
class Duration:
    """A span of time read from text: ``count`` units of ``unit_months`` months each."""

    count: int
    unit_months: int
    fuzzy: bool

    @property
    def months(self) -> int:
        """Return the length in months."""
        return self.count * self.unit_months


def duration(match: re.Match[str]) -> Duration:
    """Read a ``DURATION`` match: "twenty-five years" -> 25 x 12; "a few years" is fuzzy.

    A range ("15-20 years", "two to three years") counts its upper end: the span a window
    "within 15-20 years" can reach, the furthest point of "15-20 years ago".
    """
    if match.group("frac"):
        share = 2 if "half" in match.group("frac").lower() else 4
        return Duration(1, _UNIT_MONTHS[match.group("funit").lower()[:3]] // share, False)
    unit = _UNIT_MONTHS[match.group("unit").lower()[:3]]
    number = match.group("upto") or match.group("num")
    words = " ".join(number.lower().replace("-", " ").split())
    if words.isdigit():
        return Duration(int(words), unit, False)
    if words in _FUZZY_NUMBERS:
        return Duration(3, unit, True)
    if words in _OTHER_NUMBERS or words.endswith("hundred"):
        return Duration(_OTHER_NUMBERS.get(words, 100), unit, False)
    return Duration(sum(_WORD_NUMBERS.get(word, 0) for word in words.split()), unit, False)


def make_rule(
    name: str,
    body: str,
    resolve: Resolver,
    *,
    flags: int = re.IGNORECASE,
    priority: int = 5,
    needs_previous: bool = False,
    needs_published: bool = False,
    horizon_only: bool = False,
    trigger: str | None = None,
) -> DateRule:
    """Compile ``body`` between word boundaries (hyphens included) into a ``DateRule``.

    ``trigger`` lists words (space-separated, matched lower-case or capitalised) one of
    which every match contains.
    """
    pattern = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", flags)
    words = sorted({form for word in (trigger or "").split() for form in (word, word.title())})
    cue = re.compile(rf"\b(?:{'|'.join(words)})\b") if words else None
    return DateRule(
        name, pattern, resolve, priority, needs_previous, needs_published, horizon_only, cue
    )
