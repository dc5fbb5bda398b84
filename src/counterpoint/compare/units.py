"""Comparison units: each clause of a stored claim, reduced to what alignment compares.

Claims are cut into clauses (:mod:`counterpoint.compare.clauses`) so that a sentence
joining two propositions can be answered by two different sentences of another document;
stances weigh whole claims (``build_units(..., clauses=False)``).

A :class:`Unit` keeps a clause's span and actor codes, its *terms* (content lemmas minus
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

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from typing import Protocol, TypeVar

from counterpoint.compare.clauses import clause_spans
from counterpoint.compare.lexicon import CLAUSE, Lexicon, fold, normalise, words
from counterpoint.records import Extraction

NEGATION_WINDOW = 3


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


_S = TypeVar("_S", bound=_Spanned)


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
    topics: frozenset[str] = frozenset()
    narrative: bool = False
    opposites: frozenset[str] = frozenset()
    rebuts: bool = False
    topic_valence: tuple[tuple[str, int], ...] = ()
    lemmas: tuple[str, ...] = ()

    def valence_on(self, topics: frozenset[str]) -> int:
        """Net valence of the clauses that speak of ``topics`` (whole claim if none score)."""
        scoped = sum(v for t, v in self.topic_valence if t in topics)
        return scoped or self.valence


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
    total, shown, negated, _ = _score(tokens, lexicon)
    return total, shown, negated


def _score(
    tokens: list[str], lexicon: Lexicon
) -> tuple[int, tuple[str, ...], frozenset[str], dict[int, int]]:
    # A negator ("fail", "avoid") acts on what follows; it is not itself scored.
    scored = [
        i for i, t in enumerate(tokens) if lexicon.valence.get(t) and t not in lexicon.negators
    ]
    flipped = _denied(tokens, scored, lexicon)
    total, shown, negated = 0, [], set()
    values: dict[int, int] = {}
    for i in scored:
        window = tokens[max(0, i - NEGATION_WINDOW) : i]
        if CLAUSE in window:
            window = window[len(window) - window[::-1].index(CLAUSE) :]
        flip = (sum(t in lexicon.negators for t in window) + flipped[i]) % 2 == 1
        if flip:
            negated.add(tokens[i])
        value = lexicon.valence[tokens[i]]
        values[i] = -value if flip else value
        total += values[i]
        shown.append(("-" if flip else "") + tokens[i])
    return total, tuple(shown), frozenset(negated), values


def _topic_valence(
    tokens: list[str], values: dict[int, int], lexicon: Lexicon
) -> tuple[tuple[str, int], ...]:
    """Valence of each topic: the sum over the clauses where one of its cues occurs."""
    found: dict[str, int] = {}
    for lo, hi in _clauses(tokens):
        clause = tokens[lo:hi]
        value = sum(v for i, v in values.items() if lo <= i < hi)
        for topic in topics_of(clause, clause, lexicon):
            found[topic] = found.get(topic, 0) + value
    return tuple(sorted(found.items()))


def rebuts(raw: list[str], lexicon: Lexicon) -> bool:
    """Whether the claim reports a view to reject it (a ``rebuttals.v1`` frame)."""
    text = " " + " ".join(t for t in raw if t != CLAUSE) + " "
    return any(f" {frame} " in text for frame in lexicon.rebuttals)


def _content(lemmas: tuple[str, ...], skip: set[str], lexicon: Lexicon) -> tuple[str, ...]:
    """Lowercase content lemmas minus the stoplist and the words of actor mentions."""
    kept = (lemma.lower() for lemma in lemmas)
    return tuple(
        dict.fromkeys(
            x for x in kept if len(x) >= 3 and x not in lexicon.stoplist and x not in skip
        )
    )


def _terms(lemmas: tuple[str, ...], skip: set[str], lexicon: Lexicon) -> frozenset[str]:
    terms: set[str] = set()
    for lemma in _content(lemmas, skip, lexicon):
        concepts = lexicon.concepts.get(lemma)
        if concepts:
            terms.update(f"@{c}" for c in concepts)
        else:
            terms.add(lemma)
    return frozenset(terms)


def topics_of(tokens: list[str], raw: list[str], lexicon: Lexicon) -> frozenset[str]:
    """Topics (``topics.v1``) whose cue words or phrases occur in the claim."""
    found: set[str] = set()
    table = lexicon.topics
    for seq in (tokens, raw):
        for i, token in enumerate(seq):
            for size in (1, 2, 3, 4):
                cue = token if size == 1 else "_".join(seq[i : i + size])
                if size > 1 and i + size > len(seq):
                    break
                found.update(table.get(cue, ()))
    return frozenset(found)


_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)s?\b|\b\d{2}th\b")


def is_narrative(quote: str, raw: list[str], lexicon: Lexicon, *, historical: bool) -> bool:
    """Whether a claim narrates the past rather than assessing the present or the future.

    Narrative: dated (a year, a date word, a historical event) or in the past tense
    (``tense.v1`` past markers, or an "-ed" verb), with no present or future marker.
    """
    kinds = {lexicon.tense.get(w) for w in raw}
    if "present" in kinds or "future" in kinds:
        return False
    if historical or "past" in kinds or "date" in kinds or _YEAR.search(quote):
        return True
    # A regular past tense: an "-ed" word that no auxiliary or determiner introduces.
    return any(
        w.endswith("ed") and len(w) > 4 and (i == 0 or raw[i - 1] not in _NOT_VERB)
        for i, w in enumerate(raw)
    )


_NOT_VERB = frozenset(
    "be been being is are was were has have had the a an its their his her our this that"
    " these those very more most so too".split()
)


def _inside(starts: list[int], lo: int, hi: int) -> slice:
    return slice(bisect_left(starts, lo), bisect_left(starts, hi))


def _overlapping(items: list[_S], starts: list[int], reach: int, lo: int, hi: int) -> list[_S]:
    """Items (sorted by start, none longer than ``reach``) whose span overlaps ``[lo, hi)``."""
    return [x for x in items[_inside(starts, lo - reach, hi)] if x.end > lo and x.start < hi]


def _clause_lemmas(lemmas: tuple[str, ...], raw: list[str]) -> tuple[str, ...]:
    """The claim's lemmas that occur in a clause's words (inflected forms included).

    Claims store their content lemmas without offsets, so a lemma is placed in a clause
    when one of the clause's words starts with the lemma's stem (the lemma less its last
    letter for lemmas of five letters or more: "demarcate" -> "demarcated").
    """
    found = []
    for lemma in lemmas:
        stem = lemma.lower()
        stem = stem[:-1] if len(stem) >= 5 else stem
        if any(w == lemma.lower() or w.startswith(stem) for w in raw):
            found.append(lemma)
    return tuple(found)


def build_units(extraction: Extraction, lexicon: Lexicon, *, clauses: bool = True) -> list[Unit]:
    """One unit per clause of each claim of ``extraction`` (see ``compare.clauses``).

    With ``clauses=False``, one unit per whole claim (what stances weigh: a rebuttal frame
    and the words it rejects often sit in different clauses of one sentence). A clause
    keeps its claim's actors (a clause such as "which demarcate the boundaries between
    the two countries" speaks of the actors its sentence names), and takes the forecasts
    and events whose spans overlap it.
    """
    name = extraction.document.name
    vocabulary = lexicon.vocabulary
    opposites = lexicon.opposites
    actors = sorted(extraction.actors, key=lambda m: m.start)
    actor_starts = [m.start for m in actors]
    forecasts = sorted(extraction.forecasts, key=lambda f: f.start)
    forecast_starts = [f.start for f in forecasts]
    events = sorted(extraction.events, key=lambda e: e.start)
    event_starts = [e.start for e in events]
    forecast_reach = max((f.end - f.start for f in forecasts), default=0)
    event_reach = max((e.end - e.start for e in events), default=0)
    units: list[Unit] = []
    for claim in extraction.claims:
        spans = clause_spans(claim.quote) if clauses else [(0, len(claim.quote))]
        for lo, hi in spans:
            start, end = claim.start + lo, claim.start + hi
            quote = claim.quote[lo:hi]
            mentions = actors[_inside(actor_starts, start, end)]
            skip = {w for m in mentions for w in words(m.text)}
            raw = words(quote)
            tokens = [normalise(w, vocabulary) for w in raw]
            valence, shown, negated, values = _score(tokens, lexicon)
            kept = frozenset(t for t in tokens if t not in skip and t != CLAUSE)
            held = _overlapping(forecasts, forecast_starts, forecast_reach, start, end)
            cited = _overlapping(events, event_starts, event_reach, start, end)
            lemmas = _clause_lemmas(claim.lemmas, raw)
            units.append(
                Unit(
                    doc=name,
                    index=len(units),
                    start=start,
                    end=end,
                    quote=quote,
                    actors=frozenset(claim.actors),
                    terms=_terms(lemmas, skip, lexicon),
                    words=kept,
                    negated=negated,
                    valence=valence,
                    valence_words=shown,
                    endorsement=claim.endorsement,
                    forecast=bool(held),
                    probability=held[0].probability if held else None,
                    events=frozenset((e.date[:4], tuple(sorted(e.actors))) for e in cited),
                    quads=frozenset((tuple(sorted(e.actors)), e.kind) for e in cited),
                    topics=topics_of(tokens, raw, lexicon),
                    narrative=not held
                    and is_narrative(
                        quote,
                        raw,
                        lexicon,
                        historical=any(e.context == "historical" for e in cited),
                    ),
                    opposites=frozenset(o for w in kept for o in opposites.get(w, ())),
                    rebuts=rebuts(raw, lexicon),
                    topic_valence=_topic_valence(tokens, values, lexicon),
                    lemmas=_content(lemmas, skip, lexicon),
                )
            )
    return units


__all__ = ["Unit", "build_units", "fold"]
