"""Matching predicted spans to gold spans, the rule of ``tests/data/eval/README.md``.

A gold quote's span is where it is first found in its article after folding quotation marks.
A predicted item matches a gold item when the spans overlap by at least half of the shorter
span and the predicted span is no longer than ``max(2.5 * gold length, 450)`` characters;
events must also agree on the year. Matching is one-to-one and greedy by decreasing overlap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from counterpoint.errors import SettingError

# ASCII ' folds too: ’ serves as both apostrophe and closing quote, so a quote typed
# with "won't" must still find "won’t" in the text.
_QUOTE_MARKS = "‘’“”\"«»'"
_FOLD = str.maketrans(dict.fromkeys(_QUOTE_MARKS, '"'))


_SPAN_FLOOR = 450
_SPAN_FACTOR = 2.5


@dataclass(frozen=True)
class ItemMatch:
    """A gold item paired with a predicted item, and how many characters they share."""

    gold_index: int
    predicted_index: int
    overlap: int


def fold_quotes(text: str) -> str:
    """Replace every quotation mark (‘ ’ “ ” " « » and ASCII ') with ``"``.

    The result has the same length as ``text``, so offsets found in it hold in ``text``.
    Example: ``fold_quotes("“Won’t”")`` is ``'"Won"t"'``.
    """
    return text.translate(_FOLD)


def gold_span(text: str, quote: str) -> tuple[int, int] | None:
    """Locate a gold quote: ``(i, i + len(quote))`` for the first ``i`` after folding.

    Returns:
        The span, or None when the quote is empty or not in the text.
    """
    if not quote:
        return None
    start = fold_quotes(text).find(fold_quotes(quote))
    return None if start < 0 else (start, start + len(quote))


def span_overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters two ``[start, end)`` spans share (0 when they are apart)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _acceptable(gold: tuple[int, int], predicted: tuple[int, int]) -> int:
    """Return the overlap of a candidate pair, or 0 when the README's rule rejects it."""
    gold_len, predicted_len = gold[1] - gold[0], predicted[1] - predicted[0]
    overlap = span_overlap(gold, predicted)
    if overlap == 0 or 2 * overlap < min(gold_len, predicted_len):
        return 0
    if predicted_len > max(_SPAN_FACTOR * gold_len, _SPAN_FLOOR):
        return 0
    return overlap


def match_items(
    gold: Sequence[tuple[int, int]],
    predicted: Sequence[tuple[int, int]],
    *,
    gold_years: Sequence[str | None] | None = None,
    predicted_years: Sequence[str | None] | None = None,
    affinity: Callable[[int, int], float] | None = None,
) -> list[ItemMatch]:
    """Match predicted spans to gold spans one-to-one, preferring the largest overlap.

    Candidate pairs pass the README's rule (overlap >= half the shorter span; predicted
    length <= max(2.5 x gold length, 450); with years given, equal non-null years). They
    are taken greedily by decreasing overlap; equal overlaps go to the pair with the
    smaller union (the closer spans), then the higher ``affinity(gold, predicted)`` (for
    events: the same actors, so two events quoting one sentence pair up by who acted, not
    by position), then by gold and predicted index.

    Returns:
        The matches, sorted by gold index.

    Raises:
        SettingError: years are given for one side only, or their lengths differ from
            the spans'.
    """
    years = _check_years(gold, predicted, gold_years, predicted_years)
    candidates = []
    for g, gold_item in enumerate(gold):
        for p, predicted_item in enumerate(predicted):
            if years is not None and (years[0][g] is None or years[0][g] != years[1][p]):
                continue
            overlap = _acceptable(gold_item, predicted_item)
            if overlap:
                union = max(gold_item[1], predicted_item[1]) - min(gold_item[0], predicted_item[0])
                tie = -affinity(g, p) if affinity is not None else 0.0
                candidates.append((overlap, union, tie, g, p))
    return greedy(candidates)


def greedy(candidates: Sequence[tuple[int, int, float, int, int]]) -> list[ItemMatch]:
    """Take ``(overlap, union, tie, gold, predicted)`` candidates, largest overlap first."""
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    matches = []
    for overlap, _, _, g, p in sorted(candidates, key=lambda c: (-c[0], c[1], c[2], c[3], c[4])):
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            matches.append(ItemMatch(g, p, overlap))
    return sorted(matches, key=lambda match: match.gold_index)


def _check_years(
    gold: Sequence[object],
    predicted: Sequence[object],
    gold_years: Sequence[str | None] | None,
    predicted_years: Sequence[str | None] | None,
) -> tuple[Sequence[str | None], Sequence[str | None]] | None:
    if gold_years is None and predicted_years is None:
        return None
    if gold_years is None or predicted_years is None:
        raise SettingError("match_items: give gold_years and predicted_years together")
    if len(gold_years) != len(gold) or len(predicted_years) != len(predicted):
        raise SettingError(
            f"match_items: {len(gold_years)} gold years for {len(gold)} spans, "
            f"{len(predicted_years)} predicted years for {len(predicted)} spans"
        )
    return gold_years, predicted_years
