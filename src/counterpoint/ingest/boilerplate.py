r"""Mask boilerplate lines (navigation, share buttons, credits, editorial notes, bios).

The rules live in ``extract/patterns/boilerplate.v1.tsv``: one regular expression per
row that must match a whole stripped line, a zone (``any``, ``head``, ``tail``) and the
longest line it may mask. Masking never deletes: it returns ``(start, end)`` spans into
the text, so every offset stays that of the file.

Example:
    >>> text = "Skip to content\nRussia and China.\nImage: Xinhua"
    >>> [rule_id for rule_id, _ in boilerplate_matches(text)]
    ['nav-skip', 'image-credit']
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from counterpoint.errors import CounterpointError
from counterpoint.ingest.lines import Line, in_zone, split_lines

BOILERPLATE_RULESET = "boilerplate.v1"
_FILE = "boilerplate.v1.tsv"
_ZONES = ("any", "head", "tail")


@dataclass(frozen=True)
class BoilerplateRule:
    """One row of ``boilerplate.v1.tsv``."""

    rule_id: str
    zone: str
    max_len: int
    pattern: re.Pattern[str]
    why: str


def _rule(number: int, row: list[str]) -> BoilerplateRule:
    if len(row) != 5 or row[1] not in _ZONES or not row[2].isdigit():
        raise CounterpointError(
            f"{_FILE} line {number}: expected id, zone (any|head|tail), max_len, regex, why"
        )
    try:
        pattern = re.compile(row[3], re.IGNORECASE)
    except re.error as e:
        raise CounterpointError(f"{_FILE} line {number}: bad regex {row[3]!r}: {e}") from e
    return BoilerplateRule(row[0], row[1], int(row[2]), pattern, row[4])


@lru_cache(maxsize=1)
def load_boilerplate_rules() -> tuple[BoilerplateRule, ...]:
    """Load and validate the boilerplate rules (cached).

    Raises:
        CounterpointError: A row is malformed or its regex does not compile.
    """
    path = resources.files("counterpoint.extract") / "patterns" / _FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [
        (number, row)
        for number, row in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), 1)
        if row and not row[0].startswith("#")
    ]
    return tuple(_rule(number, row) for number, row in rows[1:])


def line_rule(line: Line, lines: tuple[Line, ...]) -> str | None:
    """Return the id of the first rule that masks ``line`` (``None`` for a text line)."""
    for rule in load_boilerplate_rules():
        if (
            len(line.text) <= rule.max_len
            and in_zone(line, lines, rule.zone)
            and rule.pattern.fullmatch(line.text)
        ):
            return rule.rule_id
    return None


def boilerplate_matches(
    text: str, *, keep: Iterable[tuple[int, int]] = ()
) -> tuple[tuple[str, Line], ...]:
    """Every boilerplate line of ``text`` with the id of the rule that matched it.

    Args:
        text: The document text.
        keep: Spans whose lines are never masked (the title is text as well as metadata).

    Returns:
        ``(rule_id, line)`` pairs in text order.
    """
    kept = tuple(keep)
    lines = split_lines(text)
    free = (line for line in lines if not any(s < line.end and line.start < e for s, e in kept))
    found = ((line_rule(line, lines), line) for line in free)
    return tuple((rule_id, line) for rule_id, line in found if rule_id is not None)


def boilerplate_spans(
    text: str, *, keep: Iterable[tuple[int, int]] = ()
) -> tuple[tuple[int, int], ...]:
    """Return the ``(start, end)`` spans of the boilerplate lines of ``text``, in order."""
    return tuple((line.start, line.end) for _, line in boilerplate_matches(text, keep=keep))
