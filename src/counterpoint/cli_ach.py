"""``counterpoint ach``: score an ACH case, propose evidence, send milestones to the ledger."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from counterpoint.cli_common import DB_DEFAULT, DbOption, Format, err, out, print_json

CaseArgument = Annotated[Path, typer.Argument(help="An ACH case file (YAML; see docs/ach.md).")]

group = typer.Typer(help="Analysis of Competing Hypotheses: score, stress-test, suggest evidence.")


class ScoreFormat(StrEnum):
    """Output formats of ``ach score``."""

    table = "table"
    json = "json"
    csv = "csv"
    md = "md"


@group.command()
def score(
    case_file: CaseArgument,
    db: DbOption = DB_DEFAULT,
    fmt: Annotated[ScoreFormat, typer.Option("--format")] = ScoreFormat.table,
    store_result: Annotated[
        bool, typer.Option("--store/--no-store", help="Keep the result in the database.")
    ] = True,
    replace: Annotated[
        bool,
        typer.Option("--replace", help="Overwrite a stored case that differs (app edits too)."),
    ] = False,
) -> None:
    """Score a case: matrix, Heuer/weighted/Bayes scores, diagnosticity, sensitivity, reasons."""
    from counterpoint.ach import load_case, score_case

    case = load_case(case_file)
    result = score_case(case)
    if store_result:
        from counterpoint.ach.store import save_result
        from counterpoint.store import Store

        with Store.open(db) as store:
            save_result(store, case, result, replace=replace)
    _print_result(result, fmt)


def _print_result(result: Any, fmt: ScoreFormat) -> None:
    from counterpoint.ach import render

    if fmt is ScoreFormat.json:
        print_json(render.result_to_dict(result))
    elif fmt is ScoreFormat.csv:
        out.file.write(render.result_to_csv(result))
    elif fmt is ScoreFormat.md:
        out.file.write(render.result_to_markdown(result))
    else:
        out.print(render.result_tables(result))


@group.command()
def show(
    name: Annotated[
        str | None, typer.Argument(help="A stored case's name; none lists the stored cases.")
    ] = None,
    db: DbOption = DB_DEFAULT,
    fmt: Annotated[ScoreFormat, typer.Option("--format")] = ScoreFormat.table,
) -> None:
    """Show a stored case as it stands now (with edits made in the web app), or list them."""
    from counterpoint.ach.store import load_result, stored_cases
    from counterpoint.store import Store

    with Store.open(db) as store:
        if name is None:
            cases = stored_cases(store)
            if fmt is ScoreFormat.json:
                print_json([{"name": c.name, "question": c.question} for c in cases])
            for case in cases if fmt is not ScoreFormat.json else ():
                out.print(f"{case.name}\t{case.question}", highlight=False, markup=False)
            return
        result = load_result(store, name)
    _print_result(result, fmt)


@group.command()
def rate(
    name: Annotated[str, typer.Argument(help="A stored case's name.")],
    item_id: Annotated[str, typer.Argument(help="The evidence item's id (e.g. E3).")],
    hypothesis_id: Annotated[str, typer.Argument(help="The hypothesis's id (e.g. H1).")],
    rating: Annotated[str, typer.Argument(help="CC, C, N, I, II or NA.")],
    db: DbOption = DB_DEFAULT,
    fmt: Annotated[ScoreFormat, typer.Option("--format")] = ScoreFormat.table,
) -> None:
    """Change one rating of a stored case, re-score it and show the new result."""
    from counterpoint.ach.edit import set_rating
    from counterpoint.store import Store

    with Store.open(db) as store:
        result = set_rating(store, name, item_id, hypothesis_id, rating)
    _print_result(result, fmt)


@group.command()
def export(
    name: Annotated[str, typer.Argument(help="A stored case's name.")],
    db: DbOption = DB_DEFAULT,
    output: Annotated[
        Path | None, typer.Option("--out", help="Write the case file here (default: print it).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing --out file.")] = False,
) -> None:
    """Write a stored case, with its edited ratings and added items, as a case file (YAML)."""
    from counterpoint.ach.export import case_yaml, write_case_file
    from counterpoint.ach.store import load_case
    from counterpoint.store import Store

    with Store.open(db) as store:
        case = load_case(store, name)
    if output is None:
        sys.stdout.write(case_yaml(case))
        return
    write_case_file(case, output, overwrite=force)
    err.print(f"{output}: case {name!r} written ({len(case.evidence)} items)", highlight=False)


@group.command()
def check(case_file: CaseArgument) -> None:
    """Validate a case file (every quote is looked up in its document); exit 1 on an error."""
    from counterpoint.ach import load_case

    case = load_case(case_file)
    out.print(
        f"{case_file}: {len(case.hypotheses)} hypotheses, {len(case.evidence)} items, "
        f"{sum(len(h.milestones) for h in case.hypotheses)} milestones: valid",
        highlight=False,
        markup=False,
    )


@group.command()
def suggest(
    case_file: CaseArgument,
    db: DbOption = DB_DEFAULT,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
    output: Annotated[
        Path | None, typer.Option("--out", help="Write the suggestions as YAML evidence here.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1)] = 20,
) -> None:
    """Propose evidence from stored events, forecasts and claims (the case is not changed)."""
    from dataclasses import asdict

    from counterpoint.ach import load_case
    from counterpoint.ach.suggest import suggest as run
    from counterpoint.ach.suggest import suggestions_yaml
    from counterpoint.store import Store

    case = load_case(case_file)
    with Store.open(db) as store:
        found = run(case, store, limit=limit)
    if output is not None:
        output.write_text(suggestions_yaml(found), encoding="utf-8")
        err.print(f"wrote {len(found)} suggestions to {output}", highlight=False)
    elif fmt is Format.json:
        print_json([{**asdict(s), "ratings": dict(s.ratings)} for s in found])
    else:
        from counterpoint.ach.render import suggestions_table

        out.print(suggestions_table(found))


@group.command()
def milestones(
    case_file: CaseArgument,
    db: DbOption = DB_DEFAULT,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
    to_ledger: Annotated[
        bool, typer.Option("--to-ledger", help="Add them to the forecast ledger as questions.")
    ] = False,
) -> None:
    """List each hypothesis's milestones as forecast questions; optionally send to the ledger."""
    from dataclasses import asdict

    from counterpoint.ach import load_case, score_case
    from counterpoint.ach.milestones import milestone_questions, send_to_ledger
    from counterpoint.ach.render import milestones_table

    case = load_case(case_file)
    questions = milestone_questions(case, score_case(case))
    if to_ledger:
        from counterpoint.store import Store

        with Store.open(db) as store:
            sent = send_to_ledger(store, questions)
        err.print(
            f"ledger: {len(sent.created)} questions added, {len(sent.existing)} already there",
            highlight=False,
        )
    if fmt is Format.json:
        print_json([asdict(q) for q in questions])
    else:
        out.print(milestones_table(questions))


def register(app: typer.Typer) -> None:
    """Mount the ``ach`` command group on the main app."""
    app.add_typer(group, name="ach")
