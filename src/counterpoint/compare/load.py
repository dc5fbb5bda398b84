"""Resolve the documents named on the command line to extractions.

A name is a stored document (by name or id) or a file path; a path whose file name is
stored is read from the store, any other path is analysed on the fly (not stored).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from counterpoint.errors import StoreError
from counterpoint.records import Extraction
from counterpoint.store import Store


def resolve(
    names: Sequence[str], *, store: Store, published: date | None = None
) -> list[Extraction]:
    """One extraction per name, in order.

    Raises:
        StoreError: a name is neither a file nor a stored document.
    """
    found = []
    nlp = None
    for name in names:
        path = Path(name)
        try:
            stored = store.find_document(path.name if path.is_file() else name)
            found.append(store.load_extraction(stored.id))
            continue
        except StoreError:
            if not path.is_file():
                raise
        if nlp is None:
            from counterpoint.nlp import load_nlp

            nlp = load_nlp()
        from counterpoint.pipeline import extract_file

        found.append(extract_file(path, nlp=nlp, published=published))
    return found
