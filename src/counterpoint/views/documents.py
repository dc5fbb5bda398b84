"""Documents as pages: metadata, highlighted text and items; text search with snippets.

Loading an extraction costs tens of milliseconds (every item row), so the web app keeps
highlighted documents in a :class:`DocumentCache` keyed by id, hash and pipeline
version: a re-analysed document gets a new key and is loaded afresh.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from counterpoint.records import Document
from counterpoint.store import Store
from counterpoint.store.store import StoredDocument
from counterpoint.views.highlight import HighlightedText, highlight

SNIPPET_CONTEXT = 80
MAX_SNIPPETS = 5
MAX_QUERY = 200


@dataclass(frozen=True)
class DocumentPage:
    """One document as shown: its stored summary, the document record and highlights."""

    stored: StoredDocument
    document: Document
    text: HighlightedText
    rulesets: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        """The title, or the file name when the document has none."""
        return self.stored.title or self.stored.name


class DocumentCache:
    """Highlighted documents by (id, sha256, pipeline version), least recently used out.

    Beside each page it can keep that page rendered as an HTML fragment (the text with
    its highlights takes most of a page's rendering time and never changes).
    """

    def __init__(self, size: int = 256) -> None:
        """Keep at most ``size`` documents."""
        self._size = size
        self._pages: OrderedDict[tuple[int, str, str], DocumentPage] = OrderedDict()
        self._fragments: dict[tuple[int, str, str], str] = {}
        self._lock = threading.Lock()

    def fragment(
        self, store: Store, stored: StoredDocument, render: Callable[[DocumentPage], str]
    ) -> str:
        """``render(page)`` for the page of ``stored``, computed once per cached page."""
        key = (stored.id, stored.sha256, stored.pipeline_version)
        page = self.page(store, stored)
        with self._lock:
            found = self._fragments.get(key)
        if found is None:
            found = render(page)
            with self._lock:
                if key in self._pages:
                    self._fragments[key] = found
        return found

    def page(self, store: Store, stored: StoredDocument) -> DocumentPage:
        """The page of ``stored``, from the cache or loaded from ``store``."""
        key = (stored.id, stored.sha256, stored.pipeline_version)
        with self._lock:
            found = self._pages.get(key)
            if found is not None:
                self._pages.move_to_end(key)
                return found
        page = document_page(store, stored)
        with self._lock:
            self._pages[key] = page
            while len(self._pages) > self._size:
                old, _ = self._pages.popitem(last=False)
                self._fragments.pop(old, None)
        return page


def document_page(
    store: Store, stored: StoredDocument, *, matches: tuple[tuple[int, int], ...] = ()
) -> DocumentPage:
    """Load and highlight one stored document (search ``matches`` marked too)."""
    extraction = store.load_extraction(stored.id)
    return DocumentPage(
        stored=stored,
        document=extraction.document,
        text=highlight(extraction, matches=matches),
        rulesets=extraction.rulesets,
    )


@dataclass(frozen=True)
class Snippet:
    """A match in context: the text before, the matched text, the text after."""

    start: int
    before: str
    match: str
    after: str


@dataclass(frozen=True)
class SearchHit:
    """A document containing the query: how often, and the first snippets."""

    document: StoredDocument
    count: int
    snippets: tuple[Snippet, ...]


@dataclass(frozen=True)
class SearchResults:
    """The documents whose text contains ``query`` (case-insensitive), most matches first."""

    query: str
    hits: tuple[SearchHit, ...]

    @property
    def total(self) -> int:
        """Matches over all documents."""
        return sum(hit.count for hit in self.hits)


def find_matches(text: str, query: str) -> list[tuple[int, int]]:
    """Offsets of every case-insensitive occurrence of ``query`` (whitespace-flexible)."""
    words = query.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def search(store: Store, query: str) -> SearchResults:
    """Search the stored documents' text for ``query`` (words in order, any case).

    The database narrows the candidates with a case-insensitive ``LIKE`` on the first
    word; the exact matching and the snippets are computed here.
    """
    query = " ".join(query.split())[:MAX_QUERY]
    if not query:
        return SearchResults(query="", hits=())
    from counterpoint.store import schema

    documents = schema.documents
    first = query.split()[0]
    with store.transaction() as conn:
        rows = conn.execute(
            select(documents.c.id, documents.c.text).where(
                documents.c.text.icontains(first, autoescape=True)
            )
        ).all()
    stored = {d.id: d for d in store.list_documents()}
    hits = []
    for document_id, text in rows:
        found = find_matches(text, query)
        if found and document_id in stored:
            hits.append(
                SearchHit(
                    document=stored[document_id],
                    count=len(found),
                    snippets=tuple(_snippet(text, s, e) for s, e in found[:MAX_SNIPPETS]),
                )
            )
    hits.sort(key=lambda hit: (-hit.count, hit.document.id))
    return SearchResults(query=query, hits=tuple(hits))


def _snippet(text: str, start: int, end: int) -> Snippet:
    before = text[max(0, start - SNIPPET_CONTEXT) : start]
    after = text[end : end + SNIPPET_CONTEXT]
    return Snippet(
        start=start,
        before=("…" if start > SNIPPET_CONTEXT else "") + _squash(before),
        match=text[start:end],
        after=_squash(after) + ("…" if end + SNIPPET_CONTEXT < len(text) else ""),
    )


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)
