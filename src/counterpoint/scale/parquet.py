"""Extractions as partitioned Parquet: one dataset (directory) per table, one part per batch.

Layout of ``DIR``::

    DIR/documents/part-<run>-<n>.parquet   one row per document (text, metadata, rule sets)
    DIR/sentences/part-<run>-<n>.parquet   one row per item, keyed by (sha256, pipeline_version)
    DIR/actors/ … DIR/events/ … DIR/forecasts/ … DIR/claims/ …

Every item row carries the document's ``sha256`` and ``pipeline_version`` and its
position ``idx`` within the extraction, then one column per field of its record
(:mod:`counterpoint.records`); tuple fields (event actors, claim lemmas) are list
columns. Schemas are derived from the records' type hints, so every part of a dataset has
the same schema and Dask (``dd.read_parquet("DIR/events")``), DuckDB
(``SELECT * FROM 'DIR/events/*.parquet'``) or Spark read a dataset as one table.

A part is written to a hidden temporary name and renamed into place, items first and the
``documents`` part last: a document listed in ``documents/`` has all its items on disk,
which is what ``--resume`` relies on. Readers skip hidden files.
"""

from __future__ import annotations

import os
import types
import typing
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import fields
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from counterpoint.errors import CounterpointError
from counterpoint.records import (
    ActorMention,
    Claim,
    Event,
    Extraction,
    Forecast,
    Sentence,
)
from counterpoint.store.rows import document_from_row

ITEMS: dict[str, type[Any]] = {
    "sentences": Sentence,
    "actors": ActorMention,
    "events": Event,
    "forecasts": Forecast,
    "claims": Claim,
}
KEY = (pa.field("sha256", pa.string(), False), pa.field("pipeline_version", pa.string(), False))


class ParquetError(CounterpointError):
    """A Parquet directory that cannot be written or read as counterpoint output."""


def _arrow_type(hint: Any) -> tuple[pa.DataType, bool]:
    """The Arrow type of a record field's type hint, and whether it is nullable."""
    nullable = False
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        nullable = len(args) < len(typing.get_args(hint))
        hint = args[0]
    origin = typing.get_origin(hint)
    if origin is tuple:
        inner = typing.get_args(hint)[0]
        return pa.list_(_arrow_type(inner)[0]), nullable
    if origin is typing.Literal or hint is str:
        return pa.string(), nullable
    simple = {int: pa.int64(), float: pa.float64(), bool: pa.bool_(), date: pa.date32()}
    return simple[hint], nullable


def item_schema(record: type[Any]) -> pa.Schema:
    """The schema of an item dataset: key, ``idx``, then one column per record field."""
    hints = typing.get_type_hints(record)
    columns = [*KEY, pa.field("idx", pa.int64(), False)]
    for f in fields(record):
        kind, nullable = _arrow_type(hints[f.name])
        columns.append(pa.field(f.name, kind, nullable))
    return pa.schema(columns)


DOCUMENT_SCHEMA = pa.schema(
    [
        *KEY,
        pa.field("name", pa.string(), False),
        pa.field("text", pa.string(), False),
        pa.field("format", pa.string(), False),
        pa.field("path", pa.string()),
        pa.field("title", pa.string()),
        pa.field("title_start", pa.int64()),
        pa.field("title_end", pa.int64()),
        pa.field("author", pa.string()),
        pa.field("published", pa.date32()),
        pa.field("published_source", pa.string(), False),
        pa.field("url", pa.string()),
        pa.field("masked_start", pa.list_(pa.int64()), False),
        pa.field("masked_end", pa.list_(pa.int64()), False),
        pa.field("rulesets", pa.list_(pa.string()), False),
        pa.field("word_count", pa.int64(), False),
    ]
)
SCHEMAS: dict[str, pa.Schema] = {
    "documents": DOCUMENT_SCHEMA,
    **{name: item_schema(record) for name, record in ITEMS.items()},
}


def _document_row(extraction: Extraction) -> dict[str, Any]:
    document = extraction.document
    start, end = document.title_span or (None, None)
    return {
        "sha256": document.sha256,
        "pipeline_version": extraction.pipeline_version,
        "name": document.name,
        "text": document.text,
        "format": document.format,
        "path": document.path,
        "title": document.title,
        "title_start": start,
        "title_end": end,
        "author": document.author,
        "published": document.published,
        "published_source": document.published_source,
        "url": document.url,
        "masked_start": [s for s, _ in document.masked],
        "masked_end": [e for _, e in document.masked],
        "rulesets": list(extraction.rulesets),
        "word_count": document.word_count,
    }


def _item_rows(extraction: Extraction, name: str) -> Iterator[dict[str, Any]]:
    key = {"sha256": extraction.document.sha256, "pipeline_version": extraction.pipeline_version}
    for idx, item in enumerate(getattr(extraction, name)):
        row = {f.name: getattr(item, f.name) for f in fields(item)}
        yield {
            **key,
            "idx": idx,
            **{k: list(v) if isinstance(v, tuple) else v for k, v in row.items()},
        }


def write_part(directory: Path, part: str, extractions: Sequence[Extraction]) -> None:
    """Write one part of every dataset for ``extractions`` (documents last, atomically)."""
    tables = {
        name: [row for extraction in extractions for row in _item_rows(extraction, name)]
        for name in ITEMS
    }
    tables["documents"] = [_document_row(extraction) for extraction in extractions]
    for name, rows in tables.items():
        target = directory / name
        target.mkdir(parents=True, exist_ok=True)
        temporary = target / f".{part}.parquet.tmp"
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[name]), temporary)
        os.replace(temporary, target / f"{part}.parquet")


def parts(directory: Path) -> list[str]:
    """The names of the complete parts in ``directory`` (those with a documents file)."""
    found = directory / "documents"
    if not found.is_dir():
        return []
    return sorted(p.stem for p in found.glob("*.parquet") if not p.name.startswith("."))


def written_keys(directory: Path) -> set[tuple[str, str]]:
    """``(sha256, pipeline_version)`` of every document in the complete parts."""
    keys: set[tuple[str, str]] = set()
    for part in parts(directory):
        table = pq.read_table(
            directory / "documents" / f"{part}.parquet", columns=["sha256", "pipeline_version"]
        )
        keys.update(zip(*(table.column(c).to_pylist() for c in table.column_names), strict=True))
    return keys


def read_part(directory: Path, part: str) -> list[Extraction]:
    """Rebuild the extractions of one part, equal to those written."""
    items: dict[str, dict[tuple[str, str], list[Any]]] = {}
    for name, record in ITEMS.items():
        path = directory / name / f"{part}.parquet"
        if not path.is_file():
            raise ParquetError(f"{path}: missing; the part {part} is incomplete")
        grouped: dict[tuple[str, str], list[Any]] = defaultdict(list)
        for row in sorted(pq.read_table(path).to_pylist(), key=lambda r: r["idx"]):
            key = (row.pop("sha256"), row.pop("pipeline_version"))
            row.pop("idx")
            grouped[key].append(
                record(**{k: tuple(v) if isinstance(v, list) else v for k, v in row.items()})
            )
        items[name] = grouped
    extractions = []
    for row in pq.read_table(directory / "documents" / f"{part}.parquet").to_pylist():
        key = (row["sha256"], row["pipeline_version"])
        extractions.append(
            Extraction(
                document=document_from_row(
                    row, tuple(zip(row["masked_start"], row["masked_end"], strict=True))
                ),
                rulesets=tuple(row["rulesets"]),
                pipeline_version=row["pipeline_version"],
                **{name: tuple(items[name].get(key, ())) for name in ITEMS},
            )
        )
    return extractions
