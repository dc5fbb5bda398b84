"""Frozen records shared by every stage.

Nothing here imports spaCy or SQL: stages convert to these records at their boundary.
Every extracted item carries ``start`` and ``end``, character offsets into
``Document.text`` (the file's text as read: UTF-8, newlines untranslated), and
``quote == document.text[start:end]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Precision = Literal["day", "month", "year", "decade", "century"]
QuadClass = Literal[
    "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"
]
EventContext = Literal["historical", "ongoing", "hypothetical"]
Polarity = Literal["happens", "does_not_happen"]
ActorRole = Literal["STATE", "GOV", "MIL", "LEADER", "PEOPLE", "ORG"]
ClaimPolarity = Literal["asserted", "negated"]


@dataclass(frozen=True)
class Document:
    """One analysis, as read from a file or a JSONL line.

    ``text`` is what offsets point into. For .txt and .md files it is the file's
    content as read; for HTML and PDF it is the extracted main text (stored with the
    document, so offsets stay checkable). ``masked`` lists ``(start, end)`` spans of
    boilerplate (navigation, image credits, share buttons, bylines) that the extractors
    skip; the characters stay in ``text`` so offsets never shift.
    """

    name: str
    text: str
    sha256: str
    format: str
    path: str | None = None
    title: str | None = None
    title_span: tuple[int, int] | None = None
    author: str | None = None
    published: date | None = None
    published_source: str = "unknown"
    url: str | None = None
    masked: tuple[tuple[int, int], ...] = ()

    @property
    def analysis_text(self) -> str:
        """The text with masked spans blanked out (same length, same offsets)."""
        if not self.masked:
            return self.text
        chars = list(self.text)
        for start, end in self.masked:
            for i in range(start, min(end, len(chars))):
                if chars[i] not in "\n\r":
                    chars[i] = " "
        return "".join(chars)

    @property
    def word_count(self) -> int:
        """Number of whitespace-separated words in the text."""
        return len(self.text.split())


@dataclass(frozen=True)
class TimeExpression:
    """A date expression found in text, resolved to an interval.

    ``earliest``/``latest`` bound the interval the expression denotes ("the 2020s" ->
    2020-01-01..2029-12-31; "in March 1969" -> 1969-03-01..1969-03-31).
    ``anchor`` says what it was resolved against: ``absolute`` (no anchor needed),
    ``published`` (the publication date) or ``text`` (an earlier date in the text).
    """

    start: int
    end: int
    text: str
    earliest: date
    latest: date
    precision: Precision
    anchor: Literal["absolute", "published", "text"] = "absolute"
    vague: bool = False

    @property
    def value(self) -> str:
        """The date at its precision: ``1969-03-02``, ``1969-03``, ``1969``, ``1960s``, ``19C``."""
        if self.precision == "day":
            return self.earliest.isoformat()
        if self.precision == "month":
            return self.earliest.isoformat()[:7]
        if self.precision == "year":
            return str(self.earliest.year)
        if self.precision == "decade":
            return f"{self.earliest.year // 10 * 10}s"
        return f"{self.earliest.year // 100 + 1}C"


@dataclass(frozen=True)
class ActorMention:
    """A mention of a state, leader, capital, military, people or organisation.

    ``code`` is ISO 3166 alpha-3 for states (``RUS`` also for the Soviet Union) or an
    organisation code (``NATO``, ``SCO``, ``UN`` ...); ``name`` is the canonical name of
    the entry matched ("Vladimir Putin", "Russia").
    """

    start: int
    end: int
    text: str
    code: str
    role: ActorRole
    name: str


@dataclass(frozen=True)
class Event:
    """A dated past event between actors, cited in a sentence."""

    start: int
    end: int
    quote: str
    date: str
    date_precision: Precision
    actors: tuple[str, ...]
    kind: QuadClass
    intensity: float
    label: str
    context: EventContext = "historical"
    event_type: str = ""
    date_text: str = ""
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass(frozen=True)
class Forecast:
    """A statement about the future that predicts an outcome.

    ``probability`` is always the probability that ``proposition`` happens, as stated
    by the hedge (``probability_phrase``) on the chosen scale; ``polarity`` says how the
    text frames the outcome.
    """

    start: int
    end: int
    quote: str
    proposition: str
    polarity: Polarity
    probability_phrase: str
    probability: float
    probability_low: float
    probability_high: float
    scale: str
    hedge_class: str
    attribution: str = "author"
    horizon_start: str | None = None
    horizon_end: str | None = None
    horizon_text: str | None = None
    horizon_vague: bool = False
    condition: str | None = None
    confidence_phrase: str | None = None
    actors: tuple[str, ...] = ()
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass(frozen=True)
class Claim:
    """A check-worthy assertion, kept for comparison across documents."""

    start: int
    end: int
    quote: str
    actors: tuple[str, ...]
    polarity: ClaimPolarity
    endorsement: Literal["author", "reported"]
    lemmas: tuple[str, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """A sentence boundary in the document text."""

    start: int
    end: int


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document, with the rule sets that produced it."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    events: tuple[Event, ...] = ()
    forecasts: tuple[Forecast, ...] = ()
    claims: tuple[Claim, ...] = ()
    rulesets: tuple[str, ...] = field(default_factory=tuple)
    pipeline_version: str = ""
