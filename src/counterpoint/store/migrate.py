"""Bring a database's core schema to the current Alembic revision.

The revision a database is at lives in Alembic's ``alembic_version`` table; reading it
needs no Alembic import, so opening an up-to-date database stays cheap. Alembic itself is
imported only to create or upgrade a schema. On PostgreSQL the whole check runs under a
transaction-scoped advisory lock, so several processes opening the same new database at
once (parallel ``analyze`` runs, the web app) do not race to create it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, text

from counterpoint.errors import StoreError
from counterpoint.store.migrations import BASELINE, DIRECTORY, HEAD

VERSION_TABLE = "alembic_version"
# An arbitrary 64-bit key naming "counterpoint schema set-up" among advisory locks.
_LOCK_KEY = 0x636F756E746572


def lock(conn: Connection) -> None:
    """Serialise schema set-up across processes (PostgreSQL; SQLite has one writer)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})


def current(conn: Connection) -> str | None:
    """The revision recorded in ``alembic_version`` (None when the table is empty)."""
    return conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()


def _config(conn: Connection) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(DIRECTORY))
    config.attributes["connection"] = conn
    return config


def known_revisions() -> set[str]:
    """Every revision in the migrations directory."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(DIRECTORY))
    return {rev.revision for rev in script.walk_revisions()}


def upgrade(conn: Connection, label: str) -> None:
    """Upgrade to ``HEAD``; refuse a revision this counterpoint does not know (newer)."""
    from alembic import command

    revision = current(conn) if _has_version_table(conn) else None
    if revision is not None and revision not in known_revisions():
        raise StoreError(
            f"{label}: database schema revision {revision} was written by a newer "
            "counterpoint; upgrade counterpoint or use another database"
        )
    command.upgrade(_config(conn), "head")


def stamp_baseline(conn: Connection) -> None:
    """Record that a database made before migrations existed is at the baseline."""
    from alembic import command

    command.stamp(_config(conn), BASELINE)


def needs_upgrade(conn: Connection) -> bool:
    """Whether the recorded revision differs from ``HEAD``."""
    return current(conn) != HEAD


def _has_version_table(conn: Connection) -> bool:
    from sqlalchemy import inspect

    return VERSION_TABLE in inspect(conn).get_table_names()
