"""The web app in a real browser against a real uvicorn server on loopback."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from viewdata import MARKUP, past_question, running_server

from counterpoint.ledger import Ledger
from counterpoint.store import Store


def test_read_a_document_then_resolve_a_forecast_and_see_the_score(
    page: Any, db: Path, shots: Path
) -> None:
    question = past_question(db)
    with Store.open(str(db)) as store:
        probability = Ledger(store).get(question).probability
    with running_server(db) as base:
        page.goto(base + "/")
        page.click("text=Moscow and Beijing")
        page.wait_for_url(re.compile(r"/documents/\d+$"))
        page.locator(".doc-text .kf").first.click()
        assert "proposition" in page.locator(".panel-items").inner_text()
        page.screenshot(path=str(shots / "app-document.png"))

        page.click("nav.app >> text=Forecast ledger")
        row = page.locator(f"#q{question}")
        assert row.locator(".state").inner_text() == "open"
        row.locator("select[name=outcome]").select_option("no")
        row.locator("input[name=note]").fill("did not happen")
        row.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(r"/ledger\?done="))
        page.screenshot(path=str(shots / "app-ledger-resolved.png"), full_page=True)

        expected = f"{probability**2:.3f}"
        assert page.locator(f"[data-testid=brier-{question}]").inner_text().strip() == expected
        assert page.locator("[data-testid=scored]").inner_text() == "1"
        assert page.locator("[data-testid=brier]").inner_text() == expected
        assert page.locator(f"#q{question} .state").inner_text() == "scored"
    with Store.open(str(db)) as store:
        resolution = Ledger(store).get(question).resolution
    assert resolution is not None and resolution.note == "did not happen"


def test_app_shows_markup_as_text_and_runs_none(page: Any, db: Path, shots: Path) -> None:
    with running_server(db) as base:
        page.goto(base + "/documents/1")
        assert MARKUP in page.locator(".doc-text").inner_text()
        page.goto(base + "/ledger")
        page.goto(base + "/search?q=" + "onerror")
        page.screenshot(path=str(shots / "app-search-markup.png"))
        assert "onerror" in page.locator(".hits").inner_text()
        assert page.evaluate("window.__xss") is None
        assert page.locator(".page img").count() == 0
    assert page.errors == []


def test_search_leads_to_the_match_in_the_text(page: Any, db: Path) -> None:
    with running_server(db) as base:
        page.goto(base + "/")
        page.fill("input[name=q]", "arms supplier")
        page.press("input[name=q]", "Enter")
        page.click(".hits a")
        assert page.locator(".doc-text .km").inner_text() == "arms supplier"


def test_without_the_token_the_app_is_read_only(page: Any, db: Path) -> None:
    with running_server(db, token="t0ken") as base:
        page.goto(base + "/ledger")
        assert page.locator("form.resolve").count() == 0
        page.goto(base + "/login?token=t0ken")
        page.goto(base + "/ledger")
        assert page.locator("form.resolve").count() > 0
