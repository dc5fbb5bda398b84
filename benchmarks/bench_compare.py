"""Benchmark ``compare_documents`` over 25, 50 and 100 documents of about 2,000 words.

The corpus is built at run time (never committed): each synthetic document shuffles the
sentences of the two example articles with its own seed until it has about 2,000 words.
Documents are analysed once (not timed); the comparison alone is timed, best of 3, and
the table shows how the time grows with n (the exponent k of time ~ n^k between sizes).
"""

from __future__ import annotations

import math
import random
import sys
import time
from pathlib import Path

from counterpoint.compare import compare_documents
from counterpoint.extract import extract_documents
from counterpoint.ingest import read_document
from counterpoint.nlp import load_nlp
from counterpoint.records import Document

EXAMPLES = Path(__file__).parent.parent / "examples" / "sino-russian"
SIZES = (25, 50, 100)
WORDS = 2000


def corpus(n: int) -> list[Document]:
    """``n`` documents of about ``WORDS`` words of shuffled example sentences."""
    nlp = load_nlp()
    sentences = [
        s.text.strip()
        for path in sorted(EXAMPLES.glob("*.txt"))
        for s in nlp(read_document(path).text).sents
        if s.text.strip()
    ]
    base = read_document(sorted(EXAMPLES.glob("*.txt"))[0])
    documents = []
    for i in range(n):
        rng = random.Random(i)
        chosen: list[str] = []
        while sum(len(s.split()) for s in chosen) < WORDS:
            chosen.append(rng.choice(sentences))
        text = " ".join(chosen)
        name, digest = f"synthetic-{i:03d}.txt", f"{i:064d}"
        documents.append(
            Document(name=name, text=text, sha256=digest, format="txt", published=base.published)
        )
    return documents


def main() -> int:
    """Print a table of sizes, seconds, pairs and growth exponents."""
    nlp = load_nlp()
    started = time.perf_counter()
    extractions = list(extract_documents(corpus(max(SIZES)), nlp=nlp))
    print(f"analysed {len(extractions)} documents in {time.perf_counter() - started:.1f} s")
    print(f"{'docs':>5} {'words':>8} {'seconds':>8} {'pairs':>7} {'growth k':>9}")
    previous = None
    for n in SIZES:
        subset = extractions[:n]
        best = math.inf
        for _ in range(3):
            t0 = time.perf_counter()
            comparison = compare_documents(subset)
            best = min(best, time.perf_counter() - t0)
        words = sum(e.document.word_count for e in subset)
        growth = (
            f"{math.log(best / previous[1]) / math.log(n / previous[0]):.2f}" if previous else "—"
        )
        print(f"{n:>5} {words:>8,} {best:>8.2f} {len(comparison.pairs):>7} {growth:>9}")
        previous = (n, best)
    return 0


if __name__ == "__main__":
    sys.exit(main())
