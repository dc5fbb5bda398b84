"""Commands for relations over time: ``relations series``, ``relations triangle``, ``timeline``."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from counterpoint.cli_common import DB_DEFAULT, DbOption, err, out, print_json
from counterpoint.errors import CounterpointError

relations = typer.Typer(help="Cooperation/conflict series per dyad and the strategic triangle.")


class RelationsFormat(StrEnum):
    """Output formats of the relations commands."""

    table = "table"
    json = "json"
    csv = "csv"
    parquet = "parquet"


class Quad(StrEnum):
    """CAMEO quad classes."""

    verbal_cooperation = "verbal_cooperation"
    material_cooperation = "material_cooperation"
    verbal_conflict = "verbal_conflict"
    material_conflict = "material_conflict"


class OutputError(CounterpointError):
    """An output option that cannot be honoured."""


FormatOption = Annotated[RelationsFormat, typer.Option("--format", help="table|json|csv|parquet.")]
OutOption = Annotated[
    Path | None, typer.Option("--out", help="Write csv/json/parquet here (parquet needs it).")
]
PlotOption = Annotated[
    Path | None, typer.Option("--plot", help="Also write a standalone offline Plotly HTML file.")
]
NoReference = Annotated[
    bool, typer.Option("--no-reference", help="Leave the reference chronology out.")
]


def _emit(
    fmt: RelationsFormat, rows: list[dict[str, Any]], nested: Any, table: Any, dest: Path | None
) -> None:
    """Render rows as the chosen format to stdout or ``dest``."""
    from counterpoint.relations.export import to_csv, write_parquet

    if fmt is RelationsFormat.parquet:
        if dest is None:
            raise OutputError("--format parquet needs --out FILE.parquet")
        err.print(f"wrote {write_parquet(rows, dest)}", highlight=False)
    elif fmt is RelationsFormat.csv and dest is not None:
        dest.write_text(to_csv(rows), encoding="utf-8")
        err.print(f"wrote {dest}", highlight=False)
    elif fmt is RelationsFormat.csv:
        out.file.write(to_csv(rows))
    elif fmt is RelationsFormat.json and dest is not None:
        dest.write_text(json.dumps(nested, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        err.print(f"wrote {dest}", highlight=False)
    elif fmt is RelationsFormat.json:
        print_json(nested)
    else:
        out.print(table)


def _plot(figure: Any, dest: Path | None) -> None:
    if dest is not None:
        from counterpoint.relations.figures import write_html

        err.print(f"wrote {write_html(figure, dest)}", highlight=False)


@relations.command()
def series(
    a: Annotated[str, typer.Argument(help="Actor code, e.g. CHN.")],
    b: Annotated[str, typer.Argument(help="Actor code, e.g. RUS.")],
    db: DbOption = DB_DEFAULT,
    period: Annotated[int, typer.Option("--period", min=1, help="Years per period.")] = 1,
    directed: Annotated[bool, typer.Option("--directed", help="Only A acting on B.")] = False,
    no_reference: NoReference = False,
    fmt: FormatOption = RelationsFormat.table,
    dest: OutOption = None,
    plot: PlotOption = None,
) -> None:
    """Counts per quad class and net intensity of dyad A–B per period."""
    from counterpoint.relations.export import series_rows
    from counterpoint.relations.figures import series_figure
    from counterpoint.relations.queries import series_of
    from counterpoint.relations.tables import series_table
    from counterpoint.store import Store

    with Store.open(db) as store:
        result = series_of(
            store,
            a.upper(),
            b.upper(),
            period=period,
            directed=directed,
            reference=not no_reference,
        )
    rows = series_rows(result.series, result.events)
    title = f"{a.upper()}{'->' if directed else '–'}{b.upper()} per {period}-year period"
    _emit(fmt, rows, rows, series_table(title, rows), dest)
    _plot(series_figure(result.series) if plot else None, plot)


@relations.command(name="triangle")
def triangle_(
    a: Annotated[str, typer.Argument(help="Actor code.")],
    b: Annotated[str, typer.Argument(help="Actor code.")],
    c: Annotated[str, typer.Argument(help="Actor code.")],
    db: DbOption = DB_DEFAULT,
    period: Annotated[int, typer.Option("--period", min=1, help="Years per period.")] = 10,
    min_events: Annotated[
        int, typer.Option("--min-events", min=1, help="Events a dyad needs for a sign.")
    ] = 1,
    no_reference: NoReference = False,
    fmt: FormatOption = RelationsFormat.table,
    dest: OutOption = None,
    plot: PlotOption = None,
) -> None:
    """Dittmer's configuration of three actors per period, with each dyad's evidence."""
    from counterpoint.relations.export import triangle_rows
    from counterpoint.relations.figures import triangle_figure
    from counterpoint.relations.queries import triangle_of
    from counterpoint.relations.tables import triangle_table
    from counterpoint.store import Store

    actors = [a.upper(), b.upper(), c.upper()]
    with Store.open(db) as store:
        result = triangle_of(
            store, actors, period=period, reference=not no_reference, min_events=min_events
        )
    rows = triangle_rows(result.triangle)
    _emit(fmt, rows, rows, triangle_table("Strategic triangle " + "–".join(actors), rows), dest)
    _plot(triangle_figure(result.triangle) if plot else None, plot)


def timeline(
    db: DbOption = DB_DEFAULT,
    actor: Annotated[
        list[str] | None, typer.Option("--actor", help="Keep events with this actor (repeat).")
    ] = None,
    start: Annotated[int | None, typer.Option("--from", help="First year.")] = None,
    end: Annotated[int | None, typer.Option("--to", help="Last year.")] = None,
    quad: Annotated[
        list[Quad] | None, typer.Option("--quad", help="Keep this quad class (repeat).")
    ] = None,
    document: Annotated[
        list[str] | None, typer.Option("--document", help="Keep events this document cites.")
    ] = None,
    no_reference: NoReference = False,
    fmt: FormatOption = RelationsFormat.table,
    dest: OutOption = None,
    plot: PlotOption = None,
) -> None:
    """Every distinct event on one timeline, with the documents citing it and their wording."""
    from counterpoint.relations.export import event_dict, event_rows
    from counterpoint.relations.figures import timeline_figure
    from counterpoint.relations.queries import timeline_of
    from counterpoint.relations.tables import timeline_table
    from counterpoint.relations.timeline import TimelineFilter
    from counterpoint.store import Store

    where = TimelineFilter(
        tuple(x.upper() for x in actor or ()),
        start,
        end,
        tuple(q.value for q in quad or ()),
        tuple(document or ()),
    )
    with Store.open(db) as store:
        events = timeline_of(store, where=where, reference=not no_reference)
    nested = [event_dict(e) for e in events]
    _emit(fmt, event_rows(events), nested, timeline_table(events), dest)
    _plot(timeline_figure(events) if plot else None, plot)


def register(app: typer.Typer) -> None:
    """Add the ``relations`` group and the top-level ``timeline`` command."""
    app.add_typer(relations, name="relations")
    app.command(name="timeline")(timeline)
