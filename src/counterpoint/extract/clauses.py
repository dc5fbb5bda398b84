"""Cut a sentence into clause segments, the unit a forecast or an event is quoted by.

A sentence is split before coordinating and subordinating conjunctions that follow a
comma, semicolon or dash ("..., and most probably in violent form"), before a bare
"because", and after a leading subordinate clause ("Although X, Y" -> "Although X" | "Y").
Leading "if"/"unless"/"even if" clauses are marked as conditions.

Example:
    >>> [s.text for s in segment_sentence("If talks fail, expect war.")]
    ['If talks fail', 'expect war.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_JOINERS = (
    r"and|but|yet|although|though|while|whereas|because|since|so|or|which|unless|when|"
    r"(?:mainly|partly|largely|not\s+least|precisely)\s+because|even\s+if|even\s+though|if"
)
_SPLIT = re.compile(
    rf"(?:[,;:]|\s[\u2014\u2013]|\s-\s|\))\s*(?=(?:{_JOINERS})\b)|;\s+|\s(?=because\b)",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^\W*(?:(?:and|but|yet|so)\s+)?(?:if|unless|although|though|while|whereas|when|as|because|"
    r"since|even\s+if|even\s+though|as\s+much\s+as|as\s+long\s+as|once|should|despite|given)\b",
    re.IGNORECASE,
)
_CONDITION = re.compile(
    r"^\W*(?:(?:and|but|yet|so)\s+)?(?:if|unless|even\s+if|should|once|as\s+long\s+as|in\s+case)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Segment:
    """A clause segment; offsets are relative to the sentence text given."""

    start: int
    end: int
    text: str
    is_condition: bool


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\r\n,;:\u2014\u2013-\u201d":
        start += 1
    while end > start and text[end - 1] in " \t\r\n,;:\u2014\u2013-":
        end -= 1
    return start, end


def _split_leading(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split "Although X, Y" into its subordinate and main parts."""
    piece = text[start:end]
    if not _LEADING.match(piece):
        return [(start, end)]
    comma = piece.find(",")
    if comma <= 0 or comma >= len(piece) - 2:
        return [(start, end)]
    return [(start, start + comma), (start + comma + 1, end)]


def segment_sentence(text: str) -> list[Segment]:
    """Cut one sentence into clause segments (see the module docstring)."""
    cuts = [m.end() for m in _SPLIT.finditer(text)]
    # A cut that leaves a single word ("mainly | because ...") is no clause: drop it.
    bounds = [0]
    for cut in cuts + [len(text)]:
        if len(text[bounds[-1] : cut].split()) <= 1 and len(bounds) > 1:
            bounds[-1] = cut
        else:
            bounds.append(cut)
    pieces: list[tuple[int, int]] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        if end <= start:
            continue
        pieces.extend(_split_leading(text, start, end))
    segments = []
    for start, end in pieces:
        start, end = _trimmed(text, start, end)
        if end > start:
            piece = text[start:end]
            segments.append(Segment(start, end, piece, bool(_CONDITION.match(piece))))
    return segments
