"""Rich renderings for the terminal (the only module besides cli.py that prints)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from counterpoint.records import Document, Extraction


@contextmanager
def progress_bar(console: Console, *, enabled: bool) -> Iterator[Callable[[Document], None]]:
    """A progress line with documents done, words per second and elapsed time."""
    if not enabled:
        yield lambda document: None
        return
    columns = (TextColumn("analysing"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[wps]} words/s"), TimeRemainingColumn())
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
    """One row per document: metadata and item counts."""
    table = Table(title=f"{len(result.summaries)} documents, {result.words:,} words, {result.seconds:.1f} s")
    for column in ("document", "title", "author", "published", "words", "forecasts", "events", "actors", "claims", "status"):
        table.add_column(column, overflow="fold")
    for s in result.summaries:
        table.add_row(s.name, s.title or "—", s.author or "—", str(s.published or "—"), f"{s.words:,}",
                      str(s.forecasts), str(s.events), str(s.actors), str(s.claims), s.status)
    return table


def extraction_tables(extraction: Extraction) -> list[Table]:
    """Forecasts and events of one document as two tables."""
    forecasts = Table(title=f"Forecasts: {extraction.document.name}")
    for column in ("p", "phrase", "horizon", "by", "quote"):
        forecasts.add_column(column, overflow="fold")
    for f in extraction.forecasts:
        forecasts.add_row(f"{f.probability:.2f}", f.probability_phrase, f.horizon_end or "—", f.attribution, f.quote)
    events = Table(title=f"Dated events: {extraction.document.name}")
    for column in ("date", "actors", "kind", "quote"):
        events.add_column(column, overflow="fold")
    for e in extraction.events:
        events.add_row(e.date, "–".join(e.actors), e.kind, e.quote)
    return [forecasts, events]


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def eval_table(report: Any, *, details: bool = False) -> Table:
    """The development-set figures: per document and overall."""
    table = Table(title="Evaluation")
    for column in ("document", "forecast P", "forecast R", "forecast F1", "event P", "event R", "event F1",
                   "prob. MAE", "horizon acc.", "actor agr."):
        table.add_column(column)
    rows: Sequence[Any] = list(report.documents)
    for d in rows:
        table.add_row(d.document, _fmt(d.forecasts.precision), _fmt(d.forecasts.recall), _fmt(d.forecasts.f1),
                      _fmt(d.events.precision), _fmt(d.events.recall), _fmt(d.events.f1),
                      _fmt(d.probability_mae), _fmt(d.horizon_accuracy), _fmt(d.event_actor_agreement))
    table.add_row("ALL", _fmt(report.forecasts.precision), _fmt(report.forecasts.recall), _fmt(report.forecasts.f1),
                  _fmt(report.events.precision), _fmt(report.events.recall), _fmt(report.events.f1),
                  _fmt(report.probability_mae), _fmt(report.horizon_accuracy), _fmt(report.event_actor_agreement),
                  style="bold")
    if details:
        for d in rows:
            for label, items in (("missed forecast", d.missed_forecasts), ("spurious forecast", d.spurious_forecasts),
                                 ("missed event", d.missed_events), ("spurious event", d.spurious_events)):
                for quote in items:
                    table.add_row(d.document, label, quote[:200], end_section=False)
    return table


def documents_table(stored: Sequence[Any]) -> Table:
    """Stored documents with their item counts."""
    table = Table(title="Documents")
    for column in ("id", "name", "title", "published", "words", "forecasts", "events", "claims"):
        table.add_column(column, overflow="fold")
    for s in stored:
        table.add_row(str(s.id), s.name, s.title or "—", str(s.published or "—"), str(s.word_count),
                      str(s.n_forecasts), str(s.n_events), str(s.n_claims))
    return table
