"""Extraction: run every extractor over a parsed document and return one ``Extraction``.

``extract_documents`` streams documents through the spaCy pipeline (``nlp.pipe`` in
batches, long texts chunked) and converts each to records at the boundary; nothing
downstream sees a spaCy object.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import cache, lru_cache

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from counterpoint import __version__
from counterpoint.records import (
    Claim,
    Document,
    Event,
    Extraction,
    Forecast,
    Sentence,
    TimeExpression,
)
from counterpoint.rulestamp import stamp_files

SCALES = ("icd203", "kent", "phia")


@dataclass(frozen=True)
class ExtractOptions:
    """Options for extraction: the probability scale and the batch size of ``nlp.pipe``."""

    scale: str = "icd203"
    batch_size: int = 16


@cache
def rulesets() -> tuple[str, ...]:
    """The rule sets every extraction is stored with, each stamped with its file's content.

    ``dates.v1`` is the date rules, whose data file is ``named_dates.v1.tsv``; the others
    are named after their files under ``extract/patterns/`` (see :mod:`counterpoint.rulestamp`).
    """
    from counterpoint.extract.actors import ACTORS_RULESET
    from counterpoint.extract.dates import DATES_RULESET, NAMED_DATES_FILE
    from counterpoint.extract.event_frames import EVENT_FRAMES_RULESET
    from counterpoint.extract.event_types import EVENT_VERBS_RULESET
    from counterpoint.extract.forecasts import FILTERS_RULESET
    from counterpoint.extract.hedges import HEDGES_RULESET, SCALES_RULESET
    from counterpoint.ingest import BOILERPLATE_RULESET

    files = (
        (ACTORS_RULESET, f"{ACTORS_RULESET}.jsonl"),
        (DATES_RULESET, NAMED_DATES_FILE),
        (EVENT_VERBS_RULESET, f"{EVENT_VERBS_RULESET}.jsonl"),
        (EVENT_FRAMES_RULESET, f"{EVENT_FRAMES_RULESET}.jsonl"),
        (HEDGES_RULESET, f"{HEDGES_RULESET}.tsv"),
        (SCALES_RULESET, f"{SCALES_RULESET}.tsv"),
        (FILTERS_RULESET, f"{FILTERS_RULESET}.tsv"),
        (BOILERPLATE_RULESET, f"{BOILERPLATE_RULESET}.tsv"),
    )
    return tuple(
        stamp_files("counterpoint.extract", "patterns", name, file) for name, file in files
    )


def pipeline_version(*, fast: bool = False) -> str:
    """The version stamp that decides whether a stored document must be re-analysed."""
    return f"counterpoint-{__version__}{'-fast' if fast else ''}+" + ",".join(rulesets())


ESTIMATE_LAG_DAYS = 30


def estimate_published(document: Document, times: Sequence[TimeExpression]) -> Document:
    """Estimate a missing publication date from the latest date the text cites.

    Only day- or month-precise absolute dates count (a bare year is too often a forecast
    target, "by 2030"); the estimate is that date plus ``ESTIMATE_LAG_DAYS`` (or the
    month's 15th plus the lag), marked ``published_source="estimated"``.

    Example: a text citing "October 2020" as its latest date -> 2020-11-14.
    """
    cited = [
        t.earliest for t in times if t.anchor == "absolute" and t.precision in ("day", "month")
    ]
    if not cited:
        return document
    latest = max(cited)
    base = (
        latest
        if any(t.precision == "day" and t.earliest == latest for t in times)
        else latest.replace(day=15)
    )
    return replace(
        document, published=base + timedelta(days=ESTIMATE_LAG_DAYS), published_source="estimated"
    )


@lru_cache(maxsize=4)
def _cue_matcher(nlp: Language) -> Matcher:
    from counterpoint.extract.event_types import build_cue_matcher

    return build_cue_matcher(nlp.vocab)


def extract_chunks(
    chunks: Sequence[tuple[int, Doc]], document: Document, *, nlp: Language, options: ExtractOptions
) -> Extraction:
    """Run every extractor over a document's parsed chunks."""
    from counterpoint.extract.actors import actor_mentions
    from counterpoint.extract.claims import extract_claims
    from counterpoint.extract.dates import find_precise_dates, find_time_expressions
    from counterpoint.extract.events import EventContext, extract_events
    from counterpoint.extract.forecasts import ForecastOptions, extract_forecasts

    if document.published is None:
        document = estimate_published(document, find_precise_dates(document.analysis_text))
    times = tuple(find_time_expressions(document.analysis_text, published=document.published))
    published = document.published
    actors = tuple(
        sorted(
            (m for offset, doc in chunks for m in actor_mentions(doc, on=published, offset=offset)),
            key=lambda m: m.start,
        )
    )
    context = EventContext(published, times, actors, _cue_matcher(nlp))
    forecast_options = ForecastOptions(published=published, scale=options.scale)
    sentences: list[Sentence] = []
    events: list[Event] = []
    forecasts: list[Forecast] = []
    claims: list[Claim] = []
    for offset, doc in chunks:
        sentences.extend(Sentence(offset + s.start_char, offset + s.end_char) for s in doc.sents)
        events.extend(extract_events(doc, offset=offset, context=context))
        forecasts.extend(
            extract_forecasts(doc, offset=offset, actors=actors, options=forecast_options)
        )
        claims.extend(extract_claims(doc, offset=offset, actors=actors))
    return Extraction(
        document=document,
        sentences=tuple(sentences),
        actors=actors,
        events=tuple(events),
        forecasts=tuple(forecasts),
        claims=tuple(claims),
        rulesets=rulesets(),
        pipeline_version=pipeline_version(fast=not nlp.has_pipe("parser")),
    )


def extract_documents(
    documents: Iterable[Document], *, nlp: Language, options: ExtractOptions | None = None
) -> Iterator[Extraction]:
    """Stream documents through ``nlp.pipe`` and yield one ``Extraction`` each, in order."""
    from counterpoint.nlp import pipe_chunks

    options = options or ExtractOptions()
    pending: dict[int, tuple[Document, list[tuple[int, Doc]]]] = {}
    order: list[int] = []
    indexed = (
        (document.analysis_text, i)
        for i, document in enumerate(_remember(documents, pending, order))
    )
    for doc, (offset, key) in pipe_chunks(nlp, indexed, batch_size=options.batch_size):
        index = int(key)  # type: ignore[call-overload]
        while order and order[0] < index:
            yield _finish(pending.pop(order.pop(0)), nlp=nlp, options=options)
        pending[index][1].append((offset, doc))
    while order:
        yield _finish(pending.pop(order.pop(0)), nlp=nlp, options=options)


def _remember(
    documents: Iterable[Document],
    pending: dict[int, tuple[Document, list[tuple[int, Doc]]]],
    order: list[int],
) -> Iterator[Document]:
    for i, document in enumerate(documents):
        pending[i] = (document, [])
        order.append(i)
        yield document


def _finish(
    item: tuple[Document, list[tuple[int, Doc]]], *, nlp: Language, options: ExtractOptions
) -> Extraction:
    document, chunks = item
    return extract_chunks(chunks, document, nlp=nlp, options=options)


def extract_document(
    document: Document, *, nlp: Language, options: ExtractOptions | None = None
) -> Extraction:
    """Extract one document (see ``extract_documents`` for many)."""
    return next(extract_documents([document], nlp=nlp, options=options))


__all__ = ["ExtractOptions", "extract_document", "extract_documents", "pipeline_version"]
