"""Propose evidence for a case from the stored events, forecasts and claims.

Each stored item is compared with each hypothesis's profile: the content words of its
statement and keywords, its actors and the quad classes it expects. The relevance of item
x to hypothesis h is

    rel(x, h) = |words(x) & words(h)| / sqrt(|words(h)|)
                + 0.5 * [|actors(x) & actors(h)| >= 2] + 1.0 * [quad(x) in quads(h)]

(words lower-cased, a final "s" dropped, ``stopwords.v1`` removed). Items whose best
relevance reaches ``min_score`` are proposed, best first, with a draft row of ratings: an
event rates C for hypotheses expecting its quad class, I for those expecting only the
opposite sign (cooperation vs conflict), N otherwise; a forecast rates C (it happens) or I
(it does not) for hypotheses it overlaps, N elsewhere; claims rate N. The analyst decides:
suggestions are written to their own file or printed, never into the case, and items
that overlap a span the case already cites are left out.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from counterpoint.ach.model import Case, Hypothesis
from counterpoint.store import Store

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_COOPERATION = ("verbal_cooperation", "material_cooperation")
_CONFLICT = ("verbal_conflict", "material_conflict")


@dataclass(frozen=True)
class Suggestion:
    """A stored item proposed as evidence, with a draft row of ratings for the analyst."""

    kind: str
    document: str
    quote: str
    start: int
    end: int
    score: float
    hypotheses: tuple[str, ...]
    ratings: tuple[tuple[str, str], ...]
    event_date: str | None = None
    reported: str | None = None


@dataclass(frozen=True)
class _Candidate:
    kind: str
    document: str
    quote: str
    start: int
    end: int
    actors: tuple[str, ...]
    quad: str | None
    happens: bool | None
    event_date: str | None


@cache
def stopwords() -> frozenset[str]:
    """The words of ``stopwords.v1.txt``."""
    text = resources.files("counterpoint.ach").joinpath("data/stopwords.v1.txt").read_text("utf-8")
    return frozenset(
        w for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


def words(text: str) -> frozenset[str]:
    """Content words: lower-cased, final "s" dropped, stop words removed."""
    found = (w.lower().strip("'-") for w in _WORD.findall(text))
    return frozenset(
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in found
        if w not in stopwords() and len(w) > 2
    )


def suggest(
    case: Case, store: Store, *, min_score: float = 1.0, limit: int = 20
) -> list[Suggestion]:
    """Stored items relevant to the case's hypotheses, best first (see the module docstring)."""
    cited: set[tuple[str | None, int | None, int | None]] = {
        (e.source.document, e.source.start, e.source.end) for e in case.evidence
    }
    published = {d.name: d.published for d in store.list_documents()}
    found: list[Suggestion] = []
    for candidate in _candidates(store):
        if _overlaps(candidate, cited):
            continue
        scores = {h.id: relevance(candidate, h) for h in case.hypotheses}
        best = max(scores.values(), default=0.0)
        if best < min_score:
            continue
        reported = published.get(candidate.document)
        found.append(
            Suggestion(
                kind=candidate.kind,
                document=candidate.document,
                quote=candidate.quote,
                start=candidate.start,
                end=candidate.end,
                score=round(best, 3),
                hypotheses=tuple(h for h, s in scores.items() if s >= min_score),
                ratings=tuple((h.id, _draft(candidate, h, scores[h.id])) for h in case.hypotheses),
                event_date=candidate.event_date,
                reported=reported.isoformat() if reported else None,
            )
        )
    found.sort(key=lambda s: (-s.score, s.document, s.start))
    return found[:limit]


def relevance(candidate: _Candidate, hypothesis: Hypothesis) -> float:
    """``rel(x, h)`` of the module docstring."""
    profile = words(" ".join((hypothesis.statement, *hypothesis.keywords)))
    shared = len(words(candidate.quote) & profile) / math.sqrt(max(len(profile), 1))
    actors = 0.5 if len(set(candidate.actors) & set(hypothesis.actors)) >= 2 else 0.0
    quad = 1.0 if candidate.quad is not None and candidate.quad in hypothesis.quad_classes else 0.0
    return shared + actors + quad


def _draft(candidate: _Candidate, hypothesis: Hypothesis, score: float) -> str:
    if candidate.quad is not None and hypothesis.quad_classes:
        if candidate.quad in hypothesis.quad_classes:
            return "C"
        sign = _COOPERATION if candidate.quad in _COOPERATION else _CONFLICT
        if not set(hypothesis.quad_classes) & set(sign):
            return "I"
        return "N"
    if candidate.happens is not None and score > 0:
        return "C" if candidate.happens else "I"
    return "N"


def _overlaps(candidate: _Candidate, cited: set[tuple[str | None, int | None, int | None]]) -> bool:
    for document, start, end in cited:
        if document == candidate.document and start is not None and end is not None:
            if start < candidate.end and candidate.start < end:
                return True
    return False


def _candidates(store: Store) -> list[_Candidate]:
    out = [
        _Candidate("event", name, e.quote, e.start, e.end, e.actors, e.kind, None, e.date)
        for name, e in store.events()
    ]
    out += [
        _Candidate(
            "forecast", name, f.quote, f.start, f.end, f.actors, None, f.polarity == "happens", None
        )
        for name, f in store.forecasts()
    ]
    for stored in store.list_documents():
        if stored.n_claims:
            extraction = store.load_extraction(stored.id)
            out += [
                _Candidate(
                    "claim", stored.name, c.quote, c.start, c.end, c.actors, None, None, None
                )
                for c in extraction.claims
            ]
    return out


def suggestions_yaml(suggestions: list[Suggestion]) -> str:
    """The suggestions as case-file evidence entries (ids S1, S2, ...) for the analyst to edit."""
    import yaml

    entries = [
        {
            "id": f"S{n}",
            "text": f"(suggested {s.kind}, relevance {s.score}; edit before use)",
            "type": "fact" if s.kind == "event" else "assumption",
            "credibility": "medium",
            "relevance": "medium",
            **({"event_date": s.event_date} if s.event_date else {}),
            **({"reported": s.reported} if s.reported else {}),
            "source": {"document": s.document, "quote": s.quote, "start": s.start},
            "ratings": dict(s.ratings),
        }
        for n, s in enumerate(suggestions, start=1)
    ]
    header = "# Suggested evidence: review, rate and copy what you accept into the case.\n"
    return header + yaml.safe_dump({"evidence": entries}, sort_keys=False, allow_unicode=True)
