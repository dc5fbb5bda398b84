"""The extraction JSON contract and the run summaries ``make demo`` writes.

``extraction_to_dict`` gives the object ``counterpoint extract --format json`` prints:
``{"document", "published", "title", "author", "forecasts", "events", "actors", "claims"}``,
every item with ``start``, ``end`` and ``quote == text[start:end]``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from counterpoint.records import Extraction


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    """The JSON-ready object for one document (see the module docstring)."""
    document = extraction.document
    return {
        "document": document.name,
        "title": document.title,
        "author": document.author,
        "published": document.published.isoformat() if document.published else None,
        "published_source": document.published_source,
        "sha256": document.sha256,
        "pipeline_version": extraction.pipeline_version,
        "rulesets": list(extraction.rulesets),
        "forecasts": [_item(f) for f in extraction.forecasts],
        "events": [_item(e) for e in extraction.events],
        "actors": [_item(a) for a in extraction.actors],
        "claims": [_item(c, drop=("lemmas",)) for c in extraction.claims],
    }


def _item(record: object, *, drop: Sequence[str] = ()) -> dict[str, Any]:
    data = asdict(record)  # type: ignore[call-overload]
    for key in drop:
        data.pop(key, None)
    return {key: list(value) if isinstance(value, tuple) else value for key, value in data.items()}


def markdown_summary(extractions: Sequence[Extraction]) -> str:
    """A short Markdown digest: per document its metadata, forecasts and dated events."""
    lines = ["# counterpoint summary", ""]
    for extraction in extractions:
        document = extraction.document
        lines += [f"## {document.title or document.name}", ""]
        lines.append(
            f"- file: `{document.name}`; author: {document.author or 'unknown'}; "
            f"published: {document.published or 'unknown'}"
        )
        lines.append(
            f"- {len(extraction.forecasts)} forecasts, {len(extraction.events)} dated events, "
            f"{len(extraction.actors)} actor mentions, {len(extraction.claims)} claims"
        )
        lines += [
            "",
            "### Forecasts",
            "",
            "| p | phrase | horizon | by | quote |",
            "|---|---|---|---|---|",
        ]
        for f in extraction.forecasts:
            quote = f.quote.replace("|", "\\|").replace("\n", " ")
            lines.append(
                f"| {f.probability:.2f} | {f.probability_phrase} | {f.horizon_end or '—'} | "
                f"{f.attribution} | {quote} |"
            )
        lines += [
            "",
            "### Dated events",
            "",
            "| date | actors | kind | quote |",
            "|---|---|---|---|",
        ]
        for e in sorted(extraction.events, key=lambda e: e.date):
            quote = e.quote.replace("|", "\\|").replace("\n", " ")
            lines.append(f"| {e.date} | {'–'.join(e.actors)} | {e.kind} | {quote} |")
        lines.append("")
    return "\n".join(lines)


def write_summaries(extractions: Sequence[Extraction], out_dir: Path) -> list[Path]:
    """Write ``summary.json`` and ``summary.md`` into ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    json_path, md_path = out_dir / "summary.json", out_dir / "summary.md"
    payload = {"documents": [extraction_to_dict(x) for x in extractions]}
    json_path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    md_path.write_text(markdown_summary(extractions), encoding="utf-8")
    return [json_path, md_path]
