"""The one error of workspace export and import."""

from __future__ import annotations

from counterpoint.errors import CounterpointError


class WorkspaceError(CounterpointError):
    """An export could not be written, or an export file is refused (the reason says why)."""
