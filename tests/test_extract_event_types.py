from __future__ import annotations

import json

import pytest
import spacy
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from counterpoint.errors import ExtractionError
from counterpoint.extract.event_types import (
    EVENT_TYPES,
    EVENT_VERBS_RULESET,
    EventCue,
    build_cue_matcher,
    find_cues,
    label_for,
    load_event_entries,
    parse_event_entries,
    strongest,
)
from counterpoint.nlp import MODEL

GOOD = {
    "id": "assault-test",
    "type": "ASSAULT",
    "quad": "material_conflict",
    "intensity": -8.0,
    "lemmas": ["attack"],
    "nouns": ["attack"],
    "phrases": ["open fire"],
    "note": "test entry",
}


def _line(**changes: object) -> str:
    return json.dumps({**GOOD, **changes})


def _cue(**fields: object) -> EventCue:
    base: dict[str, object] = {
        "type": "ASSAULT",
        "quad": "material_conflict",
        "intensity": -7.0,
        "cue": "clash",
        "start": 0,
        "end": 5,
        "token_i": 0,
        "negated": False,
        "entry_id": "assault-clash",
    }
    return EventCue(**{**base, **fields})  # type: ignore[arg-type]


# --- the data file -------------------------------------------------------------------


def test_ruleset_names_the_data_file() -> None:
    assert EVENT_VERBS_RULESET == "event_verbs.v1"


def test_load_event_entries_covers_150_cues() -> None:
    entries = load_event_entries()
    cues = sum(len(e.lemmas) + len(e.nouns) + len(e.phrases) for e in entries)
    assert cues >= 150


def test_load_event_entries_uses_every_type() -> None:
    assert {e.type for e in load_event_entries()} == {t.name for t in EVENT_TYPES}


def test_load_event_entries_ids_start_with_their_type() -> None:
    assert all(e.id.startswith(e.type.lower() + "-") for e in load_event_entries())


def test_load_event_entries_is_cached() -> None:
    assert load_event_entries() is load_event_entries()


def test_parse_event_entries_skips_comments_and_blank_lines() -> None:
    entries = parse_event_entries("# header\n\n" + _line() + "\n", source="x.jsonl")
    assert [e.id for e in entries] == ["assault-test"]


def test_parse_event_entries_keeps_cues_as_tuples() -> None:
    (entry,) = parse_event_entries(_line(), source="x.jsonl")
    assert (entry.lemmas, entry.phrases, entry.intensity) == (("attack",), ("open fire",), -8.0)


@pytest.mark.parametrize(
    ("line", "field"),
    [
        (_line(quad="verbal_conflict"), "'quad'"),
        (_line(intensity=-3.0), "'intensity'"),
        (_line(intensity="high"), "'intensity'"),
        (_line(type="FIGHT"), "'type'"),
        (_line(lemmas=["open fire"]), "'lemmas'"),
        (_line(nouns=["cease-fire"]), "'nouns'"),
        (_line(phrases=["fire"]), "'phrases'"),
        (_line(phrases=["... fire"]), "'phrases'"),
        (_line(lemmas=["Attack"]), "'lemmas'"),
        (_line(lemmas=[], nouns=[], phrases=[]), "'lemmas'"),
        (_line(note=""), "'note'"),
        (_line(colour="red"), "'colour'"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "nouns"}), "'nouns'"),
    ],
)
def test_parse_event_entries_names_file_line_and_field(line: str, field: str) -> None:
    with pytest.raises(ExtractionError) as error:
        parse_event_entries("# header\n" + line, source="verbs.jsonl")
    assert "verbs.jsonl, line 2" in str(error.value)
    assert field in str(error.value)


def test_parse_event_entries_rejects_invalid_json() -> None:
    with pytest.raises(ExtractionError, match=r"verbs.jsonl, line 1: invalid JSON"):
        parse_event_entries("{not json", source="verbs.jsonl")


def test_parse_event_entries_rejects_duplicate_id() -> None:
    text = _line() + "\n" + _line(lemmas=["raid"], nouns=["raid"], phrases=["fire on"])
    with pytest.raises(ExtractionError, match=r"line 2: field 'id'.*line 1"):
        parse_event_entries(text, source="verbs.jsonl")


def test_parse_event_entries_rejects_cue_given_twice() -> None:
    text = _line() + "\n" + _line(id="assault-other", lemmas=["raid"], phrases=["fire on"])
    with pytest.raises(ExtractionError, match=r"line 2: field 'nouns': 'attack'"):
        parse_event_entries(text, source="verbs.jsonl")


# --- rules on hand-built docs (no model) -------------------------------------------------


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="module")
def blank_matcher(blank: Language) -> Matcher:
    return build_cue_matcher(blank.vocab)


def _doc(nlp: Language, rows: list[tuple[str, str, str, int, str]]) -> Doc:
    """Build a parsed doc from (word, lemma, pos, head, dep) rows."""
    words, lemmas, pos, heads, deps = (list(col) for col in zip(*rows, strict=True))
    return Doc(nlp.vocab, words=words, lemmas=lemmas, pos=pos, heads=heads, deps=deps)


def test_find_cues_matches_proper_noun_by_plural_form(
    blank: Language, blank_matcher: Matcher
) -> None:
    doc = _doc(
        blank, [("Sanctions", "Sanctions", "PROPN", 1, "nsubj"), ("bit", "bite", "VERB", 1, "ROOT")]
    )
    assert [c.type for c in find_cues(doc, blank_matcher)] == ["SANCTION"]


def test_find_cues_matches_predicative_participle_tagged_adj(
    blank: Language, blank_matcher: Matcher
) -> None:
    doc = _doc(
        blank, [("They", "they", "PRON", 1, "nsubj"), ("annexed", "annexed", "ADJ", 1, "ROOT")]
    )
    assert [c.entry_id for c in find_cues(doc, blank_matcher)] == ["assault-occupy"]


def test_find_cues_skips_participle_used_as_modifier(
    blank: Language, blank_matcher: Matcher
) -> None:
    doc = _doc(
        blank, [("allied", "allied", "ADJ", 1, "amod"), ("annexed", "annexed", "ADJ", 1, "amod")]
    )
    assert find_cues(doc, blank_matcher) == []


def test_find_cues_phrase_gap_spans_at_most_three_words(
    blank: Language, blank_matcher: Matcher
) -> None:
    def sever(n: int) -> Doc:
        filler = [("very", "very", "ADV", 0, "advmod")] * n
        return _doc(
            blank,
            [("severed", "sever", "VERB", 0, "ROOT"), *filler, ("ties", "tie", "NOUN", 0, "dobj")],
        )

    assert [c.entry_id for c in find_cues(sever(3), blank_matcher)] == ["sanction-sever"]
    assert find_cues(sever(4), blank_matcher) == []


def test_find_cues_phrase_gap_stops_at_punctuation(blank: Language, blank_matcher: Matcher) -> None:
    rows = [
        ("cut", "cut", "VERB", 0, "ROOT"),
        (",", ",", "PUNCT", 0, "punct"),
        ("ties", "tie", "NOUN", 0, "dobj"),
    ]
    assert find_cues(_doc(blank, rows), blank_matcher) == []


def test_find_cues_is_empty_without_lemmas(blank: Language, blank_matcher: Matcher) -> None:
    assert find_cues(blank("Russia invaded Ukraine in 2022."), blank_matcher) == []


def test_find_cues_rejects_range_outside_doc(blank: Language, blank_matcher: Matcher) -> None:
    with pytest.raises(ExtractionError, match="outside the doc"):
        find_cues(blank("short"), blank_matcher, start_char=2, end_char=50)


# --- strongest and label_for ---------------------------------------------------------


def test_strongest_is_none_without_cues() -> None:
    assert strongest([]) is None


def test_strongest_prefers_cue_nearest_the_root() -> None:
    verb = _cue(type="DISAPPROVE", intensity=-3.0, depth=0, start=10)
    noun = _cue(type="SANCTION", intensity=-5.0, depth=1, start=20)
    assert strongest([noun, verb]) is verb


def test_strongest_prefers_subject_at_equal_depth() -> None:
    subject = _cue(type="RETREAT", intensity=5.0, depth=1, dep="nsubj", start=3)
    obj = _cue(type="ASSAULT", intensity=-7.0, depth=1, dep="dobj", start=30)
    assert strongest([obj, subject]) is subject


def test_strongest_breaks_ties_by_absolute_intensity() -> None:
    mild = _cue(intensity=-2.0, depth=1, dep="dobj", start=0)
    strong = _cue(intensity=-9.0, depth=1, dep="pobj", start=10)
    assert strongest([mild, strong]) is strong


def test_label_for_sorts_and_deduplicates_actors() -> None:
    assert label_for(_cue(lemma="clash"), ["RUS", "CHN", "RUS"]) == "clash: CHN–RUS"


def test_label_for_without_actors_is_the_lemma() -> None:
    assert label_for(_cue(lemma="sever tie"), []) == "sever tie"


def test_label_for_falls_back_to_cue_text() -> None:
    assert label_for(_cue(cue="Clashes"), ["IND"]) == "clashes: IND"


# --- the real model ------------------------------------------------------------------


@pytest.fixture(scope="session")
def en_nlp() -> Language:
    return spacy.load(MODEL)


@pytest.fixture(scope="session")
def matcher(en_nlp: Language) -> Matcher:
    return build_cue_matcher(en_nlp.vocab)


CASES = [
    ("In 1962 India and China fought a border war.", "ASSAULT", "material_conflict"),
    ("The two leaders signed a friendship treaty in 2001.", "AGREE", "verbal_cooperation"),
    ("Beijing condemned the sanctions.", "DISAPPROVE", "verbal_conflict"),
    ("Washington imposed sanctions on Moscow in 2014.", "SANCTION", "material_conflict"),
    ("Nixon visited Beijing in February 1972.", "CONSULT", "verbal_cooperation"),
    ("A gas pipeline entered service in 2019.", "COOPERATE", "material_cooperation"),
    (
        "Soviet and Chinese patrols skirmished on a frozen river in March 1969.",
        "ASSAULT",
        "material_conflict",
    ),
    (
        "Chinese artillery was bombarding the offshore islands in 1958.",
        "ASSAULT",
        "material_conflict",
    ),
    (
        "The border clashes of 1969 poisoned relations for two decades.",
        "ASSAULT",
        "material_conflict",
    ),
    ("His secret trip to Beijing in 1971 surprised Tokyo.", "CONSULT", "verbal_cooperation"),
    ("Normalization in 1989 ended three decades of enmity.", "AGREE", "verbal_cooperation"),
    ("The founding of the alliance in 1950 alarmed Washington.", "AGREE", "verbal_cooperation"),
    ("Relations between the two capitals came to a head in 1969.", "THREATEN", "verbal_conflict"),
    ("The two neighbours mended fences in the late 1980s.", "AGREE", "verbal_cooperation"),
    ("Moscow and Beijing fell out in 1960.", "REJECT", "verbal_conflict"),
    ("Tbilisi cut ties with Moscow after the 2008 war.", "SANCTION", "material_conflict"),
    ("In 1979 China invaded Vietnam.", "ASSAULT", "material_conflict"),
    ("Russia annexed Crimea in 2014.", "ASSAULT", "material_conflict"),
    ("India tested a nuclear device in 1974.", "MOBILIZE", "material_conflict"),
    ("Pyongyang test-fired two ballistic missiles in 2022.", "MOBILIZE", "material_conflict"),
    (
        "The Soviet Union massed troops on the Chinese border in 1969.",
        "MOBILIZE",
        "material_conflict",
    ),
    ("Hanoi accused Beijing of aggression in 1978.", "DISAPPROVE", "verbal_conflict"),
    ("Washington warned Moscow in 1962.", "THREATEN", "verbal_conflict"),
    (
        "The two navies held joint patrols in the Pacific in 2021.",
        "COOPERATE",
        "material_cooperation",
    ),
    ("Moscow supplied fighter jets to Beijing in the 1990s.", "AID", "material_cooperation"),
    ("Russia expelled twenty diplomats in 2018.", "SANCTION", "material_conflict"),
    ("Beijing recalled its ambassador from Vilnius in 2021.", "SANCTION", "material_conflict"),
    ("An armistice ended the fighting in 1953.", "RETREAT", "material_cooperation"),
    ("The Red Army withdrew from Mongolia in 1989.", "RETREAT", "material_cooperation"),
    ("Beijing and Moscow demarcated their eastern border in 2004.", "AGREE", "verbal_cooperation"),
    ("Japan apologized to South Korea in 2015.", "CONCEDE", "verbal_cooperation"),
    ("Beijing rejected the proposal in 1958.", "REJECT", "verbal_conflict"),
    ("The United States blockaded Cuba in 1962.", "COERCE", "material_conflict"),
    ("Moscow lent Beijing three hundred million dollars in 1950.", "AID", "material_cooperation"),
    ("Xi Jinping hosted Vladimir Putin in Beijing in 2023.", "CONSULT", "verbal_cooperation"),
    ("Soviet troops occupied the island in 1969.", "ASSAULT", "material_conflict"),
    ("The Sino-Soviet split deepened in 1960.", "REJECT", "verbal_conflict"),
    ("The Soviet Union withdrew its experts from China in 1960.", "SANCTION", "material_conflict"),
    ("Beijing protested the deployment in 2017.", "DISAPPROVE", "verbal_conflict"),
    ("The two countries normalized relations in 1989.", "AGREE", "verbal_cooperation"),
    ("Washington lifted sanctions on Hanoi in 1994.", "CONCEDE", "verbal_cooperation"),
    ("Delhi bought air defence systems from Moscow in 2018.", "COOPERATE", "material_cooperation"),
    ("A ceasefire took hold in 1953.", "RETREAT", "material_cooperation"),
    ("Moscow stayed neutral during the 1962 border war.", "REJECT", "verbal_conflict"),
    ("The Kremlin threatened Kyiv with a gas cut-off in 2006.", "THREATEN", "verbal_conflict"),
    ("Pakistan shelled Indian positions in 1999.", "ASSAULT", "material_conflict"),
    ("Beijing and Moscow held talks on the border in 1964.", "CONSULT", "verbal_cooperation"),
    ("China conducted its first atomic test in 1964.", "MOBILIZE", "material_conflict"),
    ("The alliance collapsed in 1960.", "REJECT", "verbal_conflict"),
    ("Egypt expelled its Soviet military advisers in 1972.", "SANCTION", "material_conflict"),
    ("Mao travelled to Moscow in December 1949.", "CONSULT", "verbal_cooperation"),
    ("Beijing sent troops to the border in 1962.", "MOBILIZE", "material_conflict"),
    ("Sino-Indian relations warmed in the late 1980s.", "AGREE", "verbal_cooperation"),
    ("Ties took a turn for the worse when the envoy visited Hanoi.", "REJECT", "verbal_conflict"),
    ("Islamabad suspended trade with Delhi in 2019.", "SANCTION", "material_conflict"),
    ("Canberra froze cooperation with Beijing in 2020.", "SANCTION", "material_conflict"),
    ("Islamabad closed its airspace to Indian flights in 2019.", "SANCTION", "material_conflict"),
]


@pytest.mark.model
@pytest.mark.parametrize(("sentence", "event_type", "quad"), CASES)
def test_strongest_codes_genre_sentence(
    en_nlp: Language, matcher: Matcher, sentence: str, event_type: str, quad: str
) -> None:
    cue = strongest(find_cues(en_nlp(sentence), matcher))
    assert cue is not None
    assert (cue.type, cue.quad) == (event_type, quad)


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "cue_text", "negated"),
    [
        ("Chinese troops did not attack the post in 1969.", "attack", True),
        ("Moscow never invaded Manchuria again after 1945.", "invaded", True),
        ("There was no invasion in 1991.", "invasion", True),
        ("China has not imposed sanctions on Russia.", "sanctions", True),
        ("The clashes did not end in 1969.", "clashes", False),
        ("Chinese troops attacked the post in 1969.", "attacked", False),
    ],
)
def test_find_cues_exposes_negation(
    en_nlp: Language, matcher: Matcher, sentence: str, cue_text: str, negated: bool
) -> None:
    cues = {c.cue: c for c in find_cues(en_nlp(sentence), matcher)}
    assert cues[cue_text].negated is negated


@pytest.mark.model
@pytest.mark.parametrize(
    ("sentence", "cue_text", "entry_id"),
    [
        ("The 2018 trade war hurt both economies.", "trade war", "sanction-sanction"),
        (
            "Moscow withdrew from the treaty in 2019.",
            "withdrew from the treaty",
            "reject-withdraw-from",
        ),
        ("The two sides struck a deal in 2014.", "struck a deal", "agree-agreement"),
        (
            "They held joint military exercises in 2005.",
            "joint military exercises",
            "cooperate-joint",
        ),
        ("Israel launched a pre-emptive strike in 1967.", "pre-emptive strike", "assault-attack"),
    ],
)
def test_find_cues_longest_match_wins(
    en_nlp: Language, matcher: Matcher, sentence: str, cue_text: str, entry_id: str
) -> None:
    cues = find_cues(en_nlp(sentence), matcher)
    assert [(c.cue, c.entry_id) for c in cues] == [(cue_text, entry_id)]


@pytest.mark.model
def test_find_cues_offsets_point_into_doc_text(en_nlp: Language, matcher: Matcher) -> None:
    doc = en_nlp(
        "Talks failed in 1962.\n\nThen the two armies clashed and Moscow severed ties in 1969."
    )
    cues = find_cues(doc, matcher)
    assert len(cues) >= 3
    assert all(doc.text[c.start : c.end] == c.cue for c in cues)
    assert all(doc[c.token_i].idx >= c.start and doc[c.token_i].idx < c.end for c in cues)


@pytest.mark.model
def test_find_cues_keeps_to_the_character_range(en_nlp: Language, matcher: Matcher) -> None:
    doc = en_nlp("Beijing protested in 1960. Moscow invaded in 1968.")
    second = doc.text.index("Moscow")
    cues = find_cues(doc, matcher, start_char=second)
    assert [c.cue for c in cues] == ["invaded"]


@pytest.mark.model
def test_find_cues_ignores_phrase_crossing_the_range_end(
    en_nlp: Language, matcher: Matcher
) -> None:
    doc = en_nlp("Moscow withdrew from the treaty in 2019.")
    cues = find_cues(doc, matcher, end_char=doc.text.index(" from"))
    assert [(c.cue, c.type) for c in cues] == [("withdrew", "RETREAT")]


@pytest.mark.model
def test_find_cues_lemma_leaves_out_gap_words(en_nlp: Language, matcher: Matcher) -> None:
    (cue,) = find_cues(en_nlp("Moscow expelled ten diplomats in 2018."), matcher)
    assert cue.lemma == "expel diplomat"


@pytest.mark.model
def test_find_cues_matches_participle_tagged_adj(en_nlp: Language, matcher: Matcher) -> None:
    doc = en_nlp("The United States blockaded Cuba in 1962 and embargoed grain exports.")
    assert "sanction-sanction" in {c.entry_id for c in find_cues(doc, matcher)}
