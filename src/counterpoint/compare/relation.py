"""Label an aligned claim pair ``agrees`` or ``contradicts``, with the reason.

Rules, first that fires wins (each names the words that made it fire):

1. **Antonyms** (``antonyms.v1``): one claim uses a word, the other its antonym
   ("stable" / "fragile"); contradicts, unless exactly one of the two words is negated
   ("not stable" / "fragile"), which agrees.
2. **Negation**: both claims use the same valenced word, negated in one claim only
   ("have territorial disputes" / "have no territorial disputes").
   The same over ``concepts.v1`` synonyms ("lands claimed by China" / "no territorial
   disputes": concept ``dispute``).
3. **Opposite quad classes**: both claims cite events of the same actors, one coded as
   cooperation and the other as conflict.
4. **Opposing forecasts**: both claims hold forecasts, one likely (p >= 0.5) and one
   unlikely (p < 0.5), with the same valence of outcome.
5. **Rebuttal**: exactly one claim reports a view in order to reject it
   (``rebuttals.v1``: "some analysts imagine ...", "predictions of ... failed to
   materialize") while the other asserts on the same topic; contradicts.
6. **Opposite assessments**: the net valences, scoped to the clauses that carry the
   shared topics (see :meth:`~counterpoint.compare.units.Unit.valence_on`;
   ``valence.v1``, negation-aware) have opposite signs: one claim colours the relation
   between the actors favourably, the other unfavourably.
7. **Same assessment**: both claims carry valence and the topic-scoped valences of rule 6
   have the same sign; agrees (the reason shows the scoped values).
8. Otherwise no label: the pair is dropped (an agreement needs evidence too, and an
   unlabelled "agrees" would mislead).
"""

from __future__ import annotations

from counterpoint.compare.lexicon import Lexicon
from counterpoint.compare.records import Relation
from counterpoint.compare.units import Unit


def _antonym(a: Unit, b: Unit, lexicon: Lexicon) -> tuple[Relation, str] | None:
    opposites = lexicon.opposites
    for y in sorted(a.opposites & b.words):
        for x in sorted(a.words & opposites.get(y, frozenset())):
            flipped = (x in a.negated) != (y in b.negated)
            if flipped:
                return "agrees", f"antonyms with one negated: {x!r} / {y!r}"
            return "contradicts", f"antonymous predicates: {x!r} / {y!r}"
    return None


def _negation(a: Unit, b: Unit, lexicon: Lexicon) -> tuple[Relation, str] | None:
    shared = sorted(w for w in a.words & b.words if lexicon.valence.get(w))
    for word in shared:
        if (word in a.negated) != (word in b.negated):
            side = "second" if word in b.negated else "first"
            return "contradicts", f"negation: the {side} claim denies {word!r}"
    return None


def _concept_negation(a: Unit, b: Unit, lexicon: Lexicon) -> tuple[Relation, str] | None:
    """Rule 2 over synonyms: one claim denies a concept the other asserts in other words."""
    concepts = lexicon.concepts

    def by_concept(unit: Unit) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for word in unit.words:
            for concept in concepts.get(word, ()):
                found.setdefault(concept, set()).add(word)
        return found

    mine, theirs = by_concept(a), by_concept(b)
    for concept in sorted(mine.keys() & theirs.keys()):
        x, y = mine[concept], theirs[concept]
        if bool(x & a.negated) != bool(y & b.negated):
            side = "second" if y & b.negated else "first"
            shown = f"{'/'.join(sorted(x))} / {'/'.join(sorted(y))}"
            return "contradicts", f"negation: the {side} claim denies {concept!r} ({shown})"
    return None


def _quads(a: Unit, b: Unit) -> tuple[Relation, str] | None:
    for actors, kind in sorted(a.quads):
        for other_actors, other_kind in sorted(b.quads):
            if actors == other_actors and kind.split("_")[1] != other_kind.split("_")[1]:
                dyad = "-".join(actors)
                return "contradicts", f"opposite quad classes for {dyad}: {kind} / {other_kind}"
    return None


def _forecasts(a: Unit, b: Unit) -> tuple[Relation, str] | None:
    if a.probability is None or b.probability is None or (a.valence > 0) != (b.valence > 0):
        return None
    if (a.probability >= 0.5) != (b.probability >= 0.5):
        return (
            "contradicts",
            f"opposing forecasts of one outcome: p={a.probability:.2f} / p={b.probability:.2f}",
        )
    return None


def _rebuttal(a: Unit, b: Unit) -> tuple[Relation, str] | None:
    if a.rebuts != b.rebuts:
        side = "first" if a.rebuts else "second"
        return "contradicts", f"rebuttal: the {side} claim reports the view to reject it"
    return None


def _assessment(a: Unit, b: Unit) -> tuple[Relation, str] | None:
    """Rules 6 and 7: the signs of the topic-scoped valences."""
    topics = a.topics & b.topics
    x, y = a.valence_on(topics), b.valence_on(topics)
    if x * y < 0:
        return (
            "contradicts",
            f"opposite assessments: {' '.join(a.valence_words)} ({x:+d})"
            f" / {' '.join(b.valence_words)} ({y:+d})",
        )
    if a.valence and b.valence and x * y > 0:
        return "agrees", f"same assessment: valence {x:+d} / {y:+d}"
    return None


def label(a: Unit, b: Unit, lexicon: Lexicon) -> tuple[Relation, str] | None:
    """The relation of two aligned units and the reason it was given (None: no signal)."""
    for found in (
        _antonym(a, b, lexicon),
        _negation(a, b, lexicon),
        _concept_negation(a, b, lexicon),
        _quads(a, b),
        _forecasts(a, b),
        _rebuttal(a, b),
        _assessment(a, b),
    ):
        if found is not None:
            return found
    return None
