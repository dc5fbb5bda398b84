"""Extraction in worker processes: ``analyze --workers N``.

Each worker process builds the spaCy pipeline once (``load_nlp`` in the pool
initializer) and then extracts whole batches of documents with ``nlp.pipe``. The parent
keeps at most ``2 * workers`` batches in flight, so memory stays constant however large
the corpus: documents are read only as fast as workers free up. Results come back in
input order; the parent stores them (one transaction per document), so the database has
a single writer per run.

Workers use the ``forkserver`` start method (a clean process, with spaCy and the
extractors imported once in the server) rather than ``fork``, which is unsafe once the
parent runs threads (the progress bar does). Workers ignore SIGINT: Ctrl-C reaches the
parent, which stops submitting, cancels what has not started and returns what is stored.
Each worker also watches the parent process (a ``pidfd`` on Linux, polling elsewhere) and
exits as soon as it is gone: a parent killed on its own (the OOM killer, a timeout's
SIGKILL) must not leave a worker burning a core on a batch nobody will read (seen before
this guard: an orphaned worker still extracting minutes after its run was killed).

``WorkerPool.start`` waits until every worker has loaded the pipeline; the pool can be
passed to ``analyze(pool=...)`` so that several runs share one (and so that benchmarks can
time extraction apart from start-up).

To save pickling, a worker returns each extraction without the document text; the parent
puts its own copy back.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import select
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool as BrokenProcessPoolError
from dataclasses import replace

from counterpoint.errors import CounterpointError
from counterpoint.extract import ExtractOptions, extract_documents
from counterpoint.records import Document, Extraction
from counterpoint.scale.inputs import batched

BATCH_DOCUMENTS = 8
_PRELOAD = ["spacy", "counterpoint.extract", "counterpoint.nlp"]

_worker_fast: bool = False
_worker_options: ExtractOptions = ExtractOptions()


def available_cores() -> int:
    """The CPU cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _exit_with_parent(parent: int) -> None:
    """Block until process ``parent`` has ended, then end this process at once."""
    try:
        fd = os.pidfd_open(parent)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):  # no pidfd (not Linux, old kernel): poll
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # the pid was reused by another user's process
                os._exit(1)
    select.select([fd], [], [])
    os._exit(1)


def _init_worker(fast: bool, options: ExtractOptions, parent: int) -> None:
    global _worker_fast, _worker_options
    from counterpoint.nlp import load_nlp

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    _worker_fast, _worker_options = fast, options
    load_nlp(fast=fast)
    gc.freeze()


def _ready() -> int:
    time.sleep(0.05)  # long enough for the other idle workers to take the other calls
    return os.getpid()


def _extract_batch(documents: list[Document]) -> list[Extraction]:
    from counterpoint.nlp import load_nlp

    nlp = load_nlp(fast=_worker_fast)
    return [
        replace(extraction, document=replace(extraction.document, text=""))
        for extraction in extract_documents(documents, nlp=nlp, options=_worker_options)
    ]


class WorkerPool:
    """A pool of extraction processes; use as a context manager.

    >>> with WorkerPool(2, fast=False, options=ExtractOptions()) as pool:  # doctest: +SKIP
    ...     for extraction in pool.extract(documents):
    ...         store.save_extraction(extraction)
    """

    def __init__(
        self,
        workers: int,
        *,
        fast: bool,
        options: ExtractOptions,
        batch_documents: int = BATCH_DOCUMENTS,
    ) -> None:
        """Start ``workers`` processes (each loads the pipeline once)."""
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(_PRELOAD)
        self.workers = workers
        self.fast = fast
        self.batch_documents = batch_documents
        self._executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_init_worker,
            initargs=(fast, options, os.getpid()),
        )

    def start(self, timeout: float = 300.0) -> WorkerPool:
        """Wait until every worker process has started and loaded the pipeline.

        Raises:
            CounterpointError: a worker died, or they were not all ready within ``timeout``.
        """
        deadline = time.monotonic() + timeout
        ready: set[int] = set()
        while len(ready) < self.workers:
            if time.monotonic() > deadline:
                raise CounterpointError(f"{self.workers - len(ready)} worker(s) did not start")
            calls = [self._executor.submit(_ready) for _ in range(self.workers)]
            try:
                ready.update(call.result() for call in calls)
            except BrokenProcessPoolError as e:
                raise CounterpointError(f"a worker process died while starting ({e})") from e
        return self

    def __enter__(self) -> WorkerPool:
        """Return the pool."""
        return self

    def __exit__(self, exc_type: object, exc: object, traceback: object) -> None:
        """Stop the workers; on an error or interruption, cancel batches not started."""
        self._executor.shutdown(wait=exc_type is None, cancel_futures=True)

    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        """Extract ``documents`` in the workers; yield the extractions in input order."""
        pending: deque[tuple[list[Document], Future[list[Extraction]]]] = deque()
        limit = 2 * self.workers
        for batch in batched(documents, self.batch_documents):
            pending.append((batch, self._executor.submit(_extract_batch, batch)))
            while len(pending) >= limit:
                yield from self._collect(*pending.popleft())
        while pending:
            yield from self._collect(*pending.popleft())

    @staticmethod
    def _collect(batch: list[Document], future: Future[list[Extraction]]) -> Iterator[Extraction]:
        try:
            extractions = future.result()
        except BrokenProcessPoolError as e:
            raise CounterpointError(f"a worker process died ({e}); rerun with --resume") from e
        for document, extraction in zip(batch, extractions, strict=True):
            yield replace(extraction, document=replace(extraction.document, text=document.text))
