"""Comparison units: each stored claim, reduced to what alignment and labelling compare.

A :class:`Unit` keeps a claim's span and actor codes, its *terms* (content lemmas minus
the stoplist and the words of actor mentions, with synonyms folded to one concept from
``concepts.v1``), its normalised words (for antonyms), and its *valence*: how it colours
the relation between its actors, the sum of ``valence.v1`` scores of its words, each
flipped when a negator stands within ``NEGATION_WINDOW`` words before it. A denial frame
("hard to imagine", "failed to", "no evidence") flips the valence words after it, or,
when none follow, those before it ("predictions of a clash have failed to deliver").

Worked example: "Relations remain brittle and distrustful" has valence -2 (brittle -1,
distrust -1); "Relations are not brittle" has +1.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from counterpoint.compare.lexicon import CLAUSE, Lexicon, fold, normalise, words
from counterpoint.records import Extraction

NEGATION_WINDOW = 3


@dataclass(frozen=True)
class Unit:
    """One claim of one document, ready to align."""

    doc: str
    index: int
    start: int
    end: int
    quote: str
    actors: frozenset[str]
    terms: frozenset[str]
    words: frozenset[str]
    negated: frozenset[str]
    valence: int
    valence_words: tuple[str, ...]
    endorsement: str
    forecast: bool
    probability: float | None
    events: frozenset[tuple[str, tuple[str, ...]]]
    quads: frozenset[tuple[tuple[str, ...], str]]


def _clauses(tokens: list[str]) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for i, token in enumerate(tokens + [CLAUSE]):
        if token == CLAUSE:
            bounds.append((start, i))
            start = i + 1
    return bounds


def _denied(tokens: list[str], scored: list[int], lexicon: Lexicon) -> Counter[int]:
    """How many denial frames flip each valence word, clause by clause."""
    flipped: Counter[int] = Counter()
    for lo, hi in _clauses(tokens):
        text = " " + " ".join(tokens[lo:hi]) + " "
        at = [
            lo + len(text[:i].split())
            for phrase in lexicon.denials
            if (i := text.find(f" {phrase} ")) >= 0
        ]
        if not at:
            continue
        inside = [i for i in scored if lo <= i < hi]
        for start in at:
            after = [i for i in inside if i > start]
            flipped.update(after or [i for i in inside if i < start])
    return flipped


def score_valence(
    tokens: list[str], lexicon: Lexicon
) -> tuple[int, tuple[str, ...], frozenset[str]]:
    """Net valence, the scored words (``-word`` when flipped) and the negated words."""
    # A negator ("fail", "avoid") acts on what follows; it is not itself scored.
    scored = [
        i for i, t in enumerate(tokens) if lexicon.valence.get(t) and t not in lexicon.negators
    ]
    flipped = _denied(tokens, scored, lexicon)
    total, shown, negated = 0, [], set()
    for i in scored:
        window = tokens[max(0, i - NEGATION_WINDOW) : i]
        if CLAUSE in window:
            window = window[len(window) - window[::-1].index(CLAUSE) :]
        flip = (sum(t in lexicon.negators for t in window) + flipped[i]) % 2 == 1
        if flip:
            negated.add(tokens[i])
        value = lexicon.valence[tokens[i]]
        total += -value if flip else value
        shown.append(("-" if flip else "") + tokens[i])
    return total, tuple(shown), frozenset(negated)


def _terms(lemmas: tuple[str, ...], skip: set[str], lexicon: Lexicon) -> frozenset[str]:
    terms: set[str] = set()
    for lemma in lemmas:
        lemma = lemma.lower()
        if len(lemma) < 3 or lemma in lexicon.stoplist or lemma in skip:
            continue
        concepts = lexicon.concepts.get(lemma)
        if concepts:
            terms.update(f"@{c}" for c in concepts)
        else:
            terms.add(lemma)
    return frozenset(terms)


def _inside(starts: list[int], lo: int, hi: int) -> slice:
    return slice(bisect_left(starts, lo), bisect_left(starts, hi))


def build_units(extraction: Extraction, lexicon: Lexicon) -> list[Unit]:
    """One unit per claim of ``extraction``, with the forecasts and events it holds."""
    name = extraction.document.name
    vocabulary = lexicon.vocabulary
    actors = sorted(extraction.actors, key=lambda m: m.start)
    actor_starts = [m.start for m in actors]
    forecasts = sorted(extraction.forecasts, key=lambda f: f.start)
    forecast_starts = [f.start for f in forecasts]
    events = sorted(extraction.events, key=lambda e: e.start)
    event_starts = [e.start for e in events]
    units = []
    for index, claim in enumerate(extraction.claims):
        mentions = actors[_inside(actor_starts, claim.start, claim.end)]
        skip = {w for m in mentions for w in words(m.text)}
        tokens = [normalise(w, vocabulary) for w in words(claim.quote)]
        valence, shown, negated = score_valence(tokens, lexicon)
        held = forecasts[_inside(forecast_starts, claim.start - 1, claim.end)]
        held = [f for f in held if f.start < claim.end and f.end > claim.start]
        cited = [e for e in events[_inside(event_starts, claim.start, claim.end)]]
        units.append(
            Unit(
                doc=name,
                index=index,
                start=claim.start,
                end=claim.end,
                quote=claim.quote,
                actors=frozenset(claim.actors),
                terms=_terms(claim.lemmas, skip, lexicon),
                words=frozenset(t for t in tokens if t not in skip and t != CLAUSE),
                negated=negated,
                valence=valence,
                valence_words=shown,
                endorsement=claim.endorsement,
                forecast=bool(held),
                probability=held[0].probability if held else None,
                events=frozenset((e.date[:4], tuple(sorted(e.actors))) for e in cited),
                quads=frozenset((tuple(sorted(e.actors)), e.kind) for e in cited),
            )
        )
    return units


__all__ = ["Unit", "build_units", "fold"]
