"""Read-only pages and their JSON twins: documents, one document, search, ledger, static."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from markupsafe import Markup

from counterpoint.errors import StoreError
from counterpoint.store.store import StoredDocument
from counterpoint.views.charts import plotly_js_path
from counterpoint.views.compare_view import MAX_DOCUMENTS, Anchor, CompareSection, compare_section
from counterpoint.views.documents import DocumentPage, find_matches, search
from counterpoint.views.highlight import add_matches
from counterpoint.views.ledger_view import ledger_section, section_json
from counterpoint.views.render import STATIC, environment, static_text
from counterpoint.views.web.security import Refusal

if TYPE_CHECKING:
    from counterpoint.views.web.app import Context

STATIC_TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}


def register(app: FastAPI, context: Context) -> None:
    """Add the read-only routes to ``app``."""
    store = context.store

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request) -> Response:
        return context.page(request, "index.html", documents=store.list_documents())

    @app.get("/documents.json")
    def documents_json() -> Response:
        return JSONResponse(_jsonable([asdict(d) for d in store.list_documents()]))

    @app.get("/documents/{document_id:int}.json")
    def document_json(document_id: int) -> Response:
        page = context.cache.page(store, _stored(context, document_id))
        extraction = store.load_extraction(page.stored.id)
        return JSONResponse(_jsonable({"stored": asdict(page.stored), **asdict(extraction)}))

    @app.get("/documents/{document_id:int}", response_class=HTMLResponse)
    def document(request: Request, document_id: int, q: str = "") -> Response:
        stored = _stored(context, document_id)
        page = _page(context, stored, q)
        if page.text.count("match"):
            fragment = _render_document(page)
        else:
            fragment = context.cache.fragment(store, stored, _render_document)
        return context.page(
            request,
            "document.html",
            page=page,
            fragment=Markup(fragment),
            query=q,
            n_matches=page.text.count("match"),
        )

    @app.get("/search", response_class=HTMLResponse)
    def search_page(request: Request, q: str = "") -> Response:
        return context.page(request, "search.html", results=search(store, q), query=q)

    @app.get("/search.json")
    def search_json(q: str = "") -> Response:
        return JSONResponse(_jsonable(asdict(search(store, q))))

    @app.get("/compare", response_class=HTMLResponse)
    def compare(request: Request, d: Annotated[list[int] | None, Query()] = None) -> Response:
        chosen = list(dict.fromkeys(d or []))
        section = _compare(context, chosen)
        return context.page(
            request,
            "compare.html",
            documents=store.list_documents(),
            chosen=chosen,
            section=section,
            limit=MAX_DOCUMENTS,
            quote_href=_quote_href,
        )

    @app.get("/compare.json")
    def compare_json(d: Annotated[list[int] | None, Query()] = None) -> Response:
        section = _compare(context, list(dict.fromkeys(d or [])))
        if section is None:
            raise Refusal(400, f"compare: choose 2 to {MAX_DOCUMENTS} documents by id (d=1&d=2)")
        return JSONResponse(_jsonable(asdict(section.comparison)))

    @app.get("/ledger", response_class=HTMLResponse)
    def ledger(request: Request, done: str = "") -> Response:
        section = ledger_section(store)
        return context.page(
            request, "ledger.html", section=section, doc_href=_hrefs(store), done=done[:200]
        )

    @app.get("/ledger.json")
    def ledger_json() -> Response:
        return JSONResponse(_jsonable(section_json(ledger_section(store))))

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        headers = {"cache-control": "public, max-age=3600"}
        if name == "plotly.min.js":
            return FileResponse(plotly_js_path(), media_type=STATIC_TYPES[".js"], headers=headers)
        if name not in STATIC:
            raise Refusal(404, f"no static file {name!r}")
        suffix = name[name.rfind(".") :]
        return Response(static_text(name), media_type=STATIC_TYPES[suffix], headers=headers)


def _stored(context: Context, document_id: int) -> StoredDocument:
    try:
        return context.store.find_document(str(document_id))
    except StoreError as e:
        raise Refusal(404, f"no document {document_id}") from e


def _page(context: Context, stored: StoredDocument, query: str) -> DocumentPage:
    query = " ".join(query.split())[:200]
    cached = context.cache.page(context.store, stored)
    if not query:
        return cached
    matches = find_matches(cached.document.text, query)
    return replace(cached, text=add_matches(cached.document, cached.text, matches))


def _compare(context: Context, ids: list[int]) -> CompareSection | None:
    if not ids:
        return None
    return compare_section(context.store, [_stored(context, i) for i in ids])


def _quote_href(anchor: Anchor) -> str:
    target = f"d{anchor.document_id}"
    fragment = f"#{target}-{anchor.key}" if anchor.key else ""
    return f"/documents/{anchor.document_id}{fragment}"


def _render_document(page: DocumentPage) -> str:
    """The document partial (escaped by the template's autoescaping) as HTML text."""
    template = environment().get_template("_document.html")
    return template.render(page=page, prefix=f"d{page.stored.id}")


def _hrefs(store: Any) -> Any:
    links = {d.sha256: f"/documents/{d.id}" for d in store.list_documents()}
    return links.get


def _jsonable(value: Any) -> Any:
    """Dates and other non-JSON values as strings, recursively."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
