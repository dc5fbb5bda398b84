"""Workspace export and import: exact round trips, refused damaged exports, all-or-nothing.

The workspace is built with the real CLI (analyze the examples, resolve and edit forecasts,
score the example ACH case, compare the two articles), so every capability's tables are
in it. "Identical" means the manifests list the same tables with the same descriptions,
row counts and hashes, and every table file is the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from counterpoint.workspace import WorkspaceError, export_workspace, import_workspace

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "examples" / "sino-russian"
CLI = str(Path(sys.executable).parent / "counterpoint")
CAPABILITY_TABLES = ("questions", "resolutions", "ach_cases", "ach_ratings", "comparisons")


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([CLI, *args], capture_output=True, text=True, timeout=300)
    if check:
        assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another, smaller workspace (one article analysed)."""
    db = tmp_path_factory.mktemp("small") / "small.db"
    cli("analyze", str(EXAMPLES / "false-promise-russia-china-alliance.txt"), "--db", str(db))
    return db


@pytest.fixture()
def other(small: Path, tmp_path: Path) -> Path:
    """A fresh copy of the smaller workspace, for tests that write to it."""
    return Path(shutil.copy(small, tmp_path / "other.db"))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding every kind of analyst work, made with the real CLI."""
    db = str(tmp_path_factory.mktemp("workspace") / "work.db")
    cli("analyze", str(EXAMPLES), "--db", db, "--workers", "1", "--format", "json")
    today = date.today().isoformat()
    questions = json.loads(cli("forecasts", "list", "--db", db, "--format", "json").stdout)
    open_ = [str(q["id"]) for q in questions if q["status"] == "open"]
    assert len(open_) >= 3
    first, second, third = open_[:3]
    cli("forecasts", "resolve", first, "no", "--on", today, "--note", "not by then", "--db", db)
    cli("forecasts", "resolve", second, "annulled", "--on", today, "--db", db)
    cli("forecasts", "edit", third, "--probability", "0.35", "--db", db)
    cli("ach", "score", str(EXAMPLES / "case.yaml"), "--db", db, "--format", "json")
    names = sorted(p.name for p in EXAMPLES.glob("*.txt"))
    cli("compare", *names, "--db", db, "--format", "json")
    return Path(db)


def manifest(export: Path) -> dict[str, Any]:
    if export.is_dir():
        return json.loads((export / "manifest.json").read_text(encoding="utf-8"))
    with zipfile.ZipFile(export) as archive:
        return json.loads(archive.read("manifest.json"))


def table_bytes(export: Path, name: str) -> bytes:
    member = f"tables/{name}.jsonl"
    if export.is_dir():
        return (export / member).read_bytes()
    with zipfile.ZipFile(export) as archive:
        return archive.read(member)


def assert_same_workspace(a: Path, b: Path) -> None:
    tables_a, tables_b = manifest(a)["tables"], manifest(b)["tables"]
    assert [t["name"] for t in tables_a] == [t["name"] for t in tables_b]
    assert tables_a == tables_b
    for entry in tables_a:
        assert table_bytes(a, entry["name"]) == table_bytes(b, entry["name"]), entry["name"]


def test_workspace_cli_round_trip_is_identical_row_for_row(workspace: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.zip"
    cli("export", "--all", "--db", str(workspace), "--out", str(first))
    fresh = tmp_path / "fresh.db"
    done = cli("import", str(first), "--db", str(fresh), "--format", "json")
    imported = {t["name"]: t["rows"] for t in json.loads(done.stdout)["tables"]}
    second = tmp_path / "second"
    cli("export", "--all", "--db", str(fresh), "--out", str(second))

    assert_same_workspace(first, second)
    counts = {t["name"]: t["rows"] for t in manifest(first)["tables"]}
    for name in ("documents", "forecasts", "events", *CAPABILITY_TABLES):
        assert counts[name] > 0, f"{name} is empty: the workspace does not exercise it"
        assert imported[name] == counts[name]
    # What the analyst sees is the same too.
    for command in (["forecasts", "list"], ["documents"]):
        before = cli(*command, "--db", str(workspace), "--format", "json").stdout
        after = cli(*command, "--db", str(fresh), "--format", "json").stdout
        assert before == after


def test_workspace_manifest_lists_every_table_of_the_database(
    workspace: Path, tmp_path: Path
) -> None:
    out = export_workspace(str(workspace), tmp_path / "x").path
    with sqlite3.connect(workspace) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        rows = {
            name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names
        }
    entries = manifest(out)["tables"]
    assert {t["name"] for t in entries} == names
    assert {t["name"]: t["rows"] for t in entries} == rows
    for entry in entries:
        digest = hashlib.sha256(table_bytes(out, entry["name"])).hexdigest()
        assert digest == entry["sha256"]


def copy_export(workspace: Path, tmp_path: Path) -> Path:
    return export_workspace(str(workspace), tmp_path / "export").path


def drop_last_line(path: Path) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:-1]))


def flip_a_character(path: Path) -> None:
    data = bytearray(path.read_bytes())
    at = data.index(b"Russia")
    data[at] = ord("P")
    path.write_bytes(bytes(data))


def remove_manifest(export: Path) -> None:
    (export / "manifest.json").unlink()


def cut_mid_line(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:-20])


@pytest.mark.parametrize(
    ("damage", "target", "reason"),
    [
        (drop_last_line, "tables/events.jsonl", "rows, the manifest says"),
        (flip_a_character, "tables/documents.jsonl", "sha256 differs"),
        (cut_mid_line, "tables/sentences.jsonl", "ends mid-line"),
        (lambda p: p.unlink(), "tables/resolutions.jsonl", "is missing"),
        (remove_manifest, "", "no manifest.json"),
    ],
)
def test_workspace_import_refuses_damaged_export_and_writes_nothing(
    workspace: Path, tmp_path: Path, damage: Any, target: str, reason: str
) -> None:
    export = copy_export(workspace, tmp_path)
    damage(export / target if target else export)
    db = tmp_path / "target.db"
    with pytest.raises(WorkspaceError, match=reason) as refused:
        import_workspace(export, str(db))
    assert "\n" not in str(refused.value)
    assert not db.exists()


def test_workspace_cli_import_of_damaged_export_says_why_in_one_line(
    workspace: Path, tmp_path: Path
) -> None:
    export = copy_export(workspace, tmp_path)
    drop_last_line(export / "tables/claims.jsonl")
    done = cli("import", str(export), "--db", str(tmp_path / "t.db"), check=False)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "claims.jsonl" in done.stderr
    assert not (tmp_path / "t.db").exists()


def test_workspace_import_refuses_truncated_zip(workspace: Path, tmp_path: Path) -> None:
    export = export_workspace(str(workspace), tmp_path / "w.zip").path
    data = export.read_bytes()
    export.write_bytes(data[: len(data) // 2])
    with pytest.raises(WorkspaceError, match="not an export"):
        import_workspace(export, str(tmp_path / "t.db"))


def test_workspace_import_refuses_newer_format(workspace: Path, tmp_path: Path) -> None:
    export = copy_export(workspace, tmp_path)
    path = export / "manifest.json"
    path.write_text(path.read_text().replace('"format_version": 1', '"format_version": 99'))
    with pytest.raises(WorkspaceError, match="format version 99"):
        import_workspace(export, str(tmp_path / "t.db"))


def test_workspace_import_refuses_nonempty_database_unless_replace(
    workspace: Path, other: Path, tmp_path: Path
) -> None:
    before = export_workspace(str(other), tmp_path / "before").path
    export = copy_export(workspace, tmp_path)

    refused = cli("import", str(export), "--db", str(other), check=False)
    assert refused.returncode == 1
    assert "already holds a workspace" in refused.stderr and "--replace" in refused.stderr
    assert_same_workspace(before, export_workspace(str(other), tmp_path / "after").path)

    cli("import", str(export), "--db", str(other), "--replace")
    assert_same_workspace(export, export_workspace(str(other), tmp_path / "replaced").path)


def rewrite_table(export: Path, name: str, edit: Any) -> None:
    """Change a table file and update the manifest to match (a consistent, bad export)."""
    path = export / f"tables/{name}.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows = edit(rows)
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    path.write_bytes(data)
    document = json.loads((export / "manifest.json").read_text())
    for entry in document["tables"]:
        if entry["name"] == name:
            entry["rows"], entry["sha256"] = len(rows), hashlib.sha256(data).hexdigest()
    (export / "manifest.json").write_text(json.dumps(document))


def test_workspace_failed_import_leaves_previous_state(
    workspace: Path, other: Path, tmp_path: Path
) -> None:
    before = export_workspace(str(other), tmp_path / "before").path
    export = copy_export(workspace, tmp_path)
    # The last resolution points at a question that does not exist: the foreign key fails
    # after the old rows were deleted and most new ones inserted.
    rewrite_table(export, "resolutions", lambda rows: [*rows[:-1], [999_999, *rows[-1][1:]]])

    done = cli("import", str(export), "--db", str(other), "--replace", check=False)
    assert done.returncode == 1
    assert "rolled back" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert_same_workspace(before, export_workspace(str(other), tmp_path / "after").path)


def test_workspace_import_names_file_line_and_column_of_a_bad_value(
    workspace: Path, tmp_path: Path
) -> None:
    export = copy_export(workspace, tmp_path)
    names = [
        c["name"]
        for c in next(t for t in manifest(export)["tables"] if t["name"] == "questions")["columns"]
    ]
    at = names.index("probability")

    def bad(rows: list[list[Any]]) -> list[list[Any]]:
        rows[1][at] = "very likely"
        return rows

    rewrite_table(export, "questions", bad)
    with pytest.raises(WorkspaceError, match=r"questions\.jsonl:2: probability: .* not a float"):
        import_workspace(export, str(tmp_path / "t.db"))


def test_workspace_export_refuses_missing_database_and_existing_out(
    workspace: Path, tmp_path: Path
) -> None:
    with pytest.raises(WorkspaceError, match="no such database"):
        export_workspace(str(tmp_path / "none.db"), tmp_path / "o")
    assert not (tmp_path / "none.db").exists() and not (tmp_path / "o").exists()
    (tmp_path / "taken").mkdir()
    with pytest.raises(WorkspaceError, match="already exists"):
        export_workspace(str(workspace), tmp_path / "taken")
    assert not list((tmp_path / "taken").iterdir())


def test_workspace_export_without_all_is_refused(workspace: Path, tmp_path: Path) -> None:
    done = cli("export", "--db", str(workspace), "--out", str(tmp_path / "o.zip"), check=False)
    assert done.returncode == 1 and "--all" in done.stderr
    assert not (tmp_path / "o.zip").exists()


def test_workspace_import_check_verifies_without_writing(workspace: Path, tmp_path: Path) -> None:
    export = export_workspace(str(workspace), tmp_path / "w.zip").path
    done = cli("import", str(export), "--check", "--db", str(tmp_path / "t.db"), "--format", "json")
    assert {t["name"] for t in json.loads(done.stdout)["tables"]} >= {"documents", "questions"}
    assert not (tmp_path / "t.db").exists()


def test_workspace_copy_of_export_directory_still_imports(workspace: Path, tmp_path: Path) -> None:
    export = copy_export(workspace, tmp_path)
    moved = shutil.copytree(export, tmp_path / "elsewhere" / "copy")
    result = import_workspace(Path(moved), str(tmp_path / "t.db"))
    assert sum(t.rows for t in result.tables) > 0


def test_workspace_moves_to_postgresql_and_back_unchanged(workspace: Path, tmp_path: Path) -> None:
    """SQLite -> PostgreSQL (a team's server) -> SQLite keeps every row and value."""
    from test_store_postgres import postgres_schema

    first = export_workspace(str(workspace), tmp_path / "sqlite.zip").path
    with postgres_schema() as url:
        import_workspace(first, url)
        from_server = export_workspace(url, tmp_path / "postgres.zip").path
        refused = cli("import", str(first), "--db", url, check=False)
        assert refused.returncode == 1 and "already holds a workspace" in refused.stderr
        # New rows get fresh ids after the imported ones (sequences moved past them).
        from counterpoint.ledger import Ledger
        from counterpoint.ledger.questions import Question
        from counterpoint.store import Store

        with Store.open(url) as store:
            ledger = Ledger(store)
            top = max(q.id for q in ledger.questions())
            added = ledger.add(
                Question(title="A new question", probability=0.5, criteria="YES if it happens")
            )
            assert added.id == top + 1
    back = tmp_path / "back.db"
    import_workspace(from_server, str(back))
    again = export_workspace(str(back), tmp_path / "again.zip").path
    # Keyed tables come back byte for byte; PostgreSQL keeps no insertion order, so a
    # table without a primary key comes back with the same rows, sorted.
    for entry in manifest(first)["tables"]:
        rows_first = table_bytes(first, entry["name"]).splitlines()
        rows_again = table_bytes(again, entry["name"]).splitlines()
        if entry["primary_key"]:
            assert rows_first == rows_again, entry["name"]
        else:
            assert sorted(rows_first) == sorted(rows_again), entry["name"]
    assert [t["name"] for t in manifest(first)["tables"]] == [
        t["name"] for t in manifest(again)["tables"]
    ]
