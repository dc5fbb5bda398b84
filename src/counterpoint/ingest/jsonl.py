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
from typing import Any, BinaryIO

from counterpoint.errors import CounterpointError, IngestError
from counterpoint.ingest.dates import parse_date_option
from counterpoint.ingest.document import Known, build_document
from counterpoint.ingest.text import DEFAULT_MAX_CHARS, check_length
from counterpoint.records import Document

_OPTIONAL = ("title", "author", "published", "url", "name")
_SKIP_CHUNK = 1 << 20
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


def _document(line: str, *, path: Path, lineno: int, max_chars: int) -> Document:
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
    check_length(fields["text"], f"{path}:{lineno}", max_chars=max_chars)
    return build_document(fields["text"], name=name, fmt="jsonl", path=str(path), known=known)


def _item(raw: bytes, *, path: Path, lineno: int, max_chars: int) -> Document | IngestError:
    source = f"{path}:{lineno}"
    try:
        return _document(raw.decode("utf-8"), path=path, lineno=lineno, max_chars=max_chars)
    except UnicodeDecodeError:
        return IngestError(source, "not UTF-8 text; convert the file to UTF-8")
    except (ValueError, CounterpointError) as e:
        return IngestError(source, str(e))


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, bytes) per line; None for a line over ``limit`` bytes, unread."""
    lineno = 0
    while raw := handle.readline(limit + 1):
        lineno += 1
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield lineno, raw
            continue
        while (rest := handle.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
            pass
        yield lineno, None


def read_jsonl(
    path: Path, *, max_chars: int = DEFAULT_MAX_CHARS
) -> Iterator[Document | IngestError]:
    """Read a JSONL corpus, one document per line; a bad line yields an ``IngestError``.

    The file is streamed: memory stays bounded by the longest accepted line.

    Args:
        path: The ``.jsonl`` file.
        max_chars: Longer texts are refused (their lines are skipped without being held).

    Yields:
        A ``Document`` per good line, an ``IngestError`` named ``path:lineno`` per bad one
        (or one named ``path`` if the file cannot be opened).
    """
    try:
        handle = path.open("rb")
    except OSError as e:
        yield IngestError(str(path), f"cannot open file: {e.strerror or e}")
        return
    # A JSON-escaped character takes at most 12 bytes ("\\ud83d\\ude00" for two).
    limit = 12 * max_chars + 65_536
    with handle:
        for lineno, raw in _lines(handle, limit):
            if raw is None:
                reason = f"line is over {limit:,} bytes; split it or raise --max-chars"
                yield IngestError(f"{path}:{lineno}", reason)
            elif raw.strip():
                yield _item(raw, path=path, lineno=lineno, max_chars=max_chars)
