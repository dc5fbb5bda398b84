"""Settings on the command line: config and environment become option defaults.

The root command (``counterpoint --config FILE …``) resolves the settings table
(:mod:`counterpoint.settings`) once and hands click a *default map*: for every command in
the tree, every option that a setting names gets the resolved value as its default. An
option given on the command line still wins. ``counterpoint settings`` prints the table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from counterpoint.cli_common import Format, out, print_json
from counterpoint.settings import BY_NAME, SETTINGS, Resolved, resolve


def default_map(command: Any, values: dict[str, Any]) -> dict[str, Any]:
    """Option defaults for ``command`` and every command under it, from ``values``.

    ``command`` is a click command as Typer builds it (Typer ships its own click, so this
    reads the attributes every click command has: ``params``, and ``commands`` for groups).
    """
    found: dict[str, Any] = {}
    for param in command.params:
        setting = BY_NAME.get(param.name or "")
        if setting is not None and setting.name in values and setting.option in param.opts:
            found[param.name] = values[setting.name]
    for name, sub in getattr(command, "commands", {}).items():
        below = default_map(sub, values)
        if below:
            found[name] = below
    return found


def apply_settings(ctx: typer.Context, config: Path | None) -> None:
    """Resolve the settings and install them as the default map of every subcommand."""
    resolved = resolve(config)
    ctx.obj = resolved
    if resolved.values:
        ctx.default_map = default_map(ctx.command, resolved.values)


def settings(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """List the settings: the value in force, where it came from, the option and variable."""
    resolved = ctx.find_root().obj
    if not isinstance(resolved, Resolved):
        resolved = resolve(None)
    rows: list[dict[str, Any]] = [
        {
            "name": s.name,
            "value": resolved.values.get(s.name, s.default),
            "source": resolved.sources.get(s.name, "default"),
            "option": s.option,
            "env": s.env,
            "help": s.help,
        }
        for s in SETTINGS
    ]
    if fmt is Format.json:
        print_json({"config": str(resolved.config) if resolved.config else None, "settings": rows})
        return
    from rich.table import Table

    table = Table("setting", "value", "from", "option", "environment", "meaning")
    for row in rows:
        value = "(all cores)" if row["value"] is None else str(row["value"])
        cells = (row["name"], value, row["source"], row["option"], row["env"], row["help"])
        table.add_row(*(Text(cell) for cell in cells))
    out.print(table)
    where = resolved.config or "none (no --config, $COUNTERPOINT_CONFIG or ./counterpoint.toml)"
    out.print(Text(f"configuration file: {where}"))


def register(app: typer.Typer) -> None:
    """Mount ``counterpoint settings`` on the main app."""
    app.command(name="settings")(settings)
