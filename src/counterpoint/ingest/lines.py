r"""Lines of a document's text with their offsets: what boilerplate and metadata rules see.

Example:
    >>> [(x.start, x.end, x.text) for x in split_lines("Title\r\n\n  By A. Writer \n")]
    [(0, 5, 'Title'), (10, 22, 'By A. Writer')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_LINE = re.compile(r"[^\r\n]+")
# Python's str.strip() keeps the byte-order mark; a file saved with one starts with it.
_STRIP = " \t\f\v\u00a0\u200b\ufeff"


@dataclass(frozen=True)
class Line:
    """One non-empty line, stripped; ``text == document_text[start:end]``."""

    start: int
    end: int
    text: str
    index: int


def split_lines(text: str) -> tuple[Line, ...]:
    r"""Split ``text`` into its non-empty lines, stripped of surrounding whitespace.

    Args:
        text: The document text (newlines untranslated: ``\n``, ``\r\n`` or ``\r``).

    Returns:
        The non-blank lines in order, each with its offsets into ``text`` and its index
        among the non-blank lines.
    """
    lines: list[Line] = []
    for match in _LINE.finditer(text):
        raw = match.group()
        stripped = raw.strip(_STRIP)
        if not stripped:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip(_STRIP)))
        lines.append(Line(start, start + len(stripped), stripped, len(lines)))
    return tuple(lines)


def in_zone(line: Line, lines: Sequence[Line], zone: str, *, head: int = 15, tail: int = 6) -> bool:
    """Tell whether ``line`` lies in ``zone``: ``any``, ``head`` (first lines), ``tail`` (last)."""
    if zone == "head":
        return line.index < head
    if zone == "tail":
        return line.index >= len(lines) - tail
    return True
