"""Editing a stored ACH case: validated, one transaction, re-scored, visible to readers."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterpoint.ach import parse_case, score_case
from counterpoint.ach.edit import EditError, NewEvidence, add_evidence, set_rating
from counterpoint.ach.store import (
    CaseChanged,
    CaseNotFound,
    load_case,
    load_result,
    save_result,
)
from counterpoint.store import Store

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from viewdata import ACH_CASE, ACH_NAME  # noqa: E402

CLI = Path(sys.executable).parent / "counterpoint"
CODES = ("CC", "C", "N", "I", "II", "NA")


@pytest.fixture()
def stored(tmp_path: Path) -> Store:
    store = Store.open(str(tmp_path / "ach.db"))
    case = parse_case(ACH_CASE)
    save_result(store, case, score_case(case))
    return store


def test_set_rating_stores_the_case_and_the_scores_of_the_changed_matrix(stored: Store) -> None:
    result = set_rating(stored, ACH_NAME, "E1", "H2", "c")
    case = parse_case(ACH_CASE)
    rows = tuple(
        replace(
            e, ratings=tuple((h, "C" if (e.id, h) == ("E1", "H2") else r) for h, r in e.ratings)
        )
        for e in case.evidence
    )
    expected = score_case(replace(case, evidence=rows))
    assert result == expected
    assert load_result(stored, ACH_NAME) == expected
    assert load_case(stored, ACH_NAME).evidence[0].rating("H2") == "C"


@pytest.mark.parametrize(
    ("item", "hypothesis", "rating", "field"),
    [
        ("E9", "H1", "C", "item_id"),
        ("E1", "H9", "C", "hypothesis_id"),
        ("E1", "H1", "maybe", "rating"),
        ("E1", "H1", "", "rating"),
    ],
)
def test_set_rating_refuses_bad_input_and_writes_nothing(
    stored: Store, item: str, hypothesis: str, rating: str, field: str
) -> None:
    before = load_case(stored, ACH_NAME)
    with pytest.raises(EditError) as refused:
        set_rating(stored, ACH_NAME, item, hypothesis, rating)
    assert refused.value.field == field
    assert str(refused.value).startswith(f"{field}: ")
    assert load_case(stored, ACH_NAME) == before


def test_edits_of_an_unknown_case_name_the_stored_ones(stored: Store) -> None:
    with pytest.raises(CaseNotFound, match="known: test-case"):
        set_rating(stored, "nope", "E1", "H1", "C")


def test_add_evidence_appends_a_row_and_rescores(stored: Store) -> None:
    new = NewEvidence(
        id="E4",
        text="  Leaders met   twice. ",
        ratings={"H1": "C", "H2": "CC", "H3": "II"},
        credibility="high",
        external="Wire",
        flags=["disputed"],
    )
    result = add_evidence(stored, ACH_NAME, new)
    case = load_case(stored, ACH_NAME)
    assert case.evidence[-1].text == "Leaders met twice."
    assert case.evidence[-1].flags == ("disputed",)
    assert result == score_case(case)
    assert result.flagged is not None and result.flagged.flagged == ("E4",)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": "E1"}, "id"),
        ({"id": "bad id"}, "id"),
        ({"text": "   "}, "text"),
        ({"ratings": {"H1": "C", "H2": "C"}}, "ratings.H3"),
        ({"ratings": {"H1": "C", "H2": "C", "H3": "C", "H7": "C"}}, "ratings.H7"),
        ({"ratings": {"H1": "C", "H2": "C", "H3": "X"}}, "ratings.H3"),
        ({"type": "rumour"}, "type"),
        ({"credibility": "huge"}, "credibility"),
        ({"event_date": "last May"}, "event_date"),
        ({"flags": ["fake"]}, "flags"),
    ],
)
def test_add_evidence_refuses_bad_fields_and_writes_nothing(
    stored: Store, change: dict[str, object], field: str
) -> None:
    fields: dict[str, object] = {
        "id": "E4",
        "text": "x",
        "ratings": {"H1": "C", "H2": "C", "H3": "C"},
    }
    before = load_case(stored, ACH_NAME)
    with pytest.raises(EditError) as refused:
        add_evidence(stored, ACH_NAME, NewEvidence(**{**fields, **change}))  # type: ignore[arg-type]
    assert refused.value.field == field
    assert load_case(stored, ACH_NAME) == before


@settings(max_examples=25, deadline=None)
@given(
    cells=st.lists(
        st.tuples(
            st.sampled_from(("E1", "E2", "E3")),
            st.sampled_from(("H1", "H2", "H3")),
            st.sampled_from(CODES),
        ),
        max_size=6,
    )
)
def test_any_sequence_of_edits_equals_scoring_the_edited_case(
    tmp_path_factory: pytest.TempPathFactory, cells: list[tuple[str, str, str]]
) -> None:
    store = Store.open(str(tmp_path_factory.mktemp("prop") / "p.db"))
    case = parse_case(ACH_CASE)
    save_result(store, case, score_case(case))
    ratings = {e.id: dict(e.ratings) for e in case.evidence}
    for item, hypothesis, code in cells:
        set_rating(store, ACH_NAME, item, hypothesis, code)
        ratings[item][hypothesis] = code
    expected = replace(
        case,
        evidence=tuple(replace(e, ratings=tuple(ratings[e.id].items())) for e in case.evidence),
    )
    assert load_result(store, ACH_NAME) == score_case(expected)
    store.close()


def test_cli_rate_then_show_sees_the_edit(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    with Store.open(str(db)) as store:
        case = parse_case(ACH_CASE)
        save_result(store, case, score_case(case))
    base = [str(CLI), "ach"]
    refused = subprocess.run(
        [*base, "rate", ACH_NAME, "E1", "H2", "ZZ", "--db", str(db)], capture_output=True, text=True
    )
    assert refused.returncode == 1 and "rating: 'ZZ' is not a rating" in refused.stderr
    subprocess.run(
        [*base, "rate", ACH_NAME, "E1", "H2", "CC", "--db", str(db)],
        check=True,
        capture_output=True,
    )
    shown = subprocess.run(
        [*base, "show", ACH_NAME, "--db", str(db), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert '"H2": "CC"' in shown.stdout
    listed = subprocess.run(
        [*base, "show", "--db", str(db)], capture_output=True, text=True, check=True
    )
    assert ACH_NAME in listed.stdout


def test_save_result_never_overwrites_app_edits_without_replace(stored: Store) -> None:
    case = parse_case(ACH_CASE)
    current = dict(case.evidence[0].ratings)["H2"]
    edited = set_rating(stored, ACH_NAME, "E1", "H2", "CC" if current != "CC" else "II")
    with pytest.raises(CaseChanged, match="--replace"):
        save_result(stored, case, score_case(case))
    assert load_result(stored, ACH_NAME) == edited
    save_result(stored, case, score_case(case), replace=True)
    assert load_result(stored, ACH_NAME) == score_case(case)


def test_save_result_same_case_again_is_allowed(stored: Store) -> None:
    case = parse_case(ACH_CASE)
    save_result(stored, case, score_case(case))
    assert load_result(stored, ACH_NAME) == score_case(case)
