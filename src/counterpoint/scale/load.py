"""``counterpoint load``: bring Parquet output (see :mod:`counterpoint.scale.parquet`) into a store.

Parts are read one at a time, so memory is bounded by the largest part. Each document is
saved in its own transaction with :meth:`Store.save_extraction`, so loading is idempotent
(a document already stored with the same hash and pipeline version is left as it is) and
an interrupted load can simply be run again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from counterpoint.errors import CounterpointError
from counterpoint.records import Extraction
from counterpoint.scale.parquet import parts, read_part
from counterpoint.store import Store


@dataclass(frozen=True)
class LoadResult:
    """What a load did."""

    parts: int
    stored: int
    unchanged: int
    errors: tuple[str, ...]


def load_parquet(
    directory: Path,
    store: Store,
    *,
    progress: Callable[[Extraction], None] | None = None,
) -> LoadResult:
    """Save every extraction of the Parquet output in ``directory`` into ``store``.

    Raises:
        CounterpointError: ``directory`` holds no counterpoint Parquet output.
    """
    found = parts(directory)
    if not found:
        raise CounterpointError(
            f"{directory}: no Parquet output here (expected {directory}/documents/*.parquet)"
        )
    stored = unchanged = 0
    errors: list[str] = []
    for part in found:
        for extraction in read_part(directory, part):
            try:
                result = store.save_extraction(extraction)
            except CounterpointError as e:
                errors.append(str(e))
                continue
            stored += result.created
            unchanged += not result.created
            if progress is not None:
                progress(extraction)
    return LoadResult(len(found), stored, unchanged, tuple(errors))
