"""Time expressions relative to the publication date.

These are the words forecasts use for their horizons ("next year", "in this decade",
"within five years", "in the coming years", "eventually") and the words that date the past
from the writer's present ("just over 50 years ago", "Fifty years after ..."). Each rule is a
compiled regular expression and a resolver that turns a match into a ``TimeExpression``
anchored on the publication date; ``counterpoint.extract.dates`` runs them with the absolute
and text-anchored rules. Vague phrases resolve to documented constant windows:

- recently, lately, in recent months: [P - 1 year, P]; in recent years: [P - 5 years, P];
  in recent decades: [P - 30 years, P]; today, now, currently, at present, these days: [P, P];
- in the short/near term: [P, P + 2 years]; in the coming months: [P, P + 1 year];
  in the coming years, the years ahead, the next few years, in the near/foreseeable future,
  in the medium term: [P, P + 5 years]; in the coming decades: [P, P + 30 years];
- horizons only: eventually, in the long run, sooner or later, at some point, one day, in the
  future, in time: [P, open]; soon: [P, P + 2 years].

"N years ago" is the year P.year - N ("just over 50 years ago" in 2020 -> 1969, "nearly 50"
-> 1971); "the next decade" and "within N years" are rolling windows from P (year precision);
"this decade" and "last year" are calendar periods.

The rule type, calendar arithmetic and duration reading these rules share are in
``counterpoint.extract.date_base``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from counterpoint.extract.date_base import (
    _UNIT_MONTHS,
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
    month_expression,
    shift_months,
    year_expression,
    year_in_clause,
)
from counterpoint.records import Precision, TimeExpression

__all__ = [
    "COMING_DECADES_MONTHS",
    "COMING_MONTHS_MONTHS",
    "COMING_YEARS_MONTHS",
    "FEW",
    "OPEN_END",
    "RECENT_DECADES_MONTHS",
    "RECENT_MONTHS",
    "RECENT_YEARS_MONTHS",
    "RELATIVE_RULES",
    "SHORT_TERM_MONTHS",
    "years_back",
]

SHORT_TERM_MONTHS = 24
COMING_MONTHS_MONTHS = 12
COMING_YEARS_MONTHS = 60
COMING_DECADES_MONTHS = 360
RECENT_MONTHS = 12
RECENT_YEARS_MONTHS = 60
RECENT_DECADES_MONTHS = 360
FEW = 5  # "the next few years": a few units, read as five in forward windows
OPEN_END = date.max  # internal marker of an expression with no stated end ("eventually")
_SHIFT = {"over": 1, "more than": 1, "nearly": -1, "almost": -1}
_UNDER = frozenset({"under", "less than"})
_APPROXIMATE = frozenset({"about", "around", "roughly", "some", "approximately", "close to"})


def years_back(match: re.Match[str], published: date, years: int) -> TimeExpression | None:
    """Resolve the year ``years`` before ``published``, adjusted by the match's qualifier.

    "over 50 years ago" (2020) -> 1969; "nearly 50" -> 1971; "about 50" -> 1970, vague;
    "less than 50" -> 1970..published, vague.
    """
    key = " ".join((match.group("qq") or "").lower().split())
    if key in _UNDER:
        first = make_date(published.year - years)
        return expression(match, first, published, "year", anchor="published", vague=True)
    shift = _SHIFT.get(key, 0) if years > 1 or key in ("over", "more than") else 0
    vague = key in _APPROXIMATE or bool(match.group("num")) and duration(match).fuzzy
    return year_expression(match, published.year - years - shift, anchor="published", vague=vague)


def _ago(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "just over 50 years ago" (2020-11-15) -> 1969; "three months ago" -> a month."""
    span = duration(match)
    if span.unit_months > 1:
        return years_back(match, context.now, span.months // 12)
    key = " ".join((match.group("qq") or "").lower().split())
    target = shift_months(context.now, -(span.months + _SHIFT.get(key, 0)))
    return month_expression(match, target, anchor="published", vague=bool(key) or span.fuzzy)


def _anniversary(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "Fifty years after <event>, ..." opening a clause, counted from the present.

    Only round anniversaries (10, 15, 20 ... years) at the start of a clause, and only when
    no explicit year follows in the clause ("fifty years after the 1971 visit" is dated by
    its year instead).
    """
    span = duration(match)
    years = span.months // 12
    if span.fuzzy or span.unit_months == 1 or years < 10 or years % 5:
        return None
    text = context.text
    if not at_clause_start(text, match.start()) or year_in_clause(text, match.end()):
        return None
    return years_back(match, context.now, years)


def _calendar(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "last year", "this decade", "the coming decade", "the last century"."""
    now, words = context.now, match.group("rel").lower().split()
    rel, unit = words[-1], match.group("unit").lower()
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    size = {"year": 1, "decade": 10, "century": 100}.get(unit, 0)
    rolling = unit != "century" and step and (words[0] == "the" or unit == "decade")
    if rolling or rel in ("coming", "past"):
        other = shift_months(now, step * _UNIT_MONTHS[unit[:3]])
        first, last = (other, now) if step < 0 else (now, other)
        precision: Precision = "month" if unit == "month" else "year"
        return expression(match, first, last, precision, anchor="published")
    if unit == "month":
        target = shift_months(now.replace(day=1), step)
        return month_expression(match, target, anchor="published")
    first_year = now.year // size * size + step * size
    kind: Precision = "year" if size == 1 else "decade" if size == 10 else "century"
    first, last = make_date(max(first_year, 1)), make_date(first_year + size - 1, 12, 31)
    return expression(match, first, last, kind, anchor="published")


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = (
    r"\b(?P<wrel>[Oo]n|[Ll]ast|[Tt]his\s+past)\s+"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)


def _weekday(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "on Wednesday", "last Monday": the latest such day up to publication.

    News and op-eds date the week's events this way ("On Wednesday, Pakistan closed ...");
    "on <day>" may be the publication day itself, "last <day>" is at least a day before.
    """
    now = context.now
    back = (now.weekday() - _WEEKDAYS.index(match.group("wd").lower())) % 7
    if back == 0 and not match.group("wrel").lower().startswith("on"):
        back = 7
    day = now - timedelta(days=back)
    return expression(match, day, day, "day", anchor="published")


def _window(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "within five years", "in ten years' time", "the next few years" (vague)."""
    span = duration(match)
    months = (FEW if span.fuzzy else span.count) * span.unit_months
    precision: Precision = "month" if span.unit_months == 1 else "year"
    last = shift_months(context.now, months)
    return expression(match, context.now, last, precision, anchor="published", vague=span.fuzzy)


def _end_of(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve "the end of the year" -> December; "the end of the decade" -> 2029; mid-century."""
    year, unit = context.now.year, (match.group("unit") or "mid").lower()
    step = 1 if (match.group("which") or "").lower() == "next" else 0
    if unit == "year":
        return month_expression(match, make_date(year + step, 12), anchor="published")
    if unit == "mid":
        return year_expression(match, year // 100 * 100 + 50, anchor="published")
    size = 10 if unit == "decade" else 100
    return year_expression(match, year // size * size + size * (step + 1) - 1, anchor="published")


def _vague(match: re.Match[str], context: ScanContext) -> TimeExpression | None:
    """Resolve a vague phrase to its window around publication (see the module table)."""
    back, forward = _WINDOWS[match.lastgroup or ""]
    first = shift_months(context.now, -back)
    last = OPEN_END if forward is None else shift_months(context.now, forward)
    return expression(match, first, last, "year", anchor="published", vague=True)


_IN = r"(?:(?:in|over|during|for|throughout)\s+)?"
_PRESENT = (
    r"today|nowadays|currently|(?:right\s+|just\s+)?now|at\s+present|these\s+days|to\s+date"
    r"|at\s+the\s+(?:moment|present\s+time|time\s+of\s+writing)|at\s+this\s+(?:juncture|moment"
    r"|time)|to\s+this\s+day"
)
_COMING_YEARS = (
    rf"{_IN}the\s+(?:coming|upcoming)\s+years|{_IN}the\s+years\s+(?:ahead|to\s+come)"
    rf"|{_IN}the\s+(?:near|foreseeable)\s+future|{_IN}the\s+medium\s+(?:term|run)"
)
_SHORT_TERM = r"(?:in|over|for)\s+the\s+(?:short|near)(?:er)?\s+(?:term|run)"
_COMING_MONTHS = rf"{_IN}the\s+(?:coming|next\s+several)\s+months|{_IN}the\s+months\s+ahead"
_COMING_DECADES = (
    rf"{_IN}the\s+(?:coming|upcoming)\s+decades|{_IN}the\s+decades\s+(?:ahead|to\s+come)"
)
_OPEN = (
    r"(?:in|over)\s+the\s+long(?:er)?\s+(?:term|run|haul)|eventually|sooner\s+or\s+later"
    r"|at\s+some\s+(?:point|stage)(?:\s+in\s+the\s+future)?|some\s*day|in\s+due\s+course"
    r"|one\s+day(?!\s+(?:later|after|before|earlier|in|of|to)\b)|down\s+the\s+(?:road|line)"
    r"|in\s+the\s+(?:distant\s+|more\s+distant\s+)?future|in\s+time(?!\s+(?:for|to)\b)"
)
_RECENT_YEARS = rf"{_IN}(?:the\s+)?recent\s+years|in\s+recent\s+times"
_AGO = rf"(?:{QUALIFIER}\s+)?{DURATION}\s+ago"
_ANNIVERSARY = rf"(?:{QUALIFIER}\s+)?{DURATION}\s+(?:after|on(?=\s*,))"
_POINT_AHEAD = rf"(?:in\s+)?{DURATION}(?:['’]s?|s['’])?\s+(?:time|from\s+now|hence)"
_SOON = r"(?<!as\s)soon(?!\s+(?:after|afterwards?|thereafter|enough)\b)"
_VAGUE = (  # name, pattern, months back, months forward (None: no end)
    ("recent", r"recently|lately|of\s+late|in\s+recent\s+months", RECENT_MONTHS, 0),
    ("recent_years", _RECENT_YEARS, RECENT_YEARS_MONTHS, 0),
    ("recent_decades", rf"{_IN}(?:the\s+)?recent\s+decades", RECENT_DECADES_MONTHS, 0),
    ("present", _PRESENT, 0, 0),
    ("short_term", _SHORT_TERM, 0, SHORT_TERM_MONTHS),
    ("coming_months", _COMING_MONTHS, 0, COMING_MONTHS_MONTHS),
    ("coming_years", _COMING_YEARS, 0, COMING_YEARS_MONTHS),
    ("coming_decades", _COMING_DECADES, 0, COMING_DECADES_MONTHS),
)
_HORIZON_ONLY = (("open", _OPEN, 0, None), ("soon", _SOON, 0, SHORT_TERM_MONTHS))
_VAGUE_WORDS = (
    "recently lately late months years times decades today nowadays currently now present "
    "days date moment writing juncture time day term run ahead come future"
)
_OPEN_WORDS = (
    "term run haul eventually later point stage day someday course road line future time soon"
)
_WINDOWS = {name: (back, ahead) for name, _, back, ahead in _VAGUE + _HORIZON_ONLY}
_CALENDAR = (
    r"(?P<rel>last|this|next|current|the\s+(?:current|present|coming|past|last|next))"
    r"\s+(?P<unit>year|month|decade|century)(?!\s+of\b)"
)
_END_OF = (
    r"(?:the\s+)?(?:end|close)\s+of\s+(?P<which>the|this|next|the\s+current)\s+(?P<unit>year"
    r"|decade|century)|(?:the\s+)?(?:mid-?century|middle\s+of\s+(?:the|this)\s+century)"
)
_WITHIN = r"(?:within|inside)\s+(?:the\s+(?:next|coming)\s+)?|" + _IN + r"the\s+(?:next|coming)\s+"
# "In five years, India will ..." / "... in 15-20 years": a window from publication, read
# only as a forecast's horizon (in a story of the past, "in five years" is a duration).
_IN_SPAN = (
    rf"\bin\s+{DURATION}"
    r"(?![\w'’-]|\s+(?:ago|after|before|later|earlier|of|since|old|older|time|from|hence)\b)"
)
_U = UNIT_TRIGGER


def _groups(table: tuple[tuple[str, str, int, int | None], ...]) -> str:
    return "|".join(f"(?P<{name}>{body})" for name, body, _, _ in table)


RELATIVE_RULES: tuple[DateRule, ...] = tuple(
    make_rule(name, body, resolve, needs_published=True, horizon_only=only, trigger=trigger)
    for name, body, resolve, only, trigger in (
        ("ago", _AGO, _ago, False, _U),
        ("anniversary", _ANNIVERSARY, _anniversary, False, _U),
        ("calendar", _CALENDAR, _calendar, False, None),
        (
            "weekday",
            _WEEKDAY,
            _weekday,
            False,
            "monday tuesday wednesday thursday friday saturday sunday",
        ),
        ("within", rf"(?:{_WITHIN}){DURATION}", _window, False, _U),
        ("point_ahead", _POINT_AHEAD, _window, False, _U),
        ("in_span", _IN_SPAN, _window, True, _U),
        ("end_of", _END_OF, _end_of, False, None),
        ("vague", _groups(_VAGUE), _vague, False, _VAGUE_WORDS),
        ("horizon_only", _groups(_HORIZON_ONLY), _vague, True, _OPEN_WORDS),
    )
)
