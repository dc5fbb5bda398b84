"""The date rules: patterns for absolute, yearless and text-anchored dates, and resolvers.

Each resolver turns a match into a :class:`~counterpoint.records.TimeExpression`.

``counterpoint.extract.dates`` runs them (longest match wins); the rules relative to the
publication date live in ``counterpoint.extract.horizons``. Named events ("post-Tiananmen",
"the Korean War") come from ``patterns/named_dates.v1.tsv``. Worked examples:
"24 August 2021" -> 2021-08-24 (day); "in March 1969" -> 1969-03 (month); "the early 1980s" ->
1980..1983 (decade); "mid-19th century" -> 1833..1866 (century); "later that year" after
"March 1969" -> 1969 (anchor ``text``).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from counterpoint.extract.date_base import (
    DURATION,
    QUALIFIER,
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
from counterpoint.extract.horizons import RELATIVE_RULES
from counterpoint.extract.named_dates import load_named_dates, resolve_named
from counterpoint.records import Precision, TimeExpression

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
_THAN = re.compile(r"(?:later|earlier|sooner)\s+than\s+$", re.IGNORECASE)
_LIST_TAIL = re.compile(
    rf"{_YEAR}(?:['’]?s)?[^\S\n]*(?:,|and|or|to|through|until|till|&|[-–—])[^\S\n]*(?:and\s+)?$"
)


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
    """Resolve "the early 1980s", "the '90s", "the sixties"; "the 1800s" is a century.

    "The 2000s" is the decade 2000-2009 when written in the 21st century (see below).
    """
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
    # "The 1800s" is a century; "the 2000s", written during the 2000-2099 century, is the
    # decade 2000-2009 ("in the early 2000s" = about 2000-2003), since the century is still
    # running and is called "the 21st century".
    now = (context.published or date(2030, 1, 1)).year
    century = first % 100 == 0 and groups["dec"] and first // 100 != now // 100
    low, high = _THIRDS[mod] if century else _DECADE_PARTS[mod]
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
def date_rules() -> tuple[DateRule, ...]:
    """Return every date rule, relative and named ones included, in priority order (cached)."""
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
        make_rule("named", named, resolve_named, flags=0, priority=3),
    )
