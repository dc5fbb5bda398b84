"""Back up and move a whole workspace: ``counterpoint export --all`` and ``counterpoint import``.

A workspace is everything in the database: documents (text, metadata, hashes), extracted
items, ledger questions and resolutions, ACH cases and scores, comparisons, and any table
a later capability adds (tables are found by reflection, not listed). See
:mod:`.export` for the snapshot, :mod:`.archive` for the file layout and manifest,
:mod:`.values` for how values are written, and :mod:`.restore` for the checked,
all-or-nothing import.
"""

from __future__ import annotations

from counterpoint.workspace.errors import WorkspaceError
from counterpoint.workspace.export import ExportResult, TableSummary, export_workspace
from counterpoint.workspace.restore import ImportResult, import_workspace, verify_export

__all__ = [
    "ExportResult",
    "ImportResult",
    "TableSummary",
    "WorkspaceError",
    "export_workspace",
    "import_workspace",
    "verify_export",
]
