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

import csv
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from counterpoint.errors import ExtractionError
from counterpoint.extract.horizons import (
    DURATION,
    OPEN_END,
    QUALIFIER,
    RELATIVE_RULES,
    TRIGGER_MARGIN,
    UNIT_TRIGGER,
    DateRule,
    ScanContext,
    at_clause_start,
    duration,
    expression,
    make_date,
    make_rule,
    month_end,
    month_expression,
    year_expression,
)
from counterpoint.records import Precision, TimeExpression

DATES_RULESET = "dates.v1"
NAMED_DATES_FILE = "named_dates.v1.tsv"


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
class NamedDate:
    """One row of ``named_dates.v1.tsv``: an event name that dates a sentence."""

    pattern: re.Pattern[str]
    earliest: date
    latest: date
    precision: Precision
    note: str


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    rule: DateRule
    match: re.Match[str]
    resolved: TimeExpression | None


_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_MONTH_KEYS = "janfebmaraprmayjunjulaugsepoctnovdec"
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_DECADE_WORDS = "twenties thirties forties fifties sixties seventies eighties nineties".split()
_THIRDS = {"early": (0, 32), "mid": (33, 66), "late": (67, 99), "": (0, 99)}
_HALVES = {"first": (0, 49), "second": (50, 99), "latter": (50, 99), "last": (50, 99)}
_DECADE_PARTS = {"early": (0, 3), "mid": (3, 6), "late": (7, 9), "": (0, 9)}
_YEAR = r"(?:1[0-9]{3}|20[0-9]{2}|2100)"
_NOT_NUMBER_AFTER = r"(?![\w%]|[.,][0-9])"
_MOD = r"(?:(?P<mod>(?i:early|mid|late))[\s-]+)?"
_YEAR_PREPOSITIONS = frozenset(
    "in by since until till from of during before after around circa ca c between through "
    "throughout as early late mid spring summer autumn fall winter year fiscal the a an its "
    "their his her our this that whose".split()
)
_YEAR_NOUNS = frozenset(
    "crisis clashes clash war wars invasion election elections summit treaty agreement accord "
    "pact revolution uprising coup protests massacre crackdown census budget constitution visit "
    "olympics campaign referendum conflict incident attack attacks split rapprochement "
    "normalization normalisation declaration communique memorandum doctrine deal law strategy "
    "talks meeting conference reforms offensive standoff sanctions annexation famine".split()
)
_UNIT_WORDS = frozenset(
    "year years yrs months days hours people persons troops soldiers men women children "
    "residents refugees casualties deaths dead killed km kilometres kilometers miles metres "
    "meters m ft feet square tons tonnes barrels bcm dollars euros rubles roubles yuan pounds "
    "percent per points votes seats units tanks aircraft planes jets warheads missiles ships "
    "vessels companies firms cases pages members delegates students workers officers acres "
    "hectares mw gw kg degrees billion million thousand hundred times strong %".split()
)
_CLAUSE_VERBS = frozenset(
    "was saw marked brought became proved changed witnessed began ended".split()
)
_NEXT_WORD = re.compile(r"[^\S\n]*([A-Za-z]+|%)")
_PREV_WORD = re.compile(r"([A-Za-z]+(?:['’]s)?)[^\S\n]+$")
_QUANTITY_OF = re.compile(
    r"(?:total|number|sum|population|force|army|crowd|group|fleet|figure|budget|cost|price"
    r"|height|length|depth|strength)\s+of\s+$",
    re.IGNORECASE,
)
_THE = re.compile(r"^[Tt]he\s+")
_THAN = re.compile(r"(?:later|earlier|sooner)\s+than\s+$", re.IGNORECASE)
_LIST_TAIL = re.compile(
    rf"{_YEAR}(?:['’]?s)?[^\S\n]*(?:,|and|or|to|through|until|till|&|[-–—])[^\S\n]*(?:and\s+)?$"
)


def find_time_expressions(text: str, *, published: date | None) -> list[TimeExpression]:
    """Return all date expressions in ``text``, in order and non-overlapping.

    Example: "In March 1969 the clashes began. Later that year, ..." (published None) ->
    ``March 1969`` (1969-03, anchor ``absolute``) and ``Later that year`` (1969, anchor
    ``text``). Expressions relative to the publication date need ``published``.
    """
    return list(_scan(text, published=published, start=0, end=len(text), horizon=False))


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
    text: str, *, published: date | None, start: int, end: int, horizon: bool
) -> tuple[TimeExpression, ...]:
    context = ScanContext(text, published)
    candidates = []
    for rule in _rules():
        if (rule.horizon_only and not horizon) or (rule.needs_published and published is None):
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


def _plausible_year(text: str, start: int, end: int) -> bool:
    """Tell whether the number at ``text[start:end]`` reads as a year in its context."""
    follow = _NEXT_WORD.match(text, end)
    next_word = follow.group(1).lower() if follow else ""
    if next_word in _UNIT_WORDS:
        return False
    window = max(0, start - 40)
    before = _PREV_WORD.search(text, window, start)
    word = before.group(1).lower() if before else ""
    if word == "of" and _QUANTITY_OF.search(text, window, start):
        return False
    if word in _YEAR_PREPOSITIONS or word.endswith(("'s", "’s")) or next_word in _YEAR_NOUNS:
        return True
    if _THAN.search(text, window, start) or _LIST_TAIL.search(text, window, start):
        return True
    return at_clause_start(text, start) and (not follow or next_word in _CLAUSE_VERBS)


def _month(name: str) -> int:
    return _MONTH_KEYS.index(name[:3].lower()) // 3 + 1


def _day(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "24 August 2021", "August 24, 2021", "2021-08-24"."""
    groups = match.groupdict()
    month = int(groups["mo"]) if groups.get("mo") else _month(groups["m"])
    day = make_date(int(groups["y"]), month, int(groups["d"]))
    return expression(match, day, day, "day", anchor="absolute")


def _month_year(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "March 1969"; "August-September 1958" is one interval over both months."""
    year, first = int(match.group("y")), _month(match.group("m"))
    last = _month(match.group("m2")) if match.group("m2") else first
    if last < first:
        return None
    return expression(
        match, make_date(year, first), month_end(year, last), "month", anchor="absolute"
    )


def _nearest_year(month: int, day: int, context: ScanContext, lean: str) -> int | None:
    """The year that puts a yearless month and day nearest the publication date.

    "last November" leans to the past and "next May" to the future; with no such word the
    nearest occurrence wins ("on May 8" in a piece of May 20, 2018 -> 2018-05-08).
    """
    published = context.published
    if published is None:
        return None
    candidates = [
        (year, candidate)
        for year in (published.year - 1, published.year, published.year + 1)
        if (candidate := make_date(year, month, min(day, 28))) is not None
    ]
    if lean == "past":
        candidates = [c for c in candidates if c[1] <= published]
    elif lean == "future":
        candidates = [c for c in candidates if c[1] > published]
    if not candidates:
        return None
    return min(candidates, key=lambda c: abs((c[1] - published).days))[0]


def _lean(word: str | None) -> str:
    word = (word or "").lower()
    return (
        "past" if word in ("last", "since") else "future" if word in ("next", "until", "by") else ""
    )


def _day_no_year(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "on May 8" / "on 8 May" (no year) to the occurrence nearest publication."""
    month = _month(match.group("m") or match.group("m2"))
    day_of_month = int(match.group("d") or match.group("d2"))
    year = _nearest_year(month, day_of_month, context, "")
    day = make_date(year, month, day_of_month) if year is not None else None
    return expression(match, day, day, "day", anchor="published")


def _month_no_year(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "in November", "last March", "next May" (no year) against publication."""
    month = _month(match.group("m"))
    year = _nearest_year(month, 15, context, _lean(match.group("w")))
    if year is None:
        return None
    return expression(
        match, make_date(year, month), month_end(year, month), "month", anchor="published"
    )


def _year(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "in 1959", "the 1969 border clashes" and ranges "1950-53" (year precision)."""
    first, last_text = int(match.group("a")), match.group("b") or match.group("a")
    last = int(last_text)
    if len(last_text) == 2:
        last += first // 100 * 100 + (100 if last <= first % 100 else 0)
    if not first <= last <= first + 100 or not _plausible_year(context.text, *match.span()):
        return None
    return expression(match, make_date(first), make_date(last, 12, 31), "year", anchor="absolute")


def _decade(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "the early 1980s", "the '90s", "the sixties"; "the 1800s" is a century."""
    groups = match.groupdict()
    mod = (groups["mod"] or "").lower()
    if groups["dec"]:
        first = int(groups["dec"]) * 10
    elif not groups["the"]:
        return None
    elif groups["word"]:
        first = 1920 + 10 * _DECADE_WORDS.index(groups["word"].lower())
    else:
        first = 2000 + int(groups["dd"]) * 10
        first -= 100 if first + 10 > (context.published or date(2030, 1, 1)).year else 0
    low, high = _THIRDS[mod] if first % 100 == 0 and groups["dec"] else _DECADE_PARTS[mod]
    precision: Precision = "century" if high > 9 else "decade"
    last = make_date(first + high, 12, 31)
    return expression(match, make_date(first + low), last, precision, anchor="absolute")


def _century(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "the 17th century" -> 1600-1699 and "mid-19th century" -> 1833-1866."""
    ordinal = match.group("ord").lower().replace("-", " ").split()
    if ordinal[0][0].isdigit():
        number = int(ordinal[0].rstrip("stndrh"))
    else:
        number = (20 if len(ordinal) > 1 else 0) + _ORDINALS.index(ordinal[-1]) + 1
    half = (match.group("half") or "").lower()
    low, high = _HALVES[half] if half else _THIRDS[(match.group("mod") or "").lower()]
    first = (number - 1) * 100
    if not 1 <= number <= 22:
        return None
    last = make_date(first + high, 12, 31)
    return expression(match, make_date(max(first + low, 1)), last, "century", anchor="absolute")


def _same(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "later that year", "the same year", "that month" to the previous date's period."""
    previous = context.previous
    if previous is None:
        return None
    if match.group("unit").lower() == "month":
        definite = previous.precision in ("day", "month")
        return month_expression(match, previous.earliest if definite else None, anchor="text")
    mod, year = (match.group("mod") or "").lower(), previous.earliest.year
    first, last = date(year, 1, 1), date(year, 12, 31)
    first = max(first, previous.earliest) if mod.startswith("late") else first
    last = min(last, previous.latest) if mod.startswith("earl") else last
    return expression(match, first, last, "year", anchor="text")


def _step(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "the following year", "the year before" against the previous date.

    "the next year" with no earlier date in the text is the year after publication.
    """
    rel = (match.group("rel") or match.group("rel_b")).lower()
    step = 1 if rel in ("following", "next", "after") else -1
    if context.previous is not None:
        base = context.previous.latest if step > 0 else context.previous.earliest
        return year_expression(match, base.year + step, anchor="text")
    if rel == "next" and context.published is not None:
        return year_expression(match, context.published.year + 1, anchor="published")
    return None


def _offset(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "two years later" (from the previous date) and "50 years after 1971" (2021)."""
    span = duration(match)
    later = match.group("dir").lower().startswith(("later", "after", "there"))
    years = span.months // 12 * (1 if later else -1)
    vague = span.fuzzy or match.group("qq") is not None
    if span.unit_months == 1:
        return None
    if match.groupdict().get("y"):
        return year_expression(match, int(match.group("y")) + years, anchor="text", vague=vague)
    if context.previous is None:
        return None
    base = context.previous.latest if later else context.previous.earliest
    return year_expression(match, base.year + years, anchor="text", vague=vague)


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


def _named(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
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


_ORDINAL = (
    rf"[0-9]{{1,2}}(?:st|nd|rd|th)|twenty[\s-](?:first|second)"
    rf"|{'|'.join(sorted(_ORDINALS, key=len, reverse=True))}"
)
_CENTURY = (
    r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+|(?P<half>first|second|latter|last)\s+half\s+"
    rf"of\s+(?:the\s+)?)?(?P<ord>{_ORDINAL})[\s-]+century"
)
_DMY = rf"(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<m>{_MONTHS}),?\s+(?P<y>[0-9]{{4}})"
_MDY = rf"(?P<m>{_MONTHS})\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{{4}})"
# Yearless dates need a preposition or a "last"/"next" before them, so that the modal
# "may" and names like "August" in other uses are not read as dates.
_NO_YEAR_AFTER = r"(?!,?\s+(?:of\s+)?[0-9]{4})(?![0-9])"
_DAY_NO_YEAR = (
    rf"(?<=\b[Oo]n\s)(?:(?P<m>{_MONTHS})\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<d2>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTHS})){_NO_YEAR_AFTER}"
)
_MONTH_NO_YEAR = (
    rf"(?:(?<=\b[Ii]n\s)|(?<=\b[Ss]ince\s)|(?<=\b[Bb]y\s)|(?<=\b[Uu]ntil\s)|(?P<w>[Ll]ast|[Nn]ext|[Tt]his)\s+)"
    rf"(?P<m>{_MONTHS}){_NO_YEAR_AFTER}(?!\s+[0-9])"
)
_MONTH_YEAR = (
    rf"(?P<m>{_MONTHS})(?:\s*(?:[-–—]|\s(?:to|through|until)\s)\s*(?P<m2>{_MONTHS}))?,?\s+"
    rf"(?:of\s+)?(?P<y>[0-9]{{4}}){_NOT_NUMBER_AFTER}"
)
_YEARS = rf"(?<![$£€¥.,/#])(?P<a>{_YEAR})(?:\s*[-–—]\s*(?P<b>[0-9]{{4}}|[0-9]{{2}}))?"
_DECADE = (
    rf"(?<!['’])(?P<the>[Tt]he\s+)?{_MOD}(?:(?P<dec>1[0-9]{{2}}|20[0-9])0['’]?s"
    rf"|['’‘](?P<dd>[0-9])0s|(?P<word>(?i:{'|'.join(_DECADE_WORDS)})))"
)
_SAME = (
    r"(?:(?P<mod>later|earlier|early|late)\s+(?:in\s+)?)?(?:that|the\s+same|that\s+same)\s+"
    r"(?P<unit>year|month)"
)
_STEP = (
    r"the\s+(?:(?P<rel>following|next|previous|preceding|prior)\s+year"
    r"|year\s+(?P<rel_b>before|after)(?![^\S\n]+\w))"
)
_OFFSET_YEAR = (
    rf"(?:{QUALIFIER}\s+)?{DURATION}\s+(?P<dir>after|before|later\s+than|earlier\s+than)"
    rf"(?=\s+(?:the\s+year\s+)?(?P<y>{_YEAR})(?![0-9]))"
)
_OFFSET = (
    rf"(?:{QUALIFIER}\s+)?{DURATION}\s+(?P<dir>later|earlier|afterwards?|thereafter)(?!\s+than)"
)


@lru_cache(maxsize=1)
def _rules() -> tuple[DateRule, ...]:
    named = r"(?:[Tt]he\s+)?(?:" + "|".join(e.pattern.pattern for e in load_named_dates()) + ")"
    return (
        make_rule("day_dmy", _DMY, _day, flags=0, priority=1),
        make_rule("day_mdy", _MDY, _day, flags=0, priority=1),
        make_rule("day_iso", r"(?P<y>[0-9]{4})-(?P<mo>[0-9]{2})-(?P<d>[0-9]{2})", _day, flags=0),
        make_rule("month", _MONTH_YEAR, _month_year, flags=0, priority=1),
        make_rule(
            "day_no_year", _DAY_NO_YEAR, _day_no_year, flags=0, priority=3, needs_published=True
        ),
        make_rule(
            "month_no_year",
            _MONTH_NO_YEAR,
            _month_no_year,
            flags=0,
            priority=4,
            needs_published=True,
        ),
        make_rule("year", _YEARS + _NOT_NUMBER_AFTER, _year, flags=0, priority=2),
        make_rule("decade", _DECADE, _decade, flags=0, priority=1),
        make_rule("century", _CENTURY, _century, priority=1, trigger="century centuries"),
        make_rule("same_period", _SAME, _same, priority=2, needs_previous=True),
        make_rule("step", _STEP, _step, priority=2, needs_previous=True),
        make_rule("offset_year", _OFFSET_YEAR, _offset, priority=2, trigger=UNIT_TRIGGER),
        make_rule(
            "offset", _OFFSET, _offset, priority=2, needs_previous=True, trigger=UNIT_TRIGGER
        ),
        *RELATIVE_RULES,
        make_rule("named", named, _named, flags=0, priority=3),
    )
