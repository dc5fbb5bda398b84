"""Hedge phrases and estimative-probability scales, loaded from versioned data files.

``patterns/hedges.v1.tsv`` maps a hedge (a regular expression over the text, matched
case-insensitively after folding curly apostrophes) to a category of estimative
language and a framing polarity. ``patterns/scales.v1.tsv`` maps each category to an
interval and a point value on ICD 203 (the default), Sherman Kent's scale or the UK PHIA
yardstick. Example (ICD 203): "likely" -> category ``likely`` -> [0.55, 0.80], point 0.70.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from counterpoint.errors import ExtractionError

HEDGES_RULESET = "hedges.v1"
SCALES_RULESET = "scales.v1"
SCALES = ("icd203", "kent", "phia")
KIND_PRIORITY = {"frame": 4, "phrase": 3, "modal": 2, "adverb": 2, "possibility": 1}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@dataclass(frozen=True)
class HedgeRule:
    """One row of ``hedges.v1.tsv``."""

    id: str
    kind: str
    category: str
    point: float | None
    polarity: str
    md: str | None
    needs: tuple[str, ...]
    pattern: re.Pattern[str]
    note: str


@dataclass(frozen=True)
class ScaleValue:
    """A category's interval and point value on one scale."""

    low: float
    high: float
    point: float
    source: str


@dataclass(frozen=True)
class HedgeMatch:
    """A hedge found in text (offsets relative to the text searched)."""

    rule: HedgeRule
    start: int
    end: int
    text: str

    @property
    def priority(self) -> int:
        """How strongly this hedge governs its clause (frames govern modals)."""
        return KIND_PRIORITY.get(self.rule.kind, 0)


def _rows(name: str) -> list[tuple[int, list[str]]]:
    path = resources.files("counterpoint.extract") / "patterns" / name
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        (number, row)
        for number, row in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), 1)
        if row and not row[0].startswith("#")
    ]


@lru_cache(maxsize=1)
def load_hedges() -> tuple[HedgeRule, ...]:
    """Load and validate ``hedges.v1.tsv`` (cached)."""
    rules = []
    for number, row in _rows("hedges.v1.tsv")[1:]:
        if len(row) != 9:
            raise ExtractionError(
                f"hedges.v1.tsv line {number}: expected 9 columns, got {len(row)}"
            )
        rule_id, kind, category, point, polarity, md, needs, pattern, note = row
        try:
            compiled = re.compile(pattern, re.IGNORECASE | re.MULTILINE)
        except re.error as e:
            raise ExtractionError(f"hedges.v1.tsv line {number}: bad pattern ({e})") from e
        rules.append(
            HedgeRule(
                rule_id,
                kind,
                category,
                float(point) if point else None,
                polarity,
                None if md == "-" else md,
                tuple(needs.split("|")),
                compiled,
                note,
            )
        )
    return tuple(rules)


@lru_cache(maxsize=1)
def load_scales() -> dict[tuple[str, str], ScaleValue]:
    """Load ``scales.v1.tsv``: (scale, category) -> interval and point (cached)."""
    table = {}
    for number, row in _rows("scales.v1.tsv"):
        if len(row) != 6:
            raise ExtractionError(f"scales.v1.tsv line {number}: expected 6 columns")
        scale, category, low, high, point, source = row
        table[(scale, category)] = ScaleValue(float(low), float(high), float(point), source)
    return table


def fold_apostrophes(text: str) -> str:
    """Fold curly apostrophes to ``'`` (same length, so offsets hold)."""
    return text.translate(_APOSTROPHES)


def find_hedges(text: str) -> list[HedgeMatch]:
    """All hedges in ``text``, longest first where matches overlap, in text order.

    Example:
        >>> [m.rule.id for m in find_hedges("it is unlikely to succeed")]
        ['unlikely']
    """
    folded = fold_apostrophes(text)
    lowered = folded.lower()
    found = [
        HedgeMatch(rule, m.start(), m.end(), text[m.start() : m.end()].strip())
        for rule in load_hedges()
        if any(word in lowered for word in rule.needs)
        for m in rule.pattern.finditer(folded)
        if m.end() > m.start()
    ]
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    chosen: list[HedgeMatch] = []
    for match in found:
        if all(match.end <= c.start or match.start >= c.end for c in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)


def probability_for(rule: HedgeRule, *, scale: str = "icd203") -> tuple[float, float, float]:
    """``(point, low, high)`` for a hedge on a scale.

    The hedge's own point value applies on ICD 203 (the annotation convention); other
    scales use their point for the category.
    """
    value = load_scales().get((scale, rule.category))
    if value is None:
        raise ExtractionError(f"scale {scale!r} has no category {rule.category!r} (scales.v1.tsv)")
    point = rule.point if rule.point is not None and scale == "icd203" else value.point
    return point, value.low, value.high
