"""Time expressions relative to the publication date, and the calendar arithmetic they use.

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
SHORT_TERM_MONTHS = 24
COMING_MONTHS_MONTHS = 12
COMING_YEARS_MONTHS = 60
COMING_DECADES_MONTHS = 360
RECENT_MONTHS = 12
RECENT_YEARS_MONTHS = 60
RECENT_DECADES_MONTHS = 360
FEW = 5  # "the next few years": a few units, read as five in forward windows
OPEN_END = date.max  # internal marker of an expression with no stated end ("eventually")

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
    rf"(?:(?P<num>{NUMBER})[\s-]+(?P<unit>years?|decades?|centur(?:y|ies)|months?)"
    r"|(?P<frac>(?:a[\s-]+)?half(?:[\s-]+a)?|a[\s-]+quarter(?:[\s-]+of[\s-]+a)?)"
    r"[\s-]+(?P<funit>century|decade))"
)
QUALIFIER = (
    r"(?:(?:just|only|a\s+little|slightly|well)\s+)?(?P<qq>over|more\s+than|under|less\s+than"
    r"|nearly|almost|about|around|roughly|some|approximately|close\s+to)"
)
_SHIFT = {"over": 1, "more than": 1, "nearly": -1, "almost": -1}
_UNDER = frozenset({"under", "less than"})
_APPROXIMATE = frozenset({"about", "around", "roughly", "some", "approximately", "close to"})
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
    """Read a ``DURATION`` match: "twenty-five years" -> 25 x 12; "a few years" is fuzzy."""
    if match.group("frac"):
        share = 2 if "half" in match.group("frac").lower() else 4
        return Duration(1, _UNIT_MONTHS[match.group("funit").lower()[:3]] // share, False)
    unit = _UNIT_MONTHS[match.group("unit").lower()[:3]]
    words = " ".join(match.group("num").lower().replace("-", " ").split())
    if words.isdigit():
        return Duration(int(words), unit, False)
    if words in _FUZZY_NUMBERS:
        return Duration(3, unit, True)
    if words in _OTHER_NUMBERS or words.endswith("hundred"):
        return Duration(_OTHER_NUMBERS.get(words, 100), unit, False)
    return Duration(sum(_WORD_NUMBERS.get(word, 0) for word in words.split()), unit, False)


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
_U = UNIT_TRIGGER


def _groups(table: tuple[tuple[str, str, int, int | None], ...]) -> str:
    return "|".join(f"(?P<{name}>{body})" for name, body, _, _ in table)


RELATIVE_RULES: tuple[DateRule, ...] = tuple(
    make_rule(name, body, resolve, needs_published=True, horizon_only=only, trigger=trigger)
    for name, body, resolve, only, trigger in (
        ("ago", _AGO, _ago, False, _U),
        ("anniversary", _ANNIVERSARY, _anniversary, False, _U),
        ("calendar", _CALENDAR, _calendar, False, None),
        ("within", rf"(?:{_WITHIN}){DURATION}", _window, False, _U),
        ("point_ahead", _POINT_AHEAD, _window, False, _U),
        ("end_of", _END_OF, _end_of, False, None),
        ("vague", _groups(_VAGUE), _vague, False, _VAGUE_WORDS),
        ("horizon_only", _groups(_HORIZON_ONLY), _vague, True, _OPEN_WORDS),
    )
)
