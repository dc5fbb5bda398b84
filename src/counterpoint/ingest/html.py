"""HTML pages: the main text and metadata, found by trafilatura (no network access).

trafilatura receives the file's bytes, never a URL, so nothing is fetched; its date
search is kept to the page's markup (``extensive_search`` off) so a copyright year
or a date in a sidebar is not taken for the publication date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import trafilatura

from counterpoint.errors import IngestError
from counterpoint.ingest.boilerplate import boilerplate_matches
from counterpoint.ingest.lines import split_lines
from counterpoint.ingest.text import check_not_binary


@dataclass(frozen=True)
class HtmlContent:
    """The main text of a page and the metadata its markup states."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def read_html(data: bytes, source: str) -> HtmlContent:
    """Extract the main text, title, author, date and canonical URL of an HTML page.

    Args:
        data: The page as stored (trafilatura detects its encoding).
        source: The file name, for error messages.

    Raises:
        IngestError: The file is binary, or the page has no main text (nothing, or only
            navigation and other boilerplate lines).
    """
    check_not_binary(data, source)
    extracted = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = getattr(extracted, "text", None) or ""
    if len(boilerplate_matches(text)) == len(split_lines(text)):
        raise IngestError(
            source, "HTML page has no main text (is it a navigation, index or script-only page?)"
        )
    return HtmlContent(
        text=text,
        title=_clean(getattr(extracted, "title", None)),
        author=_clean(getattr(extracted, "author", None)),
        published=_iso_date(getattr(extracted, "date", None)),
        url=_clean(getattr(extracted, "url", None)),
    )
