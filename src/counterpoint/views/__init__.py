"""Views: the self-contained HTML report and the local web app, over the same library calls.

Each section of a page is rendered from one library call that returns frozen records
(:func:`~counterpoint.views.documents.document_page`,
:func:`~counterpoint.views.ledger_view.ledger_section`, …). Templates are Jinja2 with
autoescaping, the CSS and JavaScript are the project's own (package data), and charts
are Plotly figures drawn by the JavaScript bundle shipped in Plotly's wheel.
"""

from __future__ import annotations

from counterpoint.views.documents import (
    DocumentCache,
    DocumentPage,
    SearchHit,
    SearchResults,
    document_page,
    search,
)
from counterpoint.views.highlight import HighlightedText, ItemView, Segment, highlight
from counterpoint.views.ledger_view import LedgerSection, QuestionRow, ledger_section
from counterpoint.views.report import Report, build_report, render_report, write_report

__all__ = [
    "DocumentCache",
    "DocumentPage",
    "HighlightedText",
    "ItemView",
    "LedgerSection",
    "QuestionRow",
    "Report",
    "SearchHit",
    "SearchResults",
    "Segment",
    "build_report",
    "document_page",
    "highlight",
    "ledger_section",
    "render_report",
    "search",
    "write_report",
]
