"""JSONL corpora: one document per line, a bad line reported and skipped.

Each line is a JSON object with ``text`` and optional ``title``, ``author``,
``published`` (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or an ISO timestamp), ``url`` and
``name`` (default ``corpus.jsonl#3`` for line 3). Blank lines are skipped.

Example:
    A file ``corpus.jsonl`` whose first line is
    ``{"text": "Body.", "title": "T", "published": "2021-08"}`` yields
    ``Document(name="corpus.jsonl#1", title="T", published=date(2021, 8, 15), ...)``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from counterpoint.errors import CounterpointError, IngestError
from counterpoint.ingest.dates import parse_date_option
from counterpoint.ingest.document import Known, build_document
from counterpoint.records import Document

_OPTIONAL = ("title", "author", "published", "url", "name")
_TIMESTAMP = re.compile(r"(\d{4}-\d{2}-\d{2})[T ].*")


def _fields(obj: Any) -> dict[str, str]:
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError('missing or empty "text" (a non-empty string)')
    fields = {"text": text}
    for key in _OPTIONAL:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise ValueError(f'"{key}" must be a string, got {type(value).__name__}')
        if value and value.strip():
            fields[key] = value.strip()
    return fields


def _document(line: str, *, path: Path, lineno: int) -> Document:
    try:
        fields = _fields(json.loads(line))
    except json.JSONDecodeError as e:
        raise ValueError(f"invalid JSON ({e.msg} at column {e.colno})") from e
    published = None
    if "published" in fields:
        stamp = _TIMESTAMP.fullmatch(fields["published"])
        published = parse_date_option(stamp[1] if stamp else fields["published"])
    known = Known(
        title=fields.get("title"),
        author=fields.get("author"),
        published=published,
        published_source="jsonl",
        url=fields.get("url"),
    )
    name = fields.get("name", f"{path.name}#{lineno}")
    return build_document(fields["text"], name=name, fmt="jsonl", path=str(path), known=known)


def _item(raw: bytes, *, path: Path, lineno: int) -> Document | IngestError:
    source = f"{path}:{lineno}"
    try:
        return _document(raw.decode("utf-8"), path=path, lineno=lineno)
    except UnicodeDecodeError:
        return IngestError(source, "not UTF-8 text; convert the file to UTF-8")
    except (ValueError, CounterpointError) as e:
        return IngestError(source, str(e))


def read_jsonl(path: Path) -> Iterator[Document | IngestError]:
    """Read a JSONL corpus, one document per line; a bad line yields an ``IngestError``.

    Args:
        path: The ``.jsonl`` file.

    Yields:
        A ``Document`` per good line, an ``IngestError`` named ``path:lineno`` per bad one
        (or one named ``path`` if the file cannot be opened).
    """
    try:
        handle = path.open("rb")
    except OSError as e:
        yield IngestError(str(path), f"cannot open file: {e.strerror or e}")
        return
    with handle:
        for lineno, raw in enumerate(handle, 1):
            if raw.strip():
                yield _item(raw, path=path, lineno=lineno)
