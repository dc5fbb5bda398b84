"""Scale figures: words/s per core (full, fast, bare spaCy), 1 -> N workers, peak memory, inserts.

Run with ``make bench`` or ``.venv/bin/python benchmarks/bench_scale.py [--issue-sizes]``.
Corpora are generated at run time in a temporary directory by shuffling sentences of the
example articles (never committed). Default sizes are modest so ``make bench`` stays short;
``--issue-sizes`` runs issue 8's sizes (1,000 -> 20,000 documents full, 10,000 -> 200,000
fast). Every figure is measured on this machine in this run; the JSON in
``bench-results/scale.json`` records the machine and the sizes actually run.

- throughput: ``analyze(workers=1)`` full and fast into a fresh SQLite file, beside bare
  ``spacy.load(MODEL)`` + ``nlp.pipe`` on the same texts (model load excluded from all).
- scaling: ``analyze`` full mode with 1 and with N worker processes, two ways. "pipeline
  loaded": the one-process run after ``load_nlp`` and the N-worker run in a
  ``WorkerPool`` already started (``pool.start()``), i.e. the throughput a long corpus run
  sees. "cold": the same plus the start-up each one pays (``load_nlp`` in this process;
  starting the pool: forkserver, spaCy import, one model load per worker), i.e. a short
  run of this corpus's size from scratch. The pool's start-up is printed too.
- memory: a fresh subprocess per corpus size runs ``analyze`` (nothing kept per document)
  and reports its own peak resident set (``VmHWM``; ``ru_maxrss`` where there is no
  ``/proc``, which on Linux would include this process's peak, hence corpora written one
  text at a time).
- inserts: documents per second saved by ``Store.save_extraction`` into SQLite and, when
  ``COUNTERPOINT_TEST_PG`` or ``--pg URL`` is given, PostgreSQL.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_analyze import EXAMPLES, MODEL, example_sentences, iter_texts, machine  # noqa: E402

Row = tuple[str, str]
RESULTS = Path(__file__).resolve().parent.parent / "bench-results" / "scale.json"


def corpus(directory: Path, documents: int, words: int, seed: int = 8) -> int:
    """Write ``documents`` generated texts as ``doc-NNNNNN.txt``; the number of words.

    One text at a time: this process stays small, so its peak does not end up in the
    figures of the processes it starts (see ``peak_memory``).
    """
    directory.mkdir(parents=True, exist_ok=True)
    total = 0
    texts = iter_texts(
        example_sentences(EXAMPLES), documents=documents, words_per_document=words, seed=seed
    )
    for i, text in enumerate(texts):
        (directory / f"doc-{i:06d}.txt").write_text(text, encoding="utf-8")
        total += len(text.split())
    return total


def run_analyze(directory: Path, db: Path, *, fast: bool) -> tuple[float, float]:
    """``(seconds to load the pipeline, seconds to analyse)`` in this process."""
    from counterpoint.nlp import load_nlp
    from counterpoint.pipeline import analyze
    from counterpoint.store import Store

    started = time.perf_counter()
    load_nlp(fast=fast)
    loaded = time.perf_counter()
    with Store.open(str(db)) as store:
        analyze([directory], store=store, fast=fast, keep_extractions=False)
    return loaded - started, time.perf_counter() - loaded


def run_workers(directory: Path, db: Path, *, workers: int) -> tuple[float, float]:
    """``(seconds to start the pool, seconds to analyse)`` with ``workers`` processes."""
    from counterpoint.extract import ExtractOptions
    from counterpoint.pipeline import analyze
    from counterpoint.scale.workers import WorkerPool
    from counterpoint.store import Store

    started = time.perf_counter()
    with WorkerPool(workers, fast=False, options=ExtractOptions()) as pool:
        pool.start()
        ready = time.perf_counter()
        with Store.open(str(db)) as store:
            analyze([directory], store=store, pool=pool, keep_extractions=False)
        return ready - started, time.perf_counter() - ready


def bare_spacy(directory: Path) -> float:
    import spacy

    nlp = spacy.load(MODEL)
    texts = [p.read_text(encoding="utf-8") for p in sorted(directory.glob("*.txt"))]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - started


# The peak resident set of the analysing process itself: VmHWM of /proc/self/status (its
# own address space). ru_maxrss is no use here: Linux carries the starting process's peak
# over exec, so a child of a big benchmark process reports at least the parent's peak.
_PEAK = (
    "def peak():\n"
    "    try:\n"
    "        with open('/proc/self/status') as status:\n"
    "            return next(int(l.split()[1]) for l in status if l.startswith('VmHWM:'))\n"
    "    except (OSError, StopIteration):\n"
    "        import resource\n"
    "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
)


def peak_memory(directory: Path, db: Path, *, fast: bool) -> float:
    """Peak RSS (MiB) of a fresh process analysing ``directory`` (VmHWM, see ``_PEAK``)."""
    code = (
        _PEAK + "from pathlib import Path\n"
        "from counterpoint.pipeline import analyze\nfrom counterpoint.store import Store\n"
        f"s=Store.open({str(db)!r})\n"
        f"analyze([Path({str(directory)!r})],store=s,fast={fast},workers=1,"
        "keep_extractions=False,max_summaries=0)\n"
        "print(peak())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(done.stdout.split()[-1]) / 1024


def insert_rate(url: str, n: int) -> float:
    from counterpoint.extract import extract_documents
    from counterpoint.ingest import iter_documents
    from counterpoint.nlp import load_nlp
    from counterpoint.records import Document
    from counterpoint.store import Store

    documents = [d for d in iter_documents([EXAMPLES]) if isinstance(d, Document)]
    base = list(extract_documents(documents, nlp=load_nlp()))
    copies = [
        dataclasses.replace(e, document=dataclasses.replace(e.document, sha256=f"{i:064x}"))
        for i in range(n)
        for e in base[i % len(base) : i % len(base) + 1]
    ]
    with Store.open(url) as store:
        started = time.perf_counter()
        for extraction in copies:
            store.save_extraction(extraction)
        return n / (time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--issue-sizes", action="store_true")
    parser.add_argument(
        "--memory-only", action="store_true", help="only the peak-memory curve (no throughput)"
    )
    parser.add_argument(
        "--modes", default="full,fast", help="modes of the memory curve (full, fast or both)"
    )
    parser.add_argument("--words", type=int, default=500, help="words per generated document")
    parser.add_argument("--throughput-docs", type=int, default=60)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--inserts", type=int, default=60)
    parser.add_argument("--pg", default=os.environ.get("COUNTERPOINT_TEST_PG"))
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    modes = set(args.modes.split(","))
    full_sizes = [1_000, 20_000] if args.issue_sizes else [50, 400]
    fast_sizes = [10_000, 200_000] if args.issue_sizes else [200, 1_600]
    full_sizes = full_sizes if "full" in modes else []
    fast_sizes = fast_sizes if "fast" in modes else []
    results: dict[str, Any] = {"machine": machine(), "words_per_document": args.words}
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="counterpoint-scale-") as tmp:
        root = Path(tmp)
        if not args.memory_only:
            rows += _throughput(args, root, results)
        rows += _memory(args, root, results, full_sizes=full_sizes, fast_sizes=fast_sizes)
        if not args.memory_only:
            rows += _inserts(args, root, results)
    results["measured_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    results["load_average"] = os.getloadavg()
    width = max(len(r[0]) for r in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value:>10}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def _throughput(args: argparse.Namespace, root: Path, results: dict[str, Any]) -> list[Row]:
    """Words/s of bare spaCy, full, fast and N workers on one corpus; the table rows."""
    words = corpus(root / "tp", args.throughput_docs, args.words)
    spacy_s = bare_spacy(root / "tp")
    load_s, full_s = run_analyze(root / "tp", root / "full.db", fast=False)
    _, fast_s = run_analyze(root / "tp", root / "fast.db", fast=True)
    start_s, many_s = run_workers(root / "tp", root / "many.db", workers=args.workers)
    t = results["throughput"] = {
        "documents": args.throughput_docs,
        "words": words,
        "spacy_words_per_s": words / spacy_s,
        "full_words_per_s": words / full_s,
        "fast_words_per_s": words / fast_s,
        "full_over_spacy": spacy_s / full_s,
        "fast_over_full": full_s / fast_s,
        f"workers_{args.workers}_words_per_s": words / many_s,
        "scaling": full_s / many_s,
        "scaling_cold": (load_s + full_s) / (start_s + many_s),
        "load_seconds": load_s,
        "pool_start_seconds": start_s,
    }
    return [
        ("bare spaCy nlp.pipe, words/s", f"{t['spacy_words_per_s']:,.0f}"),
        ("analyze full, 1 process, words/s", f"{t['full_words_per_s']:,.0f}"),
        ("analyze fast, 1 process, words/s", f"{t['fast_words_per_s']:,.0f}"),
        ("full / bare spaCy", f"{t['full_over_spacy']:.2f}"),
        ("fast / full", f"{t['fast_over_full']:.2f}"),
        (f"{args.workers} workers / 1 (full, pipeline loaded)", f"{t['scaling']:.2f}"),
        (f"{args.workers} workers / 1 (full, cold)", f"{t['scaling_cold']:.2f}"),
        (f"start: {args.workers}-worker pool / load_nlp, s", f"{start_s:.1f} / {load_s:.1f}"),
    ]


def _memory(
    args: argparse.Namespace,
    root: Path,
    results: dict[str, Any],
    *,
    full_sizes: list[int],
    fast_sizes: list[int],
) -> list[Row]:
    """Peak RSS of a fresh ``analyze`` per corpus size and mode; the table rows."""
    rows: list[Row] = []
    memory: dict[str, dict[int, float]] = {"full": {}, "fast": {}}
    for mode, sizes in (("full", full_sizes), ("fast", fast_sizes)):
        for size in sizes:
            directory = root / f"mem-{mode}-{size}"
            corpus(directory, size, args.words, seed=size)
            memory[mode][size] = peak_memory(
                directory, root / f"m-{mode}-{size}.db", fast=mode == "fast"
            )
            rows.append((f"peak RSS {mode}, {size:,} docs, MiB", f"{memory[mode][size]:.0f}"))
            shutil.rmtree(directory)
    results["peak_memory_mib"] = memory
    results["peak_memory_measure"] = "VmHWM of the analyze process (/proc/self/status)"
    return rows


def _inserts(args: argparse.Namespace, root: Path, results: dict[str, Any]) -> list[Row]:
    """Documents stored per second into SQLite (and PostgreSQL with ``--pg``)."""
    rates = {"sqlite": insert_rate(str(root / "ins.db"), args.inserts)}
    if args.pg:
        rates["postgresql"] = insert_rate(args.pg, args.inserts)
    results["inserts_per_s"] = rates
    return [(f"inserts into {k}, documents/s", f"{v:,.1f}") for k, v in rates.items()]


if __name__ == "__main__":
    sys.exit(main())
