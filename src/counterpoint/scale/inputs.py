"""Counting a run's inputs up front, so the progress bar can show an ETA.

The count follows ingest's selection rule (directories recursively, known extensions,
hidden files and README/SOURCES/LICENSE skipped); a JSONL corpus counts its non-blank
lines. Counting reads directory listings and JSONL bytes only, never parses a document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def count_inputs(paths: Sequence[Path]) -> int:
    """The number of documents (or per-document errors) ``iter_documents`` will yield."""
    from counterpoint.ingest import directory_files

    total = 0
    for path in paths:
        files = directory_files(path) if path.is_dir() else [path]
        total += sum(_count_file(file) for file in files) or (1 if path.is_dir() else 0)
    return total


def _count_file(path: Path) -> int:
    if path.suffix.lower() != ".jsonl":
        return 1
    try:
        with path.open("rb") as lines:
            return sum(1 for line in lines if line.strip()) or 1
    except OSError:
        return 1


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` consecutive items (the last one shorter)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
