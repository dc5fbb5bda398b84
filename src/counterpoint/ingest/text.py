r"""Read a file's bytes safely and decode plain text (.txt, .md) exactly as stored.

The text is the file's UTF-8 content with newlines untranslated (``\r\n`` stays), so
every offset counterpoint reports is an offset into the file as read.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from counterpoint.errors import IngestError

DEFAULT_MAX_BYTES = 50_000_000
# About 330,000 words: a long report. spaCy's time and memory grow with the text, so this
# bounds both for one document; `analyze --max-chars` raises it.
DEFAULT_MAX_CHARS = 2_000_000
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_bytes(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a whole file, refusing what cannot be a document.

    Raises:
        IngestError: The path is missing, a directory, unreadable, empty or larger than
            ``max_bytes``.
    """
    source = str(path)
    if not path.exists():
        raise IngestError(source, "no such file")
    if path.is_dir():
        raise IngestError(
            source,
            "is a directory; pass it to iter_documents (or `analyze`) to read the files in it",
        )
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise IngestError(
                source,
                f"file is {size:,} bytes, over the limit of {max_bytes:,}; split it or raise "
                "max_bytes",
            )
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(source, f"cannot read file: {e.strerror or e}") from e
    if not data:
        raise IngestError(source, "empty file")
    return data


def check_not_binary(data: bytes, source: str) -> None:
    """Refuse UTF-16 text and binary data (NUL bytes), which no text format contains.

    Raises:
        IngestError: The data is UTF-16 or contains a NUL byte.
    """
    if data.startswith(_UTF16_BOMS):
        raise IngestError(source, "UTF-16 text; convert it to UTF-8")
    if b"\x00" in data:
        if _looks_utf16(data):
            raise IngestError(
                source, "looks like UTF-16 text without a byte-order mark; convert it to UTF-8"
            )
        raise IngestError(source, "binary file (contains NUL bytes); expected UTF-8 text")


def _looks_utf16(data: bytes) -> bool:
    """Tell UTF-16 text from binary: Latin-script UTF-16 has a NUL in every other byte."""
    sample = data[:4096]
    half = len(sample) // 2
    if half < 4:
        return False
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    return max(odd, even) >= 0.6 * half and min(odd, even) <= 0.05 * half


def decode_text(data: bytes, source: str) -> str:
    r"""Decode plain text as UTF-8, newlines untranslated.

    Example:
        >>> decode_text("a\r\nb".encode(), "x.txt")
        'a\r\nb'

    Raises:
        IngestError: The bytes are binary, not UTF-8, or only whitespace.
    """
    check_not_binary(data, source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.reason == "unexpected end of data":
            raise IngestError(
                source, f"file ends inside a UTF-8 character at offset {e.start} (truncated?)"
            ) from e
        raise IngestError(
            source,
            f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start}; looks like Latin-1, "
            "Windows-1252 or binary); convert it to UTF-8",
        ) from e
    if not text.strip():
        raise IngestError(source, "no text (the file holds only whitespace)")
    return text


def check_length(text: str, source: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> None:
    """Refuse a document whose text is longer than ``max_chars`` characters.

    Raises:
        IngestError: The text is over the limit (the message says how to raise it).
    """
    if len(text) > max_chars:
        raise IngestError(
            source,
            f"document is {len(text):,} characters, over the limit of {max_chars:,}; "
            "split it or raise --max-chars",
        )
