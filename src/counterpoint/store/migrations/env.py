"""Alembic environment: migrate the connection counterpoint hands over, or a URL.

counterpoint passes an open connection in ``config.attributes["connection"]`` (inside
the transaction that opens the store); the ``alembic`` command line uses the URL of
``alembic.ini`` or ``-x url=…``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from counterpoint.store import schema

config = context.config


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=schema.metadata,
        render_as_batch=True,
    )
    with context.begin_transaction():
        context.run_migrations()


given = config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    engine = create_engine(url or "sqlite:///counterpoint.db")
    with engine.begin() as conn:
        _run(conn)
