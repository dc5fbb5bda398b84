"""``counterpoint forecasts …``: the forecast ledger on the command line.

Every command first drafts questions for forecasts analysed since the last run (the
ledger's ``sync``, idempotent), so ``analyze`` then ``forecasts list`` just works.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from counterpoint.cli_common import DB_DEFAULT, DbOption, Format, err, out, print_json

if TYPE_CHECKING:
    from rich.table import Table

    from counterpoint.ledger import Ledger, LedgerScores, Question

forecasts = typer.Typer(help="Keep score: forecasts as questions, resolved and scored.")

FmtOption = Annotated[Format, typer.Option("--format", help="Output format.")]
IdArg = Annotated[int, typer.Argument(help="Question id (see `forecasts list`).")]
AsOfOption = Annotated[
    str | None, typer.Option("--as-of", help="Take today to be this date (YYYY-MM-DD).")
]


class GroupByOption(StrEnum):
    """Breakdowns of the score table."""

    author = "author"
    source = "source"
    topic = "topic"
    horizon = "horizon"


class ExportFormat(StrEnum):
    """Exchange forms of `forecasts export`."""

    csv = "csv"
    json = "json"
    platform = "platform"


def register(app: typer.Typer) -> None:
    """Mount the ``forecasts`` command group on the main app."""
    app.add_typer(forecasts, name="forecasts")


@contextmanager
def _ledger(db: str) -> Iterator[Ledger]:
    from counterpoint.ledger import Ledger
    from counterpoint.store import Store

    with Store.open(db) as store:
        ledger = Ledger(store)
        ledger.sync()
        yield ledger


def _date(value: str, field: str) -> date:
    from counterpoint.ledger import LedgerError

    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise LedgerError(f"{field}: {value!r} is not a date (YYYY-MM-DD)") from e


def _day(value: str | None, field: str) -> date | None:
    return None if value is None else _date(value, field)


def _probability(value: str | None) -> float | None:
    from counterpoint.ledger.questions import parse_probability

    return None if value is None else parse_probability(value)


@forecasts.command()
def sync(db: DbOption = DB_DEFAULT, fmt: FmtOption = Format.table) -> None:
    """Draft questions from every stored forecast not yet in the ledger."""
    from counterpoint.ledger import Ledger
    from counterpoint.store import Store

    with Store.open(db) as store:
        result = Ledger(store).sync()
    if fmt is Format.json:
        print_json({"created": list(result.created), "existing": result.existing})
    else:
        out.print(f"{len(result.created)} questions drafted, {result.existing} already there")


@forecasts.command(name="list")
def list_(
    db: DbOption = DB_DEFAULT,
    due: Annotated[bool, typer.Option("--due", help="Only open questions past close.")] = False,
    author: Annotated[str | None, typer.Option("--author", help="Only this forecaster.")] = None,
    fmt: FmtOption = Format.table,
    as_of: AsOfOption = None,
) -> None:
    """List the questions (id, probability, close date, status, statement)."""
    from counterpoint.ledger.exchange import question_to_dict

    with _ledger(db) as ledger:
        found = ledger.questions(due=due, author=author, today=_day(as_of, "as-of"))
    if fmt is Format.json:
        print_json([question_to_dict(q) for q in found])
    else:
        out.print(_questions_table(found))


@forecasts.command()
def show(question_id: IdArg, db: DbOption = DB_DEFAULT, fmt: FmtOption = Format.table) -> None:
    """Show one question with its criteria, sources and resolution."""
    from counterpoint.ledger.exchange import question_to_dict

    with _ledger(db) as ledger:
        data = question_to_dict(ledger.get(question_id))
    if fmt is Format.json:
        print_json(data)
        return
    sources = data.pop("sources")
    for key, value in data.items():
        if value not in (None, ""):
            out.print(Text(key, style="bold"), Text(f": {value}"), sep="", soft_wrap=True)
    for source in sources:
        where = f"{source['document_name']} [{source['start']}:{source['end']}]"
        out.print(Text("source", style="bold"), Text(f": {where} “{source['quote']}”"), sep="")


@forecasts.command()
def resolve(
    question_id: IdArg,
    outcome: Annotated[str, typer.Argument(help="yes, no or annulled.")],
    on: Annotated[str, typer.Option("--on", help="Resolution date YYYY-MM-DD.")],
    note: Annotated[str, typer.Option("--note", help="What settled it.")] = "",
    source: Annotated[str | None, typer.Option("--source", help="Where it is shown.")] = None,
    db: DbOption = DB_DEFAULT,
) -> None:
    """Resolve a question yes, no or annulled (condition unmet, ambiguous)."""
    day = _date(on, "on")
    with _ledger(db) as ledger:
        question = ledger.resolve(question_id, outcome, on=day, note=note, source=source)
    out.print(Text(f"question {question_id} resolved {outcome} on {day}: {question.title}"))


@forecasts.command()
def unresolve(question_id: IdArg, db: DbOption = DB_DEFAULT) -> None:
    """Remove a question's resolution, making it open again."""
    with _ledger(db) as ledger:
        ledger.unresolve(question_id)
    out.print(f"question {question_id} is open again")


@forecasts.command()
def edit(
    question_id: IdArg,
    statement: Annotated[str | None, typer.Option("--statement", help="New wording.")] = None,
    probability: Annotated[
        str | None, typer.Option("--probability", help="0.7, 70% or odds 7:3.")
    ] = None,
    resolution: Annotated[
        str | None, typer.Option("--resolution", help="New resolution criteria.")
    ] = None,
    close: Annotated[str | None, typer.Option("--close", help="Close date YYYY-MM-DD.")] = None,
    author: Annotated[str | None, typer.Option("--author", help="Forecaster.")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="Topic label.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="open or unresolvable.")] = None,
    db: DbOption = DB_DEFAULT,
) -> None:
    """Edit a question's wording, probability, criteria, close date, author, topic or status."""
    with _ledger(db) as ledger:
        question = ledger.edit(
            question_id,
            title=statement,
            probability=_probability(probability),
            criteria=resolution,
            close_date=_day(close, "close"),
            author=author,
            topic=topic,
            status=status,
        )
    out.print(_questions_table([question]))


@forecasts.command()
def merge(
    keep: Annotated[int, typer.Argument(help="The question to keep.")],
    duplicates: Annotated[list[int], typer.Argument(help="Questions folded into it.")],
    db: DbOption = DB_DEFAULT,
) -> None:
    """Merge duplicate questions (the same prediction in several documents) into one."""
    with _ledger(db) as ledger:
        question = ledger.merge(keep, duplicates)
    out.print(Text(f"question {keep} now has {len(question.sources)} sources: {question.title}"))


@forecasts.command()
def add(
    statement: Annotated[str, typer.Option("--statement", help="What is predicted.")],
    probability: Annotated[str, typer.Option("--probability", help="0.7, 70% or 7:3.")],
    close: Annotated[str | None, typer.Option("--close", help="Close date YYYY-MM-DD.")] = None,
    opened: Annotated[str | None, typer.Option("--opened", help="Date of the forecast.")] = None,
    author: Annotated[str | None, typer.Option("--author", help="Forecaster.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Publication.")] = None,
    topic: Annotated[str, typer.Option("--topic", help="Topic label.")] = "",
    resolution: Annotated[str | None, typer.Option("--resolution", help="Criteria.")] = None,
    db: DbOption = DB_DEFAULT,
) -> None:
    """Add a question by hand."""
    from counterpoint.ledger import Question
    from counterpoint.ledger.questions import draft_criteria, parse_probability

    close_date = _day(close, "close")
    question = Question(
        title=statement.strip(),
        probability=parse_probability(probability),
        criteria=resolution or draft_criteria(close=close_date),
        close_date=close_date,
        opened=_day(opened, "opened") or date.today(),
        author=author,
        source=source,
        topic=topic,
    )
    with _ledger(db) as ledger:
        stored = ledger.add(question)
    out.print(Text(f"question {stored.id} added: {stored.title}"))


@forecasts.command()
def score(
    db: DbOption = DB_DEFAULT,
    by: Annotated[GroupByOption | None, typer.Option("--by", help="Break down by.")] = None,
    fmt: FmtOption = Format.table,
    plot: Annotated[
        Path | None, typer.Option("--plot", help="Write the calibration plot (HTML) here.")
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """Brier, log and baseline scores, discrimination and calibration of resolved questions."""
    from dataclasses import asdict

    from counterpoint.ledger import score_questions
    from counterpoint.ledger.plot import calibration_html

    with _ledger(db) as ledger:
        found = ledger.questions()
    scores = score_questions(found, by=by.value if by else None, today=_day(as_of, "as-of"))
    if plot is not None:
        plot.write_text(calibration_html(scores), encoding="utf-8")
        err.print(f"wrote {plot}", highlight=False)
    if fmt is Format.json:
        print_json(asdict(scores))
    else:
        for table in _score_tables(scores):
            out.print(table)


@forecasts.command(name="export")
def export_(
    db: DbOption = DB_DEFAULT,
    fmt: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.csv,
    output: Annotated[Path | None, typer.Option("--out", help="File (default stdout).")] = None,
) -> None:
    """Export the questions as CSV, JSON, or a forecasting platform's CSV."""
    import sys

    from counterpoint.ledger.exchange import export_questions

    with _ledger(db) as ledger:
        text = export_questions(ledger.questions(), form=fmt.value)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}", highlight=False)


@forecasts.command(name="import")
def import_(
    file: Annotated[Path, typer.Argument(help="A .csv (ledger or platform form) or .json file.")],
    db: DbOption = DB_DEFAULT,
) -> None:
    """Import questions (all or none); those already in the ledger are skipped."""
    from counterpoint.ledger.exchange import read_questions

    read = read_questions(file)
    with _ledger(db) as ledger:
        result = ledger.import_questions(read)
    out.print(f"{len(result.created)} questions imported, {result.skipped} already there")


def _questions_table(found: list[Question]) -> Table:
    from rich.table import Table

    table = Table(title=f"{len(found)} questions", title_justify="left")
    for name in ("id", "p", "close", "status", "author", "statement"):
        table.add_column(
            name,
            justify="right" if name in ("id", "p") else "left",
            max_width=24 if name == "author" else None,
        )
    for q in found:
        state = q.resolution.outcome if q.resolution else q.status
        table.add_row(
            str(q.id),
            f"{q.probability:.2f}",
            q.close_date.isoformat() if q.close_date else "–",
            state,
            Text(q.author or "–"),
            Text(q.title),
        )
    return table


def _score_tables(scores: LedgerScores) -> Iterator[Any]:
    from rich.table import Table

    table = Table(
        title=f"Scores as of {scores.today} (pending horizon {scores.pending}, open "
        f"{scores.open}, annulled {scores.annulled}, unresolvable {scores.unresolvable})",
        title_justify="left",
    )
    for name in ("group", "n", "yes", "Brier", "log", "baseline", "AUC", "REL", "RES", "UNC"):
        table.add_column(name, justify="left" if name == "group" else "right")
    rows = [("all", scores.overall)] + [(g.group, g.scores) for g in scores.groups]
    for group, s in rows:
        parts = s.decomposition
        table.add_row(
            group,
            str(s.n),
            str(s.n_yes),
            *(_num(v) for v in (s.brier, s.log_score)),
            _num(s.baseline, 1),
            _num(s.discrimination, 2),
            *(_num(getattr(parts, k, None)) for k in ("reliability", "resolution", "uncertainty")),
        )
    yield table
    bins = Table(title="Calibration (all)", title_justify="left")
    for name in ("bin", "n", "mean p", "observed", "95% interval"):
        bins.add_column(name, justify="right")
    for b in scores.overall.bins:
        interval = f"{b.low:.2f}–{b.high:.2f}" if b.low is not None and b.high is not None else "–"
        bins.add_row(
            f"{b.lower:.1f}–{b.upper:.1f}",
            str(b.count),
            _num(b.mean_probability, 2),
            _num(b.observed_frequency, 2),
            interval,
        )
    yield bins


def _num(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"
