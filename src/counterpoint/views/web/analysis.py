"""Analysis pages and their JSON twins: ACH cases, the timeline, dyads and the triangle.

``/ach`` lists the stored cases; ``/ach/{case}`` shows one (matrix, scores, sensitivity,
the reasons) with a rating select in every cell and a form to add evidence when the
browser may write; ``/timeline`` filters the distinct events (actor, years, quad class,
document, reference chronology); ``/relations`` shows the dyad series and the triangle
per period. Each has a ``.json`` twin with the same data the CLI prints.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from counterpoint.ach.export import case_yaml
from counterpoint.ach.store import CaseNotFound, load_case, stored_cases
from counterpoint.relations import TimelineFilter
from counterpoint.relations.export import event_dict, series_rows, triangle_rows
from counterpoint.relations.series import QUADS
from counterpoint.views.ach_view import AchCase, ach_case, ach_helpers, case_json
from counterpoint.views.relations_view import RelationsSection, relations_section
from counterpoint.views.web.security import Refusal

if TYPE_CHECKING:
    from counterpoint.store import Store
    from counterpoint.views.web.app import Context

Codes = Annotated[list[str] | None, Query(max_length=40)]
MAX_FILTERS = 20


def register(app: FastAPI, context: Context) -> None:
    """Add the ACH, timeline and relations pages to ``app``."""
    store = context.store

    @app.get("/ach", response_class=HTMLResponse)
    def ach_list(request: Request) -> Response:
        return context.page(request, "ach_list.html", cases=stored_cases(store))

    @app.get("/ach.json")
    def ach_list_json() -> Response:
        cases = stored_cases(store)
        return JSONResponse([{"name": c.name, "question": c.question} for c in cases])

    @app.get("/ach/{name}.json")
    def ach_json(name: str) -> Response:
        return JSONResponse(case_json(_case(store, name)))

    @app.get("/ach/{name}.yaml")
    def ach_yaml(name: str) -> Response:
        try:
            case = load_case(store, name)
        except CaseNotFound as e:
            raise Refusal(404, str(e)) from e
        filename = re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:80] or "case"
        return PlainTextResponse(
            case_yaml(case),
            media_type="application/yaml; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}.yaml"'},
        )

    @app.get("/ach/{name}", response_class=HTMLResponse)
    def ach_page(request: Request, name: str, done: str = "") -> Response:
        case = _case(store, name)
        return context.page(
            request,
            "ach_case.html",
            ach=case,
            done=done[:300],
            doc_link=_doc_links(store),
            rowid="m",
            **ach_helpers(),
        )

    @app.get("/timeline", response_class=HTMLResponse)
    def timeline_page(
        request: Request,
        actor: Codes = None,
        quad: Codes = None,
        document: Annotated[list[str] | None, Query(max_length=300)] = None,
        start: Annotated[str, Query(alias="from", max_length=6)] = "",
        end: Annotated[str, Query(alias="to", max_length=6)] = "",
        reference: bool = False,
    ) -> Response:
        where = _filter(actor, quad, document, start, end)
        section = relations_section(store, where=where, reference=reference, relations=False)
        return context.page(
            request,
            "timeline.html",
            section=section,
            quads=QUADS,
            source_href=_source_href(section),
            quotes=3,
        )

    @app.get("/timeline.json")
    def timeline_json(
        actor: Codes = None,
        quad: Codes = None,
        document: Annotated[list[str] | None, Query(max_length=300)] = None,
        start: Annotated[str, Query(alias="from", max_length=6)] = "",
        end: Annotated[str, Query(alias="to", max_length=6)] = "",
        reference: bool = False,
    ) -> Response:
        where = _filter(actor, quad, document, start, end)
        section = relations_section(
            store, where=where, reference=reference, charts=False, relations=False
        )
        return JSONResponse(
            {"total": section.total, "events": [event_dict(e) for e in section.events]}
        )

    @app.get("/relations", response_class=HTMLResponse)
    def relations_page(
        request: Request,
        period: Annotated[int, Query(ge=1, le=100)] = 10,
        actors: Annotated[str, Query(max_length=40)] = "",
        reference: bool = False,
    ) -> Response:
        section = relations_section(
            store, period=period, actors=_three(actors), reference=reference
        )
        return context.page(request, "relations.html", section=section, actors_text=actors)

    @app.get("/relations.json")
    def relations_json(
        period: Annotated[int, Query(ge=1, le=100)] = 10,
        actors: Annotated[str, Query(max_length=40)] = "",
        reference: bool = False,
    ) -> Response:
        section = relations_section(
            store, period=period, actors=_three(actors), reference=reference, charts=False
        )
        return JSONResponse(relations_data(section))


def relations_data(section: RelationsSection) -> dict[str, Any]:
    """The dyads' series and the triangle as rows (the CSV/JSON forms of the CLI)."""
    events = section.events
    return {
        "period": section.period,
        "reference": section.reference,
        "dyads": [{"a": s.a, "b": s.b, "points": series_rows(s, events)} for s, _ in section.dyads],
        "triangle": None
        if section.triangle is None
        else {"actors": list(section.triangle.actors), "periods": triangle_rows(section.triangle)},
    }


def _case(store: Store, name: str) -> AchCase:
    try:
        return ach_case(store, name)
    except CaseNotFound as e:
        raise Refusal(404, str(e)) from e


def _doc_links(store: Store) -> Any:
    ids = {d.name: d.id for d in store.list_documents()}
    return lambda name: f"/documents/{ids[name]}" if name in ids else None


def _source_href(section: RelationsSection) -> Any:
    def href(source: Any) -> str | None:
        found = section.locator.find(source)
        if found is None:
            return None
        document_id, key = found
        return f"/documents/{document_id}" + (f"#d{document_id}-{key}" if key else "")

    return href


def _year(value: str, field: str) -> int | None:
    """A year typed in a filter box; empty means no bound."""
    value = value.strip()
    if not value:
        return None
    if not value.lstrip("-").isdigit():
        raise Refusal(400, f"{field}: {value!r} is not a year")
    return int(value)


def _filter(
    actors: list[str] | None,
    quads: list[str] | None,
    documents: list[str] | None,
    start_text: str,
    end_text: str,
) -> TimelineFilter:
    chosen = [
        [v.strip() for v in values or () if v.strip()] for values in (actors, quads, documents)
    ]
    if any(len(values) > MAX_FILTERS for values in chosen):
        raise Refusal(400, f"filters: at most {MAX_FILTERS} values per filter")
    unknown = [q for q in chosen[1] if q not in QUADS]
    if unknown:
        raise Refusal(400, f"quad: {unknown[0][:40]!r} is not one of {', '.join(QUADS)}")
    start, end = _year(start_text, "from"), _year(end_text, "to")
    if start is not None and end is not None and start > end:
        raise Refusal(400, f"from: {start} is after to: {end}")
    return TimelineFilter(
        actors=tuple(a.upper() for a in chosen[0]),
        start=start,
        end=end,
        quads=tuple(chosen[1]),
        documents=tuple(chosen[2]),
    )


def _three(actors: str) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(c.strip().upper() for c in actors.split(",") if c.strip()))
    if codes and len(codes) != 3:
        raise Refusal(400, f"actors: {actors[:40]!r}: give three different codes, e.g. CHN,RUS,USA")
    return codes
