"""Export a whole workspace: every table of the database, in one consistent snapshot.

The export reads inside one read transaction (a snapshot on SQLite in WAL mode and, at
``REPEATABLE READ``, on PostgreSQL), so the web app or a running ``analyze`` may keep
writing meanwhile and the export still shows one moment. Rows are written in primary-key
order; a table without a primary key keeps its insertion order on SQLite (``rowid``) and
is sorted by every column elsewhere (PostgreSQL records no insertion order). The
manifest records each table's description, row count and the sha256 of its file (see
:mod:`.archive`).

>>> export_workspace("counterpoint.db", Path("backup.zip"))  # doctest: +SKIP
ExportResult(path=PosixPath('backup.zip'), tables=(TableSummary('documents', 2, '…'), …))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, literal_column, select
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table

from counterpoint import __version__
from counterpoint.store.engine import connect, resolve
from counterpoint.workspace.archive import FORMAT, FORMAT_VERSION, ExportWriter, table_file
from counterpoint.workspace.errors import WorkspaceError
from counterpoint.workspace.tables import describe, reflect
from counterpoint.workspace.values import encode_row

BATCH = 2000


@dataclass(frozen=True)
class TableSummary:
    """One table of an export: its name, row count and the sha256 of its rows file."""

    name: str
    rows: int
    sha256: str


@dataclass(frozen=True)
class ExportResult:
    """Where the export went and what it holds."""

    path: Path
    tables: tuple[TableSummary, ...]


def export_workspace(db: str, out: Path) -> ExportResult:
    """Write every table of the database ``db`` to ``out`` (a ``.zip`` file or a directory).

    Raises:
        WorkspaceError: ``db`` does not exist (nothing is created), ``out`` exists, or a
            column has a type that cannot be exported; nothing is left at ``out``.
        StoreError: the database cannot be opened.
    """
    target = resolve(db)
    if target.is_file and not Path(target.url.database or "").is_file():
        raise WorkspaceError(f"{db}: no such database file (nothing to export)")
    engine = connect(target)
    writer = ExportWriter(out)
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                conn = conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin():
                summaries, entries, schema = _write_tables(conn, writer)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "counterpoint_version": __version__,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "source": {"database": target.label, "dialect": engine.dialect.name},
            "schema": schema,
            "tables": entries,
        }
        path = writer.finish(manifest)
    except BaseException:
        writer.abort()
        raise
    finally:
        engine.dispose()
    return ExportResult(path=path, tables=tuple(summaries))


def _write_tables(
    conn: Connection, writer: ExportWriter
) -> tuple[list[TableSummary], list[dict[str, Any]], dict[str, Any]]:
    summaries: list[TableSummary] = []
    entries: list[dict[str, Any]] = []
    tables = reflect(conn)
    names = {table.name for table in tables}
    for table in tables:
        description = describe(table)
        with writer.table(table.name) as sink:
            for rows in _batches(conn, table):
                for row in rows:
                    sink.write(encode_row(tuple(row)))
        summary = TableSummary(table.name, sink.rows, sink.digest.hexdigest())
        summaries.append(summary)
        entries.append(
            {
                **description,
                "file": table_file(table.name),
                "rows": summary.rows,
                "sha256": summary.sha256,
            }
        )
    schema = {
        "revision": _scalar(conn, names, "alembic_version", "version_num"),
        "version": _scalar(conn, names, "schema_version", "version"),
    }
    return summaries, entries, schema


def _batches(conn: Connection, table: Table) -> Any:
    query = select(*table.columns).order_by(*_order(conn, table))
    result = conn.execute(query.execution_options(yield_per=BATCH))
    return result.partitions()


def _order(conn: Connection, table: Table) -> list[Any]:
    if len(table.primary_key.columns):
        return list(table.primary_key.columns)
    if conn.dialect.name == "sqlite":
        return [literal_column("rowid")]
    # PostgreSQL keeps no insertion order (ctid follows free space, not time).
    return list(table.columns)


def _scalar(conn: Connection, names: set[str], table: str, column: str) -> Any:
    """The single value of a bookkeeping table, or None when the database has no such table."""
    if table not in names:
        return None
    return conn.execute(select(sql_column(column)).select_from(sql_table(table))).scalar()
