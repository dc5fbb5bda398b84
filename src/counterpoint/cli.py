"""The command line: each command parses options, calls one library function, renders.

Every ``CounterpointError`` becomes one line on stderr and exit status 1.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from counterpoint import __version__
from counterpoint.cli_common import (
    DB_DEFAULT,
    SCALE_DEFAULT,
    DbOption,
    Format,
    PublishedOption,
    Scale,
    error_line,
    out,
    print_json,
    published_date,
)
from counterpoint.cli_scale import Engine
from counterpoint.errors import CounterpointError
from counterpoint.settings import default_int

MAX_CHARS_DEFAULT = default_int("max_chars")

app = typer.Typer(
    help="Weigh competing written assessments of relations between states, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def root(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Settings file (TOML, with a settings table); default $COUNTERPOINT_CONFIG "
            "or ./counterpoint.toml. `counterpoint settings` lists them.",
        ),
    ] = None,
) -> None:
    """Weigh competing written assessments of relations between states, offline."""
    from counterpoint.cli_settings import apply_settings

    apply_settings(ctx, config)


@app.command()
def analyze(
    paths: Annotated[
        list[Path], typer.Argument(help="Files (.txt .md .html .pdf .jsonl) or directories.")
    ],
    db: DbOption = DB_DEFAULT,
    published: PublishedOption = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Also write summary.json and summary.md here.")
    ] = None,
    scale: Annotated[
        Scale, typer.Option("--scale", help="Probability scale for hedges.")
    ] = SCALE_DEFAULT,
    fast: Annotated[
        bool, typer.Option("--fast", help="Rules only: no tagger, parser or NER.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="Extraction processes (default: all cores).", min=1),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Continue an interrupted run (stored documents are always skipped; "
            "needed to continue into a non-empty --parquet DIR).",
        ),
    ] = False,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local processes, or a Dask cluster.")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address (default: a local cluster)."),
    ] = None,
    parquet: Annotated[
        Path | None,
        typer.Option("--parquet", help="Dask engine: write results as Parquet here."),
    ] = None,
    max_chars: Annotated[
        int,
        typer.Option("--max-chars", min=1, help="Refuse longer documents (bounds time, memory)."),
    ] = MAX_CHARS_DEFAULT,
) -> None:
    """Ingest, extract and store documents; print a summary per document."""
    from counterpoint.cli_scale import analyze_command

    analyze_command(
        paths,
        db=db,
        published=published_date(published),
        fmt=fmt,
        out_dir=out_dir,
        scale=scale.value,
        fast=fast,
        workers=workers,
        resume=resume,
        engine=engine,
        scheduler=scheduler,
        parquet=parquet,
        max_chars=max_chars,
    )


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One document.")],
    published: PublishedOption = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.json,
    scale: Annotated[Scale, typer.Option("--scale")] = SCALE_DEFAULT,
) -> None:
    """Extract one document and print the items (nothing is stored)."""
    from counterpoint.extract import ExtractOptions
    from counterpoint.nlp import load_nlp
    from counterpoint.pipeline import extract_file
    from counterpoint.report import extraction_to_dict
    from counterpoint.report.terminal import extraction_tables

    extraction = extract_file(
        file,
        nlp=load_nlp(),
        published=published_date(published),
        options=ExtractOptions(scale=scale.value),
    )
    if fmt is Format.json:
        print_json(extraction_to_dict(extraction))
    else:
        for table in extraction_tables(extraction):
            out.print(table)


@app.command(name="eval")
def eval_(
    directory: Annotated[
        Path, typer.Argument(help="A directory with corpus/ and gold/ (like ../shared/eval).")
    ],
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
    details: Annotated[
        bool, typer.Option("--details", help="List missed and spurious items.")
    ] = False,
    fast: Annotated[
        bool, typer.Option("--fast", help="Score the fast pipeline (no tagger, parser, NER).")
    ] = False,
) -> None:
    """Score the extractor against gold annotations (P/R/F1, probability MAE, horizons)."""
    from counterpoint.compare.evaluate import predicted_pairs, predicted_stances
    from counterpoint.evaluate import evaluate_dir
    from counterpoint.nlp import load_nlp
    from counterpoint.pipeline import extract_file
    from counterpoint.report.terminal import eval_details, eval_table

    nlp = load_nlp(fast=fast)
    report = evaluate_dir(
        directory,
        extract=lambda path, when: extract_file(path, nlp=nlp, published=when),
        compare=predicted_pairs,
        stance=predicted_stances,
    )
    if fmt is Format.json:
        from dataclasses import asdict

        print_json(asdict(report))
    else:
        out.print(eval_table(report))
        for line in eval_details(report) if details else []:
            out.print(line, highlight=False, soft_wrap=True)


@app.command()
def documents(
    db: DbOption = DB_DEFAULT,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """List the documents in the database."""
    from counterpoint.report.terminal import documents_table
    from counterpoint.store import Store

    with Store.open(db) as store:
        stored = store.list_documents()
    if fmt is Format.json:
        print_json([s.__dict__ for s in stored])
    else:
        out.print(documents_table(stored))


@app.command()
def version() -> None:
    """Print the version and the rule sets in use."""
    from counterpoint.extract import pipeline_version

    out.print(f"counterpoint {__version__}\n{pipeline_version()}", highlight=False)


def _mount() -> None:
    """Register the capability command groups, each defined in its own module."""
    from counterpoint.cli_forecasts import register as register_forecasts

    register_forecasts(app)
    from counterpoint.cli_ach import register as register_ach

    register_ach(app)
    from counterpoint.cli_compare import register as register_compare

    register_compare(app)
    from counterpoint.cli_relations import register as register_relations

    register_relations(app)
    from counterpoint.cli_scale import register as register_scale

    register_scale(app)
    from counterpoint.cli_views import register as register_views

    register_views(app)
    from counterpoint.cli_workspace import register as register_workspace

    register_workspace(app)
    from counterpoint.cli_settings import register as register_settings

    register_settings(app)


_mount()


def main() -> None:
    """Entry point: run the app, mapping counterpoint errors to one line and exit 1."""
    try:
        app()
    except CounterpointError as e:
        error_line(str(e))
        sys.exit(1)
