"""What every command module shares: consoles, the ``--db`` option, formats, JSON output.

The capability modules (``cli_forecasts``, ``cli_ach``, ``cli_compare``, ``cli_relations``)
import from here, never from :mod:`counterpoint.cli`, so that module can mount them.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from counterpoint.settings import default_str

# Piped output is not squeezed to 80 columns.
out = Console() if sys.stdout.isatty() else Console(width=120)
# No markup on stderr: messages carry file names, and "[draft].txt" is not a style tag.
err = Console(stderr=True, soft_wrap=True, markup=False)


def error_line(message: str) -> None:
    """``error MESSAGE`` on stderr, the word in red, the message as it is."""
    err.print(Text("error", style="red"), message, highlight=False)


def warning_line(message: str) -> None:
    """``warning MESSAGE`` on stderr, the word in yellow, the message as it is."""
    err.print(Text("warning", style="yellow"), message, highlight=False)


# The default of every --db option (the settings table's ``db``; config and environment
# can change it through the root command's default map, see counterpoint.cli_settings).
DB_DEFAULT = default_str("db")
DbOption = Annotated[
    str, typer.Option("--db", help="Database file or URL (sqlite:///…, postgresql://…).")
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published", help="Publication date YYYY-MM-DD (YYYY-MM, YYYY) for every input."
    ),
]


class Format(StrEnum):
    """Output formats of commands that print data."""

    table = "table"
    json = "json"


class Scale(StrEnum):
    """Estimative-probability scales."""

    icd203 = "icd203"
    kent = "kent"
    phia = "phia"


# Option defaults from the settings table (config and environment override them).
SCALE_DEFAULT = Scale(default_str("scale"))


def published_date(value: str | None) -> date | None:
    """Parse a ``--published`` value (YYYY-MM-DD, YYYY-MM or YYYY); None when not given."""
    from counterpoint.ingest import parse_date_option

    return parse_date_option(value) if value else None


def print_json(data: Any) -> None:
    """Write ``data`` to stdout as indented UTF-8 JSON (dates and paths as strings)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n")
