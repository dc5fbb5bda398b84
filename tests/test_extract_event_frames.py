"""Event frames: governing words (threat, intent, failure) recode the cue they govern."""

from __future__ import annotations

import json
import re

import pytest
from spacy.language import Language
from spacy.matcher import Matcher

from counterpoint.errors import ExtractionError
from counterpoint.extract.event_frames import (
    EVENT_FRAMES_RULESET,
    Frame,
    FrameEffect,
    frame_index,
    parse_frames,
    reframe,
)
from counterpoint.extract.event_types import (
    EVENT_TYPES,
    build_cue_matcher,
    find_cues,
    strongest,
)

GOOD = {
    "frame": "threat",
    "lemmas": ["threat"],
    "effects": {"material_conflict": ["THREATEN", "half"]},
    "note": "test",
}


def _line(**changes: object) -> str:
    return json.dumps({**GOOD, **changes})


def test_frames_ruleset_names_the_data_file() -> None:
    assert EVENT_FRAMES_RULESET == "event_frames.v1"


def test_frames_shipped_file_parses_and_every_lemma_maps_to_one_frame() -> None:
    index = frame_index()
    assert {"hint", "failure", "promise", "suspend"} <= set(index)
    assert {f.name for f in index.values()} == {"threat", "intent", "failure", "halt"}


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"effects": {"material_conflict": ["NOPE", 1]}}, "must be [TYPE"),
        ({"effects": {"material_conflict": ["THREATEN", -9.5]}}, "outside THREATEN"),
        ({"effects": {"material_conflict": ["THREATEN", "twice"]}}, "number or 'half'"),
        ({"effects": {"material_war": ["THREATEN", "half"]}}, "map quad classes"),
        ({"lemmas": ["Threat"]}, "lowercase"),
        ({"extra": 1}, "expected an object"),
    ],
)
def test_parse_frames_rejects_bad_line_naming_source_and_line(
    changes: dict[str, object], reason: str
) -> None:
    text = "# header\n" + _line(**changes)
    with pytest.raises(ExtractionError, match=rf"frames.jsonl, line 2: .*{re.escape(reason)}"):
        parse_frames(text, source="frames.jsonl")


def test_parse_frames_rejects_lemma_in_two_frames() -> None:
    text = _line() + "\n" + _line(frame="other")
    with pytest.raises(ExtractionError, match="line 2: lemma 'threat' already in frame 'threat'"):
        parse_frames(text, source="f")


def test_parse_frames_rejects_invalid_json() -> None:
    with pytest.raises(ExtractionError, match="f, line 1: invalid JSON"):
        parse_frames("{nope", source="f")


@pytest.mark.parametrize(
    ("intensity", "expected"),
    [(-8.0, -4.0), (-10.0, -5.0), (-4.0, -3.0), (-16.0, -7.0)],
)
def test_reframe_halves_intensity_inside_the_new_types_range(
    intensity: float, expected: float
) -> None:
    frame = Frame(
        "threat", frozenset({"hint"}), {"material_conflict": FrameEffect("THREATEN", None)}
    )
    assert reframe("material_conflict", intensity, frame) == ("THREATEN", expected)


def test_reframe_leaves_unlisted_quad_class_alone() -> None:
    frame = Frame(
        "threat", frozenset({"hint"}), {"material_conflict": FrameEffect("THREATEN", None)}
    )
    assert reframe("verbal_cooperation", 4.0, frame) is None


def test_reframe_fixed_intensity_is_used_as_given() -> None:
    frame = frame_index()["failure"]
    assert reframe("verbal_cooperation", 7.0, frame) == ("REJECT", -2.0)
    low, high = next((t.low, t.high) for t in EVENT_TYPES if t.name == "REJECT")
    assert low <= -2.0 <= high


@pytest.fixture(scope="module")
def matcher(nlp: Language) -> Matcher:
    return build_cue_matcher(nlp.vocab)


FRAMED = [
    ("In 1996 Beijing warned of a military strike on the island.", "THREATEN", "verbal_conflict"),
    ("Washington issued threats of an invasion in 1961.", "THREATEN", "verbal_conflict"),
    ("In 2008 Moscow promised loans to Minsk.", "AGREE", "verbal_cooperation"),
    ("In 1962 the two capitals failed to sign a border treaty.", "REJECT", "verbal_conflict"),
    ("Tokyo refused to resume talks with Seoul in 2019.", "REJECT", "verbal_conflict"),
    ("The failure to restore relations after 1980 hurt both.", "REJECT", "verbal_conflict"),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "event_type", "quad"), FRAMED)
def test_frame_recodes_governed_cue(
    nlp: Language, matcher: Matcher, sentence: str, event_type: str, quad: str
) -> None:
    cue = strongest(find_cues(nlp(sentence), matcher))
    assert cue is not None
    assert (cue.type, cue.quad) == (event_type, quad)


UNFRAMED = [
    ("Beijing launched a military strike on the island in 1996.", "material_conflict"),
    ("In 2008 Moscow extended loans to Minsk.", "material_cooperation"),
    ("In 1962 the two capitals signed a border treaty.", "verbal_cooperation"),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "quad"), UNFRAMED)
def test_cue_without_frame_keeps_its_quad_class(
    nlp: Language, matcher: Matcher, sentence: str, quad: str
) -> None:
    cue = strongest(find_cues(nlp(sentence), matcher))
    assert cue is not None
    assert cue.quad == quad


LEXICON = [
    ("The 1962 Cuban missile crisis brought the superpowers close to war.", "MOBILIZE"),
    ("In 1995 the Taiwan Strait crisis began with missile tests.", "MOBILIZE"),
    ("In 2014 tensions boiled over in the Donbas.", "ASSAULT"),
    ("The rivalry between Paris and London deepened in 1898.", "DISAPPROVE"),
    ("In 2013 Beijing courted Kyiv with loans and trade.", "CONSULT"),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "event_type"), LEXICON)
def test_lexicon_codes_genre_phrase(
    nlp: Language, matcher: Matcher, sentence: str, event_type: str
) -> None:
    types = {c.type for c in find_cues(nlp(sentence), matcher)}
    assert event_type in types
