"""Which tables a workspace holds, described portably, and rebuilt from that description.

An export covers every table in the database, found by reflection (SQLAlchemy's
inspector), so a capability that adds tables tomorrow is exported without a change here.
Each table is described by generic column kinds (``integer``, ``string``, ``datetime`` …),
its primary key, foreign keys, unique constraints and indexes: enough to re-create it in
an empty SQLite or PostgreSQL database. On import, a table is created from the
capability's own ``MetaData`` when counterpoint knows it (:data:`CAPABILITY_SCHEMAS`), and
from the export's description otherwise.

Tables are listed parents first (foreign-key order), so rows can be inserted in that
order and deleted in the reverse one.
"""

from __future__ import annotations

import importlib
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Float,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    SmallInteger,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.types import TypeEngine

from counterpoint.workspace.errors import WorkspaceError

# Modules whose ``metadata`` holds a capability's own tables (created on first use).
CAPABILITY_SCHEMAS = (
    "counterpoint.store.schema",
    "counterpoint.ledger.schema",
    "counterpoint.ach.store",
    "counterpoint.compare.storage",
)
# Schema bookkeeping: checked against the target, never copied into it.
BOOKKEEPING = ("schema_version", "alembic_version")

# (generic SQL type, kind) in the order they are tested: subclasses before their bases.
_TYPES: tuple[tuple[type[TypeEngine[Any]], str, str], ...] = (
    (Boolean, "Boolean", "boolean"),
    (BigInteger, "BigInteger", "integer"),
    (SmallInteger, "SmallInteger", "integer"),
    (Integer, "Integer", "integer"),
    (Float, "Float", "float"),
    (Numeric, "Numeric", "numeric"),
    (DateTime, "DateTime", "datetime"),
    (Date, "Date", "date"),
    (Time, "Time", "time"),
    (Text, "Text", "string"),
    (String, "String", "string"),
    (LargeBinary, "LargeBinary", "binary"),
    (JSON, "JSON", "json"),
)
_BY_NAME = {name: (cls, kind) for cls, name, kind in _TYPES}


def reflect(conn: Connection) -> list[Table]:
    """Every table in the database, parents before children."""
    metadata = MetaData()
    metadata.reflect(bind=conn)
    return list(metadata.sorted_tables)


def known_metadata() -> list[MetaData]:
    """The ``MetaData`` of the core schema and of every capability counterpoint ships."""
    found = []
    for name in CAPABILITY_SCHEMAS:
        module = importlib.import_module(name)
        metadata = getattr(module, "metadata", None)
        if isinstance(metadata, MetaData):
            found.append(metadata)
    return found


def describe_type(type_: TypeEngine[Any], where: str) -> dict[str, Any]:
    """A column type as ``{"sql": generic name, "kind": value kind, …}``.

    Raises:
        WorkspaceError: the type is none counterpoint can export (named by ``where``).
    """
    for cls, name, kind in _TYPES:
        if isinstance(type_, cls):
            described: dict[str, Any] = {"sql": name, "kind": kind}
            if name == "String" and getattr(type_, "length", None):
                described["length"] = type_.length  # type: ignore[attr-defined]
            if name == "DateTime":
                described["timezone"] = bool(getattr(type_, "timezone", False))
            if name == "Numeric":
                described["precision"] = getattr(type_, "precision", None)
                described["scale"] = getattr(type_, "scale", None)
            return described
    raise WorkspaceError(f"{where}: column type {type_!s} cannot be exported")


def describe(table: Table) -> dict[str, Any]:
    """A table's portable description (see the module docstring)."""
    columns = [
        {
            "name": column.name,
            **describe_type(column.type, f"{table.name}.{column.name}"),
            "nullable": bool(column.nullable),
        }
        for column in table.columns
    ]
    foreign_keys = [
        {
            "columns": [element.parent.name for element in fk.elements],
            "table": fk.referred_table.name,
            "refcolumns": [element.column.name for element in fk.elements],
            "ondelete": fk.ondelete,
        }
        for fk in sorted(table.foreign_key_constraints, key=lambda fk: list(fk.column_keys))
    ]
    unique = sorted(
        [c.name for c in constraint.columns]
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint)
    )
    indexes = sorted(
        (
            {"columns": [c.name for c in index.columns], "unique": bool(index.unique)}
            for index in table.indexes
            if index.columns
        ),
        key=lambda index: (index["columns"], index["unique"]),
    )
    return {
        "name": table.name,
        "columns": columns,
        "primary_key": [column.name for column in table.primary_key.columns],
        "foreign_keys": foreign_keys,
        "unique": unique,
        "indexes": indexes,
    }


def rebuild(description: dict[str, Any], metadata: MetaData) -> Table:
    """Define in ``metadata`` the table a :func:`describe` result describes."""
    name = description["name"]
    primary = set(description["primary_key"])
    columns = [
        Column(
            column["name"],
            _rebuild_type(column),
            primary_key=column["name"] in primary,
            nullable=column["nullable"],
            autoincrement=len(primary) == 1 and column["name"] in primary,
        )
        for column in description["columns"]
    ]
    constraints: list[Any] = [
        ForeignKeyConstraint(
            fk["columns"],
            [f"{fk['table']}.{ref}" for ref in fk["refcolumns"]],
            ondelete=fk["ondelete"],
        )
        for fk in description["foreign_keys"]
    ]
    constraints += [UniqueConstraint(*names) for names in description["unique"]]
    table = Table(name, metadata, *columns, *constraints)
    for number, index in enumerate(description["indexes"]):
        chosen = [table.c[column] for column in index["columns"]]
        Index(f"ix_{name}_{number}", *chosen, unique=index["unique"])
    return table


def _rebuild_type(column: dict[str, Any]) -> TypeEngine[Any]:
    cls, _kind = _BY_NAME[column["sql"]]
    if cls is String:
        return String(column.get("length"))
    if cls is DateTime:
        return DateTime(timezone=bool(column.get("timezone")))
    if cls is Numeric:
        return Numeric(column.get("precision"), column.get("scale"))
    return cls()


def check_description(description: Any, where: str) -> None:
    """Refuse a manifest table entry that is not a well-formed description.

    Raises:
        WorkspaceError: naming ``where`` and the field at fault.
    """
    if not isinstance(description, dict):
        raise WorkspaceError(f"{where}: not an object")
    name = description.get("name")
    if not isinstance(name, str) or not name.replace("_", "").isalnum():
        raise WorkspaceError(f"{where}: name: {name!r} is not a table name")
    columns = description.get("columns")
    if not isinstance(columns, list) or not columns:
        raise WorkspaceError(f"{where}: columns: expected a non-empty list")
    for column in columns:
        if not isinstance(column, dict) or not isinstance(column.get("name"), str):
            raise WorkspaceError(f"{where}: columns: every column needs a name")
        if column.get("sql") not in _BY_NAME or _BY_NAME[column["sql"]][1] != column.get("kind"):
            raise WorkspaceError(f"{where}: {column['name']}: unknown type {column.get('sql')!r}")
    for key in ("primary_key", "foreign_keys", "unique", "indexes"):
        if not isinstance(description.get(key), list):
            raise WorkspaceError(f"{where}: {key}: expected a list")
    names = {column["name"] for column in columns}
    used = [description["primary_key"], *description["unique"]]
    used += [index.get("columns") for index in description["indexes"] if isinstance(index, dict)]
    used += [fk.get("columns") for fk in description["foreign_keys"] if isinstance(fk, dict)]
    if any(not isinstance(group, list) or not set(group) <= names for group in used):
        raise WorkspaceError(f"{where}: a key, index or constraint names an unknown column")
