"""Named errors. Each message names the input at fault and, where there is one, the fix.

The CLI maps every ``CounterpointError`` to a one-line message and exit status 1.
"""

from __future__ import annotations


class CounterpointError(Exception):
    """Base class of every error counterpoint reports to the user."""


class IngestError(CounterpointError):
    """A file or record could not be read as a document."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class ExtractionError(CounterpointError):
    """Extraction failed for a document."""


class StoreError(CounterpointError):
    """The database could not be opened, read or written."""


class SettingError(CounterpointError):
    """A setting or option has an invalid value."""
