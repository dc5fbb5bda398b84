"""Commands and helpers for large runs: ``analyze``'s engines and ``counterpoint load``.

``analyze`` (in :mod:`counterpoint.cli`) delegates here: the local engine (this process or
``--workers N`` processes writing into ``--db``) and the Dask engine (``--engine dask``,
Parquet into ``--parquet DIR``, then loaded into ``--db``). The progress bar counts the
inputs first, then shows documents done, documents per second and the time left.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from counterpoint.cli_common import (
    DB_DEFAULT,
    DbOption,
    Format,
    err,
    error_line,
    out,
    print_json,
)
from counterpoint.errors import CounterpointError
from counterpoint.records import Document

INTERRUPTED_EXIT = 130
TABLE_ROWS = 500


class Engine(StrEnum):
    """Where extraction runs."""

    local = "local"
    dask = "dask"


@contextmanager
def progress_bar(total: int, *, enabled: bool) -> Iterator[Callable[[Document | None], None]]:
    """A progress line on stderr: done/total, documents per second, words per second, ETA."""
    if not enabled:
        yield lambda document: None
        return
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("analyse", total=total or None, rate="")
        started = time.perf_counter()
        done = words = 0

        def tick(document: Document | None) -> None:
            nonlocal done, words
            done += 1
            words += document.word_count if document is not None else 0
            elapsed = max(time.perf_counter() - started, 1e-9)
            rate = f"{done / elapsed:,.1f} docs/s · {words / elapsed:,.0f} words/s"
            progress.update(task, advance=1, rate=rate)

        yield tick


def analyze_command(
    paths: list[Path],
    *,
    db: str,
    published: Any,
    fmt: Format,
    out_dir: Path | None,
    scale: str,
    fast: bool,
    workers: int | None,
    resume: bool,
    engine: Engine,
    scheduler: str | None,
    parquet: Path | None,
    max_chars: int,
) -> None:
    """Run ``analyze`` on the chosen engine, then print and write the summaries."""
    from counterpoint.extract import ExtractOptions
    from counterpoint.pipeline import AnalyzeResult
    from counterpoint.scale.inputs import count_inputs
    from counterpoint.scale.workers import available_cores
    from counterpoint.store import Store

    workers = workers or available_cores()
    if workers < 1:
        raise CounterpointError(f"--workers {workers}: must be at least 1")
    if engine is Engine.local and (scheduler or parquet):
        raise CounterpointError("--scheduler and --parquet need --engine dask")
    if engine is Engine.dask and parquet is None:
        raise CounterpointError("--engine dask needs --parquet DIR for its output")
    options = ExtractOptions(scale=scale)
    total = count_inputs(paths)
    with Store.open(db) as store, progress_bar(total, enabled=fmt is Format.table) as tick:
        if engine is Engine.dask:
            assert parquet is not None
            result: AnalyzeResult = _dask(
                paths,
                store,
                parquet,
                scheduler,
                workers,
                fast,
                options,
                published,
                resume,
                tick,
                max_chars,
            )
        else:
            from counterpoint.pipeline import analyze

            result = analyze(
                paths,
                store=store,
                fast=fast,
                workers=workers,
                published=published,
                options=options,
                progress=tick,
                keep_extractions=out_dir is not None,
                max_summaries=None if fmt is Format.json else TABLE_ROWS,
                max_chars=max_chars,
            )
    _report(result, fmt=fmt, out_dir=out_dir)


def _dask(
    paths: list[Path],
    store: Any,
    parquet: Path,
    scheduler: str | None,
    workers: int,
    fast: bool,
    options: Any,
    published: Any,
    resume: bool,
    tick: Callable[[Document | None], None],
    max_chars: int,
) -> Any:
    from counterpoint.pipeline import AnalyzeResult
    from counterpoint.scale.dask_engine import run_dask
    from counterpoint.scale.load import load_parquet

    started = time.perf_counter()
    ran = run_dask(
        paths,
        directory=parquet,
        scheduler=scheduler,
        workers=workers,
        fast=fast,
        options=options,
        published=published,
        resume=resume,
        skip=lambda sha256, version: store.stored(sha256, version) is not None,
        progress=tick,
        max_chars=max_chars,
    )
    loaded = load_parquet(parquet, store) if ran.written or ran.skipped else None
    err.print(
        f"wrote {len(ran.written)} documents to {parquet} in {ran.parts} parts; "
        f"{ran.skipped} already done; "
        + (f"loaded {loaded.stored} new into the database" if loaded else "nothing to load"),
        highlight=False,
    )
    summaries = ran.written
    errors = ran.errors + (loaded.errors if loaded else ())
    words = sum(s.words for s in summaries)
    return AnalyzeResult(
        summaries, errors, (), words, time.perf_counter() - started,
        stored=len(summaries), unchanged=ran.skipped,
    )  # fmt: skip


def _report(result: Any, *, fmt: Format, out_dir: Path | None) -> None:
    for line in result.errors:
        error_line(line)
    if out_dir is not None:
        from counterpoint.report import write_summaries

        written = write_summaries(result.extractions, out_dir)
        err.print("wrote " + ", ".join(str(p) for p in written), highlight=False)
    if fmt is Format.json:
        print_json(
            {
                "documents": [s.__dict__ for s in result.summaries],
                "errors": list(result.errors),
                "stored": result.stored,
                "unchanged": result.unchanged,
                "words": result.words,
                "seconds": round(result.seconds, 3),
                "interrupted": result.interrupted,
            }
        )
    elif result.summaries or not result.errors:
        # When every input failed, the error lines say it all: no empty table.
        from counterpoint.report.terminal import summary_table

        out.print(summary_table(result))
        shown = len(result.summaries)
        if result.stored + result.unchanged > shown:
            more = result.stored + result.unchanged - shown
            out.print(f"… and {more:,} more documents", highlight=False)
    if result.interrupted:
        err.print(
            f"interrupted: {result.stored} documents stored; run the same command again "
            "(with --resume) to continue",
            highlight=False,
        )
        raise typer.Exit(INTERRUPTED_EXIT)
    if not result.summaries and not result.stored + result.unchanged:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add the ``load`` command."""

    @app.command()
    def load(
        directory: Annotated[Path, typer.Argument(help="Parquet output of analyze --engine dask.")],
        db: DbOption = DB_DEFAULT,
        fmt: Annotated[Format, typer.Option("--format")] = Format.table,
    ) -> None:
        """Load Parquet output (from ``analyze --engine dask``) into the database."""
        from counterpoint.scale.load import load_parquet
        from counterpoint.store import Store

        with Store.open(db) as store:
            result = load_parquet(directory, store)
        for line in result.errors:
            error_line(line)
        if fmt is Format.json:
            print_json(result.__dict__)
        else:
            out.print(
                f"{result.parts} parts: {result.stored} documents stored, "
                f"{result.unchanged} already there, {len(result.errors)} errors",
                highlight=False,
            )
        if result.errors:
            raise typer.Exit(1)
