"""``counterpoint export --all`` and ``counterpoint import``: back up and move a workspace."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from counterpoint.cli_common import DB_DEFAULT, DbOption, Format, err, out, print_json
from counterpoint.errors import CounterpointError

if TYPE_CHECKING:
    from rich.table import Table

    from counterpoint.workspace import TableSummary

FmtOption = Annotated[Format, typer.Option("--format", help="Output format.")]


def export(
    out_path: Annotated[
        Path,
        typer.Option("--out", help="Where to write: NAME.zip for one file, else a directory."),
    ],
    all_: Annotated[
        bool, typer.Option("--all", help="Everything in the database (required).")
    ] = False,
    db: DbOption = DB_DEFAULT,
    fmt: FmtOption = Format.table,
) -> None:
    """Export the whole workspace (documents, items, ledger, ACH, comparisons) with a manifest."""
    from counterpoint.workspace import export_workspace

    if not all_:
        raise CounterpointError("export: add --all (the whole workspace is the only choice)")
    result = export_workspace(db, out_path)
    _show(result.tables, fmt=fmt, path=result.path)
    rows = sum(t.rows for t in result.tables)
    err.print(f"exported {rows:,} rows in {len(result.tables)} tables to {result.path}")


def import_(
    file: Annotated[Path, typer.Argument(help="An export (.zip file or directory).")],
    db: DbOption = DB_DEFAULT,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace a workspace already in --db.")
    ] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Only verify the export; write nothing.")
    ] = False,
    fmt: FmtOption = Format.table,
) -> None:
    """Import an export into an empty database (or replace one), all or nothing."""
    from counterpoint.workspace import TableSummary, import_workspace, verify_export

    if check:
        entries = verify_export(file)
        tables = tuple(TableSummary(e["name"], e["rows"], e["sha256"]) for e in entries)
        _show(tables, fmt=fmt, path=file)
        err.print(f"{file}: complete and unchanged ({len(tables)} tables)")
        return
    result = import_workspace(file, db, replace=replace)
    _show(result.tables, fmt=fmt, path=file)
    rows = sum(t.rows for t in result.tables)
    replaced = f" (replacing {result.replaced:,} rows)" if result.replaced else ""
    err.print(f"imported {rows:,} rows in {len(result.tables)} tables into {db}{replaced}")


def _show(tables: tuple[TableSummary, ...], *, fmt: Format, path: Path) -> None:
    if fmt is Format.json:
        print_json({"path": str(path), "tables": [t.__dict__ for t in tables]})
    else:
        out.print(_table(tables))


def _table(tables: tuple[TableSummary, ...]) -> Table:
    from rich.table import Table

    table = Table(title="Workspace tables")
    table.add_column("table")
    table.add_column("rows", justify="right")
    table.add_column("sha256")
    for summary in tables:
        table.add_row(Text(summary.name), f"{summary.rows:,}", summary.sha256[:16])
    return table


def register(app: typer.Typer) -> None:
    """Add the top-level ``export`` and ``import`` commands."""
    app.command(name="export")(export)
    app.command(name="import")(import_)
