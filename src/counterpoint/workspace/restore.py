"""Import an export into a database: checked first, then written in one transaction.

1. **Check the export** before touching the database: the manifest's format and version,
   each table's description, and each table file's row count and sha256 against the
   manifest. A truncated, edited or incomplete export is refused with one line naming
   the table and what differs.
2. **Check the target**: its core schema revision must be the export's (an export is
   imported by the counterpoint that can read it), and it must hold no workspace yet
   (rows in any table but the schema bookkeeping) unless ``replace`` is given.
3. **Write in one transaction**: create missing tables (from the capability's own schema,
   else from the export's description), delete the old rows when replacing, insert every
   row with its original ids, parents first, each value checked against its column, and
   count what was inserted. Any failure rolls the whole import back: the database is
   exactly as it was before.

>>> import_workspace(Path("backup.zip"), "fresh.db")  # doctest: +SKIP
ImportResult(path=PosixPath('backup.zip'), tables=(…), replaced=0)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, MetaData, Table, delete, func, select, text

from counterpoint.errors import StoreError
from counterpoint.store import Store
from counterpoint.workspace.archive import FORMAT, FORMAT_VERSION, ExportReader, table_file
from counterpoint.workspace.errors import WorkspaceError
from counterpoint.workspace.export import TableSummary
from counterpoint.workspace.tables import (
    BOOKKEEPING,
    check_description,
    known_metadata,
    rebuild,
    reflect,
)
from counterpoint.workspace.values import decode, fit_datetime

BATCH = 1000


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote: the tables and rows inserted, and the rows it replaced."""

    path: Path
    tables: tuple[TableSummary, ...]
    replaced: int


def verify_export(path: Path) -> list[dict[str, Any]]:
    """Check an export completely (manifest, every file's rows and sha256); return its tables.

    Raises:
        WorkspaceError: one line naming the export and what is wrong with it.
    """
    with ExportReader(path) as reader:
        return _verified(reader)


def _verified(reader: ExportReader) -> list[dict[str, Any]]:
    manifest = reader.manifest
    where = f"{reader.path}: manifest.json"
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise WorkspaceError(f"{where}: not a counterpoint workspace export")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise WorkspaceError(
            f"{where}: format version {manifest.get('format_version')!r}; this counterpoint "
            f"reads version {FORMAT_VERSION}"
        )
    entries = manifest.get("tables")
    if not isinstance(entries, list) or not isinstance(manifest.get("schema"), dict):
        raise WorkspaceError(f"{where}: tables and schema are required")
    seen: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        check_description(entry, f"{where}: table {number}")
        name = entry["name"]
        if name in seen or entry.get("file") != table_file(name):
            raise WorkspaceError(f"{where}: table {name}: listed twice or with a wrong file name")
        seen.add(name)
        found = reader.measure(name)
        if found.rows != entry.get("rows"):
            raise WorkspaceError(
                f"{reader.path}: {entry['file']}: {found.rows} rows, the manifest says "
                f"{entry.get('rows')} (truncated or edited); nothing imported"
            )
        if found.sha256 != entry.get("sha256"):
            raise WorkspaceError(
                f"{reader.path}: {entry['file']}: sha256 differs from the manifest "
                "(the file was changed or damaged); nothing imported"
            )
    return entries


def import_workspace(path: Path, db: str, *, replace: bool = False) -> ImportResult:
    """Import the export at ``path`` into ``db`` (see the module docstring).

    Raises:
        WorkspaceError: the export is refused, the target is not empty (without
            ``replace``) or at another schema revision, or a row does not fit; the
            database is left as it was.
    """
    with ExportReader(path) as reader:
        entries = _verified(reader)
        with Store.open(db) as store:
            try:
                with store.transaction() as conn:
                    _check_schema(conn, reader.manifest["schema"], path)
                    tables = _prepare_tables(conn, entries)
                    replaced = _clear(conn, tables, replace=replace, db=db)
                    summaries = tuple(
                        _insert(conn, reader, entry, tables[entry["name"]])
                        for entry in entries
                        if entry["name"] not in BOOKKEEPING
                    )
                    _reset_sequences(conn, [tables[s.name] for s in summaries])
            except StoreError as e:
                raise WorkspaceError(
                    f"{path}: import rolled back, the database is as it was ({e})"
                ) from e
    return ImportResult(path=path, tables=summaries, replaced=replaced)


def _check_schema(conn: Connection, schema: dict[str, Any], path: Path) -> None:
    revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    version = conn.execute(text("SELECT version FROM schema_version")).scalar()
    if (schema.get("revision"), schema.get("version")) != (revision, version):
        raise WorkspaceError(
            f"{path}: written at schema revision {schema.get('revision')!r} (version "
            f"{schema.get('version')!r}); this database is at {revision!r} (version "
            f"{version!r}); import it with a counterpoint of the same schema"
        )


def _prepare_tables(conn: Connection, entries: list[dict[str, Any]]) -> dict[str, Table]:
    """Create the export's tables the target lacks; return the target's tables by name.

    Only tables in the export are created, so a re-export lists the same tables.
    """
    wanted = {entry["name"] for entry in entries}
    for metadata in known_metadata():
        chosen = [table for table in metadata.sorted_tables if table.name in wanted]
        metadata.create_all(conn, tables=chosen)
    present = {table.name for table in reflect(conn)}
    extra = MetaData()
    for entry in entries:
        if entry["name"] not in present:
            rebuild(entry, extra)
    extra.create_all(conn)
    tables = {table.name: table for table in reflect(conn)}
    for entry in entries:
        _check_columns(entry, tables[entry["name"]])
    return tables


def _check_columns(entry: dict[str, Any], table: Table) -> None:
    exported = [column["name"] for column in entry["columns"]]
    missing = [name for name in exported if name not in table.c]
    if missing:
        raise WorkspaceError(
            f"table {table.name}: the export has columns {', '.join(missing)} that this "
            "database lacks (an export from another counterpoint version)"
        )
    required = [
        c.name
        for c in table.columns
        if c.name not in exported and not c.nullable and c.server_default is None
    ]
    if required:
        raise WorkspaceError(
            f"table {table.name}: the export lacks required columns {', '.join(required)}"
        )


def _clear(conn: Connection, tables: dict[str, Table], *, replace: bool, db: str) -> int:
    """Refuse a target that holds rows (without ``replace``); else delete them all."""
    data = [table for name, table in tables.items() if name not in BOOKKEEPING]
    counts = {t.name: conn.execute(select(func.count()).select_from(t)).scalar() or 0 for t in data}
    held = {name: count for name, count in counts.items() if count}
    if held and not replace:
        shown = ", ".join(f"{count} in {name}" for name, count in list(held.items())[:4])
        raise WorkspaceError(
            f"{db}: already holds a workspace (rows: {shown}); import into an empty "
            "database, or add --replace to replace it (export it first to keep a copy)"
        )
    for table in reversed(data):
        conn.execute(delete(table))
    return sum(held.values())


def _insert(
    conn: Connection, reader: ExportReader, entry: dict[str, Any], table: Table
) -> TableSummary:
    names = [column["name"] for column in entry["columns"]]
    kinds = [column["kind"] for column in entry["columns"]]
    zones = [getattr(table.c[name].type, "timezone", False) for name in names]
    batch: list[dict[str, Any]] = []
    rows = 0
    for number, line in reader.lines(entry["name"]):
        where = f"{reader.path}: {entry['file']}:{number}"
        values = _row(line, len(names), where)
        row = {}
        for name, kind, zone, data in zip(names, kinds, zones, values, strict=True):
            try:
                row[name] = fit_datetime(decode(data, kind), timezone=zone)
            except ValueError as e:
                raise WorkspaceError(f"{where}: {name}: {e}") from e
        batch.append(row)
        rows += 1
        if len(batch) >= BATCH:
            conn.execute(table.insert(), batch)
            batch = []
    if batch:
        conn.execute(table.insert(), batch)
    return TableSummary(entry["name"], rows, entry["sha256"])


def _row(line: bytes, width: int, where: str) -> list[Any]:
    try:
        values = json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise WorkspaceError(f"{where}: not a JSON row ({e})") from e
    if not isinstance(values, list) or len(values) != width:
        raise WorkspaceError(f"{where}: expected a list of {width} values")
    return values


def _reset_sequences(conn: Connection, tables: list[Table]) -> None:
    """On PostgreSQL, move each serial key's sequence past the imported ids."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        keys = list(table.primary_key.columns)
        if len(keys) != 1 or keys[0].autoincrement is False:
            continue
        quoted = conn.dialect.identifier_preparer.quote(table.name)
        column = keys[0].name
        conn.execute(
            text(
                "SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"COALESCE(MAX({conn.dialect.identifier_preparer.quote(column)}), 1), "
                f"MAX({conn.dialect.identifier_preparer.quote(column)}) IS NOT NULL) "
                f"FROM {quoted}"
            ),
            {"table": quoted, "column": column},
        )
