"""``counterpoint compare``: where documents agree, contradict and frame events differently."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from counterpoint.cli_common import DB_DEFAULT, DbOption, Format, PublishedOption, out, print_json


def compare(
    documents: Annotated[
        list[str], typer.Argument(help="Two or more stored document names/ids or file paths.")
    ],
    db: DbOption = DB_DEFAULT,
    case: Annotated[
        Path | None,
        typer.Option("--case", help="YAML/JSON file with 'propositions' to take stances on."),
    ] = None,
    published: PublishedOption = None,
    fmt: Annotated[Format, typer.Option("--format")] = Format.table,
) -> None:
    """Align claims across documents: agreements, contradictions, shared events, stances."""
    from counterpoint.cli_common import published_date
    from counterpoint.compare import compare_documents
    from counterpoint.compare.lexicon import load_lexicon
    from counterpoint.compare.load import resolve
    from counterpoint.compare.render import comparison_dict, comparison_tables
    from counterpoint.compare.stance import load_case
    from counterpoint.compare.storage import save_comparison
    from counterpoint.store import Store

    propositions = load_case(case, load_lexicon()) if case is not None else ()
    with Store.open(db) as store:
        extractions = resolve(documents, store=store, published=published_date(published))
        comparison = compare_documents(extractions, propositions=propositions)
        save_comparison(store, comparison)
    if fmt is Format.json:
        print_json(comparison_dict(comparison))
    else:
        for table in comparison_tables(comparison):
            out.print(table)


def register(app: typer.Typer) -> None:
    """Add the ``compare`` command to ``app``."""
    app.command(name="compare")(compare)
