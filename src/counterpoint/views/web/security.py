"""The web app's guards: body size limit, security headers, CSRF cookie, write token.

- **Size**: a request body over ``max_body`` bytes is refused with 413 before any
  handler reads it (declared ``Content-Length``) or as soon as the stream passes it.
- **Headers**: a Content-Security-Policy that runs only the app's own script files
  (no inline script, no event-handler attributes, nothing from another origin),
  ``nosniff``, no framing, no referrer across origins.
- **CSRF**: every page response carries a random ``cp_csrf`` cookie (``SameSite=Strict``,
  ``HttpOnly``); every form repeats it in a hidden field, and a write must present both,
  equal (double submit), with an ``Origin``, when the browser sends one, of this host.
- **Token**: with ``--token``, writes also need the ``cp_token`` cookie (set by visiting
  ``/login?token=…``) or an ``Authorization: Bearer …`` header.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSRF_COOKIE = "cp_csrf"
TOKEN_COOKIE = "cp_token"
MAX_BODY = 64 * 1024
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS = (
    (b"content-security-policy", POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
)


class Refusal(Exception):
    """A request refused with an HTTP status and a one-line reason for the user."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


class _TooLarge(Exception):
    pass


class GuardMiddleware:
    """ASGI middleware: body size limit, security headers and the CSRF cookie."""

    def __init__(self, app: ASGIApp, *, max_body: int = MAX_BODY) -> None:
        """Wrap ``app``; bodies over ``max_body`` bytes are answered with 413."""
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the size, then run the app with headers and cookie added to its response."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_body:
            await self._too_large(scope, receive, send)
            return
        cookie = request.cookies.get(CSRF_COOKIE, "")
        fresh = "" if _valid_csrf(cookie) else secrets.token_urlsafe(32)
        scope.setdefault("state", {})["csrf"] = fresh or cookie
        started = False
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body:
                raise _TooLarge
            return message

        async def sending(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                headers.extend(HEADERS)
                if fresh:
                    headers.append((b"set-cookie", _cookie(CSRF_COOKIE, fresh).encode()))
                message = {**message, "headers": headers}
            await send(message)

        try:
            await self.app(scope, counted, sending)
        except _TooLarge:
            if not started:
                await self._too_large(scope, receive, sending)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = PlainTextResponse(
            f"request body larger than {self.max_body} bytes", status_code=413
        )
        await response(scope, receive, send)


def _valid_csrf(value: str) -> bool:
    return 32 <= len(value) <= 64 and value.replace("-", "").replace("_", "").isalnum()


def _cookie(name: str, value: str) -> str:
    return f"{name}={value}; Path=/; HttpOnly; SameSite=Strict"


def token_cookie(token: str) -> str:
    """The ``Set-Cookie`` value that remembers the write token in this browser."""
    return _cookie(TOKEN_COOKIE, token)


def can_write(request: Request, token: str | None) -> bool:
    """Whether this request may write: always without a token, else with the right one."""
    if token is None:
        return True
    given = request.cookies.get(TOKEN_COOKIE, "")
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        given = header[7:].strip()
    return hmac.compare_digest(given.encode(), token.encode())


def check_write(request: Request, form: dict[str, Any], token: str | None) -> None:
    """Refuse a write that fails the token, origin or CSRF check (403 with the reason)."""
    if not can_write(request, token):
        raise Refusal(403, "this server needs its token for changes: open /login?token=… first")
    origin = request.headers.get("origin")
    if origin is not None:
        host = request.headers.get("host", "")
        if urlsplit(origin).netloc != host:
            raise Refusal(403, f"form sent from another site ({origin}); refused")
    cookie = request.cookies.get(CSRF_COOKIE, "")
    field = form.get("csrf", "")
    if not cookie or not isinstance(field, str) or not hmac.compare_digest(cookie, field):
        raise Refusal(
            403, "the form's security token is missing or stale: reload the page and try again"
        )
