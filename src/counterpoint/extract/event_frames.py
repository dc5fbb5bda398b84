"""Event frames: governing words that change what an event cue reports.

Op-eds cite acts that did not happen as such: "Moscow floated *hints of* a pre-emptive
nuclear strike", "Kosygin's *failure to* patch up the alliance", "Beijing *offered* loans".
The act's cue (strike, alliance, loan) would code the clause as the act itself. A frame
word that governs the cue recodes it (rule set ``event_frames.v1``,
``patterns/event_frames.v1.jsonl``):

    threat   (threat, hint, warn ...)     material conflict    -> THREATEN, half the intensity
    intent   (promise, offer, plan ...)   material cooperation -> AGREE 3 (intent to cooperate)
                                          material conflict    -> THREATEN, half the intensity
    failure  (fail, failure, refuse ...)  any cooperation      -> REJECT -2

These follow CAMEO's split between a stated intent or threat (verbal, codes 03 and 13) and
the act (material). "Half the intensity" keeps a threat's weight in proportion to the act
threatened (strike -8 -> -4), inside THREATEN's range (-7..-3).

A frame governs a cue when it is reached from the cue's syntactic head by at most
``MAX_ARCS`` arcs, each through an object, a preposition, an infinitive or adnominal
complement or a compound ("hints -> of -> strike"; "failure -> patch -> alliance").
Subjects, relative and adverbial clauses and conjuncts end the walk: "Moscow, which had
threatened Beijing, signed the treaty" leaves "signed" alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from spacy.tokens import Token

from counterpoint.errors import ExtractionError
from counterpoint.extract.event_lexicon import EVENT_TYPES, event_type
from counterpoint.records import QuadClass
from counterpoint.rule_lines import json_lines

EVENT_FRAMES_RULESET = "event_frames.v1"
EVENT_FRAMES_PATH = Path(__file__).parent / "patterns" / f"{EVENT_FRAMES_RULESET}.jsonl"
MAX_ARCS = 4
HALF = "half"
_QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
_FIELDS = ("frame", "lemmas", "effects", "note")
# Arcs a walk from a cue up to its governor may climb.
_CLIMB = frozenset({"dobj", "pobj", "prep", "xcomp", "acl", "pcomp", "compound"})


@dataclass(frozen=True)
class FrameEffect:
    """What a frame does to a cue of one quad class: its new type and intensity."""

    type: str
    intensity: float | None  # None: half the cue's intensity


@dataclass(frozen=True)
class Frame:
    """A class of governing words and its effects per quad class of the governed cue."""

    name: str
    lemmas: frozenset[str]
    effects: Mapping[str, FrameEffect]


def _effect(value: Any, where: str, quad: str) -> FrameEffect:
    if not (
        isinstance(value, list) and len(value) == 2 and value[0] in {t.name for t in EVENT_TYPES}
    ):
        raise ExtractionError(f"{where}: effect for {quad!r} must be [TYPE, intensity|'half']")
    kind, level = event_type(value[0]), value[1]
    if level == HALF:
        return FrameEffect(kind.name, None)
    if isinstance(level, bool) or not isinstance(level, int | float):
        raise ExtractionError(f"{where}: effect for {quad!r}: intensity must be a number or 'half'")
    if not kind.low <= level <= kind.high:
        raise ExtractionError(f"{where}: effect for {quad!r}: {level} outside {kind.name}'s range")
    return FrameEffect(kind.name, float(level))


def _frame(obj: Any, where: str) -> Frame:
    if not isinstance(obj, dict) or set(obj) != set(_FIELDS):
        raise ExtractionError(f"{where}: expected an object with fields {', '.join(_FIELDS)}")
    lemmas = obj["lemmas"]
    if not isinstance(lemmas, list) or not all(
        isinstance(x, str) and x == x.lower() for x in lemmas
    ):
        raise ExtractionError(f"{where}: field 'lemmas' must be a list of lowercase strings")
    effects = obj["effects"]
    if not isinstance(effects, dict) or not set(effects) <= set(_QUADS):
        raise ExtractionError(f"{where}: field 'effects' must map quad classes to effects")
    return Frame(
        str(obj["frame"]),
        frozenset(lemmas),
        MappingProxyType({q: _effect(v, where, q) for q, v in effects.items()}),
    )


def parse_frames(text: str, *, source: str) -> tuple[Frame, ...]:
    """Parse and validate frame lines.

    Raises:
        ExtractionError: naming ``source`` and the line, for bad JSON, a missing or unknown
            field, an unknown type or quad class, an intensity outside the type's range, or
            a lemma given in two frames.
    """
    frames: list[Frame] = []
    owner: dict[str, str] = {}
    for _, where, obj in json_lines(text, source=source, error=ExtractionError):
        frame = _frame(obj, where)
        for lemma in frame.lemmas:
            if lemma in owner:
                raise ExtractionError(f"{where}: lemma {lemma!r} already in frame {owner[lemma]!r}")
            owner[lemma] = frame.name
        frames.append(frame)
    return tuple(frames)


@lru_cache(maxsize=1)
def frame_index() -> Mapping[str, Frame]:
    """Lemma -> frame, from ``patterns/event_frames.v1.jsonl`` (read once)."""
    try:
        text = EVENT_FRAMES_PATH.read_text(encoding="utf-8")
    except OSError as e:
        raise ExtractionError(f"{EVENT_FRAMES_PATH}: cannot read event frames ({e})") from e
    frames = parse_frames(text, source=str(EVENT_FRAMES_PATH))
    return MappingProxyType({lemma: f for f in frames for lemma in f.lemmas})


def governing_frame(token: Token, *, index: Mapping[str, Frame] | None = None) -> Frame | None:
    """The frame whose word governs ``token`` within ``MAX_ARCS`` climbable arcs, if any."""
    frames = frame_index() if index is None else index
    current = token
    for _ in range(MAX_ARCS):
        head = current.head
        if head.i == current.i or current.dep_ not in _CLIMB:
            return None
        frame = frames.get(head.lemma_.lower())
        if frame is not None:
            return frame
        current = head
    return None


def reframe(quad: QuadClass, intensity: float, frame: Frame) -> tuple[str, float] | None:
    """The (type, intensity) a frame gives a cue of ``quad``; None when it leaves it alone.

    Example:
        >>> effects = {"material_conflict": FrameEffect("THREATEN", None)}
        >>> reframe("material_conflict", -8.0, Frame("threat", frozenset({"hint"}), effects))
        ('THREATEN', -4.0)
    """
    effect = frame.effects.get(quad)
    if effect is None:
        return None
    if effect.intensity is not None:
        return effect.type, effect.intensity
    kind = event_type(effect.type)
    return effect.type, min(max(intensity / 2, kind.low), kind.high)
