"""Questions drafted from forecasts, and their resolutions.

A :class:`Question` is a forecast made resolvable: a statement, the forecaster's
probability that it comes true (always P(proposition happens), as on
:class:`~counterpoint.records.Forecast`), a closing date (the horizon end) and a draft
of the observable that settles it. Forecasts with no measurable outcome are marked
unresolvable when drafted, with the reason, instead of being left open forever.

>>> from counterpoint.records import Forecast
>>> forecast = Forecast(start=0, end=30, quote="war is likely in the 2020s",
...     proposition="war between the two states", polarity="happens",
...     probability_phrase="likely", probability=0.7, probability_low=0.55,
...     probability_high=0.8, scale="icd203", hedge_class="likely",
...     horizon_end="2029-12-31", horizon_text="in the 2020s")
>>> question = draft_question(forecast, origin=Origin(document_sha256="ab", document_name="x.txt"))
>>> question.title, question.close_date.isoformat(), question.status
('War between the two states', '2029-12-31', 'open')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Literal

from counterpoint.errors import CounterpointError
from counterpoint.records import Forecast

Outcome = Literal["yes", "no", "annulled"]
Status = Literal["open", "unresolvable"]
OUTCOMES: tuple[Outcome, ...] = ("yes", "no", "annulled")
STATUSES: tuple[Status, ...] = ("open", "unresolvable")
MIN_CONTENT_WORDS = 2
FUNCTION_WORDS = "function_words.v1.txt"


class LedgerError(CounterpointError):
    """A ledger operation was refused (unknown id, bad date, probability or outcome)."""


@dataclass(frozen=True)
class Origin:
    """Where a forecast was read: the document and its metadata."""

    document_sha256: str
    document_name: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None


@dataclass(frozen=True)
class QuestionSource:
    """A span of a document that states the question (several after a merge)."""

    document_sha256: str
    document_name: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True)
class Resolution:
    """How a question was settled: ``yes``, ``no`` or ``annulled``, on a date, with a note."""

    outcome: Outcome
    resolved_on: date
    note: str = ""
    source: str | None = None


@dataclass(frozen=True)
class Question:
    """A forecast as a resolvable question.

    ``probability`` is P(the statement in ``title`` comes true). ``opened`` is the
    publication date of the earliest source; ``close_date`` the horizon end (None when
    the forecast named none: it then counts toward calibration once resolved).
    """

    title: str
    probability: float
    criteria: str
    close_date: date | None = None
    opened: date | None = None
    author: str | None = None
    source: str | None = None
    topic: str = ""
    condition: str | None = None
    probability_phrase: str = ""
    status: Status = "open"
    unresolvable_reason: str | None = None
    sources: tuple[QuestionSource, ...] = ()
    resolution: Resolution | None = None
    id: int | None = None

    @property
    def drafted_criteria(self) -> str:
        """The criteria :func:`draft_criteria` writes for this question's close date and source."""
        quote = self.sources[0].quote if self.sources else ""
        return draft_criteria(close=self.close_date, condition=self.condition, quote=quote)

    def is_due(self, today: date) -> bool:
        """Whether the question is open, resolvable, unresolved and past its close date."""
        return (
            self.status == "open"
            and self.resolution is None
            and self.close_date is not None
            and self.close_date < today
        )


def check_probability(value: float, *, field: str = "probability") -> float:
    """Return ``value`` if it is a probability in [0, 1]; raise LedgerError otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise LedgerError(f"{field}: {value!r} is not a number")
    if not 0.0 <= value <= 1.0:
        raise LedgerError(f"{field}: {value} is outside [0, 1]")
    return float(value)


def parse_probability(text: str, *, field: str = "probability") -> float:
    """Read a probability written as ``0.7``, ``70%`` or odds ``7:3`` (7 for, 3 against).

    >>> parse_probability("1:19"), parse_probability("5%"), parse_probability("0.25")
    (0.05, 0.05, 0.25)
    """
    value = text.strip()
    if not value:
        raise LedgerError(f"{field}: is missing")
    try:
        if value.endswith("%"):
            number = float(value[:-1]) / 100
        elif ":" in value:
            yes, no = (float(part) for part in value.split(":", 1))
            if yes < 0 or no < 0 or yes + no == 0:
                raise LedgerError(f"{field}: {value!r} are not odds (two numbers ≥ 0, not both 0)")
            number = yes / (yes + no)
        else:
            number = float(value)
    except ValueError as e:
        raise LedgerError(f"{field}: {value!r} is not a number, a percentage or odds") from e
    return check_probability(number, field=field)


def check_outcome(value: str) -> Outcome:
    """Return ``value`` if it is ``yes``, ``no`` or ``annulled``; raise LedgerError otherwise."""
    for outcome in OUTCOMES:
        if value == outcome:
            return outcome
    raise LedgerError(f"outcome: {value!r} is not one of yes, no, annulled")


def check_status(value: str) -> Status:
    """Return ``value`` if it is ``open`` or ``unresolvable``; raise LedgerError otherwise."""
    for status in STATUSES:
        if value == status:
            return status
    raise LedgerError(f"status: {value!r} is not one of open, unresolvable")


def check_question(question: Question, *, today: date) -> None:
    """Refuse a question whose fields contradict each other; the message names the field.

    Raises:
        LedgerError: an empty title, a probability outside [0, 1], a close date before
            publication, or a resolution dated before publication, after ``today``, or
            on a question marked unresolvable.
    """
    if not question.title.strip():
        raise LedgerError("title: is empty")
    check_probability(question.probability)
    check_status(question.status)
    opened = question.opened
    if opened is not None and question.close_date is not None and question.close_date < opened:
        raise LedgerError(
            f"close_date: {question.close_date.isoformat()} is before publication "
            f"({opened.isoformat()})"
        )
    if question.resolution is not None:
        check_resolution(question, question.resolution, today=today)


def check_resolution(question: Question, resolution: Resolution, *, today: date) -> None:
    """Refuse a resolution before publication, after today, or of an unresolvable question."""
    check_outcome(resolution.outcome)
    label = f"question {question.id}" if question.id is not None else "the question"
    on = resolution.resolved_on
    if question.opened is not None and on < question.opened:
        raise LedgerError(
            f"on: {on.isoformat()} is before {label} was published ({question.opened.isoformat()})"
        )
    if on > today:
        raise LedgerError(f"on: {on.isoformat()} is in the future (today is {today.isoformat()})")
    if question.status == "unresolvable":
        raise LedgerError(
            f"status: {label} is marked unresolvable ({question.unresolvable_reason}); "
            "edit its status to open first"
        )


def source_label(origin: Origin) -> str:
    """The publication a document came from: the URL's host, else its title, else its name."""
    if origin.url:
        host = re.sub(r"^[a-z]+://", "", origin.url).split("/")[0]
        if host:
            return host.removeprefix("www.")
    return origin.title or origin.document_name


def draft_question(forecast: Forecast, *, origin: Origin) -> Question:
    """Draft a question and its resolution criteria from an extracted forecast.

    The forecaster is the document's author, or the person the forecast is attributed
    to (None when the text names nobody: "they say"). The topic is the actor codes
    named, sorted and joined (``"CHN-RUS"``).
    """
    title = _title(forecast.proposition)
    close = date.fromisoformat(forecast.horizon_end) if forecast.horizon_end else None
    reason = unresolvable_reason(forecast)
    author = forecaster(forecast.attribution, document_author=origin.author)
    return Question(
        title=title,
        probability=check_probability(forecast.probability),
        criteria=draft_criteria(close=close, condition=forecast.condition, quote=forecast.quote),
        close_date=close,
        opened=origin.published,
        author=author,
        source=source_label(origin),
        topic="-".join(sorted(set(forecast.actors))),
        condition=forecast.condition,
        probability_phrase=forecast.probability_phrase,
        status="open" if reason is None else "unresolvable",
        unresolvable_reason=reason,
        sources=(
            QuestionSource(
                document_sha256=origin.document_sha256,
                document_name=origin.document_name,
                start=forecast.start,
                end=forecast.end,
                quote=forecast.quote,
            ),
        ),
    )


def unresolvable_reason(forecast: Forecast) -> str | None:
    """Why no observation could settle this forecast, or None when one could.

    Two cases: a proposition with fewer than ``MIN_CONTENT_WORDS`` words outside the
    function-word list ("it is to succeed": what succeeds?), and an open-ended horizon
    ("eventually", "at some point") that could be met by a yes but never by a no.
    """
    if len(content_words(forecast.proposition)) < MIN_CONTENT_WORDS:
        return "the statement names no observable outcome"
    if forecast.horizon_text and not forecast.horizon_end:
        return f"open-ended horizon ({forecast.horizon_text!r}): could resolve yes but never no"
    return None


def forecaster(attribution: str, *, document_author: str | None) -> str | None:
    """Who made a forecast: the document's author, or the person it is attributed to.

    >>> forecaster("other:Stephen Blank", document_author="Ann Lee")
    'Stephen Blank'
    >>> forecaster("other:they", document_author="Ann Lee") is None
    True
    """
    if attribution == "author":
        return document_author
    who = attribution.removeprefix("other:").strip()
    return who if content_words(who) else None


def content_words(text: str) -> list[str]:
    """The words of ``text`` that are not in the function-word list (lowercased)."""
    words = re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text.lower())
    stop = function_words()
    return [word for word in words if word not in stop]


@cache
def function_words() -> frozenset[str]:
    """The function words of ``function_words.v1.txt`` (read once per process)."""
    text = files("counterpoint.ledger").joinpath("data", FUNCTION_WORDS).read_text("utf-8")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return frozenset(line for line in lines if line)


def _title(proposition: str) -> str:
    text = " ".join(proposition.split()).strip(" ,;:.—-")
    return text[:1].upper() + text[1:] if text else "(no statement)"


def draft_criteria(*, close: date | None, condition: str | None = None, quote: str = "") -> str:
    """Draft resolution criteria: what settles the question YES, NO or ANNULLED, and by when.

    The criteria refer to the question's statement rather than repeat it, so editing the
    wording keeps them valid.

    >>> draft_criteria(close=date(2029, 12, 31)).split(". ")[0]
    'YES if what the statement says happens on or before 2029-12-31'
    """
    if close:
        text = f"YES if what the statement says happens on or before {close.isoformat()}. "
        text += "NO if that date passes without it."
    else:
        text = "YES if what the statement says is observed (no closing date was stated). "
        text += "NO if it is shown not to happen."
    if condition:
        text += f" ANNULLED if the condition is not met: {' '.join(condition.split())}."
    return text + (f" Source: “{' '.join(quote.split())}”" if quote.strip() else "")
