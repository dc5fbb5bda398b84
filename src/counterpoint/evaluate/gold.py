"""Reading gold annotation files and locating their quotes in the articles."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from counterpoint.errors import IngestError, SettingError
from counterpoint.evaluate.matching import gold_span


def published_for_eval(value: str | None) -> date | None:
    """Give the extractor's publication date: ``YYYY-MM`` -> 15th, ``YYYY`` -> 1 July.

    Raises:
        SettingError: the value is not ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    """
    if value is None:
        return None
    try:
        if len(value) == 4:
            return date(int(value), 7, 1)
        if len(value) == 7:
            return date(int(value[:4]), int(value[5:7]), 15)
        return date.fromisoformat(value)
    except ValueError as error:
        raise SettingError(f"published {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD") from error


@dataclass(frozen=True)
class GoldForecast:
    """A gold forecast: its span and the fields scored on matched items."""

    span: tuple[int, int]
    quote: str
    probability: float | None
    polarity: str
    horizon_end: str | None
    attribution: str


@dataclass(frozen=True)
class GoldEvent:
    """A gold event: its span, year and the fields scored on matched items."""

    span: tuple[int, int]
    quote: str
    year: str
    actors: frozenset[str]
    kind: str


@dataclass(frozen=True)
class GoldDocument:
    """One gold file: the article, its publication date and its items."""

    document: str
    published: date | None
    corpus_path: Path
    forecasts: tuple[GoldForecast, ...]
    events: tuple[GoldEvent, ...]


def read_json(path: Path) -> Any:
    """Read a gold JSON file; IngestError names the file when it cannot be read."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise IngestError(str(path), f"cannot read gold JSON ({error})") from error


def read_text(path: Path) -> str:
    """Read the article as extractors do: UTF-8, newlines untranslated."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return handle.read()
    except (OSError, UnicodeDecodeError) as error:
        raise IngestError(str(path), f"cannot read the gold file's article ({error})") from error


def locate(text: str, quote: str, *, source: Path) -> tuple[int, int]:
    """The span of a gold quote in its article; IngestError when it is not there."""
    span = gold_span(text, quote)
    if span is None:
        raise IngestError(str(source), f"gold quote not found in its article: {quote[:60]!r}")
    return span


def load_gold(gold_path: Path, corpus_dir: Path) -> GoldDocument:
    """Read one gold file and locate its quotes in ``corpus/<document>``."""
    data = read_json(gold_path)
    try:
        corpus_path = corpus_dir / str(data["document"])
        text = read_text(corpus_path)
        forecasts = tuple(
            GoldForecast(
                span=locate(text, item["quote"], source=gold_path),
                quote=item["quote"],
                probability=item.get("probability"),
                polarity=item["polarity"],
                horizon_end=item.get("horizon_end"),
                attribution=item.get("attribution") or "author",
            )
            for item in data["forecasts"]
        )
        events = tuple(
            GoldEvent(
                span=locate(text, item["quote"], source=gold_path),
                quote=item["quote"],
                year=str(item["date"])[:4],
                actors=frozenset(item["actors"]),
                kind=item["kind"],
            )
            for item in data["events"]
        )
        published = published_for_eval(data.get("published"))
    except (KeyError, TypeError, AttributeError, SettingError) as error:
        raise IngestError(str(gold_path), f"malformed gold file ({error!r})") from error
    return GoldDocument(data["document"], published, corpus_path, forecasts, events)
