"""The self-contained HTML report: one file, no network at view time.

:func:`build_report` reads the store into a frozen :class:`Report` (one section per
capability, each from that capability's own library call); :func:`render_report` turns
it into HTML with the project's CSS and JavaScript inlined, and Plotly's bundle inlined
once when the report has a chart. Evaluating that bundle takes a laptop a few hundred
milliseconds (seconds on a small shared machine), so it is kept as inert text and run
only when a chart comes near the viewport or the page is printed: the documents are
readable at once. A Content-Security-Policy in the page allows only
those scripts (by their SHA-256 hashes) and no network requests, so even a mistake in
escaping could not run a script from a document.

>>> with Store.open("counterpoint.db") as store:  # doctest: +SKIP
...     write_report(store, Path("report.html"))
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from counterpoint import __version__
from counterpoint.errors import CounterpointError
from counterpoint.relations import Source
from counterpoint.store import Store
from counterpoint.views.ach_view import AchSection, ach_helpers, ach_section
from counterpoint.views.charts import plotly_js
from counterpoint.views.compare_view import Anchor, CompareSection, compare_section
from counterpoint.views.documents import DocumentPage, document_page
from counterpoint.views.ledger_view import LedgerSection, ledger_section
from counterpoint.views.relations_view import RelationsSection, relations_section
from counterpoint.views.render import environment, static_text


class ReportError(CounterpointError):
    """The report could not be written."""


@dataclass(frozen=True)
class Report:
    """Everything the report shows, read from one database at one moment."""

    title: str
    generated: datetime
    database: str
    documents: tuple[DocumentPage, ...]
    ledger: LedgerSection | None
    compare: CompareSection | None = None
    ach: AchSection | None = None
    relations: RelationsSection | None = None

    @property
    def has_charts(self) -> bool:
        """Whether any section draws a Plotly chart (then Plotly's JS is inlined)."""
        ledger = self.ledger is not None and self.ledger.calibration is not None
        return ledger or bool(self.relations and self.relations.figures)


def build_report(
    store: Store, *, title: str = "counterpoint report", today: date | None = None
) -> Report:
    """Read every document and every capability section from ``store``."""
    stored = store.list_documents()
    documents = tuple(document_page(store, one) for one in stored)
    ledger = ledger_section(store, today=today)
    ach = ach_section(store)
    relations = relations_section(store)
    return Report(
        compare=compare_section(store, stored),
        ach=ach if ach.cases else None,
        relations=relations if relations.total else None,
        title=title,
        generated=datetime.now(UTC),
        database=store.url,
        documents=documents,
        ledger=ledger if ledger.rows else None,
    )


def render_report(report: Report) -> str:
    """The report as one HTML page with its styles and scripts inlined."""
    scripts = [static_text("counterpoint.js")]
    plotly = plotly_js() if report.has_charts else ""
    hrefs = {page.document.sha256: f"#d{page.stored.id}" for page in report.documents}
    return (
        environment()
        .get_template("report.html")
        .render(
            report=report,
            css=static_text("counterpoint.css"),
            scripts=scripts,
            plotly=plotly,
            csp=content_security_policy([*scripts, plotly] if plotly else scripts),
            doc_href=hrefs.get,
            quote_href=quote_href,
            source_href=_source_href(report),
            doc_link=_doc_link(report),
            **ach_helpers(),
            rowid="",
            version=__version__,
            forms=False,
            csrf="",
        )
    )


def quote_href(anchor: Anchor) -> str:
    """The in-report link to a quoted item (or to its document)."""
    target = f"d{anchor.document_id}"
    return f"#{target}-{anchor.key}" if anchor.key else f"#{target}"


def _source_href(report: Report) -> Callable[[Source], str | None]:
    def href(source: Source) -> str | None:
        found = report.relations.locator.find(source) if report.relations else None
        if found is None:
            return None
        return f"#d{found[0]}-{found[1]}" if found[1] else f"#d{found[0]}"

    return href


def _doc_link(report: Report) -> Callable[[str], str | None]:
    ids = {page.stored.name: page.stored.id for page in report.documents}
    return lambda name: f"#d{ids[name]}" if name in ids else None


def content_security_policy(scripts: list[str]) -> str:
    """A policy that runs only ``scripts`` (by hash) and loads nothing from anywhere."""
    hashes = " ".join(f"'sha256-{_digest(script)}'" for script in scripts)
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'"
    )


def _digest(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def write_report(
    store: Store, out: Path, *, title: str = "counterpoint report", today: date | None = None
) -> Report:
    """Build the report from ``store`` and write it to ``out`` (UTF-8).

    Raises:
        ReportError: the file could not be written.
    """
    report = build_report(store, title=title, today=today)
    html = render_report(report)
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as e:
        raise ReportError(f"{out}: cannot write the report ({e.strerror or e})") from e
    return report
