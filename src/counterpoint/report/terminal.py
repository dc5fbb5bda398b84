"""Rich renderings for the terminal (the only module besides cli.py that prints)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from counterpoint.records import Document, Extraction


@contextmanager
def progress_bar(console: Console, *, enabled: bool) -> Iterator[Callable[[Document], None]]:
    """A progress line with documents done, words per second and elapsed time."""
    if not enabled:
        yield lambda document: None
        return
    columns = (
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[wps]} words/s"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("analyse", total=None, wps="—")
        words = 0

        def tick(document: Document) -> None:
            nonlocal words
            words += document.word_count
            elapsed = progress.tasks[0].elapsed or 1e-9
            progress.update(task, advance=1, wps=f"{words / elapsed:,.0f}")

        yield tick


def summary_table(result: Any) -> Table:
    """One row per document: file, title, author and date, and item counts."""
    table = Table(
        title=f"{len(result.summaries)} documents, {result.words:,} words, {result.seconds:.1f} s"
    )
    table.add_column("document", ratio=1, overflow="fold")
    for column in ("words", "forecasts", "events", "actors", "claims"):
        table.add_column(column, justify="right", no_wrap=True)
    table.add_column("status", no_wrap=True)
    for s in result.summaries:
        meta = (
            " · ".join(str(x) for x in (s.author, s.published) if x) or "author and date not found"
        )
        cell = (
            f"[bold]{escape(s.title or s.name)}[/bold]\n{escape(s.name)}\n[dim]{escape(meta)}[/dim]"
        )
        table.add_row(
            cell,
            f"{s.words:,}",
            str(s.forecasts),
            str(s.events),
            str(s.actors),
            str(s.claims),
            s.status,
        )
    return table


def extraction_tables(extraction: Extraction) -> list[Table]:
    """Forecasts and events of one document as two tables."""
    forecasts = Table(title=f"Forecasts: {extraction.document.name}")
    for column in ("p", "phrase", "horizon", "by", "quote"):
        forecasts.add_column(column, overflow="fold")
    for f in extraction.forecasts:
        forecasts.add_row(
            f"{f.probability:.2f}",
            Text(f.probability_phrase),
            f.horizon_end or "—",
            Text(f.attribution),
            Text(f.quote),
        )
    events = Table(title=f"Dated events: {extraction.document.name}")
    for column in ("date", "actors", "kind", "quote"):
        events.add_column(column, overflow="fold")
    for e in extraction.events:
        events.add_row(e.date, "–".join(e.actors), e.kind, Text(e.quote))
    return [forecasts, events]


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def eval_table(report: Any) -> Table:
    """The development-set figures: one row per measure, one column per document and overall."""
    table = Table(title="Evaluation against gold annotations")
    table.add_column("measure")
    for d in report.documents:
        table.add_column(d.document.rsplit(".", 1)[0][:24], justify="right")
    table.add_column("ALL", justify="right", style="bold")
    measures = [
        ("forecast precision", lambda r: r.forecasts.precision),
        ("forecast recall", lambda r: r.forecasts.recall),
        ("forecast F1", lambda r: r.forecasts.f1),
        ("event precision", lambda r: r.events.precision),
        ("event recall", lambda r: r.events.recall),
        ("event F1", lambda r: r.events.f1),
        ("probability MAE", lambda r: r.probability_mae),
        ("horizon accuracy", lambda r: r.horizon_accuracy),
        ("event actor agreement", lambda r: r.event_actor_agreement),
        ("event kind accuracy", lambda r: r.event_kind_accuracy),
        ("forecast polarity accuracy", lambda r: r.forecast_polarity_accuracy),
        ("forecast attribution accuracy", lambda r: r.forecast_attribution_accuracy),
    ]
    for name, get in measures:
        table.add_row(name, *(_fmt(get(d)) for d in report.documents), _fmt(get(report)))
    counts = [
        f"{d.forecasts.tp + d.forecasts.fn}/{d.events.tp + d.events.fn}" for d in report.documents
    ]
    total = f"{report.forecasts.tp + report.forecasts.fn}/{report.events.tp + report.events.fn}"
    table.add_row("gold forecasts/events", *counts, total)
    blank = [""] * len(report.documents)
    for name, value in (
        ("cross-document pair precision", getattr(report, "pairs_precision", None)),
        ("cross-document pair recall", report.pairs_recall),
        ("pair relation accuracy", report.pair_relation_accuracy),
        ("stance accuracy", getattr(report, "stance_accuracy", None)),
    ):
        table.add_row(name, *blank, _fmt(value))
    return table


def eval_details(report: Any) -> list[str]:
    """Missed and spurious items, one line each."""
    lines: list[str] = []
    for d in report.documents:
        for label, items in (
            ("missed forecast", d.missed_forecasts),
            ("spurious forecast", d.spurious_forecasts),
            ("missed event", d.missed_events),
            ("spurious event", d.spurious_events),
        ):
            lines.extend(f"{d.document}: {label}: {quote[:160]}" for quote in items)
    return lines


def documents_table(stored: Sequence[Any]) -> Table:
    """Stored documents with their item counts."""
    table = Table(title="Documents")
    for column in ("id", "name", "title", "published", "words", "forecasts", "events", "claims"):
        table.add_column(column, overflow="fold")
    for s in stored:
        table.add_row(
            str(s.id),
            Text(s.name),
            Text(s.title or "—"),
            str(s.published or "—"),
            str(s.word_count),
            str(s.n_forecasts),
            str(s.n_events),
            str(s.n_claims),
        )
    return table
