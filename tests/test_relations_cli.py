"""Relations on the two example articles, through the real CLI (subprocesses on a tmp db)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language

from counterpoint.pipeline import analyze
from counterpoint.store import Store

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples" / "sino-russian"
CLI = [str(Path(sys.executable).parent / "counterpoint")]


@pytest.fixture(scope="module")
def db(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("relations") / "examples.db")
    with Store.open(path) as store:
        analyze([EXAMPLES], store=store, nlp=nlp)
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """The installed command in a subprocess: exit status and stderr as a user sees them."""
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=120, check=False)


def _invoke(*args: str) -> str:
    """The same app in process (cheaper than a subprocess per call)."""
    from typer.testing import CliRunner

    from counterpoint.cli import app

    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def _json(*args: str) -> list[dict]:
    return json.loads(_invoke(*args, "--format", "json"))


@pytest.mark.model
def test_timeline_no_reference_shows_the_key_events_with_quotes(db: str) -> None:
    events = _json("timeline", "--no-reference", "--db", db)
    assert all(e["origin"] == "corpus" for e in events)

    def cited(year: str, actors: set[str], word: str) -> bool:
        return any(
            e["date"].startswith(year)
            and actors <= set(e["actors"])
            and any(word in s["quote"] for s in e["sources"])
            for e in events
        )

    assert cited("1950", {"CHN", "RUS"}, "alliance")
    assert cited("1958", {"CHN"}, "Taiwan Strait")
    assert cited("1969", {"CHN", "RUS"}, "border")
    assert cited("1971", {"USA", "CHN"}, "Kissinger")
    assert cited("1989", {"RUS"}, "normalization")
    assert cited("2019", {"CHN", "RUS"}, "Power of Siberia")


@pytest.mark.model
def test_timeline_counts_an_event_cited_by_both_articles_once(db: str) -> None:
    events = _json("timeline", "--no-reference", "--db", db, "--actor", "CHN", "--actor", "RUS")
    both = [e for e in events if len(e["documents"]) == 2]
    assert both, "the 1969 border war is cited by both articles"
    keys = [(e["date"], tuple(sorted(e["actors"])), e["event_type"]) for e in events]
    assert len(keys) == len(set(keys))


@pytest.mark.model
def test_series_chn_rus_cooperative_1950s_conflictual_1960s_cooperative_after_1989(db: str) -> None:
    rows = _json("relations", "series", "CHN", "RUS", "--no-reference", "--db", db)
    net = lambda lo, hi: sum(r["net"] for r in rows if lo <= r["start"] <= hi)  # noqa: E731
    assert net(1950, 1954) > 0
    assert net(1960, 1969) < 0
    assert net(1989, 2021) > 0


@pytest.mark.model
def test_reference_is_included_by_default_and_marked(db: str) -> None:
    events = _json("timeline", "--db", db, "--from", "1689", "--to", "1689")
    origins = {e["date"]: e["origin"] for e in events}
    assert origins["1689"] == "reference"  # Treaty of Nerchinsk
    assert origins["17C"] == "corpus"  # "first came face-to-face ... in the 17th century"


@pytest.mark.model
def test_triangle_json_gives_configuration_and_evidence_per_period(db: str) -> None:
    rows = _json("relations", "triangle", "CHN", "RUS", "USA", "--db", db)
    configurations = {r["configuration"] for r in rows}
    assert configurations <= {
        "menage a trois",
        "romantic triangle",
        "stable marriage",
        "unit veto",
        "not enough evidence",
    }
    assert len(configurations) >= 3
    assert all("CHN–RUS net" in r and "CHN–RUS events" in r for r in rows)


@pytest.mark.model
def test_exports_csv_parquet_and_offline_plot(db: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    parquet, page = tmp_path / "t.parquet", tmp_path / "t.html"
    _invoke(
        "timeline", "--db", db, "--format", "parquet", "--out", str(parquet), "--plot", str(page)
    )
    table = pq.read_table(parquet)
    assert {"date", "actors", "quote", "document", "origin"} <= set(table.column_names)
    html = page.read_text(encoding="utf-8")
    assert 'src="https://cdn.plot.ly' not in html and len(html) > 1_000_000
    csv = _invoke("relations", "series", "CHN", "RUS", "--db", db, "--format", "csv")
    assert csv.splitlines()[0].startswith("dyad,start,end,verbal_cooperation")


@pytest.mark.model
def test_parquet_without_out_is_a_one_line_error(db: str) -> None:
    done = _run("timeline", "--db", db, "--format", "parquet")
    assert done.returncode == 1
    assert "--out" in done.stderr and len(done.stderr.strip().splitlines()) == 1
