"""The main job: ingest -> extract -> store, over files, directories and JSONL corpora.

``analyze`` reads every input (a bad file becomes a one-line error and the rest go on),
skips documents already stored with the same content hash and pipeline version, streams
the others through the spaCy pipeline once, and stores each extraction in its own
transaction.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.language import Language

from counterpoint.errors import CounterpointError, IngestError
from counterpoint.extract import ExtractOptions, extract_documents, pipeline_version
from counterpoint.ingest import iter_documents
from counterpoint.records import Document, Extraction
from counterpoint.store import Store


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


def _summary(extraction: Extraction, status: str) -> DocumentSummary:
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


def _unchanged(extractions: Sequence[Extraction], store: Store) -> list[DocumentSummary]:
    """Summaries of documents skipped as already stored, with their stored counts."""
    if not extractions:
        return []
    stored = {(d.sha256, d.pipeline_version): d for d in store.list_documents()}
    summaries = []
    for extraction in extractions:
        document = extraction.document
        found = stored.get((document.sha256, extraction.pipeline_version))
        counts = (
            (found.n_forecasts, found.n_events, found.n_actors, found.n_claims)
            if found
            else (0, 0, 0, 0)
        )
        summaries.append(
            DocumentSummary(
                document.name,
                document.title,
                document.author,
                document.published,
                document.word_count,
                *counts,
                "unchanged",
            )
        )
    return summaries


def _new_documents(
    paths: Sequence[Path],
    *,
    published: date | None,
    store: Store,
    version: str,
    errors: list[str],
    unchanged: list[Extraction],
) -> Iterator[Document]:
    for item in iter_documents(paths, published=published):
        if isinstance(item, IngestError):
            errors.append(str(item))
        elif store.has_document(item.sha256, version):
            unchanged.append(Extraction(document=item, pipeline_version=version))
        else:
            yield item


def analyze(
    paths: Sequence[Path],
    *,
    store: Store,
    nlp: Language,
    published: date | None = None,
    options: ExtractOptions | None = None,
    progress: Callable[[Document], None] | None = None,
) -> AnalyzeResult:
    """Ingest, extract and store every document under ``paths``.

    Args:
        paths: files (.txt .md .html .pdf .jsonl) and directories.
        store: where results go; documents already there with the same hash and
            pipeline version are skipped.
        nlp: the pipeline from ``load_nlp``.
        published: overrides the publication date of every document.
        options: extraction options.
        progress: called once per document analysed.

    Returns:
        Summaries, errors (one line each) and the new extractions.
    """
    started = time.perf_counter()
    # The model, vocabulary and rule tables live for the whole run: freezing them keeps the
    # cyclic garbage collector from rescanning them on every collection of a long run.
    gc.freeze()
    version = pipeline_version(fast=not nlp.has_pipe("parser"))
    errors: list[str] = []
    unchanged: list[Extraction] = []
    made: list[Extraction] = []
    summaries: list[DocumentSummary] = []
    documents = _new_documents(
        paths, published=published, store=store, version=version, errors=errors, unchanged=unchanged
    )
    for extraction in extract_documents(documents, nlp=nlp, options=options):
        try:
            store.save_extraction(extraction)
        except CounterpointError as e:
            errors.append(f"{extraction.document.name}: {e}")
            continue
        made.append(extraction)
        summaries.append(_summary(extraction, "stored"))
        if progress is not None:
            progress(extraction.document)
    summaries.extend(_unchanged(unchanged, store))
    words = sum(s.words for s in summaries)
    return AnalyzeResult(
        tuple(summaries), tuple(errors), tuple(made), words, time.perf_counter() - started
    )


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
