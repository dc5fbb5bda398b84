"""The report file in a real browser: readable, interactive, inert, self-contained."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from viewdata import MARKUP, past_question

from counterpoint.ledger import Ledger
from counterpoint.store import Store
from counterpoint.views import write_report


def _report(db: Path, out: Path) -> Path:
    with Store.open(str(db)) as store:
        Ledger(store).resolve(past_question(db), "yes", on=date.today())
        write_report(store, out)
    return out


def test_report_opens_offline_and_runs_no_document_markup(
    page: Any, db: Path, tmp_path: Path, shots: Path
) -> None:
    report = _report(db, tmp_path / "report.html")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(report.as_uri())
    page.screenshot(path=str(shots / "report-top.png"))
    assert page.evaluate("window.__xss") is None
    assert MARKUP in page.locator("#d1 .doc-text").inner_text()
    assert page.locator("#d1 .doc-text img").count() == 0
    assert all(url.startswith(("file:", "data:", "about:")) for url in requests), requests
    assert page.errors == []


def test_report_click_on_a_highlight_shows_its_fields(
    page: Any, db: Path, tmp_path: Path, shots: Path
) -> None:
    page.goto(_report(db, tmp_path / "report.html").as_uri())
    forecast = page.locator("#d1 .doc-text .kf").first
    forecast.click()
    panel = page.locator("#d1 .panel-items")
    assert "probability" in panel.inner_text()
    assert "forecast:" in panel.inner_text()
    page.screenshot(path=str(shots / "report-panel.png"))
    page.uncheck("#d1 .show-forecast")
    background = forecast.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background in ("rgba(0, 0, 0, 0)", "transparent")


def test_report_draws_the_calibration_chart_when_reached(
    page: Any, db: Path, tmp_path: Path, shots: Path
) -> None:
    page.goto(_report(db, tmp_path / "report.html").as_uri())
    assert page.evaluate("typeof window.Plotly") == "undefined"
    page.locator("#fig-calibration").scroll_into_view_if_needed()
    page.locator("#fig-calibration .scatterlayer .point").first.wait_for(state="attached")
    assert page.locator("#fig-calibration .scatterlayer .point").count() >= 1
    page.locator("#fig-calibration").screenshot(path=str(shots / "report-calibration.png"))
    assert page.errors == []


def test_report_prints_with_its_lists_opened(page: Any, db: Path, tmp_path: Path) -> None:
    page.goto(_report(db, tmp_path / "report.html").as_uri())
    closed = page.locator("details:not([open])").count()
    assert closed > 0
    pdf = page.pdf(path=str(tmp_path / "report.pdf"))
    assert pdf[:4] == b"%PDF"
    page.emulate_media(media="print")
    assert page.locator("#d1 .toggles").is_hidden()
    assert page.locator("#d1 .doc-text").is_visible()
