"""The comparison as a section: aligned claims side by side, shared events, stances.

The records come from :func:`counterpoint.compare.compare_documents`; this module adds
only what a page needs to link each quote to its place in its document (the document's
id and, where the quote is one of the document's claims or events, that item's key).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from counterpoint.compare import CompareError, Comparison, compare_documents
from counterpoint.store import Store
from counterpoint.store.store import StoredDocument
from counterpoint.views.highlight import ItemView, actor_views, claim_view, event_view

MAX_DOCUMENTS = 8


@dataclass(frozen=True)
class Anchor:
    """Where a quote is: the document's id and title, and the item key (``c4``) if any."""

    document_id: int
    title: str
    key: str = ""


@dataclass(frozen=True)
class CompareSection:
    """A comparison, and for each (document name, start, end) quoted, its anchor."""

    comparison: Comparison
    titles: dict[str, str]
    anchors: dict[tuple[str, int, int], Anchor]

    def anchor(self, document: str, start: int, end: int) -> Anchor | None:
        """The anchor of a quoted span, or None when the document is unknown."""
        found = self.anchors.get((document, start, end))
        if found is not None:
            return found
        return self.anchors.get((document, -1, -1))


def compare_section(
    store: Store, documents: Sequence[StoredDocument], *, limit: int = MAX_DOCUMENTS
) -> CompareSection | None:
    """Compare ``documents`` (2 to ``limit`` of them); None when they cannot be compared.

    A side-by-side reading of more than a handful of documents is not readable, and
    documents whose names repeat cannot be told apart by the comparison: both give None.
    """
    if not 2 <= len(documents) <= limit:
        return None
    extractions = [store.load_extraction(d.id) for d in documents]
    try:
        comparison = compare_documents(extractions)
    except CompareError:
        return None
    anchors: dict[tuple[str, int, int], Anchor] = {}
    titles: dict[str, str] = {}
    for stored, extraction in zip(documents, extractions, strict=True):
        title = stored.title or stored.name
        titles[stored.name] = title
        anchors[(stored.name, -1, -1)] = Anchor(stored.id, title)
        views: list[ItemView] = [claim_view(i, c) for i, c in enumerate(extraction.claims)]
        views += [event_view(i, e) for i, e in enumerate(extraction.events)]
        views += list(actor_views(extraction.actors)[0])
        for view in views:
            anchors.setdefault(
                (stored.name, view.start, view.end), Anchor(stored.id, title, view.key)
            )
    return CompareSection(comparison=comparison, titles=titles, anchors=anchors)
