"""The forecasts commands through the real installed CLI, on the example articles."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples" / "sino-russian"
CLI = str(Path(sys.executable).parent / "counterpoint")


def _run(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=120)
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def _json(*args: str) -> Any:
    return json.loads(_run(*args, "--format", "json").stdout)


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("ledger-cli") / "examples.db"
    _run("analyze", str(EXAMPLES), "--db", str(db), "--format", "json")
    return db


@pytest.fixture()
def db(analysed: Path, tmp_path: Path) -> str:
    copy = tmp_path / "examples.db"
    shutil.copy(analysed, copy)
    return str(copy)


def test_every_example_forecast_becomes_a_question(db: str) -> None:
    documents = _json("documents", "--db", db)
    questions = _json("forecasts", "list", "--db", db)
    assert len(questions) == sum(d["n_forecasts"] for d in documents) > 0
    assert {s["document_name"] for q in questions for s in q["sources"]} == {
        d["name"] for d in documents
    }
    assert _json("forecasts", "sync", "--db", db)["created"] == []


def test_example_questions_have_sensible_horizons(db: str) -> None:
    questions = _json("forecasts", "list", "--db", db)
    with_horizon = [q for q in questions if q["close_date"]]
    assert with_horizon
    for question in with_horizon:
        opened = date.fromisoformat(question["opened"])
        close = date.fromisoformat(question["close_date"])
        # Op-ed horizons run from months to a couple of decades after publication.
        assert opened < close <= opened + timedelta(days=366 * 25)
    for question in questions:
        assert 0 <= question["probability"] <= 1
        assert (question["status"] == "unresolvable") == bool(question["unresolvable_reason"])


def test_resolving_a_few_gives_scores_and_a_calibration_plot(db: str, tmp_path: Path) -> None:
    questions = [q for q in _json("forecasts", "list", "--db", db) if q["status"] == "open"]
    chosen = questions[:4]
    for number, question in enumerate(chosen):
        on = date.fromisoformat(question["opened"]) + timedelta(days=30)
        outcome = "yes" if number % 2 else "no"
        _run("forecasts", "resolve", str(question["id"]), outcome, "--on", on.isoformat(),
             "--note", "checked by hand", "--db", db)  # fmt: skip
    plot = tmp_path / "calibration.html"
    as_of = "2060-01-01"  # every horizon has passed
    scores = _json("forecasts", "score", "--db", db, "--as-of", as_of, "--plot", str(plot))
    assert scores["overall"]["n"] == len(chosen)
    assert scores["overall"]["n_yes"] == len(chosen) // 2
    assert sum(b["count"] for b in scores["overall"]["bins"]) == len(chosen)
    assert 0 <= scores["overall"]["brier"] <= 1
    svg = plot.read_text(encoding="utf-8")
    root = ElementTree.fromstring(svg[svg.index("<svg") : svg.index("</svg>") + 6])
    circles = [e for e in root.iter() if e.tag.endswith("circle")]
    assert len(circles) == sum(1 for b in scores["overall"]["bins"] if b["count"])
    assert "<script" not in svg and "http" not in svg.replace("http://www.w3.org/2000/svg", "")
    table = _run("forecasts", "score", "--db", db, "--as-of", as_of, "--by", "source").stdout
    assert "Brier" in table and "Calibration" in table


def test_refused_resolution_is_one_line_and_writes_nothing(db: str) -> None:
    before = _run("forecasts", "export", "--format", "json", "--db", db).stdout
    for args in (
        ("999", "yes", "--on", "2022-01-01"),
        ("1", "yes", "--on", "1999-01-01"),
        ("1", "maybe", "--on", "2022-01-01"),
        ("1", "yes", "--on", "01/02/2022"),
    ):
        done = _run("forecasts", "resolve", *args, "--db", db, ok=False)
        assert done.returncode == 1
        assert len(done.stderr.strip().splitlines()) == 1 and "error" in done.stderr
    assert _run("forecasts", "export", "--format", "json", "--db", db).stdout == before


def test_edits_survive_reanalysis(db: str) -> None:
    count = len(_json("forecasts", "list", "--db", db))
    _run("forecasts", "edit", "1", "--statement", "Edited by the analyst", "--probability",
         "1:4", "--db", db)  # fmt: skip
    _run("analyze", str(EXAMPLES), "--db", db, "--format", "json")
    question = _json("forecasts", "show", "1", "--db", db)
    assert question["title"] == "Edited by the analyst" and question["probability"] == 0.2
    assert len(_json("forecasts", "list", "--db", db)) == count


def test_bad_csv_import_names_file_line_and_field(db: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("title,probability\nGood one,0.4\nBad one,1.7\n", encoding="utf-8")
    done = _run("forecasts", "import", str(path), "--db", db, ok=False)
    assert done.returncode == 1
    assert f"{path}:3: probability: 1.7 is outside [0, 1]" in done.stderr
    assert not [q for q in _json("forecasts", "list", "--db", db) if q["title"] == "Good one"]


def test_export_import_round_trip_through_the_cli(db: str, tmp_path: Path) -> None:
    exported = tmp_path / "ledger.csv"
    _run("forecasts", "export", "--format", "csv", "--out", str(exported), "--db", db)
    fresh = str(tmp_path / "fresh.db")
    _run("forecasts", "import", str(exported), "--db", fresh)
    again = _run("forecasts", "export", "--format", "csv", "--db", fresh).stdout
    assert again == exported.read_text(encoding="utf-8")
