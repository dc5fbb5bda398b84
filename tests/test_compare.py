"""Tests of counterpoint.compare on short invented opposing texts (not the example articles)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from counterpoint.compare import compare_documents
from counterpoint.compare.evaluate import pair_scores
from counterpoint.compare.lexicon import load_lexicon, normalise, words
from counterpoint.compare.stance import proposition
from counterpoint.compare.storage import load_pairs, load_stances, save_comparison
from counterpoint.compare.units import score_valence

HAWK = (
    "Relations between India and Pakistan remain brittle and hostile. "
    "The border between India and Pakistan is disputed and heavily militarized. "
    "India and Pakistan will fight another war in this decade.\n"
)
DOVE = (
    "Relations between India and Pakistan are stable and improving. "
    "The border between India and Pakistan is no longer disputed. "
    "It is hard to imagine India and Pakistan turning hostile again.\n"
)


def _valence(text: str) -> int:
    lexicon = load_lexicon()
    return score_valence([normalise(w, lexicon.vocabulary) for w in words(text)], lexicon)[0]


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Relations remain brittle.", -1),
        ("Relations are not brittle.", 1),
        ("It is hard to imagine them turning hostile.", 1),
        ("Predictions of a clash have failed to deliver.", 1),
        ("The two states are strong partners.", 1),
    ],
)
def test_valence_sign_follows_negation_and_denial(text: str, sign: int) -> None:
    assert (_valence(text) > 0) == (sign > 0)


def test_lexicon_antonyms_are_symmetric() -> None:
    lexicon = load_lexicon()
    assert lexicon.opposite("stable", "fragile") and lexicon.opposite("fragile", "stable")
    assert not lexicon.opposite("stable", "strong")


def test_words_split_clauses_and_contractions() -> None:
    assert words("It isn't weak, but") == ["it", "is", "n't", "weak", "|", "but"]


@pytest.fixture(scope="module")
def extractions(nlp: Any, tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    from counterpoint.pipeline import extract_file

    folder = tmp_path_factory.mktemp("docs")
    found = []
    for name, text in (("hawk.txt", HAWK), ("dove.txt", DOVE)):
        (folder / name).write_text(text, encoding="utf-8")
        found.append(extract_file(folder / name, nlp=nlp))
    return found


@pytest.mark.model
def test_compare_pairs_quotes_are_the_text_at_their_offsets(extractions: list[Any]) -> None:
    comparison = compare_documents(extractions)
    texts = {e.document.name: e.document.text for e in extractions}
    assert comparison.pairs
    for pair in comparison.pairs:
        assert texts[pair.a_doc][pair.a_start : pair.a_end] == pair.a_quote
        assert texts[pair.b_doc][pair.b_start : pair.b_end] == pair.b_quote
        assert pair.a_doc != pair.b_doc and pair.reason


@pytest.mark.model
def test_compare_every_pair_has_a_signal_for_its_label(extractions: list[Any]) -> None:
    comparison = compare_documents(extractions)
    assert comparison.pairs
    assert all("no opposing signal" not in pair.reason for pair in comparison.pairs)
    assert all(pair.relation in ("agrees", "contradicts") for pair in comparison.pairs)


@pytest.mark.model
def test_compare_opposing_assessments_contradict(extractions: list[Any]) -> None:
    comparison = compare_documents(extractions)
    border = [p for p in comparison.pairs if "border" in p.a_quote and "border" in p.b_quote]
    relations = [p for p in comparison.pairs if p.a_quote.startswith("Relations")]
    assert border and all(p.relation == "contradicts" for p in border)
    assert relations and all(p.relation == "contradicts" for p in relations)


@pytest.mark.model
def test_compare_stances_are_opposite_on_a_case_proposition(extractions: list[Any]) -> None:
    case = [proposition("Relations between India and Pakistan will stay peaceful", load_lexicon())]
    comparison = compare_documents(extractions, propositions=case)
    stances = {s.doc: s.stance for s in comparison.stances}
    assert stances == {"hawk.txt": "against", "dove.txt": "for"}


def test_proposition_finds_actors_and_direction() -> None:
    made = proposition("A war between India and Pakistan is coming", load_lexicon())
    assert made.actors == ("IND", "PAK") and made.valence == -1


@pytest.mark.model
def test_compare_rejects_a_single_document(extractions: list[Any]) -> None:
    from counterpoint.compare import CompareError

    with pytest.raises(CompareError, match="at least two"):
        compare_documents(extractions[:1])


@pytest.mark.model
def test_storage_round_trips_pairs_and_stances(extractions: list[Any], store: Any) -> None:
    comparison = compare_documents(extractions)
    saved = save_comparison(store, comparison)
    assert load_pairs(store, saved) == comparison.pairs
    assert [s.stance for s in load_stances(store, saved)] == [s.stance for s in comparison.stances]


def test_pair_scores_worked_example() -> None:
    scores = pair_scores(
        [("agrees", "agrees"), ("contradicts", "agrees")],
        predicted=4,
        gold=5,
        stances=[("for", "for"), ("against", "neutral")],
    )
    assert (scores.precision, scores.recall, scores.relation_accuracy) == (0.5, 0.4, 0.5)
    assert scores.stance_accuracy == 0.5


@pytest.mark.model
def test_cli_compare_json_shape(tmp_path: Path) -> None:
    for name, text in (("hawk.txt", HAWK), ("dove.txt", DOVE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run(
        [
            str(Path(".venv/bin/counterpoint").resolve()),
            "compare",
            str(tmp_path / "hawk.txt"),
            str(tmp_path / "dove.txt"),
            "--db",
            str(tmp_path / "c.db"),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout)
    keys = {"a_doc", "a_start", "a_end", "a_quote", "b_doc", "b_start", "b_end", "b_quote"}
    assert data["pairs"] and keys | {"relation", "proposition", "reason"} <= set(data["pairs"][0])
    assert {"doc", "proposition", "stance", "quotes"} <= set(data["stances"][0])


# Invented opposing op-eds about other dyads: the method must not be tuned to one pair.
OTHER_DYADS = [
    (
        "Relations between Turkey and Greece remain tense and hostile. "
        "Turkey and Greece will clash over the Aegean islands in this decade.\n",
        "Relations between Turkey and Greece are stable and improving. "
        "It is hard to imagine Turkey and Greece turning hostile over the Aegean.\n",
        "Relations between Turkey and Greece will stay peaceful",
    ),
    (
        "The alliance between the United States and Japan is strong and durable. "
        "Japan and the United States will deepen their military cooperation.\n",
        "The alliance between the United States and Japan is fragile. "
        "Japan and the United States will reduce their military cooperation.\n",
        "The alliance between the United States and Japan will hold",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize("index", range(len(OTHER_DYADS)))
def test_compare_other_dyads_contradict_and_take_opposite_stances(
    nlp: Any, tmp_path: Path, index: int
) -> None:
    from counterpoint.pipeline import extract_file

    pro_text, con_text, claim = OTHER_DYADS[index]
    found = []
    for name, text in (("pro.txt", pro_text), ("con.txt", con_text)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        found.append(extract_file(tmp_path / name, nlp=nlp))
    case = [proposition(claim, load_lexicon())]
    comparison = compare_documents(found, propositions=case)
    assert comparison.pairs
    assert any(p.relation == "contradicts" for p in comparison.pairs)
    stances = {s.doc: s.stance for s in comparison.stances}
    first = "for" if index == 1 else "against"
    second = "against" if index == 1 else "for"
    assert stances == {"pro.txt": first, "con.txt": second}


@pytest.mark.model
def test_compare_narration_of_the_past_is_not_aligned_without_a_shared_event(
    nlp: Any, tmp_path: Path
) -> None:
    from counterpoint.pipeline import extract_file

    texts = {
        "a.txt": "India and Pakistan fought a war that was bitter and long.\n",
        "b.txt": "India and Pakistan are at war today and the war is bitter.\n",
    }
    found = []
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        found.append(extract_file(tmp_path / name, nlp=nlp))
    assert compare_documents(found).pairs == ()


def _unit(doc: str, quote: str, valence: int, topic_valence: tuple[tuple[str, int], ...]) -> Any:
    from counterpoint.compare.units import Unit

    return Unit(
        doc=doc,
        index=0,
        start=0,
        end=len(quote),
        quote=quote,
        actors=frozenset({"CHN", "RUS"}),
        terms=frozenset(),
        words=frozenset(),
        negated=frozenset(),
        valence=valence,
        valence_words=(),
        endorsement="author",
        forecast=False,
        probability=None,
        events=frozenset(),
        quads=frozenset(),
        topics=frozenset(t for t, _ in topic_valence),
        topic_valence=topic_valence,
    )


def test_same_assessment_needs_the_same_sign_on_the_shared_topic() -> None:
    from counterpoint.compare.relation import label

    lexicon = load_lexicon()
    # Whole-claim valences differ in sign, but on the shared topic both are negative.
    a = _unit("a.txt", "x", -1, (("trade", -1),))
    b = _unit("b.txt", "y", 1, (("trade", -2), ("border", 3)))
    assert label(a, b, lexicon) == ("agrees", "same assessment: valence -1 / -2")
    # No valence on one side: no label at all rather than an unsupported agreement.
    assert label(a, _unit("b.txt", "z", 0, (("trade", 0),)), lexicon) is None


def test_negation_carries_over_synonyms_of_one_concept() -> None:
    from dataclasses import replace

    from counterpoint.compare.relation import label

    lexicon = load_lexicon()
    # concepts.v1 files "claim" and "disputes" under one concept, "dispute".
    assert "dispute" in lexicon.concepts["claim"] and "dispute" in lexicon.concepts["disputes"]
    denies = replace(
        _unit("a.txt", "They have no disputes.", 1, ()),
        words=frozenset({"disputes"}),
        negated=frozenset({"disputes"}),
    )
    asserts = replace(
        _unit("b.txt", "The lands are claimed.", 0, ()), words=frozenset({"claim", "land"})
    )
    relation, reason = label(denies, asserts, lexicon) or ("", "")
    assert relation == "contradicts" and "denies 'dispute'" in reason
    # Both sides asserting the concept is no contradiction.
    assert label(replace(denies, negated=frozenset()), asserts, lexicon) is None
