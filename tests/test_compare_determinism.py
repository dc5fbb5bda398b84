"""The same documents give the same comparison in every run, whatever Python's hash seed.

Sets of words iterate in an order that changes from process to process (PYTHONHASHSEED).
Any sum of floats taken in that order (word vectors of a claim, colliding hashed terms)
then differs in its last bits, and ties between near-identical claims break differently:
a rerun showed other pairs. Each run here is a fresh process with its own seed.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = r"""
import hashlib, random
from counterpoint.compare import align
from counterpoint.compare.units import Unit
from counterpoint.compare.vectors import table
words = ("war trade border alliance treaty nuclear pipeline gas army navy summit leader "
         "sanction tariff dispute island river region power rival partner ally enemy "
         "economy growth decline rise threat peace talks visit crisis conflict order "
         "influence market energy oil debt loan bank currency export import").split()
rng = random.Random(7)
units = []
for i in range(60):
    lemmas = tuple(rng.sample(words, 12))
    units.append(Unit(
        doc=f"d{i % 3}", index=i, start=0, end=1, quote="x", actors=frozenset({"CHN", "RUS"}),
        terms=frozenset(lemmas), words=frozenset(lemmas), negated=frozenset(), valence=0,
        valence_words=(), endorsement="author", forecast=False, probability=None,
        events=frozenset(), quads=frozenset(), topics=frozenset({"relations"}), lemmas=lemmas,
    ))
scaled, *_ = align.features(units)
print(table() is not None, hashlib.sha256(scaled.tobytes()).hexdigest())
"""


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_compare_features_are_the_same_bytes_under_any_hash_seed() -> None:
    outputs = {_run(seed) for seed in ("1", "2", "3", "4")}
    assert len(outputs) == 1, outputs
