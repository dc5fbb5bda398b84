"""Write routes: forms posted by the pages, checked, stored, answered with a redirect.

Each route reads its form through :func:`read_form` (size-, field- and CSRF-checked),
validates every field with a one-line reason (400) and then calls the capability's
library, whose own refusals (``LedgerError`` …) also become 400 pages.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from counterpoint.ledger import Ledger
from counterpoint.views.web.security import (
    TOKEN_COOKIE,
    Refusal,
    can_write,
    check_write,
    token_cookie,
)

if TYPE_CHECKING:
    from counterpoint.views.web.app import Context

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
OUTCOMES = ("yes", "no", "annulled")
MAX_NOTE = 2000
MAX_FIELDS = 20


async def read_form(request: Request, *, max_fields: int = MAX_FIELDS) -> dict[str, str]:
    """The posted form as text fields; 415 for another body type, 400 for a file or bad body."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in FORM_TYPES:
        raise Refusal(415, f"expected a form ({' or '.join(FORM_TYPES)}), got {kind or 'nothing'}")
    try:
        form = await request.form(max_files=0, max_fields=max_fields)
    except MultiPartException as e:
        raise Refusal(400, f"form: {e.message}") from e
    fields: dict[str, str] = {}
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            raise Refusal(400, f"{name}: files are not accepted here")
        fields[name] = value
    return fields


def parse_day(value: str, *, field: str, today: date) -> date:
    """An ISO date not after ``today``; Refusal(400) naming ``field`` otherwise."""
    try:
        day = date.fromisoformat(value.strip())
    except ValueError as e:
        raise Refusal(400, f"{field}: {value[:40]!r} is not a date (YYYY-MM-DD)") from e
    if day > today:
        raise Refusal(400, f"{field}: {day.isoformat()} is in the future")
    return day


def register(app: FastAPI, context: Context) -> None:
    """Add the write routes (and the token login) to ``app``."""
    store = context.store

    @app.post("/ledger/sync")
    async def sync(request: Request) -> Response:
        check_write(request, await read_form(request), context.token)
        result = Ledger(store).sync()
        done = f"{len(result.created)} new questions drafted, {result.existing} already there"
        return RedirectResponse(f"/ledger?done={quote(done)}", status_code=303)

    @app.post("/ledger/{question_id:int}/resolve")
    async def resolve(request: Request, question_id: int) -> Response:
        form = await read_form(request)
        check_write(request, form, context.token)
        outcome = form.get("outcome", "")
        if outcome not in OUTCOMES:
            raise Refusal(400, f"outcome: {outcome[:40]!r} is not one of {', '.join(OUTCOMES)}")
        on = parse_day(form.get("resolved_on", ""), field="resolved_on", today=date.today())
        note = form.get("note", "").strip()
        if len(note) > MAX_NOTE:
            raise Refusal(400, f"note: {len(note)} characters, at most {MAX_NOTE}")
        ledger = Ledger(store)
        if not ledger.questions(ids=(question_id,)):
            raise Refusal(404, f"no question {question_id} in the ledger")
        ledger.resolve(question_id, outcome, on=on, note=note)
        done = f"Question {question_id} resolved: {outcome} on {on.isoformat()}"
        return RedirectResponse(f"/ledger?done={quote(done)}#q{question_id}", status_code=303)

    @app.get("/login")
    def login_page(request: Request, token: str = "") -> Response:
        if token and context.token is not None:
            return _remember(context.token, token)
        return context.page(request, "login.html", failed=False)

    @app.post("/login")
    async def login(request: Request) -> Response:
        form = await read_form(request)
        if context.token is None or can_write(request, context.token):
            return RedirectResponse("/", status_code=303)
        return _remember(context.token, form.get("token", ""))

    @app.post("/logout")
    async def logout(request: Request) -> Response:
        await read_form(request)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(TOKEN_COOKIE, path="/")
        return response


def _remember(expected: str, given: str) -> Response:
    import hmac

    if not hmac.compare_digest(expected.encode(), given.encode()):
        raise Refusal(403, "wrong token")
    response = RedirectResponse("/", status_code=303)
    response.headers.append("set-cookie", token_cookie(given))
    return response
