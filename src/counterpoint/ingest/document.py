"""Assemble a ``Document`` from a text and what is known about it.

Metadata comes, in order of precedence, from the caller's options, from the source's
own fields (HTML markup, JSONL keys) and from the text's lines. Boilerplate lines,
date lines and bylines are masked; the title never is, since it is text as well.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from counterpoint.ingest.boilerplate import boilerplate_spans
from counterpoint.ingest.metadata import find_metadata
from counterpoint.records import Document


@dataclass(frozen=True)
class Known:
    """Metadata known before the text is read: from options or the source's fields."""

    title: str | None = None
    author: str | None = None
    published: date | None = None
    published_source: str = "unknown"
    url: str | None = None


def content_hash(text: str, fmt: str) -> str:
    """Return the SHA-256 of the format and the text: the same content hashes the same.

    Example:
        >>> content_hash("a", "txt") == content_hash("a", "txt") != content_hash("a", "md")
        True
    """
    return hashlib.sha256(f"{fmt}\x00{text}".encode()).hexdigest()


def _title_span(text: str, title: str) -> tuple[int, int] | None:
    start = text.find(title)
    return (start, start + len(title)) if start >= 0 else None


def _merge(spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def build_document(text: str, *, name: str, fmt: str, path: str | None, known: Known) -> Document:
    """Make the ``Document`` for ``text``, finding what ``known`` leaves open in the text.

    Args:
        text: The document text that offsets point into.
        name: The document name (file name, or ``file.jsonl#3``).
        fmt: ``txt``, ``md``, ``html``, ``pdf`` or ``jsonl``.
        path: The file read, if any.
        known: Metadata from options or the source's fields; wins over the text's.
    """
    found = find_metadata(text)
    title = known.title or found.title
    title_span = _title_span(text, known.title) if known.title else found.title_span
    published, source = known.published, known.published_source
    if published is None and found.published is not None:
        published, source = found.published, "text"
    keep = (title_span,) if title_span else ()
    meta_spans = [
        span
        for span in found.spans
        if not title_span or span[1] <= title_span[0] or span[0] >= title_span[1]
    ]
    return Document(
        name=name,
        text=text,
        sha256=content_hash(text, fmt),
        format=fmt,
        path=path,
        title=title,
        title_span=title_span,
        author=known.author or found.author,
        published=published,
        published_source=source if published is not None else "unknown",
        url=known.url,
        masked=_merge([*boilerplate_spans(text, keep=keep), *meta_spans]),
    )
