"""Case-file validation: every error names the file, the line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterpoint.ach import CaseFileError, load_case

DOC = "Russia and China signed a treaty. The border is calm.\n"

GOOD = """\
case: toy
question: Will it hold?
hypotheses:
  - id: H1
    statement: It holds.
    milestones:
      - {id: M1, text: A summit, by: 2026}
  - id: H2
    statement: It breaks.
evidence:
  - id: E1
    text: A treaty.
    type: fact
    credibility: high
    source: {document: doc.txt, quote: "signed a treaty"}
    ratings: {H1: C, H2: I}
  - id: E2
    text: Calm border.
    type: absence-of-evidence
    source: {external: "A report", url: "https://example.org"}
    ratings: {H1: N, H2: NA}
"""


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "doc.txt").write_text(DOC, encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> CaseFileError:
    path = write(tmp_path, text)
    with pytest.raises(CaseFileError) as caught:
        load_case(path)
    assert str(path) in str(caught.value)
    return caught.value


def test_casefile_good_case_loads_with_spans(tmp_path):
    case = load_case(write(tmp_path, GOOD))
    assert case.hypothesis_ids == ("H1", "H2")
    assert [h.prior for h in case.hypotheses] == [0.5, 0.5]
    source = case.evidence[0].source
    assert DOC[source.start : source.end] == "signed a treaty"
    assert case.evidence[0].weight == pytest.approx(2**0.5)
    assert case.evidence[1].source.external == "A report"
    assert case.hypotheses[0].milestones[0].by == "2026"


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "reason"),
    [
        (
            "ratings: {H1: C, H2: I}",
            "ratings: {H1: C, H3: I}",
            16,
            "evidence[E1].ratings.H3",
            "unknown hypothesis",
        ),
        (
            "ratings: {H1: C, H2: I}",
            "ratings: {H1: C, H2: X}",
            16,
            "evidence[E1].ratings.H2",
            "is not a rating",
        ),
        ("  - id: E2\n", "  - id: E1\n", 17, "evidence.id", "duplicate id 'E1'"),
        ("  - id: H2\n", "  - id: H1\n", 8, "hypotheses.id", "duplicate id 'H1'"),
        ("    type: absence-of-evidence\n", "", 17, "evidence[E2].type", "missing required"),
        ("ratings: {H1: N, H2: NA}", "ratings: {H1: N}", 21, "evidence[E2].ratings.H2", "missing"),
        (
            'quote: "signed a treaty"',
            'quote: "signed a pact"',
            15,
            "evidence[E1].source.quote",
            "not found",
        ),
        ("credibility: high", "credibility: huge", 14, "evidence[E1].credibility", "not one of"),
        ("credibility: high", "credibilty: high", 14, "evidence[E1].credibilty", "unknown field"),
        ("question: Will it hold?\n", "", 1, "question", "missing required"),
        ("by: 2026}", "by: soon}", 7, "hypotheses[H1].milestones[M1].by", "not a date"),
    ],
)
def test_casefile_error_names_line_and_field(tmp_path, old, new, line, field, reason):
    assert old in GOOD
    error = error_for(tmp_path, GOOD.replace(old, new, 1))
    assert (error.line, error.field) == (line, field)
    assert reason in error.reason
    assert f":{line}: {field}: " in str(error)


def test_casefile_duplicate_yaml_key(tmp_path):
    error = error_for(
        tmp_path, GOOD.replace("    type: fact\n", "    type: fact\n    type: fact\n")
    )
    assert (error.line, error.field) == (14, "evidence[E1].type")


def test_casefile_priors_for_some_only(tmp_path):
    text = GOOD.replace("    statement: It holds.\n", "    statement: It holds.\n    prior: 0.7\n")
    error = error_for(tmp_path, text)
    assert error.field == "prior" and error.line == 9


def test_casefile_priors_normalised(tmp_path):
    text = GOOD.replace("    statement: It holds.\n", "    statement: It holds.\n    prior: 0.66\n")
    text = text.replace(
        "    statement: It breaks.\n", "    statement: It breaks.\n    prior: 0.33\n"
    )
    case = load_case(write(tmp_path, text))
    assert [h.prior for h in case.hypotheses] == pytest.approx([2 / 3, 1 / 3])


def test_casefile_likelihood_outside_range(tmp_path):
    text = GOOD.replace(
        "ratings: {H1: C, H2: I}", "ratings: {H1: C, H2: I}\n    likelihoods: {H1: 0.8, H2: 0}"
    )
    error = error_for(tmp_path, text)
    assert (error.line, error.field) == (17, "evidence[E1].likelihoods.H2")


def test_casefile_not_yaml(tmp_path):
    error = error_for(tmp_path, "case: [unclosed\n")
    assert error.field == "yaml" and error.line == 2


def test_casefile_missing_file(tmp_path):
    with pytest.raises(CaseFileError, match="cannot read"):
        load_case(tmp_path / "nope.yaml")


def test_casefile_example_case_is_valid():
    case = load_case(Path(__file__).parent.parent / "examples" / "sino-russian" / "case.yaml")
    assert len(case.hypotheses) >= 4
    documents = {e.source.document for e in case.evidence}
    assert documents == {"driving-a-wedge-wont-work.txt", "false-promise-russia-china-alliance.txt"}
    assert all(h.milestones for h in case.hypotheses)
