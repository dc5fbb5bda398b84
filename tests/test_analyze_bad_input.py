"""Bad input through the real command line: one line per bad file, the rest stored."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model
EXAMPLES = Path(__file__).parent.parent / "examples" / "sino-russian"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "counterpoint", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "good.txt").write_text(
        "Tokyo and Seoul\n\nIn 2015 Japan and South Korea signed an agreement. "
        "Relations will likely improve by 2030.\n",
        encoding="utf-8",
    )
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02 not text \x00")
    (folder / "latin1.txt").write_bytes("Caf\xe9 diplomacy in Paris.".encode("latin-1"))
    (folder / "empty.md").write_text("   \n", encoding="utf-8")
    (folder / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    return folder


def test_analyze_mixed_folder_stores_good_and_names_each_bad_file(mixed, tmp_path):
    db = tmp_path / "x.db"
    result = _run("analyze", str(mixed), "--db", str(db), "--format", "json")
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert [d["name"] for d in payload["documents"]] == ["good.txt"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error")]
    for name in ("binary.txt", "latin1.txt", "empty.md", "nav.html"):
        assert sum(name in line for line in errors) == 1, (name, errors)


def test_analyze_missing_file_exits_non_zero_with_one_line(tmp_path):
    result = _run("analyze", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "x.db"))
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and "nope.txt" in errors[0]
    assert result.stdout.strip() == ""  # no empty summary table when nothing was read


def test_analyze_bad_input_later_keeps_what_was_stored(mixed, tmp_path):
    db = tmp_path / "x.db"
    assert _run("analyze", str(EXAMPLES), "--db", str(db)).returncode == 0
    _run("analyze", str(mixed / "binary.txt"), "--db", str(db))
    listed = json.loads(_run("documents", "--db", str(db), "--format", "json").stdout)
    assert sorted(d["name"] for d in listed) == sorted(p.name for p in EXAMPLES.glob("*.txt"))
    assert all(d["n_forecasts"] > 0 for d in listed)


def test_analyze_twice_is_a_no_op(tmp_path):
    db = tmp_path / "x.db"
    first = json.loads(_run("analyze", str(EXAMPLES), "--db", str(db), "--format", "json").stdout)
    again = json.loads(_run("analyze", str(EXAMPLES), "--db", str(db), "--format", "json").stdout)
    assert {d["status"] for d in again["documents"]} == {"unchanged"}
    # Estimated publication dates are the stored ones, not lost on the second run.
    assert [d["published"] for d in again["documents"]] == [
        d["published"] for d in first["documents"]
    ]
    listed = json.loads(_run("documents", "--db", str(db), "--format", "json").stdout)
    assert len(listed) == 2


def test_extract_items_quote_the_file_as_read(tmp_path):
    path = EXAMPLES / "driving-a-wedge-wont-work.txt"
    result = _run("extract", str(path), "--published", "2021-08-24", "--format", "json")
    data = json.loads(result.stdout)
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    assert {"document", "published", "forecasts", "events", "actors", "claims"} <= set(data)
    for kind in ("forecasts", "events", "actors", "claims"):
        for item in data[kind]:
            assert text[item["start"] : item["end"]] == item.get("quote", item.get("text"))
