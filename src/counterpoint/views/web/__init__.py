"""The local web app (FastAPI, server-rendered): see :func:`create_app`."""

from __future__ import annotations

from counterpoint.views.web.app import create_app

__all__ = ["create_app"]
