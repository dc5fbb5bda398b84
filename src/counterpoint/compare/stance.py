"""Each document's stance on a proposition, from the valence of its claims about the actors.

A :class:`~counterpoint.compare.records.Proposition` names actors and a direction
(``valence`` +1: the relation is or stays cooperative/stable; -1: it is or turns hostile).
A document's evidence is every claim that names at least ``min(2, len(actors))`` of the
proposition's actors, is not narration of the past (see
:func:`~counterpoint.compare.units.is_narrative`: history is background, the proposition
is about now and next) and has a non-zero net valence (see :mod:`.units`); a claim that
reports a view to rebut it counts reversed unless a denial has already flipped its words.
Its score is the weighted mean agreement of sign::

    score = sum_i w_i * sign(valence_i) * valence(P) / sum_i w_i

with ``w_i = FORECAST_WEIGHT`` for claims holding a forecast (the propositions are mostly
about what will happen), 1 otherwise, halved for claims the author only reports.
``score >= MARGIN`` is ``for``, ``<= -MARGIN`` is ``against``, else ``neutral``. The quotes
returned are the claims that pull the same way as the stance, strongest first.

Propositions come from a case file, or are proposed: for the dyad most documents discuss,
"relations between X and Y will stay cooperative", marked ``forecasts`` when the documents'
forecasts about that dyad point opposite ways.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any

from counterpoint.compare.lexicon import CompareError, Lexicon, normalise, words
from counterpoint.compare.records import Proposition, Stance, StanceValue
from counterpoint.compare.units import Unit

FORECAST_WEIGHT = 2.0
REPORTED_FACTOR = 0.5
MARGIN = 0.15
MAX_QUOTES = 3


@cache
def _aliases() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Actor aliases of ``extract/patterns/actors.v1.jsonl`` as word-bounded patterns."""
    text = resources.files("counterpoint.extract").joinpath("patterns", "actors.v1.jsonl")
    found = []
    for line in text.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        entry = json.loads(line)
        tail = r"-" if entry.get("prefix") else r"\b"
        for alias in entry["aliases"]:
            found.append((re.compile(r"\b" + re.escape(alias.lower()) + tail), entry["code"]))
    return tuple(found)


def actors_in(text: str) -> tuple[str, ...]:
    """Actor codes named in ``text`` ("The Sino-Russian alignment" -> ``("CHN", "RUS")``)."""
    lowered = text.lower()
    return tuple(sorted({code for pattern, code in _aliases() if pattern.search(lowered)}))


def valence_of(text: str, lexicon: Lexicon) -> int:
    """Direction a proposition asserts: the sign of its negation-aware valence (+1 if none)."""
    from counterpoint.compare.units import score_valence

    tokens = [normalise(w, lexicon.vocabulary) for w in words(text)]
    total = score_valence(tokens, lexicon)[0]
    return -1 if total < 0 else 1


def proposition(text: str, lexicon: Lexicon, *, actors: Sequence[str] = ()) -> Proposition:
    """A proposition from its text; actors found in the text unless given."""
    return Proposition(text, tuple(actors) or actors_in(text), valence_of(text, lexicon))


def load_case(path: Path, lexicon: Lexicon) -> tuple[Proposition, ...]:
    """Read ``propositions`` from a YAML or JSON case file.

    Each item is a string or ``{"text": ..., "actors": [...], "valence": 1|-1}``.

    Raises:
        CompareError: unreadable file, or an item without text.
    """
    data = _read_case(path)
    items = data.get("propositions") if isinstance(data, dict) else data
    if not isinstance(items, list) or not items:
        raise CompareError(f"{path}: expected a list under 'propositions'")
    found = []
    for number, item in enumerate(items, 1):
        entry = {"text": item} if isinstance(item, str) else item
        if not isinstance(entry, dict) or not str(entry.get("text") or "").strip():
            raise CompareError(f"{path}: proposition {number} has no text")
        made = proposition(str(entry["text"]), lexicon, actors=entry.get("actors") or ())
        if entry.get("valence") in (1, -1):
            made = Proposition(made.text, made.actors, int(entry["valence"]))
        found.append(made)
    return tuple(found)


def _read_case(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CompareError(f"{path}: cannot read the case file ({error})") from error
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise CompareError(f"{path}: not valid JSON ({error})") from error
    try:
        import yaml
    except ImportError as error:
        raise CompareError(f"{path}: YAML needs PyYAML; write the case as JSON") from error
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise CompareError(f"{path}: not valid YAML ({error})") from error


def propose(units: Sequence[Unit]) -> tuple[Proposition, ...]:
    """Propose one proposition: the dyad discussed by most documents (none if no dyad)."""
    docs_per_dyad: dict[tuple[str, str], set[str]] = {}
    counts: Counter[tuple[str, str]] = Counter()
    for unit in units:
        for dyad in combinations(sorted(unit.actors), 2):
            docs_per_dyad.setdefault(dyad, set()).add(unit.doc)
            counts[dyad] += 1
    if not counts:
        return ()
    dyad = max(counts, key=lambda d: (len(docs_per_dyad[d]), counts[d], d))
    leaning = {
        unit.doc: unit.valence
        for unit in units
        if unit.forecast and set(dyad) <= unit.actors and unit.valence
    }
    opposed = any(v > 0 for v in leaning.values()) and any(v < 0 for v in leaning.values())
    text = f"Relations between {dyad[0]} and {dyad[1]} will stay cooperative"
    return (Proposition(text, dyad, 1, "forecasts" if opposed else "proposed"),)


def _weight(unit: Unit) -> float:
    weight = FORECAST_WEIGHT if unit.forecast else 1.0
    return weight * (REPORTED_FACTOR if unit.endorsement == "reported" else 1.0)


def _sign(unit: Unit) -> int:
    sign = 1 if unit.valence > 0 else -1
    # A rebutted view counts reversed, unless a denial frame has already flipped it.
    flipped = any(word.startswith("-") for word in unit.valence_words)
    return -sign if unit.rebuts and not flipped else sign


def stance(doc: str, units: Sequence[Unit], claim: Proposition) -> Stance:
    """The stance of document ``doc`` on ``claim`` (see the module docstring)."""
    need = min(2, len(claim.actors))
    evidence = [
        u
        for u in units
        if u.doc == doc
        and u.valence
        and not u.narrative
        and len(u.actors & set(claim.actors)) >= need
    ]
    total = sum(_weight(u) for u in evidence)
    score = sum(_weight(u) * _sign(u) * claim.valence for u in evidence) / total if total else 0.0
    value: StanceValue = "for" if score >= MARGIN else "against" if score <= -MARGIN else "neutral"
    sign = 1 if value == "for" else -1 if value == "against" else 0
    support = sorted(
        (u for u in evidence if sign and _sign(u) == sign * claim.valence),
        key=lambda u: (-_weight(u) * abs(u.valence), u.start),
    )[:MAX_QUOTES]
    return Stance(
        doc=doc,
        proposition=claim.text,
        stance=value,
        score=round(score, 3),
        quotes=tuple(u.quote for u in support),
        spans=tuple((u.start, u.end) for u in support),
    )
