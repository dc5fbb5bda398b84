"""The ach commands through the real CLI, results in the database, suggestions, milestones."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from counterpoint.ach import load_case, parse_case, score_case
from counterpoint.ach.milestones import milestone_questions, send_to_ledger
from counterpoint.ach.store import load_result, save_result, stored_cases
from counterpoint.ach.suggest import suggest, suggestions_yaml
from counterpoint.records import Document, Event, Extraction

ROOT = Path(__file__).parent.parent
CASE = ROOT / "examples" / "sino-russian" / "case.yaml"
CLI = Path(sys.executable).parent / "counterpoint"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), "ach", *args], capture_output=True, text=True, cwd=ROOT)


def test_cli_score_json_gives_ids_scores_and_posteriors(tmp_path):
    done = run("score", str(CASE), "--format", "json", "--db", str(tmp_path / "a.db"))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    ids = [h["id"] for h in data["hypotheses"]]
    assert ids == list(load_case(CASE).hypothesis_ids)
    assert sum(h["posterior"] for h in data["hypotheses"]) == pytest.approx(1.0)
    best = max(data["hypotheses"], key=lambda h: h["weighted"])
    assert best["rank"]["weighted"] == 1
    assert best["id"] in data["explanation"][0]
    assert {s["method"] for s in data["sensitivity"]} == {"heuer", "weighted", "bayes"}


def test_cli_score_table_explains_and_stores(tmp_path):
    db = tmp_path / "a.db"
    done = run("score", str(CASE), "--db", str(db))
    assert done.returncode == 0, done.stderr
    words = " ".join(done.stdout.split())
    assert "least inconsistent" in words and "rests on" in words
    from counterpoint.store import Store

    with Store.open(str(db)) as store:
        assert [c.name for c in stored_cases(store)] == ["sino-russian-alignment"]


def test_cli_score_csv_has_a_row_per_hypothesis(tmp_path):
    done = run("score", str(CASE), "--format", "csv", "--no-store")
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["id"] for r in rows] == list(load_case(CASE).hypothesis_ids)
    assert all(float(r["heuer"]) <= 0 for r in rows)


def test_cli_bad_case_is_one_line_with_file_line_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        CASE.read_text(encoding="utf-8").replace(
            "{H1: C, H2: C, H3: I, H4: I}", "{H1: C, H2: C, H3: I, H9: I}", 1
        ),
        encoding="utf-8",
    )
    done = run("score", str(bad), "--no-store")
    assert done.returncode == 1
    line = done.stderr.strip()
    assert "\n" not in line and f"{bad}:" in line and "ratings.H9" in line


def test_store_round_trip_and_replace(store):
    case = load_case(CASE)
    result = score_case(case)
    save_result(store, case, result)
    save_result(store, case, result)
    assert len(stored_cases(store)) == 1
    again = load_result(store, case.name)
    assert [h.posterior for h in again.hypotheses] == pytest.approx(
        [h.posterior for h in result.hypotheses]
    )
    assert again.explanation == result.explanation


def test_milestones_to_ledger_once(store):
    case = load_case(CASE)
    questions = milestone_questions(case, score_case(case))
    assert len(questions) == sum(len(h.milestones) for h in case.hypotheses)
    first = send_to_ledger(store, questions)
    second = send_to_ledger(store, questions)
    assert len(first.created) == len(questions) and second.created == ()
    from counterpoint.ledger import Ledger

    stored = {q.source for q in Ledger(store).questions()}
    assert {q.source for q in questions} <= stored


TEXT = "In 2019 Russia and China held joint naval exercises. Trade grew.\n"


def _save_event(store, name="doc.txt"):
    document = Document(
        name=name, text=TEXT, sha256=hashlib.sha256(TEXT.encode()).hexdigest(), format="txt"
    )
    quote = TEXT[: TEXT.index(".") + 1]
    event = Event(
        start=0,
        end=len(quote),
        quote=quote,
        date="2019",
        date_precision="year",
        actors=("RUS", "CHN"),
        kind="material_cooperation",
        intensity=5.0,
        label="joint exercises",
    )
    store.save_extraction(Extraction(document=document, events=(event,), pipeline_version="t"))
    return quote


CASE_TEXT = """\
case: toy
question: Will they ally?
hypotheses:
  - {id: A, statement: They form a military alliance with joint exercises, actors: [RUS, CHN],
     quad_classes: [material_cooperation]}
  - {id: B, statement: They fight a war, actors: [RUS, CHN], quad_classes: [material_conflict]}
evidence: []
"""


def test_suggest_proposes_stored_events_with_quote_and_draft_ratings(store, tmp_path):
    quote = _save_event(store)
    case = parse_case(CASE_TEXT, path=str(tmp_path / "case.yaml"))
    found = suggest(case, store)
    assert [(s.document, s.quote) for s in found] == [("doc.txt", quote)]
    assert dict(found[0].ratings) == {"A": "C", "B": "I"}
    assert "hypotheses" not in suggestions_yaml(found) and quote in suggestions_yaml(found)


def test_suggest_skips_what_the_case_already_cites(store, tmp_path):
    quote = _save_event(store)
    (tmp_path / "doc.txt").write_text(TEXT, encoding="utf-8")
    cited = CASE_TEXT.replace(
        "evidence: []\n",
        f"""evidence:
  - id: E1
    text: exercises
    type: fact
    source: {{document: doc.txt, quote: "{quote}"}}
    ratings: {{A: C, B: I}}
""",
    )
    case = parse_case(cited, path=str(tmp_path / "case.yaml"))
    assert suggest(case, store) == []
