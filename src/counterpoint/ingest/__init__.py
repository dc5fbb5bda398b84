"""Ingest: files (.txt .md .html .pdf) and JSONL corpora to ``Document`` records.

``read_document`` reads one file; ``read_jsonl`` one corpus; ``iter_documents`` any mix
of files and directories, turning each bad input into an ``IngestError`` item instead
of stopping. Offsets in a ``Document`` point into ``Document.text``: for text files the
file's content as read, for HTML and PDF the extracted text.

Example:
    >>> document = read_document(Path("examples/sino-russian/driving-a-wedge-wont-work.txt"))
    >>> document.published, document.published_source
    (datetime.date(2021, 8, 24), 'text')
"""

from __future__ import annotations

import heapq
import os
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from counterpoint.errors import IngestError
from counterpoint.ingest.boilerplate import BOILERPLATE_RULESET
from counterpoint.ingest.dates import parse_date_option
from counterpoint.ingest.document import Known, build_document
from counterpoint.ingest.html import read_html
from counterpoint.ingest.jsonl import read_jsonl
from counterpoint.ingest.pdf import read_pdf
from counterpoint.ingest.text import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CHARS,
    check_length,
    decode_text,
    read_bytes,
)
from counterpoint.records import Document

__all__ = [
    "BOILERPLATE_RULESET",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CHARS",
    "FORMATS",
    "directory_files",
    "iter_documents",
    "parse_date_option",
    "read_document",
    "read_jsonl",
]

FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
_JSONL = ".jsonl"
_SKIPPED_NAMES = ("sources.md", "readme.md")
_NO_DOCUMENTS = "no readable documents (.txt .md .html .pdf .jsonl)"


def _format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = " ".join(sorted(set(FORMATS) | {_JSONL}))
        raise IngestError(
            str(path), f"unsupported file type {path.suffix or '(none)'!r}; expected one of {known}"
        )
    return fmt


def _known(
    fmt: str, data: bytes, source: str, *, title: str | None, author: str | None
) -> tuple[str, Known]:
    if fmt == "html":
        page = read_html(data, source)
        return page.text, Known(
            title=title or page.title,
            author=author or page.author,
            published=page.published,
            published_source="html-metadata",
            url=page.url,
        )
    text = read_pdf(data, source) if fmt == "pdf" else decode_text(data, source)
    return text, Known(title=title, author=author)


def read_document(
    path: Path,
    *,
    published: date | None = None,
    title: str | None = None,
    author: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Document:
    """Read one .txt, .md, .html or .pdf file as a ``Document``.

    Args:
        path: The file.
        published: The publication date; wins over any date found in the file.
        title: The title; wins over the one found.
        author: The author; wins over the one found.
        max_bytes: Larger files are refused.
        max_chars: Documents whose text is longer are refused (bounds time and memory).

    Raises:
        IngestError: The file is missing, a directory, empty, binary, not UTF-8, of an
            unsupported type, too large, an HTML page without main text or a PDF
            without text.
    """
    source = str(path)
    data = read_bytes(path, max_bytes=max_bytes)
    fmt = _format(path)
    text, known = _known(fmt, data, source, title=title, author=author)
    check_length(text, source, max_chars=max_chars)
    if published is not None:
        known = replace(known, published=published, published_source="option")
    return build_document(text, name=path.name, fmt=fmt, path=source, known=known)


def _with_published(item: Document | IngestError, published: date | None) -> Document | IngestError:
    if published is None or isinstance(item, IngestError):
        return item
    return replace(item, published=published, published_source="option")


def _read_file(
    path: Path, *, published: date | None, max_chars: int
) -> Iterator[Document | IngestError]:
    if path.suffix.lower() == _JSONL:
        items = read_jsonl(path, max_chars=max_chars)
        yield from (_with_published(item, published) for item in items)
        return
    try:
        yield read_document(path, published=published, max_chars=max_chars)
    except IngestError as e:
        yield e


def _skipped(name: str) -> bool:
    """Whether a file named ``name`` (in a directory being read) is left out."""
    lowered = name.lower()
    return name.startswith(".") or lowered in _SKIPPED_NAMES or lowered.startswith("license")


# A directory's file names are sorted in runs of this many, each run then held as one
# string (about the names' length per file), and the runs merged: memory per file listed
# stays a few tens of bytes instead of a string object, a list slot and a pathlib part.
_NAMES_PER_RUN = 4096
_SEPARATOR = "\0"  # the one character no file name can hold (besides "/")


def _run_names(run: str) -> Iterator[str]:
    start = 0
    while start < len(run):
        end = run.index(_SEPARATOR, start)
        yield run[start:end]
        start = end + 1


def _listing(directory: str, known: frozenset[str]) -> tuple[Iterator[str], list[str]]:
    """``(the files read here, in name order; the subdirectories to walk, in name order)``.

    Hidden entries are left out, and links to directories are not followed; a directory
    that cannot be listed reads as empty (as ``os.walk`` does).
    """
    runs: list[str] = []
    names: list[str] = []
    subdirectories: list[str] = []
    try:
        with os.scandir(directory) as entries:
            for entry in entries:
                name = entry.name
                try:
                    is_dir = entry.is_dir()
                    if is_dir:
                        if not name.startswith(".") and not entry.is_symlink():
                            subdirectories.append(name)
                        continue
                    wanted = (
                        os.path.splitext(name)[1].lower() in known
                        and not _skipped(name)
                        and entry.is_file()
                    )
                except OSError:
                    continue
                if wanted:
                    names.append(name)
                    if len(names) == _NAMES_PER_RUN:
                        runs.append(_SEPARATOR.join(sorted(names)) + _SEPARATOR)
                        names = []
    except OSError:
        return iter(()), []
    subdirectories.sort()
    if not runs:
        names.sort()
        return iter(names), subdirectories
    if names:
        runs.append(_SEPARATOR.join(sorted(names)) + _SEPARATOR)
    return heapq.merge(*(_run_names(run) for run in runs)), subdirectories


def directory_files(directory: Path) -> Iterator[Path]:
    """The files ``iter_documents`` reads under ``directory``, in the order it reads them.

    A lazy walk: each directory's files in name order, then its subdirectories in name
    order; hidden files and directories are skipped, and symbolic links to directories are
    not followed. Memory does not grow with the number of files beyond a compact copy of
    one directory's names (a few tens of bytes per file): ``Path`` objects are made one
    at a time.
    """
    known = frozenset(FORMATS) | {_JSONL}
    pending = [os.fspath(directory)]
    while pending:
        root = pending.pop()
        files, subdirectories = _listing(root, known)
        for name in files:
            yield Path(os.path.join(root, name))
        pending.extend(os.path.join(root, d) for d in reversed(subdirectories))


def _read_directory(
    directory: Path, *, published: date | None, max_chars: int
) -> Iterator[Document | IngestError]:
    read_any = False
    for path in directory_files(directory):
        for item in _read_file(path, published=published, max_chars=max_chars):
            read_any = read_any or isinstance(item, Document)
            yield item
    if not read_any:
        yield IngestError(str(directory), _NO_DOCUMENTS)


def iter_documents(
    paths: Sequence[Path], *, published: date | None = None, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Document | IngestError]:
    """Read files and directories, yielding a ``Document`` or an ``IngestError`` per input.

    Directories are read recursively in sorted order, known extensions only, skipping
    hidden files, ``README.md``, ``SOURCES.md`` and ``LICENSE*``. One bad file never stops
    the others; a directory with nothing readable yields an error of its own.

    Args:
        paths: Files (.txt .md .markdown .html .htm .pdf .jsonl) and directories.
        published: A publication date for every document, winning over those found.
        max_chars: Documents whose text is longer are refused with an ``IngestError``.
    """
    for path in paths:
        if path.is_dir():
            yield from _read_directory(path, published=published, max_chars=max_chars)
        else:
            yield from _read_file(path, published=published, max_chars=max_chars)
