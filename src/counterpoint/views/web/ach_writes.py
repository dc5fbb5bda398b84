"""ACH write routes: change a rating, add an evidence item; both re-score and store.

The forms on ``/ach/{case}`` post here. Each route reads its form (size-, field- and
CSRF-checked, token-gated like the ledger's resolve form) and calls
:func:`counterpoint.ach.edit.set_rating` or :func:`~counterpoint.ach.edit.add_evidence`,
which validate every field and write in one transaction: a refusal (400 naming the
field, 404 for an unknown case) writes nothing. The answer is a redirect to the case
with a line saying what changed and who leads now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from counterpoint.ach.edit import NewEvidence, add_evidence, set_rating
from counterpoint.ach.result import CaseResult
from counterpoint.ach.store import CaseNotFound
from counterpoint.views.web.security import Refusal, check_write
from counterpoint.views.web.writes import read_form

if TYPE_CHECKING:
    from counterpoint.views.web.app import Context

MAX_FIELDS = 60


def register(app: FastAPI, context: Context) -> None:
    """Add the ACH write routes to ``app``."""
    store = context.store

    @app.post("/ach/{name}/rating")
    async def rate(request: Request, name: str) -> Response:
        form = await read_form(request, max_fields=MAX_FIELDS)
        check_write(request, form, context.token)
        item_id, hypothesis_id = form.get("item_id", ""), form.get("hypothesis_id", "")
        rating = form.get("rating", "")
        try:
            result = set_rating(store, name, item_id, hypothesis_id, rating)
        except CaseNotFound as e:
            raise Refusal(404, str(e)) from e
        done = f"{item_id} × {hypothesis_id} rated {rating.strip().upper()}. {_leaders(result)}"
        return _back(name, done, f"m-{item_id}")

    @app.post("/ach/{name}/evidence")
    async def evidence(request: Request, name: str) -> Response:
        form = await read_form(request, max_fields=MAX_FIELDS)
        check_write(request, form, context.token)
        ratings = {k[2:]: v for k, v in form.items() if k.startswith("r_")}
        new = NewEvidence(
            id=form.get("id", "").strip(),
            text=form.get("text", ""),
            ratings=ratings,
            type=form.get("type", "fact"),
            credibility=form.get("credibility", "medium"),
            relevance=form.get("relevance", "medium"),
            external=form.get("external", ""),
            url=form.get("url", ""),
            event_date=form.get("event_date", ""),
            note=form.get("note", ""),
            flags=[form["flag"]] if form.get("flag") else [],
        )
        try:
            result = add_evidence(store, name, new)
        except CaseNotFound as e:
            raise Refusal(404, str(e)) from e
        return _back(name, f"{new.id} added. {_leaders(result)}", f"m-{new.id}")


def _leaders(result: CaseResult) -> str:
    weighted = ", ".join(result.leaders("weighted"))
    bayes = ", ".join(result.leaders("bayes"))
    return f"Leads now: {weighted} (weighted inconsistency), {bayes} (posterior)."


def _back(name: str, done: str, anchor: str) -> Response:
    url = f"/ach/{quote(name, safe='')}?done={quote(done)}#{quote(anchor)}"
    return RedirectResponse(url, status_code=303)
