"""``analyze --engine dask``: extraction as tasks on a dask.distributed cluster.

The client (this process) reads the inputs, skips documents already in the database or,
with ``resume``, already in the Parquet directory, and submits batches of documents as
tasks (``Client.submit``), keeping at most ``2 * workers`` batches in flight so memory
stays bounded. Each task extracts its batch on a worker, where the spaCy pipeline is built
once per worker process (``load_nlp`` is cached) and used by one thread at a time, and
writes one Parquet part (see :mod:`counterpoint.scale.parquet`) into ``directory``,
which must therefore be a path every worker can write (a shared file system). The task
returns only the per-document counts. Scheduling, retries and data movement are Dask's.

Without a scheduler address a LocalCluster of ``workers`` single-threaded processes is
started for the run.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from counterpoint.errors import CounterpointError, IngestError
from counterpoint.extract import ExtractOptions, extract_documents, pipeline_version
from counterpoint.ingest.text import DEFAULT_MAX_CHARS
from counterpoint.pipeline import DocumentSummary, summarize
from counterpoint.records import Document
from counterpoint.scale.inputs import batched
from counterpoint.scale.parquet import parts, write_part, written_keys

BATCH_DOCUMENTS = 8
_NLP_LOCK = threading.Lock()


@dataclass(frozen=True)
class DaskResult:
    """What a Dask run wrote."""

    written: tuple[DocumentSummary, ...]
    skipped: int
    errors: tuple[str, ...]
    parts: int


def extract_part(
    documents: list[Document], directory: str, part: str, fast: bool, options: ExtractOptions
) -> list[DocumentSummary]:
    """The task: extract ``documents`` and write them as the Parquet part ``part``."""
    from counterpoint.nlp import load_nlp

    with _NLP_LOCK:
        nlp = load_nlp(fast=fast)
        extractions = list(extract_documents(documents, nlp=nlp, options=options))
    write_part(Path(directory), part, extractions)
    return [summarize(e, "stored") for e in extractions]


def run_dask(
    paths: Sequence[Path],
    *,
    directory: Path,
    scheduler: str | None,
    workers: int,
    fast: bool = False,
    options: ExtractOptions | None = None,
    published: date | None = None,
    resume: bool = False,
    skip: Callable[[str, str], bool] | None = None,
    progress: Callable[[Document | None], None] | None = None,
    batch_documents: int = BATCH_DOCUMENTS,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> DaskResult:
    """Extract every document under ``paths`` on a Dask cluster into Parquet ``directory``.

    Args:
        paths: files and directories, as for ``analyze``.
        directory: the Parquet output; must be empty or absent unless ``resume``.
        scheduler: a scheduler address (``tcp://host:8786``); None starts a LocalCluster.
        workers: worker processes of the LocalCluster (and the in-flight bound).
        fast: the fast pipeline.
        options: extraction options.
        published: overrides every document's publication date.
        resume: continue an earlier run into ``directory``, skipping what it wrote.
        skip: ``skip(sha256, version)`` says a document is done elsewhere (the database).
        progress: called per input, with the document or None for an unreadable input.
        batch_documents: documents per task (and per Parquet part).
        max_chars: longer documents are refused with a one-line error.
    """
    from distributed import Client, LocalCluster, as_completed

    from counterpoint.ingest import iter_documents

    if parts(directory) and not resume:
        raise CounterpointError(
            f"{directory}: already holds Parquet output; pass --resume to continue that run "
            "or choose an empty directory"
        )
    directory.mkdir(parents=True, exist_ok=True)
    done = written_keys(directory) if resume else set()
    version = pipeline_version(fast=fast)
    options = options or ExtractOptions()
    errors: list[str] = []
    skipped = 0

    def todo() -> Iterator[Document]:
        nonlocal skipped
        for item in iter_documents(paths, published=published, max_chars=max_chars):
            if isinstance(item, IngestError):
                errors.append(str(item))
                _tick(progress, None)
            elif (item.sha256, version) in done or (skip and skip(item.sha256, version)):
                skipped += 1
                _tick(progress, item)
            else:
                yield item

    run = uuid.uuid4().hex[:12]
    written: list[DocumentSummary] = []
    count = 0
    cluster: Any = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
        scheduler = cluster.scheduler_address
    try:
        with Client(scheduler, set_as_default=False) as client:
            limit = 2 * max(workers, len(client.scheduler_info().get("workers", {})), 1)
            running = as_completed(loop=client.loop)
            batches: dict[Any, list[Document]] = {}

            def finish(future: Any) -> None:
                batch = batches.pop(future)
                for document, item in zip(batch, future.result(), strict=True):
                    written.append(item)
                    _tick(progress, document)

            for batch in batched(todo(), batch_documents):
                part = f"part-{run}-{count:06d}"
                count += 1
                future = client.submit(
                    extract_part, batch, str(directory), part, fast, options, pure=False
                )
                batches[future] = batch
                running.add(future)
                while running.count() >= limit:
                    finish(next(running))
            for future in running:
                finish(future)
    finally:
        if cluster is not None:
            cluster.close()
    return DaskResult(tuple(written), skipped, tuple(errors), count)


def _tick(progress: Callable[[Document | None], None] | None, item: Document | None) -> None:
    if progress is not None:
        progress(item)
