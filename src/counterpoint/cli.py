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
    DbOption,
    Format,
    PublishedOption,
    Scale,
    err,
    out,
    print_json,
    published_date,
)
from counterpoint.errors import CounterpointError

app = typer.Typer(
    help="Weigh competing written assessments of relations between states, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.command()
def analyze(
    paths: Annotated[
        list[Path], typer.Argument(help="Files (.txt .md .html .pdf .jsonl) or directories.")
    ],
    db: DbOption = "counterpoint.db",
    published: PublishedOption = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Also write summary.json and summary.md here.")
    ] = None,
    scale: Annotated[
        Scale, typer.Option("--scale", help="Probability scale for hedges.")
    ] = Scale.icd203,
    fast: Annotated[
        bool, typer.Option("--fast", help="Rules only: no tagger, parser or NER.")
    ] = False,
) -> None:
    """Ingest, extract and store documents; print a summary per document."""
    from counterpoint.extract import ExtractOptions
    from counterpoint.nlp import load_nlp
    from counterpoint.pipeline import analyze as run
    from counterpoint.report import write_summaries
    from counterpoint.report.terminal import progress_bar, summary_table
    from counterpoint.store import Store

    with Store.open(db) as store, progress_bar(out, enabled=fmt is Format.table) as tick:
        result = run(
            paths,
            store=store,
            nlp=load_nlp(fast=fast),
            published=published_date(published),
            options=ExtractOptions(scale=scale.value),
            progress=tick,
        )
    for line in result.errors:
        err.print(f"[red]error[/red] {line}", highlight=False, soft_wrap=True)
    if out_dir is not None:
        written = write_summaries(result.extractions, out_dir)
        err.print("wrote " + ", ".join(str(p) for p in written), highlight=False)
    if fmt is Format.json:
        print_json(
            {
                "documents": [s.__dict__ for s in result.summaries],
                "errors": list(result.errors),
                "words": result.words,
                "seconds": round(result.seconds, 3),
            }
        )
    else:
        out.print(summary_table(result))
    if not result.summaries:
        raise typer.Exit(1)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One document.")],
    published: PublishedOption = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.json,
    scale: Annotated[Scale, typer.Option("--scale")] = Scale.icd203,
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
) -> None:
    """Score the extractor against gold annotations (P/R/F1, probability MAE, horizons)."""
    from counterpoint.evaluate import evaluate_dir
    from counterpoint.nlp import load_nlp
    from counterpoint.pipeline import extract_file
    from counterpoint.report.terminal import eval_details, eval_table

    nlp = load_nlp()
    report = evaluate_dir(
        directory, extract=lambda path, when: extract_file(path, nlp=nlp, published=when)
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
    db: DbOption = "counterpoint.db",
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
    # mount: forecasts
    # mount: ach
    # mount: compare
    # mount: relations


_mount()


def main() -> None:
    """Entry point: run the app, mapping counterpoint errors to one line and exit 1."""
    try:
        app()
    except CounterpointError as e:
        err.print(f"[red]error[/red] {e}", highlight=False, soft_wrap=True)
        sys.exit(1)
