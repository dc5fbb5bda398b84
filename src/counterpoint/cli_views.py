"""The ``report`` and ``serve`` commands: the HTML report and the local web app."""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Annotated

import typer

from counterpoint.cli_common import DB_DEFAULT, DbOption, err, warning_line
from counterpoint.settings import default_int, default_str

HOST_DEFAULT = default_str("host")
PORT_DEFAULT = default_int("port")


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def report(
    out: Annotated[Path, typer.Option("--out", help="The HTML file to write.")] = Path(
        "report.html"
    ),
    db: DbOption = DB_DEFAULT,
    title: Annotated[str, typer.Option("--title", help="The report's title.")] = (
        "counterpoint report"
    ),
) -> None:
    """Write one self-contained HTML report (documents, highlights, ledger, charts)."""
    from counterpoint.store import Store
    from counterpoint.views import write_report

    with Store.open(db) as store:
        written = write_report(store, out, title=title)
    size = out.stat().st_size / 1e6
    err.print(f"wrote {out} ({len(written.documents)} documents, {size:.1f} MB)", highlight=False)


def serve(
    db: DbOption = DB_DEFAULT,
    host: Annotated[str, typer.Option("--host", help="Address to bind.")] = HOST_DEFAULT,
    port: Annotated[int, typer.Option("--port", min=0, max=65535)] = PORT_DEFAULT,
    token: Annotated[
        str | None, typer.Option("--token", help="Require this token for every change.")
    ] = None,
) -> None:
    """Serve the web app: browse, search, resolve forecasts (loopback only by default)."""
    import uvicorn

    from counterpoint.store import Store
    from counterpoint.views.web.app import LOOPBACK_HOSTS, create_app

    local = is_loopback(host)
    if not local:
        warning = "anyone who can reach this address can read the database"
        warning += "" if token else " and change it (no --token given)"
        warning_line(f"bound to {host}: {warning}")
    with Store.open(db) as store:
        app = create_app(store, token=token, allowed_hosts=LOOPBACK_HOSTS if local else None)
        shown = f"[{host}]" if ":" in host else host
        url = f"http://{shown}:{port}/" + (f"login?token={token}" if token else "")
        err.print(f"counterpoint: serving {store.url} at {url}", highlight=False)
        uvicorn.run(app, host=host, port=port, log_level="warning")


def register(app: typer.Typer) -> None:
    """Add ``report`` and ``serve`` to the command line."""
    app.command()(report)
    app.command()(serve)
