"""How fast the views are: the report in a real browser, and the app's document page.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/bench_views.py``). A temporary
database gets 100 documents: the two example articles analysed once, then stored again
under 49 other names and hashes each (same text and items, so the figures are those of
real op-eds of 1,000 and 3,000 words); the ledger drafts its questions and a few are
resolved so the report carries the calibration chart (and Plotly's bundle).

Measured:

- **report**: ``write_report`` time and size; then headless Chromium (Debian's, through
  Playwright) opens the file: the ``load`` event of the navigation (HTML parsed, styled,
  laid out, own script run: the documents are readable), median of 3 fresh pages;
  and, apart, the time to draw the calibration chart once scrolled to (Plotly's bundle
  is evaluated then).
- **app**: a real uvicorn server on a free loopback port; ``GET /documents/{id}`` over
  one keep-alive connection, first the cold request of each document, then 300 warm
  requests spread over them: median and 95th percentile; then the medians of the
  ledger, the example ACH case (stored in the database), the timeline and relations pages.

Targets (issue 7): report load under 2 s; document page median under 100 ms.
"""

from __future__ import annotations

import http.client
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))
EXAMPLES = ROOT / "examples" / "sino-russian"
N_DOCUMENTS = 100
WARM_REQUESTS = 300


def build(directory: Path) -> Path:
    """The 100-document database (see the module docstring)."""
    from counterpoint.ach import load_case, score_case
    from counterpoint.ach.store import save_result
    from counterpoint.ledger import Ledger
    from counterpoint.nlp import load_nlp
    from counterpoint.pipeline import analyze
    from counterpoint.store import Store

    db = directory / "views.db"
    with Store.open(str(db)) as store:
        analyze(sorted(EXAMPLES.glob("*.txt")), store=store, nlp=load_nlp())
        originals = [store.load_extraction(d.id) for d in store.list_documents()]
        for i in range(N_DOCUMENTS - len(originals)):
            source = originals[i % len(originals)]
            document = replace(
                source.document,
                name=f"copy-{i:03d}-{source.document.name}",
                sha256=f"{i:04d}{source.document.sha256[4:]}",
            )
            store.save_extraction(replace(source, document=document))
        ledger = Ledger(store)
        ledger.sync()
        for question in ledger.questions()[:12]:
            if question.status == "open" and question.id is not None:
                outcome = "yes" if question.id % 2 else "no"
                ledger.resolve(question.id, outcome, on=date.today())
        case = load_case(EXAMPLES / "case.yaml")
        save_result(store, case, score_case(case))
    return db


def bench_report(db: Path, directory: Path) -> list[tuple[str, str]]:
    from playwright.sync_api import sync_playwright

    from counterpoint.store import Store
    from counterpoint.views import write_report

    out = directory / "report.html"
    start = time.perf_counter()
    with Store.open(str(db)) as store:
        report = write_report(store, out)
    written = time.perf_counter() - start
    loads, charts = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        for _ in range(3):
            page = browser.new_page(viewport={"width": 1366, "height": 860})
            page.goto(out.as_uri(), wait_until="load")
            loads.append(
                page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
            )
            start = time.perf_counter()
            page.locator("#fig-calibration").scroll_into_view_if_needed()
            page.locator("#fig-calibration .scatterlayer .point").first.wait_for(state="attached")
            charts.append(time.perf_counter() - start)
            page.close()
        browser.close()
    return [
        ("report documents", str(len(report.documents))),
        ("report size", f"{out.stat().st_size / 1e6:.1f} MB"),
        ("report written in", f"{written:.2f} s"),
        ("report load in Chromium (median of 3)", f"{statistics.median(loads) / 1000:.2f} s"),
        ("calibration chart drawn after scroll", f"{statistics.median(charts):.2f} s"),
    ]


def bench_app(db: Path) -> list[tuple[str, str]]:
    from viewdata import running_server

    from counterpoint.store import Store

    with Store.open(str(db)) as store:
        ids = [d.id for d in store.list_documents()]
    with running_server(db) as base:
        host, port = base.removeprefix("http://").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=30)

        def get(path: str) -> float:
            start = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"{path}: HTTP {response.status}")
            return time.perf_counter() - start

        cold = [get(f"/documents/{i}") for i in ids]
        warm = [get(f"/documents/{ids[n % len(ids)]}") for n in range(WARM_REQUESTS)]
        ledger = [get("/ledger") for _ in range(20)]
        ach = [get("/ach/sino-russian-alignment") for _ in range(20)]
        timeline = [get("/timeline") for _ in range(10)]
        relations = [get("/relations") for _ in range(10)]
        connection.close()
    warm.sort()
    return [
        ("document page, first request (median)", f"{statistics.median(cold) * 1000:.1f} ms"),
        ("document page, median", f"{statistics.median(warm) * 1000:.1f} ms"),
        ("document page, p95", f"{warm[int(len(warm) * 0.95)] * 1000:.1f} ms"),
        ("ledger page, median", f"{statistics.median(ledger) * 1000:.1f} ms"),
        ("ACH case page, median", f"{statistics.median(ach) * 1000:.1f} ms"),
        ("timeline page, median", f"{statistics.median(timeline) * 1000:.1f} ms"),
        ("relations page, median", f"{statistics.median(relations) * 1000:.1f} ms"),
    ]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        start = time.perf_counter()
        db = build(directory)
        print(f"built {N_DOCUMENTS} documents in {time.perf_counter() - start:.1f} s")
        rows = bench_report(db, directory) + bench_app(db)
    width = max(len(name) for name, _ in rows)
    print(f"{'measure':<{width}}  value")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
