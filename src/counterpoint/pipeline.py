"""The main job: ingest -> extract -> store, over files, directories and JSONL corpora.

``analyze`` reads every input (a bad file becomes a one-line error and the rest go on),
skips documents already stored with the same content hash and pipeline version, streams
the others through the spaCy pipeline (in this process, or in ``workers`` processes, see
:mod:`counterpoint.scale.workers`), and stores each extraction in its own transaction as
it arrives. Memory stays bounded: documents are read lazily, and per-document summaries
and extractions are kept only as asked.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language

from counterpoint.errors import CounterpointError, IngestError
from counterpoint.extract import ExtractOptions, extract_documents, pipeline_version
from counterpoint.ingest import DEFAULT_MAX_CHARS, iter_documents
from counterpoint.records import Document, Extraction
from counterpoint.store import Store, StoredDocument

if TYPE_CHECKING:
    from counterpoint.scale.workers import WorkerPool


@dataclass(frozen=True)
class DocumentSummary:
    """One line of the per-document summary."""

    name: str
    title: str | None
    author: str | None
    published: date | None
    words: int
    forecasts: int
    events: int
    actors: int
    claims: int
    status: str


@dataclass(frozen=True)
class AnalyzeResult:
    """What ``analyze`` did: per-document summaries, errors, and the extractions made."""

    summaries: tuple[DocumentSummary, ...]
    errors: tuple[str, ...]
    extractions: tuple[Extraction, ...]
    words: int
    seconds: float
    stored: int = 0
    unchanged: int = 0
    interrupted: bool = False


def summarize(extraction: Extraction, status: str) -> DocumentSummary:
    """The summary line of one extraction, with its status (``stored``, ``unchanged``)."""
    document = extraction.document
    return DocumentSummary(
        document.name,
        document.title,
        document.author,
        document.published,
        document.word_count,
        len(extraction.forecasts),
        len(extraction.events),
        len(extraction.actors),
        len(extraction.claims),
        status,
    )


def _unchanged(document: Document, found: StoredDocument) -> DocumentSummary:
    """The summary of a document skipped as already stored, with its stored counts.

    The stored publication date is shown: an estimated one is made during extraction, so the
    freshly read document does not carry it.
    """
    return DocumentSummary(
        document.name,
        document.title,
        document.author,
        found.published or document.published,
        document.word_count,
        found.n_forecasts,
        found.n_events,
        found.n_actors,
        found.n_claims,
        "unchanged",
    )


@dataclass
class _Run:
    """What a run has done so far (the parent's bookkeeping, bounded in memory)."""

    keep_extractions: bool
    max_summaries: int | None
    progress: Callable[[Document | None], None] | None
    summaries: list[DocumentSummary] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    made: list[Extraction] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: {"stored": 0, "unchanged": 0})
    words: int = 0

    def done(self, summary: DocumentSummary, document: Document) -> None:
        self.counts[summary.status] += 1
        self.words += summary.words
        if self.max_summaries is None or len(self.summaries) < self.max_summaries:
            self.summaries.append(summary)
        if self.progress is not None:
            self.progress(document)

    def error(self, line: str) -> None:
        self.errors.append(line)
        if self.progress is not None:
            self.progress(None)


def _new_documents(
    paths: Sequence[Path],
    *,
    published: date | None,
    store: Store,
    version: str,
    run: _Run,
    max_chars: int,
) -> Iterator[Document]:
    for item in iter_documents(paths, published=published, max_chars=max_chars):
        if isinstance(item, IngestError):
            run.error(str(item))
            continue
        found = store.stored(item.sha256, version)
        if found is not None:
            run.done(_unchanged(item, found), item)
        else:
            yield item


def analyze(
    paths: Sequence[Path],
    *,
    store: Store,
    nlp: Language | None = None,
    fast: bool = False,
    workers: int = 1,
    published: date | None = None,
    options: ExtractOptions | None = None,
    progress: Callable[[Document | None], None] | None = None,
    keep_extractions: bool = True,
    max_summaries: int | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    pool: WorkerPool | None = None,
) -> AnalyzeResult:
    """Ingest, extract and store every document under ``paths``.

    Every document is committed in its own transaction as soon as it is extracted, and
    documents already stored with the same hash and pipeline version are skipped, so a
    run that is interrupted (Ctrl-C, a crash) loses nothing and running it again resumes
    where it stopped.

    Args:
        paths: files (.txt .md .html .pdf .jsonl) and directories.
        store: where results go; documents already there with the same hash and
            pipeline version are skipped.
        nlp: the pipeline from ``load_nlp`` (built here when None; unused by workers,
            which build their own).
        fast: the fast pipeline (when ``nlp`` is None).
        workers: extraction processes; 1 extracts in this process.
        published: overrides the publication date of every document.
        options: extraction options.
        progress: called once per input: with the document (stored or unchanged) or
            with None (an input that could not be read).
        keep_extractions: return the new extractions (memory grows with the corpus).
        max_summaries: keep at most this many per-document summaries (None: all).
        max_chars: longer documents are refused with a one-line error (bounds the time
            and memory one document can take).
        pool: a started :class:`~counterpoint.scale.workers.WorkerPool` to extract in
            (``workers``, ``nlp`` and ``fast`` are then unused: the pool's pipeline
            decides; the caller stops the pool).

    Returns:
        Summaries, errors (one line each) and, if kept, the new extractions.
    """
    from counterpoint.nlp import load_nlp

    started = time.perf_counter()
    # The model, vocabulary and rule tables live for the whole run: freezing them keeps the
    # cyclic garbage collector from rescanning them on every collection of a long run.
    gc.freeze()
    if pool is not None:
        fast = pool.fast
    elif nlp is not None:
        fast = not nlp.has_pipe("parser")
    version = pipeline_version(fast=fast)
    run = _Run(keep_extractions, max_summaries, progress)
    documents = _new_documents(
        paths, published=published, store=store, version=version, run=run, max_chars=max_chars
    )
    interrupted = False
    with ExitStack() as stack:
        if pool is not None:
            extractions = pool.extract(documents)
        elif workers > 1:
            from counterpoint.scale.workers import WorkerPool

            pool = stack.enter_context(
                WorkerPool(workers, fast=fast, options=options or ExtractOptions())
            )
            extractions = pool.extract(documents)
        else:
            extractions = extract_documents(
                documents, nlp=nlp or load_nlp(fast=fast), options=options
            )
        try:
            for extraction in extractions:
                _store(extraction, store, run)
        except KeyboardInterrupt:
            interrupted = True
    return AnalyzeResult(
        tuple(run.summaries),
        tuple(run.errors),
        tuple(run.made),
        run.words,
        time.perf_counter() - started,
        stored=run.counts["stored"],
        unchanged=run.counts["unchanged"],
        interrupted=interrupted,
    )


def _store(extraction: Extraction, store: Store, run: _Run) -> None:
    try:
        store.save_extraction(extraction)
    except CounterpointError as e:
        run.error(f"{extraction.document.name}: {e}")
        return
    if run.keep_extractions:
        run.made.append(extraction)
    run.done(summarize(extraction, "stored"), extraction.document)


def extract_file(
    path: Path,
    *,
    nlp: Language,
    published: date | None = None,
    options: ExtractOptions | None = None,
) -> Extraction:
    """Read one file and extract it, without storing anything."""
    from counterpoint.extract import extract_document
    from counterpoint.ingest import read_document

    return extract_document(read_document(path, published=published), nlp=nlp, options=options)
