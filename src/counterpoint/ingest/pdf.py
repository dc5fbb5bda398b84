"""PDF files: the text of every page, joined with a blank line, read with pypdf."""

from __future__ import annotations

import io

from pypdf import PasswordType, PdfReader
from pypdf.errors import PyPdfError

from counterpoint.errors import IngestError

PAGE_SEPARATOR = "\n\n"
# pypdf signals most damage with PyPdfError (PdfReadError, PdfStreamError, ParseError,
# FileNotDecryptedError, DependencyError ...), but a malformed object can still surface
# as one of these built-in errors from deep inside its parser.
_BROKEN_PDF = (PyPdfError, ValueError, KeyError, TypeError, IndexError, RecursionError)


def _reader(data: bytes, source: str) -> PdfReader:
    reader = PdfReader(io.BytesIO(data))
    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise IngestError(source, "PDF is encrypted with a password; save an unencrypted copy")
    return reader


def read_pdf(data: bytes, source: str) -> str:
    r"""Return the text of all pages of a PDF, joined with ``"\n\n"``.

    Raises:
        IngestError: The PDF is broken, encrypted, or has no extractable text.
    """
    if not data.lstrip().startswith(b"%PDF"):
        raise IngestError(source, "not a PDF file (no %PDF header)")
    try:
        reader = _reader(data, source)
        text = PAGE_SEPARATOR.join(page.extract_text() or "" for page in reader.pages)
    except _BROKEN_PDF as e:
        raise IngestError(source, f"cannot read PDF ({type(e).__name__}: {e})") from e
    if not text.strip():
        raise IngestError(
            source, "PDF has no extractable text (scanned image?); run OCR on it first"
        )
    return text
