"""Generated corpora for the crash and concurrency tests: example sentences, shuffled.

Each document takes a title and a random sample of sentences from the example articles,
so the extractors see the genre's real sentences in new orders. Nothing generated is
committed: the corpus is written under the test's ``tmp_path``.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

EXAMPLES = Path(__file__).parent.parent / "examples" / "sino-russian"
_SENTENCE_END = re.compile(r"(?<=[.!?”])\s+(?=[A-Z“])")


def example_sentences() -> list[str]:
    """Every sentence of the example articles' paragraphs (lines over 60 characters)."""
    sentences: list[str] = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line) > 60:
                sentences.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return sentences


def write_corpus(directory: Path, *, documents: int, sentences: int, seed: int) -> list[Path]:
    """Write ``documents`` text files of ``sentences`` shuffled sentences each."""
    rng = random.Random(seed)
    pool = example_sentences()
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(documents):
        chosen = rng.sample(pool, sentences)
        paragraphs = [" ".join(chosen[i : i + 4]) for i in range(0, len(chosen), 4)]
        text = f"Generated assessment {number}\n\n" + "\n\n".join(paragraphs) + "\n"
        path = directory / f"generated-{number:03d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
