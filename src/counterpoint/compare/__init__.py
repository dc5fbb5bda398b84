"""Compare documents: aligned claims that agree or contradict, shared events, stances.

The stages are plain functions over stored extractions, with no spaCy at compare time:

1. :func:`~counterpoint.compare.units.build_units`: each claim as terms, actors, valence;
2. :func:`~counterpoint.compare.align.candidates`: blocking by an inverted index of terms
   and events, TF-IDF cosine with actor and event bonuses, then
   :func:`~counterpoint.compare.align.select`;
3. :func:`~counterpoint.compare.relation.label`: agrees/contradicts with the reason;
4. :func:`~counterpoint.compare.events.shared_events`,
   :func:`~counterpoint.compare.events.solo_events` (what only one document cites) and
   :func:`~counterpoint.compare.stance.stance`.

>>> comparison = compare_documents([extraction_a, extraction_b])  # doctest: +SKIP
>>> comparison.pairs[0].relation  # doctest: +SKIP
'contradicts'
"""

from __future__ import annotations

from collections.abc import Sequence

from counterpoint.compare.align import candidates, select
from counterpoint.compare.events import shared_events, solo_events
from counterpoint.compare.lexicon import CompareError, load_lexicon, rulesets
from counterpoint.compare.records import (
    ClaimPair,
    Comparison,
    Proposition,
    SharedEvent,
    SoloEvent,
    Stance,
)
from counterpoint.compare.relation import label
from counterpoint.compare.stance import propose, stance
from counterpoint.compare.units import Unit, build_units
from counterpoint.records import Extraction


def _proposition_text(a: Unit, b: Unit, shared: Sequence[str]) -> str:
    actors = "-".join(sorted(a.actors & b.actors)) or "-".join(sorted(a.actors | b.actors))
    topics = ", ".join(term.lstrip("@") for term in shared[:3]) or "same claim"
    return f"{actors}: {topics}" if actors else topics


def compare_documents(
    extractions: Sequence[Extraction], *, propositions: Sequence[Proposition] = ()
) -> Comparison:
    """Align, label and summarise the claims of two or more documents.

    Args:
        extractions: the documents, in the order pairs are reported (a before b).
        propositions: propositions to take stances on; proposed from the documents
            when empty (see :func:`~counterpoint.compare.stance.propose`).

    Raises:
        CompareError: fewer than two documents, or two with the same name.
    """
    names = [e.document.name for e in extractions]
    if len(names) < 2:
        raise CompareError("compare: give at least two documents")
    if len(set(names)) != len(names):
        raise CompareError(f"compare: document names repeat ({', '.join(names)}); rename one")
    lexicon = load_lexicon()
    order = {name: i for i, name in enumerate(names)}
    units = [unit for extraction in extractions for unit in build_units(extraction, lexicon)]
    pairs = []
    for candidate in select(candidates(units)):
        a, b = sorted((candidate.a, candidate.b), key=lambda u: order[u.doc])
        labelled = label(a, b, lexicon)
        if labelled is None:
            continue
        relation, reason = labelled
        pairs.append(
            ClaimPair(
                a_doc=a.doc,
                a_start=a.start,
                a_end=a.end,
                a_quote=a.quote,
                b_doc=b.doc,
                b_start=b.start,
                b_end=b.end,
                b_quote=b.quote,
                relation=relation,
                proposition=_proposition_text(a, b, candidate.shared),
                reason=reason,
                score=round(candidate.score, 4),
                actors=tuple(sorted(a.actors & b.actors)),
            )
        )
    pairs.sort(key=lambda p: (order[p.a_doc], order[p.b_doc], p.a_start, p.b_start))
    claims = [
        unit
        for extraction in extractions
        for unit in build_units(extraction, lexicon, clauses=False)
    ]
    chosen = tuple(propositions) or propose(claims)
    stances = tuple(stance(name, claims, claim) for claim in chosen for name in names)
    return Comparison(
        documents=tuple(names),
        pairs=tuple(pairs),
        shared_events=shared_events(extractions),
        stances=stances,
        propositions=chosen,
        rulesets=rulesets(),
        solo_events=solo_events(extractions),
    )


__all__ = [
    "ClaimPair",
    "CompareError",
    "Comparison",
    "Proposition",
    "SharedEvent",
    "SoloEvent",
    "Stance",
    "compare_documents",
]
