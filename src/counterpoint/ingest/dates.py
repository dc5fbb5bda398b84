"""Publication dates: the ``--published`` option and date lines at the top of an article.

Examples:
    >>> parse_date_option("2021-08"), parse_date_option("2021")
    (datetime.date(2021, 8, 15), datetime.date(2021, 7, 1))
    >>> find_dateline("Published: Tuesday, Aug. 24, 2021, 5:00 a.m. ET")
    DateLine(published=datetime.date(2021, 8, 24), updated=False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from counterpoint.errors import SettingError

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:18|19|20)\d\d)"
_FULL_DATES = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:18|19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
)
_MONTH_YEAR = re.compile(rf"{_MONTH},?\s+{_YEAR}", re.IGNORECASE)
_LABEL = re.compile(
    r"\b(?:(?:first |originally |last )?(?:published|posted|updated|modified|released|dated?)"
    r"(?: on| at)?|date)\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)
_FILLER = re.compile(
    r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b|\d{1,2}[:.]\d\d|\b[ap]\.?m\.?(?!\w)|\b(?:at|on|(?-i:[ECMP][SD]?T|GMT|UTC|BST|CES?T|MSK|JST|IST))\b",
    re.IGNORECASE,
)
_OPTION_FORMS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), lambda m: date(int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"(\d{4})-(\d{2})"), lambda m: date(int(m[1]), int(m[2]), 15)),
    (re.compile(r"(\d{4})"), lambda m: date(int(m[1]), 7, 1)),
)
_MAX_DATELINE = 120
_MAX_OTHER_WORDS = 6


@dataclass(frozen=True)
class DateLine:
    """A publication date stated on a line near the top of a text."""

    published: date
    updated: bool


def parse_date_option(value: str) -> date:
    """Parse a publication date: ``YYYY-MM-DD``, ``YYYY-MM`` (the 15th) or ``YYYY`` (1 July).

    Raises:
        SettingError: The value is not one of those forms, or not a real date.
    """
    text = value.strip()
    for pattern, build in _OPTION_FORMS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        try:
            return build(match)
        except ValueError as e:
            raise SettingError(f"published date {value!r}: {e}") from e
    raise SettingError(f"published date {value!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")


def _build(match: re.Match[str], *, day: bool = True) -> date | None:
    month_text = match["month"].lower()
    month = int(month_text) if month_text.isdigit() else _MONTHS[month_text[:3]]
    try:
        found = date(int(match["year"]), month, int(match["day"]) if day else 15)
    except ValueError:
        return None
    return found if found.year <= date.today().year + 1 else None


def _other_words(line: str, match: re.Match[str]) -> list[str]:
    rest = line[: match.start()] + " " + line[match.end() :]
    rest = _FILLER.sub(" ", _LABEL.sub(" ", rest))
    return re.findall(r"[^\W\d_]{2,}", rest)


def find_dateline(line: str) -> DateLine | None:
    """Return the date a short header line states, if the line is a date line.

    A date line is short and carries little besides the date: an optional label
    (``Published:``, ``Updated``), a weekday, a time, or a byline of a few words. A bare
    month and year (``November 2020``) counts only when nothing else is on the line.
    """
    if len(line) > _MAX_DATELINE:
        return None
    for pattern in _FULL_DATES:
        match = pattern.search(line)
        if match and len(_other_words(line, match)) <= _MAX_OTHER_WORDS:
            found = _build(match)
            if found is not None:
                return DateLine(found, bool(_UPDATED.search(line)))
    stripped = _LABEL.sub("", line).strip(" .")
    match = _MONTH_YEAR.fullmatch(stripped)
    found = _build(match, day=False) if match else None
    return DateLine(found, bool(_UPDATED.search(line))) if found else None
