"""Alembic migrations of the core schema (``documents`` and the extraction tables).

:func:`counterpoint.store.engine.connect` runs them: an empty database is upgraded to
``HEAD`` with Alembic, a database at an older revision is upgraded, and a database
created before migrations existed (``schema_version`` 1, no ``alembic_version``) is
stamped at the baseline ``0001`` first. Capability tables (ledger, ACH …) are not
part of these migrations: each capability creates its own on first use.

Add a revision with ``alembic -c src/counterpoint/store/migrations/alembic.ini revision
-m "…"``, then raise ``HEAD`` here (a test checks it is Alembic's head).
"""

from __future__ import annotations

from pathlib import Path

HEAD = "0001"
BASELINE = "0001"
DIRECTORY = Path(__file__).parent
