"""ACH, timeline and relations in a real browser: the app's edit round trip and the report."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote

from viewdata import ACH_NAME, running_server

from counterpoint.ach.store import load_result
from counterpoint.store import Store
from counterpoint.views import write_report

CLI = Path(sys.executable).parent / "counterpoint"


def _leader(result: Any, method: str) -> str:
    (leader,) = result.leaders(method)
    return str(leader)


def test_edit_a_rating_in_the_app_and_see_the_new_ranking(page: Any, db: Path, shots: Path) -> None:
    with Store.open(str(db)) as store:
        before = load_result(store, ACH_NAME)
    with running_server(db) as base:
        page.goto(base + "/")
        page.click("nav.app >> text=Hypotheses")
        page.click(f"text={ACH_NAME}")
        page.wait_for_url(re.compile(r"/ach/"))
        leader = page.locator(".ach-scores tr.leader")
        assert leader.get_attribute("data-hypothesis") == _leader(before, "weighted")
        page.screenshot(path=str(shots / "app-ach-before.png"), full_page=True)

        page.select_option("select[aria-label='rating of E1 for H2']", "C")  # posts on change
        page.wait_for_url(re.compile(r"done="))
        page.screenshot(path=str(shots / "app-ach-after.png"), full_page=True)
        with Store.open(str(db)) as store:
            after = load_result(store, ACH_NAME)
        assert _leader(after, "weighted") != _leader(before, "weighted")
        assert leader.get_attribute("data-hypothesis") == _leader(after, "weighted")
        cell = page.locator("[data-testid=cell-E1-H2]")
        assert "rt-c" in (cell.get_attribute("class") or "").split()
        for h in after.hypotheses:
            shown = page.locator(f"[data-testid=posterior-{h.id}] .val").inner_text()
            assert shown == f"{h.posterior * 100:.1f}%"
        assert (
            f"Leads now: {_leader(after, 'weighted')}"
            in page.locator("[data-testid=done]").inner_text()
        )
        assert page.evaluate("window.__xss") is None
    shown = subprocess.run(
        [str(CLI), "ach", "show", ACH_NAME, "--db", str(db), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"H2": "C"' in shown.stdout
    assert page.errors == []


def test_add_evidence_in_the_app(page: Any, db: Path, shots: Path) -> None:
    with running_server(db) as base:
        page.goto(base + "/ach/" + quote(ACH_NAME, safe=""))
        form = page.locator("form.add-evidence")
        form.locator("input[name=id]").fill("E4")
        form.locator("input[name=text]").fill("Leaders met twice this year.")
        form.locator("select[name=r_H3]").select_option("II")
        form.locator("button[type=submit]").click()
        page.wait_for_url(re.compile(r"done=E4"))
        assert page.locator("#m-E4").count() == 1
        form = page.locator("form.add-evidence")
        form.locator("input[name=id]").fill("E4")
        form.locator("input[name=text]").fill("again")
        form.locator("button[type=submit]").click()
        assert "already an evidence item" in page.locator(".flash.error").inner_text()
        page.screenshot(path=str(shots / "app-ach-refused.png"))
    with Store.open(str(db)) as store:
        assert [i.id for i in load_result(store, ACH_NAME).items] == ["E1", "E2", "E3", "E4"]


def test_timeline_filters_and_relations_charts_in_the_app(page: Any, db: Path, shots: Path) -> None:
    with running_server(db) as base:
        page.goto(base + "/timeline")
        total = page.locator("table.events tbody tr").count()
        page.locator("#fig-timeline .scatterlayer .point").first.wait_for(state="attached")
        page.screenshot(path=str(shots / "app-timeline.png"), full_page=True)
        quads = page.locator("table.events tbody tr .quad").all_inner_texts()
        last = quads[-1].replace(" ", "_")
        page.select_option("select[name=quad]", [last])
        page.click("form.filters button[type=submit]")
        page.wait_for_url(re.compile(f"quad={last}"))
        kept = page.locator("table.events tbody tr .quad").all_inner_texts()
        assert len(kept) == quads.count(quads[-1]) <= total
        assert set(kept) == {quads[-1]}
        page.locator("table.events .cite a").first.click()
        page.wait_for_url(re.compile(r"/documents/\d+#d\d+-e\d+$"))
        page.locator(".doc-text .m.sel").first.wait_for(state="attached")
        assert page.locator(".doc-text .m.sel").count() == 1

        page.goto(base + "/relations")
        page.locator(".dyad .plot .bars path").first.wait_for(state="attached")
        page.screenshot(path=str(shots / "app-relations.png"), full_page=True)
        assert page.locator(".dyad").count() >= 1
    assert page.errors == []


def test_report_shows_hypotheses_timeline_and_charts(
    page: Any, db: Path, tmp_path: Path, shots: Path
) -> None:
    out = tmp_path / "report.html"
    with Store.open(str(db)) as store:
        report = write_report(store, out)
    assert report.ach is not None and report.relations is not None
    page.goto(out.as_uri())
    page.locator("#ach").scroll_into_view_if_needed()
    page.locator("#ach").screenshot(path=str(shots / "report-ach.png"))
    assert page.locator("#ach select").count() == 0
    assert page.locator("#ach .matrix td.rt").count() == 9
    page.locator("#timeline").scroll_into_view_if_needed()
    page.locator("#fig-timeline .scatterlayer .point").first.wait_for(state="attached")
    page.locator("#relations").scroll_into_view_if_needed()
    page.locator("#relations .dyad .plot .bars path").first.wait_for(state="attached")
    page.locator("#relations").screenshot(path=str(shots / "report-relations.png"))
    link = page.locator("#timeline .cite a").first
    link.click()
    # The page marks the passage after the jump; wait for it rather than race it (a locator
    # wait: the report's CSP forbids the eval behind wait_for_function).
    page.locator(".doc-text .m.sel").first.wait_for(state="attached")
    assert page.locator(".doc-text .m.sel").count() == 1
    assert page.evaluate("window.__xss") is None
    assert page.errors == []
