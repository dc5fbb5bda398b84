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
from typing import Literal

from counterpoint.errors import CounterpointError
from counterpoint.records import Forecast

Outcome = Literal["yes", "no", "annulled"]
Status = Literal["open", "unresolvable"]
OUTCOMES: tuple[Outcome, ...] = ("yes", "no", "annulled")
MIN_PROPOSITION_WORDS = 3


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


def check_outcome(value: str) -> Outcome:
    """Return ``value`` if it is ``yes``, ``no`` or ``annulled``; raise LedgerError otherwise."""
    for outcome in OUTCOMES:
        if value == outcome:
            return outcome
    raise LedgerError(f"outcome: {value!r} is not one of yes, no, annulled")


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
    to. The topic is the actor codes named, sorted and joined (``"CHN-RUS"``).
    """
    title = _title(forecast.proposition)
    close = date.fromisoformat(forecast.horizon_end) if forecast.horizon_end else None
    reason = unresolvable_reason(forecast)
    author = origin.author if forecast.attribution == "author" else forecast.attribution
    return Question(
        title=title,
        probability=check_probability(forecast.probability),
        criteria=_criteria(title, close=close, condition=forecast.condition, quote=forecast.quote),
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

    Two cases: a proposition too short to name an outcome, and an open-ended horizon
    ("eventually", "at some point") that could be met by a yes but never by a no.
    """
    if len(forecast.proposition.split()) < MIN_PROPOSITION_WORDS:
        return "the statement names no observable outcome"
    if forecast.horizon_text and not forecast.horizon_end:
        return f"open-ended horizon ({forecast.horizon_text!r}): could resolve yes but never no"
    return None


def _title(proposition: str) -> str:
    text = " ".join(proposition.split()).strip(" ,;:—-")
    return text[:1].upper() + text[1:] if text else "(no statement)"


def _criteria(title: str, *, close: date | None, condition: str | None, quote: str) -> str:
    by = f"on or before {close.isoformat()}" if close else "at any time (no closing date stated)"
    text = f"YES if this is observed {by}: {title}. "
    text += "NO if the closing date passes without it." if close else "NO if it is shown not to happen."
    if condition:
        text += f" ANNULLED if the condition is not met: {' '.join(condition.split())}."
    return text + f" Source: “{' '.join(quote.split())}”"
