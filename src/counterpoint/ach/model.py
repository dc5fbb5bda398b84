"""The ACH case: a question, competing hypotheses and rated evidence, as frozen records.

A :class:`Case` is what an analyst writes in a case file (see :mod:`counterpoint.ach.casefile`
and ``docs/ach.md``). Every evidence item rates every hypothesis, with one of Heuer's
consistency codes (``CC C N I II NA``) or with a likelihood ``P(E | H)`` given directly.
Ratings and the weights of credibility and relevance are data (``ach/data/*.v1.tsv``),
loaded once by :func:`rating_table` and :func:`weight_table`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

from counterpoint.errors import CounterpointError

EvidenceType = Literal["fact", "assumption", "absence-of-evidence"]
EVIDENCE_TYPES: tuple[EvidenceType, ...] = ("fact", "assumption", "absence-of-evidence")
Level = Literal["low", "medium", "high"]
LEVELS: tuple[Level, ...] = ("low", "medium", "high")
Flag = Literal["possibly-deceptive", "unreliable", "disputed", "retracted"]
FLAGS: tuple[Flag, ...] = ("possibly-deceptive", "unreliable", "disputed", "retracted")
RATINGS_TABLE = "ratings.v1"
WEIGHTS_TABLE = "weights.v1"


class AchError(CounterpointError):
    """An ACH case could not be read, scored or stored."""


@dataclass(frozen=True)
class Rating:
    """One consistency code of the rating table (``ratings.v1.tsv``)."""

    code: str
    inconsistency: float
    likelihood: float | None
    reverse: str
    meaning: str


@dataclass(frozen=True)
class Milestone:
    """An observable the analyst expects by ``by`` if the hypothesis is true."""

    id: str
    text: str
    by: str | None = None
    probability: float | None = None
    line: int = 0


@dataclass(frozen=True)
class Hypothesis:
    """A competing explanation or outcome; ``prior`` is None until normalised by the case."""

    id: str
    statement: str
    prior: float
    actors: tuple[str, ...] = ()
    quad_classes: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Source:
    """Where an item comes from: a span of a document, or an external citation.

    For a document, ``quote == text[start:end]`` of the file ``path`` (checked on load).
    """

    document: str | None = None
    path: str | None = None
    quote: str | None = None
    start: int | None = None
    end: int | None = None
    external: str | None = None
    url: str | None = None

    @property
    def label(self) -> str:
        """A short name for tables: the document name or the external citation."""
        return self.document or self.external or ""


@dataclass(frozen=True)
class Evidence:
    """An evidence item and its row of the matrix.

    ``ratings`` maps every hypothesis id to a code; ``likelihoods`` maps every hypothesis
    id to ``P(E | H)`` when the analyst gave them (they then drive the Bayesian posterior,
    and the codes still drive Heuer's scores). ``event_date`` is when the thing happened,
    ``reported`` when the source said it (Open Synthesis #12).
    """

    id: str
    text: str
    type: EvidenceType
    credibility: Level
    relevance: Level
    ratings: tuple[tuple[str, str], ...]
    likelihoods: tuple[tuple[str, float], ...] = ()
    source: Source = field(default_factory=Source)
    event_date: str | None = None
    reported: str | None = None
    flags: tuple[Flag, ...] = ()
    note: str = ""
    line: int = 0

    def rating(self, hypothesis_id: str) -> str:
        """The code this item gives ``hypothesis_id``."""
        return dict(self.ratings)[hypothesis_id]

    @property
    def weight(self) -> float:
        """PARC's item weight: credibility weight times relevance weight."""
        weights = weight_table()
        return weights[self.credibility] * weights[self.relevance]


@dataclass(frozen=True)
class Case:
    """A whole ACH case as read from a case file (priors normalised to sum to 1)."""

    name: str
    question: str
    hypotheses: tuple[Hypothesis, ...]
    evidence: tuple[Evidence, ...]
    as_of: str | None = None
    path: str | None = None
    likelihood_table: tuple[tuple[str, float], ...] = ()

    @property
    def hypothesis_ids(self) -> tuple[str, ...]:
        """The hypothesis ids in file order (the matrix's column order)."""
        return tuple(h.id for h in self.hypotheses)

    def likelihood_of(self, code: str) -> float | None:
        """``P(E | H)`` for a code: the case's own table first, then ``ratings.v1``."""
        own = dict(self.likelihood_table)
        return own[code] if code in own else rating_table()[code].likelihood


def _data_rows(name: str) -> list[list[str]]:
    text = resources.files("counterpoint.ach").joinpath(f"data/{name}.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return rows[1:]


@cache
def rating_table() -> dict[str, Rating]:
    """The consistency codes of ``ratings.v1.tsv`` by code."""
    table: dict[str, Rating] = {}
    for code, inconsistency, likelihood, reverse, meaning in _data_rows(RATINGS_TABLE):
        table[code] = Rating(
            code, float(inconsistency), float(likelihood) if likelihood else None, reverse, meaning
        )
    return table


@cache
def weight_table() -> dict[str, float]:
    """Credibility/relevance weights of ``weights.v1.tsv``: ``sqrt(2) ** power`` by level."""
    return {level: math.sqrt(2) ** int(power) for level, power in _data_rows(WEIGHTS_TABLE)}
