"""Rich tables for the relations commands (built here, printed by the CLI)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.markup import escape
from rich.table import Table

from counterpoint.relations.events import DistinctEvent
from counterpoint.relations.export import origin

_SHORT = {
    "verbal_cooperation": "verb coop",
    "material_cooperation": "mat coop",
    "verbal_conflict": "verb confl",
    "material_conflict": "mat confl",
}


def timeline_table(events: Sequence[DistinctEvent], *, quotes: int = 3) -> Table:
    """One row per distinct event: date, actors, type, intensity, origin and its quotes."""
    table = Table(title=f"Timeline ({len(events)} distinct events)", show_lines=True)
    for name in ("date", "actors", "quad / type", "int", "origin", "event and sources"):
        table.add_column(name, overflow="fold")
    for event in events:
        lines = [f"[bold]{escape(event.label)}[/bold]"]
        for source in event.sources[:quotes]:
            lines.append(f"[dim]{escape(source.document)}:[/dim] “{escape(source.quote.strip())}”")
        if len(event.sources) > quotes:
            lines.append(f"[dim]… and {len(event.sources) - quotes} more[/dim]")
        table.add_row(
            event.date,
            "–".join(event.actors),
            f"{_SHORT[event.quad]}\n{event.event_type}",
            f"{event.intensity:+g}",
            origin(event),
            "\n".join(lines),
        )
    return table


def rows_table(title: str, rows: Sequence[dict[str, Any]]) -> Table:
    """A table of plain rows (series or triangle), columns in the rows' key order."""
    table = Table(title=title)
    if not rows:
        table.add_column("no events")
        return table
    for key in rows[0]:
        table.add_column(key.replace("_", " "), overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else escape(str(v)) for v in row.values()))
    return table


def series_table(title: str, rows: Sequence[dict[str, Any]]) -> Table:
    """Series rows without the long label column, quad counts abbreviated."""
    short = [
        {_SHORT.get(k, k): v for k, v in row.items() if k not in ("labels", "dyad")} for row in rows
    ]
    return rows_table(title, short)


def triangle_table(title: str, rows: Sequence[dict[str, Any]]) -> Table:
    """One cell per dyad: sign, net intensity and number of events."""
    compact = []
    for row in rows:
        cells = {k: v for k, v in row.items() if not k.endswith((" sign", " net", " events"))}
        for key in (k[: -len(" sign")] for k in row if k.endswith(" sign")):
            n = row[f"{key} events"]
            cells[key] = (
                f"{row[f'{key} sign']} {row[f'{key} net']:+g} ({n} ev)" if n else "? (0 ev)"
            )
        compact.append(cells)
    return rows_table(title, compact)
