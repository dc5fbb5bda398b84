"""The local web app: server-rendered pages over the same library calls as the CLI.

Every page has a JSON twin (``/documents/3`` and ``/documents/3.json``). Writes are
HTML forms posted to the server (CSRF-checked, token-checked when a token is set),
validated, stored through the capability's library (so the CLI sees them at once) and
answered with a redirect; a refused write gets a 4xx page that says why.

>>> app = create_app(Store.open("counterpoint.db"))  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from counterpoint.errors import CounterpointError
from counterpoint.store import Store
from counterpoint.views.documents import DocumentCache
from counterpoint.views.render import environment
from counterpoint.views.web.security import MAX_BODY, GuardMiddleware, Refusal, can_write

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


class Context:
    """What every route needs: the store, the write token and the document cache."""

    def __init__(self, store: Store, token: str | None) -> None:
        """Hold ``store`` and ``token`` for the routes."""
        self.store = store
        self.token = token
        self.cache = DocumentCache()

    def page(
        self, request: Request, name: str, *, status_code: int = 200, **values: Any
    ) -> HTMLResponse:
        """Render template ``app/<name>`` with the request's CSRF token and write right."""
        template = environment().get_template(f"app/{name}")
        html = template.render(
            request_path=request.url.path,
            request_query=request.url.query,
            csrf=request.state.csrf,
            writable=can_write(request, self.token),
            token_required=self.token is not None,
            **values,
        )
        return HTMLResponse(html, status_code=status_code)


def create_app(
    store: Store,
    *,
    token: str | None = None,
    allowed_hosts: Sequence[str] | None = LOOPBACK_HOSTS,
    max_body: int = MAX_BODY,
) -> FastAPI:
    """The web app over ``store``.

    Args:
        store: the database every page reads and every form writes.
        token: when set, writes need it (cookie from ``/login?token=…`` or a Bearer header).
        allowed_hosts: ``Host`` header values accepted (the loopback names by default,
            which stops DNS-rebinding pages from reaching the app); None accepts any.
        max_body: largest request body in bytes (413 above it).
    """
    app = FastAPI(
        title="counterpoint",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    context = Context(store, token)
    app.state.context = context
    _errors(app, context)
    from counterpoint.views.web.ach_writes import register as register_ach_writes
    from counterpoint.views.web.analysis import register as register_analysis
    from counterpoint.views.web.pages import register as register_pages
    from counterpoint.views.web.writes import register as register_writes

    register_pages(app, context)
    register_analysis(app, context)
    register_writes(app, context)
    register_ach_writes(app, context)
    app.add_middleware(GuardMiddleware, max_body=max_body)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    return app


def wants_json(request: Request) -> bool:
    """Whether the client asked for JSON (a ``.json`` path or an ``Accept`` header)."""
    accept = request.headers.get("accept", "")
    return request.url.path.endswith(".json") or (
        "application/json" in accept and "text/html" not in accept
    )


def _errors(app: FastAPI, context: Context) -> None:
    def problem(request: Request, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"error": message}, status_code=status)
        return context.page(
            request, "error.html", status_code=status, status=status, message=message
        )

    @app.exception_handler(Refusal)
    async def refused(request: Request, exc: Refusal) -> Response:
        return problem(request, exc.status, exc.message)

    @app.exception_handler(CounterpointError)
    async def refused_by_library(request: Request, exc: CounterpointError) -> Response:
        return problem(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("path", "query"))
            parts.append(f"{where}: {error.get('msg', 'invalid')}")
        return problem(request, 422, "; ".join(parts) or "invalid request")

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        messages = {404: "no such page", 405: "method not allowed here"}
        detail = exc.detail if isinstance(exc.detail, str) else ""
        message = messages.get(exc.status_code, detail or "request refused")
        return problem(request, exc.status_code, message)
