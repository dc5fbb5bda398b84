"""Date expressions in text, resolved to intervals, and forecast horizons.

``find_time_expressions`` lists the date expressions of a document in order, without overlaps
(the longest wins): absolute ("24 August 2021", "March 1969", "August-September 1958",
"in 1959", "1950-53", "the early 1980s", "the '90s", "mid-19th century"), relative to the
publication date (``counterpoint.extract.horizons``: "just over 50 years ago", "this decade",
"in the coming years"), anchored in the text ("later that year", "two years later": the most
recent definite day, month or year before them; "50 years after 1971": the year after them)
and named events (``patterns/named_dates.v1.tsv``: "post-Tiananmen" -> 1989-06). A bare
four-digit number is a year only in a year-like context (after a preposition, determiner or
possessive, before an event noun, alone at a clause start), never before a unit ("2019 km",
"1,969 troops", "$2019", "2019%"). Centuries split into thirds (early/mid/late); "the 1800s"
is a century.

Interval convention of ``resolve_horizon`` (published = P): a forecast's horizon runs from P
to the last day of what its time expression denotes: "by 2030" / "in 2030" -> [P, 2030-12-31];
"this decade" / "in the 2020s" (P in 2020) -> [P, 2029-12-31]; "next year" -> [P, 31 Dec of
P's year + 1]; "within N years" -> [P, P + N years]; "in the coming years" -> [P, P + 5 years]
vague; "in the short term" -> [P, P + 2 years] vague; "eventually", "sooner or later", "at some
point", "in the long run" -> [P, None] vague. Expressions that end on or before P make no
horizon. Of several, explicit ones beat vague ones, then the earliest end wins (the tightest
bound on the future).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from counterpoint.errors import ExtractionError
from counterpoint.extract.date_base import TRIGGER_MARGIN, DateRule, ScanContext
from counterpoint.extract.date_rules import date_rules
from counterpoint.extract.horizons import OPEN_END
from counterpoint.extract.named_dates import NAMED_DATES_FILE, NamedDate, load_named_dates
from counterpoint.records import TimeExpression

DATES_RULESET = "dates.v1"

__all__ = [
    "DATES_RULESET",
    "NAMED_DATES_FILE",
    "Horizon",
    "NamedDate",
    "find_precise_dates",
    "find_time_expressions",
    "load_named_dates",
    "resolve_horizon",
]


@dataclass(frozen=True)
class Horizon:
    """The interval a forecast covers: from ``start`` (publication) to ``end`` (None: open)."""

    start: date
    end: date | None
    text: str
    vague: bool
    expr_start: int
    expr_end: int


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: DateRule
    match: re.Match[str]
    resolved: TimeExpression | None


def find_time_expressions(text: str, *, published: date | None) -> list[TimeExpression]:
    """Return all date expressions in ``text``, in order and non-overlapping.

    Example: "In March 1969 the clashes began. Later that year, ..." (published None) ->
    ``March 1969`` (1969-03, anchor ``absolute``) and ``Later that year`` (1969, anchor
    ``text``). Expressions relative to the publication date need ``published``.
    """
    return list(_scan(text, published=published, start=0, end=len(text), horizon=False))


# The rules that find full dates ("24 August 2021", "March 1969"): enough to estimate a
# missing publication date without a whole scan.
PRECISE_RULES = frozenset({"day_dmy", "day_mdy", "day_iso", "month"})


def find_precise_dates(text: str) -> list[TimeExpression]:
    """Return only the day- and month-precise absolute dates of ``text`` (a cheap scan).

    Example: "Signed on 24 August 2021, after talks in 1999" -> ``24 August 2021`` only.
    """
    found = _scan(text, published=None, start=0, end=len(text), horizon=False, only=PRECISE_RULES)
    return list(found)


def resolve_horizon(
    text: str, *, published: date, start: int = 0, end: int | None = None
) -> Horizon | None:
    """Return the forecast horizon stated in ``text[start:end]``, or None.

    Example: "war is likely in this decade", published 2020-11-15 -> Horizon(start=2020-11-15,
    end=2029-12-31, text="this decade", vague=False). The module docstring states the rules.

    Raises:
        ExtractionError: when ``start`` and ``end`` do not delimit a span of ``text``.
    """
    stop = len(text) if end is None else end
    if not 0 <= start <= stop <= len(text):
        raise ExtractionError(
            f"resolve_horizon: span [{start}, {end}) is not inside the text of {len(text)} "
            "characters; pass the offsets of a clause of that text"
        )
    found = _scan(text, published=published, start=start, end=stop, horizon=True)
    horizons = [h for expr in found if (h := _as_horizon(expr, published)) is not None]
    if not horizons:
        return None
    return min(horizons, key=lambda h: (h.vague, h.end or OPEN_END, h.expr_start))


def _as_horizon(expr: TimeExpression, published: date) -> Horizon | None:
    if expr.latest <= published:
        return None
    end = None if expr.latest == OPEN_END else expr.latest
    return Horizon(published, end, expr.text, expr.vague, expr.start, expr.end)


def _scan(
    text: str,
    *,
    published: date | None,
    start: int,
    end: int,
    horizon: bool,
    only: frozenset[str] | None = None,
) -> tuple[TimeExpression, ...]:
    context = ScanContext(text, published)
    candidates = []
    for rule in date_rules():
        if (rule.horizon_only and not horizon) or (rule.needs_published and published is None):
            continue
        if only is not None and rule.name not in only:
            continue
        for match in _matches(rule, text, start, end):
            resolved = None if rule.needs_previous else rule.resolve(match, context)
            if resolved is not None or rule.needs_previous:
                candidates.append(_Candidate(*match.span(), rule, match, resolved))
    return _resolve_in_order(_select(candidates), context)


def _matches(rule: DateRule, text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Run a rule over ``text[start:end]``, only near its trigger words when it has some."""
    if rule.trigger is None:
        yield from rule.pattern.finditer(text, start, end)
        return
    position = start
    for hit in rule.trigger.finditer(text, start, end):
        first = max(position, hit.start() - TRIGGER_MARGIN)
        for match in rule.pattern.finditer(text, first, min(end, hit.end() + TRIGGER_MARGIN)):
            position = match.end()
            yield match


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest candidates that do not overlap (ties: lower priority, then earlier)."""
    starts: list[int] = []
    ends: list[int] = []
    kept: list[_Candidate] = []
    for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.rule.priority, c.start)):
        i = bisect_right(starts, candidate.start)
        if (i and ends[i - 1] > candidate.start) or (i < len(starts) and starts[i] < candidate.end):
            continue
        starts.insert(i, candidate.start)
        ends.insert(i, candidate.end)
        kept.insert(i, candidate)
    return kept


def _resolve_in_order(
    candidates: list[_Candidate], context: ScanContext
) -> tuple[TimeExpression, ...]:
    """Resolve text-anchored candidates against the last definite date before them."""
    found: list[TimeExpression] = []
    previous: TimeExpression | None = None
    for candidate in candidates:
        expr = candidate.resolved or candidate.rule.resolve(
            candidate.match, ScanContext(context.text, context.published, previous)
        )
        if expr is None:
            continue
        found.append(expr)
        if not expr.vague and expr.precision in ("day", "month", "year"):
            previous = expr if expr.earliest.year == expr.latest.year else previous
    return tuple(found)
