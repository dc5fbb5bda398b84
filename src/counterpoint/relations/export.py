"""Exports: records to plain rows, and rows to JSON, CSV or Parquet.

Nested views (JSON) keep each event's sources as a list; flat views (CSV, Parquet) give
one row per event and source, so every quote travels with its event.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from counterpoint.relations.events import DistinctEvent
from counterpoint.relations.series import QUADS, DyadSeries
from counterpoint.relations.triangle import Triangle


def event_dict(event: DistinctEvent) -> dict[str, Any]:
    """One event with its sources nested."""
    return {
        "date": event.date,
        "precision": event.precision,
        "actors": list(event.actors),
        "quad_class": event.quad,
        "event_type": event.event_type,
        "intensity": event.intensity,
        "label": event.label,
        "origin": origin(event),
        "documents": list(event.documents),
        "sources": [
            {"document": s.document, "quote": s.quote, "start": s.start, "end": s.end}
            for s in event.sources
        ],
    }


def origin(event: DistinctEvent) -> str:
    """``corpus``, ``reference`` or ``corpus+reference``."""
    return "+".join(
        k for k, on in (("corpus", event.in_corpus), ("reference", event.in_reference)) if on
    )


def event_rows(events: Sequence[DistinctEvent]) -> list[dict[str, Any]]:
    """Flat rows: one per event and source."""
    rows = []
    for n, event in enumerate(events):
        base = {k: v for k, v in event_dict(event).items() if k not in ("sources", "documents")}
        base["actors"] = "–".join(event.actors)
        for s in event.sources:
            rows.append(
                {
                    "event": n,
                    **base,
                    "document": s.document,
                    "quote": s.quote,
                    "start": s.start,
                    "end": s.end,
                }
            )
    return rows


def series_rows(series: DyadSeries, events: Sequence[DistinctEvent]) -> list[dict[str, Any]]:
    """One row per period of a dyad's series, with the documents each rests on."""
    arrow = "->" if series.directed else "–"
    return [
        {
            "dyad": f"{series.a}{arrow}{series.b}",
            "start": p.start,
            "end": p.end,
            **dict(zip(QUADS, p.counts, strict=True)),
            "events": p.n,
            "net": p.net,
            "mean": round(p.mean, 3),
            "documents": "; ".join(
                dict.fromkeys(d for i in p.events for d in events[i].documents or ("reference",))
            ),
            "labels": "; ".join(events[i].label for i in p.events),
        }
        for p in series.points
    ]


def triangle_rows(result: Triangle) -> list[dict[str, Any]]:
    """One row per period: configuration, pivot or pariah, and each dyad's sign, net and count."""
    rows = []
    for period in result.periods:
        row: dict[str, Any] = {
            "start": period.start,
            "end": period.end,
            "configuration": period.classification.configuration,
            "pivot": period.classification.pivot,
            "pariah": period.classification.pariah,
        }
        for a, b, point, sign in period.dyads:
            row[f"{a}–{b} sign"] = {1: "+", -1: "-"}.get(sign or 0, "?")
            row[f"{a}–{b} net"] = point.net if point else 0.0
            row[f"{a}–{b} events"] = point.n if point else 0
        rows.append(row)
    return rows


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """Rows as CSV text with a header (empty string for no rows)."""
    if not rows:
        return ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_parquet(rows: Sequence[dict[str, Any]], path: Path) -> Path:
    """Write rows to a Parquet file (pyarrow infers the column types)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(list(rows)) if rows else pa.table({})
    pq.write_table(table, path)
    return path
