"""Cut a claim into clauses, so that each aligned unit carries one proposition.

Op-ed sentences often join several propositions ("Relations are likely to remain in
harmony, mainly because the leaders get on, and the pact brings investment"); another
author may answer each one in a different sentence. Alignment therefore compares clauses.

Cuts come from ``clauses.v1`` (general English, not tied to any article):

* ``mark``: a punctuation mark that always ends a clause (``;`` ``:`` dashes, brackets);
* ``comma``: a word or phrase that opens a new clause when a comma stands before it
  (", which", ", but", ", mainly because");
* ``word``: a subordinator that opens a new clause even without a comma ("because").

A piece with fewer than :data:`MIN_CLAUSE_WORDS` words is merged into its neighbour (the
first piece into the next one, any other into the previous one), so lists of nouns
("trade, energy and arms") stay whole.

>>> [q for q in clause_texts("Ties grew, but trust did not; the border is calm.", min_words=2)]
['Ties grew', 'but trust did not', 'the border is calm.']
"""

from __future__ import annotations

import re
from functools import cache

from counterpoint.compare.lexicon import CompareError, _columns, fold

MIN_CLAUSE_WORDS = 5
_TOKEN = re.compile(r"[\w'’]+|[^\w\s]")
_KINDS = ("mark", "comma", "word")


@cache
def _breaks() -> tuple[frozenset[str], tuple[tuple[str, ...], ...], tuple[tuple[str, ...], ...]]:
    marks: set[str] = set()
    commas: set[tuple[str, ...]] = set()
    words: set[tuple[str, ...]] = set()
    for cue, kind in _columns("clauses.v1.tsv", 2):
        if kind not in _KINDS:
            raise CompareError(f"clauses.v1.tsv: {cue!r} has a kind other than mark/comma/word")
        if kind == "mark":
            marks.add(cue)
        else:
            (commas if kind == "comma" else words).add(tuple(fold(cue).split()))
    longest_first = lambda cues: tuple(sorted(cues, key=len, reverse=True))  # noqa: E731
    return frozenset(marks), longest_first(commas), longest_first(words)


def clause_spans(quote: str, *, min_words: int = MIN_CLAUSE_WORDS) -> list[tuple[int, int]]:
    """``[start, end)`` offsets into ``quote`` of its clauses, in order, covering its words.

    A quote with no cut is one clause. Edges are trimmed of spaces and of the punctuation
    that made the cut, so every span starts and ends on a word or a closing mark.
    """
    marks, commas, subordinators = _breaks()
    tokens = [(m.start(), m.end(), fold(m.group())) for m in _TOKEN.finditer(quote)]
    cuts: list[tuple[int, int]] = []  # (end of the piece before, start of the next)
    inside = 0  # tokens of a subordinator phrase already cut before
    for i, (start, end, token) in enumerate(tokens):
        following = tuple(t for _, _, t in tokens[i : i + 4])
        if inside:
            inside -= 1
        elif token in marks:
            cuts.append((start, end))
        elif token == ",":
            cue = next((c for c in commas if following[1 : 1 + len(c)] == c), None)
            if cue is not None:
                cuts.append((start, end))
                inside = len(cue)
        elif i > 0 and tokens[i - 1][2] not in marks | {","}:
            cue = next((c for c in subordinators if following[: len(c)] == c), None)
            if cue is not None:
                cuts.append((start, start))
                inside = len(cue) - 1
    pieces, at = [], 0
    for before, after in cuts:
        pieces.append((at, before))
        at = after
    pieces.append((at, len(quote)))
    spans = [s for s in (_trim(quote, a, b) for a, b in pieces) if s is not None]
    return _merge(quote, spans, min_words) or [(0, len(quote))]


def _trim(quote: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and (quote[start].isspace() or quote[start] in ",;:—–("):
        start += 1
    while end > start and (quote[end - 1].isspace() or quote[end - 1] in ",;:—–("):
        end -= 1
    return (start, end) if any(ch.isalnum() for ch in quote[start:end]) else None


def _words(quote: str, span: tuple[int, int]) -> int:
    return sum(1 for t in _TOKEN.findall(quote[span[0] : span[1]]) if t[0].isalnum())


def _merge(quote: str, spans: list[tuple[int, int]], min_words: int) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    carry: int | None = None  # start of a short first piece waiting for the next one
    for span in spans:
        if carry is not None:
            span, carry = (carry, span[1]), None
        if _words(quote, span) >= min_words:
            merged.append(span)
        elif merged:
            merged[-1] = (merged[-1][0], span[1])
        else:
            carry = span[0]
    if carry is not None:
        merged.append((carry, spans[-1][1]))
    return merged


def clause_texts(quote: str, *, min_words: int = MIN_CLAUSE_WORDS) -> list[str]:
    """The text of each clause of ``quote`` (see :func:`clause_spans`)."""
    return [quote[a:b] for a, b in clause_spans(quote, min_words=min_words)]
