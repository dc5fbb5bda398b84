"""Persistence of extractions in a SQL database (SQLite by default, PostgreSQL by URL)."""

from __future__ import annotations

from counterpoint.store.store import SaveResult, Store, StoredDocument

__all__ = ["SaveResult", "Store", "StoredDocument"]
