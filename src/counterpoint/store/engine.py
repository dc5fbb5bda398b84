"""Opening a database: a path or URL to a ready engine with the counterpoint schema.

A plain path means an SQLite file (``./counterpoint.db``); anything with ``://`` is an
SQLAlchemy URL (``sqlite:///x.db``, ``postgresql+psycopg://user@host/db``). SQLite
connections get foreign keys on, WAL journaling for files, and real transactions
(pysqlite's implicit BEGIN is replaced by an explicit one, so reads inside
:meth:`Store.transaction` are part of it too).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from counterpoint.errors import StoreError
from counterpoint.store import schema

_MEMORY = ("", ":memory:")
# The execution option that marks a connection's transactions as writes (see _on_begin).
WRITE_OPTION = "counterpoint_write"
BUSY_SECONDS = 60.0


@dataclass(frozen=True)
class Target:
    """Where a store lives: the URL, and the label error messages name it by."""

    url: URL
    label: str

    @property
    def is_sqlite(self) -> bool:
        """Whether the target is an SQLite database."""
        return self.url.get_backend_name() == "sqlite"

    @property
    def is_file(self) -> bool:
        """Whether the target is an SQLite database in a file (not in memory)."""
        database = self.url.database or ""
        return self.is_sqlite and database not in _MEMORY and not database.startswith("file:")


def resolve(path_or_url: str) -> Target:
    """Resolve a path or URL to a target; raise StoreError if it cannot hold a database.

    >>> resolve("out/x.db").url.render_as_string()  # doctest: +SKIP
    'sqlite:///out/x.db'
    """
    if "://" in path_or_url:
        try:
            url = make_url(path_or_url)
        except (ArgumentError, ValueError) as e:
            raise StoreError(f"{path_or_url}: not a database URL ({e})") from e
        target = Target(url=url, label=url.render_as_string(hide_password=True))
    else:
        target = Target(url=URL.create("sqlite", database=path_or_url), label=path_or_url)
    if target.is_file:
        _check_path(Path(target.url.database or ""), target.label)
    return target


def _check_path(path: Path, label: str) -> None:
    parent = path.parent
    if not parent.is_dir():
        raise StoreError(
            f"{label}: directory {str(parent)!r} does not exist; create it or choose another path"
        )
    if path.is_dir():
        raise StoreError(f"{label}: is a directory, not a database file")


def connect(target: Target) -> Engine:
    """Return an engine for ``target``, its schema created, upgraded or checked."""
    try:
        # SQLite waits up to BUSY_SECONDS for another process's write lock.
        connect_args = {"timeout": BUSY_SECONDS} if target.is_sqlite else {}
        engine = create_engine(target.url, connect_args=connect_args)
    except NoSuchModuleError as e:
        raise StoreError(f"{target.label}: unknown database kind {target.url.drivername!r}") from e
    except ImportError as e:
        raise StoreError(
            f"{target.label}: the database driver {e.name or target.url.drivername!r} is not "
            "installed; install it (for PostgreSQL: pip install 'psycopg[binary]')"
        ) from e
    if target.is_sqlite:
        _configure_sqlite(engine, wal=target.is_file)
    try:
        with engine.connect() as conn, conn.execution_options(**{WRITE_OPTION: True}).begin():
            _prepare(conn, target.label)
    except DBAPIError as e:
        engine.dispose()
        reason = str(e.orig) if e.orig is not None else str(e)
        if target.is_sqlite:
            raise StoreError(f"{target.label}: not a counterpoint database ({reason})") from e
        raise StoreError(f"{target.label}: cannot open the database ({reason})") from e
    except StoreError:
        engine.dispose()
        raise
    return engine


def _configure_sqlite(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver level; SQLAlchemy's "begin" event issues BEGIN.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            if wal:
                cursor.execute("PRAGMA journal_mode=WAL")
                # In WAL mode NORMAL never corrupts the database; a power cut (not a crash
                # of the program) may lose the last commits, which re-analysis restores.
                cursor.execute("PRAGMA synchronous=NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # A write transaction takes SQLite's write lock at once (BEGIN IMMEDIATE): a
        # deferred one that reads first and writes later can fail with SQLITE_BUSY when
        # another process (a second analyze) committed in between, without waiting.
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _prepare(conn: Connection, label: str) -> None:
    """Create the schema in an empty database, upgrade an older one, or check it is ours."""
    from counterpoint.store import migrate

    migrate.lock(conn)
    names = set(inspect(conn).get_table_names())
    if not names:
        migrate.upgrade(conn, label)
        return
    if schema.schema_version.name not in names:
        shown = ", ".join(sorted(names)[:5])
        raise StoreError(
            f"{label}: not a counterpoint database (it has tables {shown} but no schema_version)"
        )
    if migrate.VERSION_TABLE not in names:
        _check_version(conn, label)
        migrate.stamp_baseline(conn)
    if migrate.needs_upgrade(conn):
        migrate.upgrade(conn, label)
    _check_version(conn, label)
    missing = sorted(set(schema.metadata.tables) - names)
    if missing:
        raise StoreError(
            f"{label}: not a counterpoint database (tables missing: {', '.join(missing)})"
        )


def _check_version(conn: Connection, label: str) -> None:
    version = conn.execute(select(schema.schema_version.c.version)).scalar()
    if version != schema.SCHEMA_VERSION:
        raise StoreError(
            f"{label}: database schema version {version}, but this counterpoint reads "
            f"version {schema.SCHEMA_VERSION}; use a matching counterpoint or a new database"
        )
