r"""Title, author and publication date stated in a text's own lines.

The title is the first line that is neither boilerplate, a date line nor a byline, if
it looks like a title (short, no final full stop; a Markdown ``#`` is not part of it).
The date is a date line among the first lines (a publication date wins over an update).
The author comes from a byline near the top (``By Jane Doe``) or, failing that, from a
named bio line at the end (``Jane Doe is a senior fellow at ...``). A bio that names no
one (``The writer is a consultant ...``) leaves the author unknown.

Example:
    >>> meta = find_metadata("# A Title\n\nBy Jane Doe\n\nMay 3, 2022\n\nBody text.")
    >>> meta.title, meta.title_span, meta.author, meta.published
    ('A Title', (2, 9), 'Jane Doe', datetime.date(2022, 5, 3))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from counterpoint.ingest.boilerplate import line_rule
from counterpoint.ingest.dates import DateLine, find_dateline
from counterpoint.ingest.lines import Line, in_zone, split_lines

_NAME_TOKEN = r"(?:[A-Z]\.|[A-Z][\w’'-]*[a-z][\w’'-]*|[a-z]{1,3}(?= [A-Z]))"
_NAME = rf"{_NAME_TOKEN}(?: {_NAME_TOKEN}){{1,4}}"
# A list of names needs its final "and": "Jane Doe, Senior Fellow" is one name and a role.
_NAMES = rf"{_NAME}(?:(?:, {_NAME}){{0,4}},? (?:and|&) {_NAME})?"
_BYLINE_LABEL = r"(?i:by|written by|words by|authors?\s*:|text by)"
_BYLINE = re.compile(rf"{_BYLINE_LABEL}\s+(?P<names>{_NAMES})(?:\s*(?:[,|·•—–(]|\s-\s).*)?")
_BIO = re.compile(
    rf"[*_]?(?P<names>{_NAMES})(?: \(@\w+\))?,? (?:is|are|was|serves|works|teaches)\b"
)
_NOT_NAMES = frozenset(
    "The This That These He She It They We I His Her Its Their Our One Both Each All An A".split()
)
_MARKDOWN_HEADING = re.compile(r"#{1,6}[ \t]+(?P<title>.+?)(?:[ \t]+#+)?")
_EMPHASIS = re.compile(r"(?P<mark>\*\*|__|\*|_)(?P<title>.+)(?P=mark)")
_MAX_TITLE_CHARS = 200
_MAX_TITLE_WORDS = 30


@dataclass(frozen=True)
class TextMetadata:
    """What a text says about itself; ``spans`` are the date lines and bylines to mask."""

    title: str | None = None
    title_span: tuple[int, int] | None = None
    author: str | None = None
    published: date | None = None
    spans: tuple[tuple[int, int], ...] = ()


def _names(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    names = match["names"]
    first = names.split()[0]
    return None if first in _NOT_NAMES or not first[0].isupper() else names


def _title(line: Line) -> tuple[str, tuple[int, int]] | None:
    start, text = line.start, line.text
    for pattern in (_MARKDOWN_HEADING, _EMPHASIS):
        match = pattern.fullmatch(text)
        if match:
            start, text = start + match.start("title"), match["title"]
    words = text.split()
    looks_like = (
        0 < len(text) <= _MAX_TITLE_CHARS
        and len(words) <= _MAX_TITLE_WORDS
        and not text.endswith((".", ",", ";", ":"))
        and any(c.isalpha() for c in text)
    )
    return (text, (start, start + len(text))) if looks_like else None


def _dateline(head: list[Line]) -> tuple[Line, DateLine] | None:
    found = [(line, dateline) for line in head if (dateline := find_dateline(line.text))]
    published = [(line, dateline) for line, dateline in found if not dateline.updated]
    ranked = published or found
    return ranked[0] if ranked else None


def find_metadata(text: str) -> TextMetadata:
    """Find the title, author and publication date a text states about itself.

    Args:
        text: The document text.

    Returns:
        The metadata found (fields ``None`` where nothing was found), with the spans
        of the date line and byline, which are metadata rather than text.
    """
    lines = split_lines(text)
    head = [
        line for line in lines if in_zone(line, lines, "head") and line_rule(line, lines) is None
    ]
    dated = _dateline(head)
    bylines = [(line, name) for line in head if (name := _names(_BYLINE.fullmatch(line.text)))]
    meta_lines = {line.index for line, _ in bylines} | ({dated[0].index} if dated else set())
    candidates = [line for line in head if line.index not in meta_lines]
    title = _title(candidates[0]) if candidates else None
    author = bylines[0][1] if bylines else _bio_author(lines)
    return TextMetadata(
        title=title[0] if title else None,
        title_span=title[1] if title else None,
        author=author,
        published=dated[1].published if dated else None,
        spans=tuple(sorted((lines[i].start, lines[i].end) for i in meta_lines)),
    )


def _bio_author(lines: tuple[Line, ...]) -> str | None:
    """Return the name a closing bio line starts with (``Jane Doe is the ... at ...``)."""
    for line in lines:
        if in_zone(line, lines, "tail") and line_rule(line, lines) is not None:
            name = _names(_BIO.match(line.text))
            if name:
                return name
    return None
