"""Document text and file names reach the terminal as written: "[sic]" is not a style tag."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CLI = Path(sys.executable).parent / "counterpoint"
TEXT = "Russia will very likely [sic] invade by 2030, the minister said [emphasis added].\n"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # Wide, so no quote is folded across lines of the table.
    env = {**os.environ, "COLUMNS": "400"}
    return subprocess.run([str(CLI), *args], cwd=cwd, capture_output=True, text=True, env=env)


def test_quotes_and_names_keep_their_square_brackets(tmp_path: Path) -> None:
    doc = tmp_path / "notes [draft].txt"
    doc.write_text(TEXT, encoding="utf-8")
    shown = _run(
        "extract", doc.name, "--format", "table", "--published", "2020-01-01", cwd=tmp_path
    )
    assert shown.returncode == 0, shown.stderr
    assert "[sic]" in shown.stdout and "[emphasis added]" in shown.stdout
    assert _run("analyze", doc.name, "--db", "t.db", cwd=tmp_path).returncode == 0
    listed = _run("documents", "--db", "t.db", cwd=tmp_path)
    assert "notes [draft].txt" in listed.stdout
    missing = _run("analyze", "gone [v2].txt", "--db", "t.db", cwd=tmp_path)
    assert "gone [v2].txt: no such file" in missing.stderr
