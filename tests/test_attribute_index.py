"""The indexed attribute rules give exactly the tokens spaCy's AttributeRuler gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from counterpoint.attribute_index import IndexedAttributeRuler, index_attribute_ruler
from counterpoint.nlp import MODEL

EXAMPLES = Path(__file__).parent.parent / "examples" / "sino-russian"
ODD = (
    "I ain't gonna stop, y'all. Let's go! Gotta try. C'mon, did you? I have had it; you did it "
    "to me and it hit them. There is a cat. That is what it does.\n\n  \n Whatever, but still."
)
WORDS = st.sampled_from(
    "I you it they ai n't gon na got ta let 's c'm on y' all do does did have has had is are "
    "was were there that which what but and the a Russia China will may not to be , . ! \n".split(
        " "
    )
)


def _tokens(doc: spacy.tokens.Doc) -> list[tuple[str, ...]]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def pair() -> tuple[spacy.language.Language, spacy.language.Language]:
    plain = spacy.load(MODEL)
    indexed = spacy.load(MODEL)
    assert index_attribute_ruler(indexed)
    return plain, indexed


@pytest.mark.model
def test_index_attribute_ruler_replaces_the_component(pair) -> None:
    plain, indexed = pair
    position = plain.pipe_names.index("attribute_ruler")
    assert indexed.pipe_names[position] == "counterpoint_attributes"
    assert "attribute_ruler" not in indexed.pipe_names


@pytest.mark.model
def test_indexed_rules_same_tokens_on_articles(pair) -> None:
    plain, indexed = pair
    texts = [path.read_text(encoding="utf-8") for path in sorted(EXAMPLES.glob("*.txt"))]
    texts.append(ODD)
    for text in texts:
        assert _tokens(indexed(text)) == _tokens(plain(text))


@pytest.mark.model
@settings(max_examples=40, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30))
def test_indexed_rules_same_tokens_on_word_salad(pair, words: list[str]) -> None:
    plain, indexed = pair
    text = " ".join(words)
    assert _tokens(indexed(text)) == _tokens(plain(text))


def test_indexed_rules_refuse_unknown_constraints() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"SHAPE": "Xxxx"}]], {"LEMMA": "shape"})
    with pytest.raises(ValueError, match="attribute SHAPE"):
        IndexedAttributeRuler(ruler)
    assert not index_attribute_ruler(nlp)
    assert "attribute_ruler" in nlp.pipe_names
