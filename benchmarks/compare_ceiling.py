"""How far can the lexical alignment go? Gold pairs among the ranked candidates, before labels.

    .venv/bin/python benchmarks/compare_ceiling.py [EVAL_DIR]   (default tests/data/eval)

The comparison keeps a pair only when it passes blocking (a shared actor, and a shared topic
or cited event), ranks high enough, and has a signal for its label. This script measures
the first two steps alone on a directory laid out like ``counterpoint eval``'s: how many
gold cross-document pairs survive blocking, and how many are among the N best-scored
candidates, or among each clause's k best partners on both sides, or in a one-pass greedy
assignment (each clause of the longer document takes one partner, of the shorter two).
A candidate counts as a gold pair the way ``counterpoint eval`` matches one (both quotes
overlap the gold quotes). Nothing is tuned here: it prints what the current scores allow.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np

from counterpoint.compare import align
from counterpoint.compare.lexicon import load_lexicon
from counterpoint.compare.units import Unit, build_units
from counterpoint.evaluate.gold import load_gold
from counterpoint.evaluate.matching import span_overlap
from counterpoint.evaluate.pairs import CROSS_DOCUMENT, GoldPair, doc_key, load_pairs
from counterpoint.nlp import load_nlp
from counterpoint.pipeline import extract_file

Row = tuple[int, int, float, frozenset[int]]


def _gold_of(a: Unit, b: Unit, gold: tuple[GoldPair, ...]) -> frozenset[int]:
    hits = set()
    for g, pair in enumerate(gold):
        for x, y in ((a, b), (b, a)):
            if (doc_key(x.doc), doc_key(y.doc)) == (pair.a_doc, pair.b_doc):
                if span_overlap(pair.a_span, (x.start, x.end)) and span_overlap(
                    pair.b_span, (y.start, y.end)
                ):
                    hits.add(g)
    return frozenset(hits)


def candidates(directory: Path) -> tuple[list[Unit], list[Row], int]:
    """Clause units, every blocked cross-document candidate (i, j, score, gold ids), gold n."""
    nlp = load_nlp()
    golds = [
        load_gold(path, directory / "corpus")
        for path in sorted((directory / "gold").glob("*.json"))
        if path.name != CROSS_DOCUMENT
    ]
    lexicon = load_lexicon()
    units = [
        unit
        for gold in golds
        for unit in build_units(
            extract_file(gold.corpus_path, nlp=nlp, published=gold.published), lexicon
        )
    ]
    units.sort(key=lambda u: (u.doc, u.index))
    scaled, actors, topics, _ = align.features(units)
    events = scaled[:, -align.EVENT_DIM :]
    narrative = np.array([u.narrative for u in units])
    score = scaled @ scaled.T
    allowed = ((actors @ actors.T) > 0) & (((topics @ topics.T) > 0) | ((events @ events.T) > 0))
    shared_event = (events @ events.T) > 0
    allowed &= ~(narrative[:, None] | narrative[None, :]) | shared_event
    gold = load_pairs(directory)
    rows = [
        (i, j, float(score[i, j]), _gold_of(units[i], units[j], gold))
        for i in range(len(units))
        for j in range(len(units))
        if units[i].doc < units[j].doc and allowed[i, j]
    ]
    return units, rows, len(gold)


def _line(name: str, chosen: list[Row], total: int) -> str:
    found = {g for *_, gold in chosen for g in gold}
    hits = sum(1 for *_, gold in chosen if gold)
    precision = hits / len(chosen) if chosen else 0.0
    return (
        f"{name:<44} pairs {len(chosen):4d}  gold found {len(found):2d} of {total}"
        f"  recall {len(found) / total:.2f}  precision {precision:.2f}"
    )


def main(directory: Path) -> None:
    units, rows, total = candidates(directory)
    ranked = sorted(rows, key=lambda r: -r[2])
    covered = {g for *_, gold in rows for g in gold}
    print(f"{len(units)} clause units; {len(rows)} cross-document pairs pass blocking")
    print(f"gold pairs that pass blocking: {len(covered)} of {total}")
    for n in (20, 40, 60, 100):
        print(_line(f"best {n} by score", ranked[:n], total))
    for k in (1, 2, 3, 8):
        rank_a: Counter[int] = Counter()
        rank_b: Counter[int] = Counter()
        kept = []
        for row in ranked:  # ranks within each clause's own candidates
            i, j = row[0], row[1]
            rank_a[i] += 1
            rank_b[j] += 1
            if rank_a[i] <= k and rank_b[j] <= k and row[2] >= align.THRESHOLD:
                kept.append(row)
        print(_line(f"top {k} of both clauses, score >= {align.THRESHOLD}", kept, total))
    sizes = Counter(u.doc for u in units)
    used: Counter[int] = Counter()
    greedy = []
    for row in ranked:
        if row[2] < align.THRESHOLD:
            break
        caps = [1 if sizes[units[x].doc] == max(sizes.values()) else 2 for x in row[:2]]
        if used[row[0]] < caps[0] and used[row[1]] < caps[1]:
            greedy.append(row)
            used[row[0]] += 1
            used[row[1]] += 1
    print(_line("greedy assignment (longer 1, shorter 2)", greedy, total))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("tests/data/eval"))
