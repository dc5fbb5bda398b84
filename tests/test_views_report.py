"""The self-contained HTML report: one file, nothing fetched, document text inert."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from spacy.language import Language

from counterpoint.ledger import Ledger
from counterpoint.store import Store
from counterpoint.views import build_report, render_report, write_report
from counterpoint.views.charts import plotly_js

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from viewdata import MARKUP, build_db, past_question  # noqa: E402

CLI = Path(sys.executable).parent / "counterpoint"


@pytest.fixture(scope="module")
def db(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(nlp, tmp_path_factory.mktemp("report"))


def _html(db: Path) -> str:
    with Store.open(str(db)) as store:
        return render_report(build_report(store))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parsed(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    return parser


def test_report_shows_document_markup_as_text(db: Path) -> None:
    html = _html(db)
    parsed = _parsed(html)
    assert MARKUP not in html
    assert MARKUP in "".join(parsed.text)
    assert not [t for t, a in parsed.tags if any(k.startswith("on") for k in a)]
    assert not [t for t, _ in parsed.tags if t in ("img", "iframe", "object", "embed")]
    assert not [a for t, a in parsed.tags if t == "a" and "javascript:" in (a.get("href") or "")]
    scripts = [a for t, a in parsed.tags if t == "script"]
    inert = [a for a in scripts if a.get("type") in ("text/plain", "application/json")]
    assert all(a == {} or a in inert for a in scripts)
    assert all(a.get("id") == "plotly-src" or a.get("id", "").startswith("spec-") for a in inert)


def test_report_fetches_nothing(db: Path) -> None:
    html = _html(db)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=\"?(https?:)?//", html)
    outside_plotly = re.sub(
        r'<script type="text/plain" id="plotly-src">.*?</script>', "", html, flags=re.S
    )
    assert "cdn." not in outside_plotly.lower()
    meta = [a for t, a in _parsed(html).tags if a.get("http-equiv") == "Content-Security-Policy"]
    assert len(meta) == 1 and "default-src 'none'" in (meta[0]["content"] or "")


def test_report_policy_allows_exactly_its_own_scripts(db: Path) -> None:
    html = _html(db)
    policy = re.search(r"script-src ([^;]+);", unescape(html))
    assert policy is not None
    allowed = set(re.findall(r"'sha256-([^']+)'", policy.group(1)))
    bodies = re.findall(
        r"<script(?: type=\"text/plain\" id=\"plotly-src\")?>(.*?)</script>", html, re.S
    )
    digests = {base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() for b in bodies if b}
    assert digests == allowed


def test_report_marks_every_item_of_every_document(db: Path) -> None:
    html = _html(db)
    with Store.open(str(db)) as store:
        for stored in store.list_documents():
            extraction = store.load_extraction(stored.id)
            for letter, items in (("f", extraction.forecasts), ("e", extraction.events)):
                ids = re.findall(rf'id="d{stored.id}-{letter}\d+"', html)
                assert len(ids) == len(items)


def test_report_inlines_plotly_once_only_with_a_chart(db: Path, tmp_path: Path) -> None:
    marker = plotly_js()[-200:]
    empty = tmp_path / "empty.db"
    with Store.open(str(empty)) as store:
        assert render_report(build_report(store)).count(marker) == 0
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    question = past_question(copy)
    with Store.open(str(copy)) as store:
        Ledger(store).resolve(question, "yes", on=date.today())
    html = _html(copy)
    assert html.count(marker) == 1
    assert 'id="fig-calibration"' in html
    assert 'id="fig-timeline"' in html


def test_report_cli_writes_one_file(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run = subprocess.run(
        [str(CLI), "report", "--db", str(db), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "2 documents" in run.stderr
    assert list(tmp_path.iterdir()) == [out]
    assert "Moscow and Beijing" in out.read_text(encoding="utf-8")


def test_report_cli_names_an_unwritable_path(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "missing" / "report.html"
    run = subprocess.run(
        [str(CLI), "report", "--db", str(db), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert str(out) in run.stderr and len(run.stderr.strip().splitlines()) == 1


def test_write_report_returns_what_it_wrote(db: Path, tmp_path: Path) -> None:
    with Store.open(str(db)) as store:
        report = write_report(store, tmp_path / "r.html", title="Weekly <b>brief</b>")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert len(report.documents) == 2
    assert "<title>Weekly &lt;b&gt;brief&lt;/b&gt;</title>" in html


def test_report_comparison_links_resolve_inside_the_report(db: Path) -> None:
    html = _html(db)
    assert 'id="compare"' in html
    section = html[html.index('id="compare"') :]
    targets = re.findall(r'href="#(d\d+(?:-[a-z]\d+)?)"', section)
    assert targets
    assert all(f'id="{target}"' in html for target in targets)
