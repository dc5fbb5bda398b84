"""A stored case written back as a case file reads back as the same case."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from counterpoint.ach import load_case, parse_case, score_case
from counterpoint.ach.edit import NewEvidence, add_evidence, set_rating
from counterpoint.ach.export import ExportError, case_yaml, write_case_file
from counterpoint.ach.model import Case
from counterpoint.ach.store import load_case as stored_case
from counterpoint.ach.store import save_result
from counterpoint.store import Store

CLI = Path(sys.executable).parent / "counterpoint"
EXAMPLE = Path(__file__).parents[1] / "examples" / "sino-russian" / "case.yaml"


def _plain(case: Case) -> Any:
    """The case without what depends on where the file was (line numbers, paths)."""

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in {"line", "path"}}
        if isinstance(value, list | tuple):
            return [strip(v) for v in value]
        return value

    return strip(asdict(case))


@pytest.fixture()
def rich_case(tmp_path: Path) -> Path:
    """A case using every field, with two documents of the same file name."""
    for folder, text in (
        ("east", "Moscow and Beijing signed a treaty in 2001."),
        ("west", "Beijing said no."),
    ):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "memo.txt").write_text(text, encoding="utf-8")
    case = tmp_path / "cases" / "case.yaml"
    case.parent.mkdir()
    case.write_text(
        """\
version: 1
case: two-memos
question: "Will they sign? Yes: or no."
as_of: 2024-05
documents: {a: ../east/memo.txt, b: ../west/memo.txt}
likelihood_table: {CC: 0.9, C: 0.7, N: 0.5, I: 0.3, II: 0.1}
hypotheses:
  - id: H1
    statement: They sign.
    prior: 0.6
    actors: [RUS, CHN]
    keywords: [treaty]
    milestones:
      - {id: M1, text: A treaty is signed., by: 2030, probability: 0.25}
      - {id: M2, text: Talks open.}
  - id: H2
    statement: They do not.
    prior: 0.4
evidence:
  - id: E1
    text: A treaty in 2001.
    type: fact
    credibility: high
    relevance: low
    source: {document: a, quote: signed a treaty}
    event_date: 2001-07-16
    reported: 2001-07
    ratings: {H1: CC, H2: I}
    likelihoods: {H1: 0.8, H2: 0.2}
  - id: E2
    text: A refusal.
    type: absence-of-evidence
    source: {document: b, quote: said no}
    flags: [disputed]
    note: "one source: check"
    ratings: {H1: II, H2: C}
  - id: E3
    text: A wire report.
    type: assumption
    source: {external: Wire, url: "https://example.org/x", quote: "They will sign"}
    ratings: {H1: C, H2: NA}
""",
        encoding="utf-8",
    )
    return case


def test_every_field_survives_a_round_trip(rich_case: Path, tmp_path: Path) -> None:
    case = load_case(rich_case)
    out = tmp_path / "elsewhere" / "back.yaml"
    out.parent.mkdir()
    write_case_file(case, out)
    again = load_case(out)
    assert _plain(again) == _plain(case)
    documents = yaml.safe_load(out.read_text(encoding="utf-8"))["documents"]
    # Two files named memo.txt in different folders stay two documents, relative paths.
    assert sorted(documents) == ["memo-2.txt", "memo.txt"]
    assert all(not Path(p).is_absolute() for p in documents.values())
    assert [e.source.quote for e in again.evidence[:2]] == ["signed a treaty", "said no"]


def test_edits_made_in_the_store_are_in_the_exported_file(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "ach.db")) as store:
        case = load_case(EXAMPLE)
        save_result(store, case, score_case(case))
        first = case.evidence[0]
        other = next(code for code in ("CC", "II") if first.rating("H1") != code)
        set_rating(store, case.name, first.id, "H1", other)
        ratings = {h: "N" for h in case.hypothesis_ids}
        add_evidence(store, case.name, NewEvidence(id="X1", text="New item.", ratings=ratings))
        edited = stored_case(store, case.name)
    out = tmp_path / "edited.yaml"
    write_case_file(edited, out)
    again = load_case(out)
    assert _plain(again) == _plain(edited)
    assert again.evidence[0].rating("H1") == other
    assert again.evidence[-1].id == "X1"
    assert score_case(again) == score_case(edited)


def test_an_existing_file_is_kept_unless_overwrite(rich_case: Path, tmp_path: Path) -> None:
    case = load_case(rich_case)
    before = rich_case.read_text(encoding="utf-8")
    with pytest.raises(ExportError, match="already exists"):
        write_case_file(case, rich_case)
    assert rich_case.read_text(encoding="utf-8") == before
    write_case_file(case, rich_case, overwrite=True)
    assert rich_case.read_text(encoding="utf-8") != before
    assert _plain(load_case(rich_case)) == _plain(case)
    assert [p.name for p in rich_case.parent.iterdir()] == ["case.yaml"]  # no temporary left
    fresh = tmp_path / "fresh.yaml"
    write_case_file(case, fresh)
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    assert fresh.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777  # not mkstemp's 0600
    with pytest.raises(ExportError, match="is a folder"):
        write_case_file(case, tmp_path, overwrite=True)
    with pytest.raises(ExportError, match="cannot write"):
        write_case_file(case, tmp_path / "missing-folder" / "x.yaml")


def test_the_text_is_a_valid_case_without_a_folder(rich_case: Path) -> None:
    text = case_yaml(load_case(rich_case))
    data = yaml.safe_load(text)
    assert all(Path(p).is_absolute() for p in data["documents"].values())
    assert _plain(parse_case(text, path="/nowhere/case.yaml")) == _plain(load_case(rich_case))


def test_cli_export_prints_or_writes_and_refuses_to_overwrite(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    with Store.open(str(db)) as store:
        case = load_case(EXAMPLE)
        save_result(store, case, score_case(case))
    base = [str(CLI), "ach", "export", case.name, "--db", str(db)]
    printed = subprocess.run(base, capture_output=True, text=True, check=True)
    assert _plain(parse_case(printed.stdout, path=str(tmp_path / "p.yaml"))) == _plain(case)
    target = tmp_path / "case.yaml"
    subprocess.run([*base, "--out", str(target)], capture_output=True, check=True)
    again = subprocess.run([*base, "--out", str(target)], capture_output=True, text=True)
    assert again.returncode == 1
    assert again.stderr.count("\n") == 1 and "already exists" in again.stderr
    unknown = subprocess.run(
        [str(CLI), "ach", "export", "nope", "--db", str(db)], capture_output=True, text=True
    )
    assert unknown.returncode == 1 and "no ACH case named 'nope'" in unknown.stderr
