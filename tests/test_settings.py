"""The settings table: config file and environment under the command line, all validated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from counterpoint.cli import app
from counterpoint.cli_settings import default_map
from counterpoint.settings import SETTINGS, SettingsError, resolve

CLI = Path(sys.executable).parent / "counterpoint"
DOCS = Path(__file__).parents[1] / "docs" / "settings.md"
TEXT = "Russia will very likely invade by 2030. China probably will not.\n"


def _config(folder: Path, body: str, name: str = "counterpoint.toml") -> Path:
    path = folder / name
    path.write_text(body, encoding="utf-8")
    return path


def _run(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("COUNTERPOINT_")}
    return subprocess.run(
        [str(CLI), *args], cwd=cwd, env={**clean, **env}, capture_output=True, text=True
    )


def test_settings_environment_beats_the_file_which_beats_the_default(tmp_path: Path) -> None:
    _config(tmp_path, '[settings]\ndb = "cases.db"\nscale = "kent"\nport = 9001\n')
    resolved = resolve(None, environ={"COUNTERPOINT_PORT": " 9100 "}, cwd=tmp_path)
    assert resolved.values == {"db": str(tmp_path / "cases.db"), "scale": "kent", "port": 9100}
    assert resolved.sources["db"] == str(tmp_path / "counterpoint.toml")
    assert resolved.sources["port"] == "COUNTERPOINT_PORT"
    assert "workers" not in resolved.values  # unset: the built-in default applies
    # An empty variable is unset, as in a shell's VAR= prefix.
    assert resolve(None, environ={"COUNTERPOINT_PORT": ""}, cwd=tmp_path).values["port"] == 9001
    empty = tmp_path / "empty"
    empty.mkdir()
    assert resolve(None, environ={}, cwd=empty).values == {}


def test_settings_config_named_by_option_or_variable(tmp_path: Path) -> None:
    named = _config(tmp_path, '[settings]\nhost = "0.0.0.0"\n', "mine.toml")
    _config(tmp_path, '[settings]\nhost = "10.0.0.1"\n')
    assert resolve(named, environ={}, cwd=tmp_path).values["host"] == "0.0.0.0"
    by_env = resolve(None, environ={"COUNTERPOINT_CONFIG": str(named)}, cwd=tmp_path)
    assert by_env.values["host"] == "0.0.0.0"
    assert resolve(None, environ={}, cwd=tmp_path).values["host"] == "10.0.0.1"


@pytest.mark.parametrize(
    ("body", "env", "said"),
    [
        (
            '[settings]\nscale = "foo"\n',
            {},
            "settings.scale: 'foo' is not one of icd203, kent, phia",
        ),
        ("[settings]\nworkers = 0\n", {}, "settings.workers: 0 is outside 1..512"),
        ("[settings]\nport = true\n", {}, "settings.port: expected a whole number"),
        ('[settings]\ncolour = "red"\n', {}, "settings.colour: unknown setting"),
        ("[setings]\ndb = 1\n", {}, "setings: unknown table"),
        ("[settings\n", {}, "not valid TOML"),
        (
            "",
            {"COUNTERPOINT_WORKERS": "many"},
            "COUNTERPOINT_WORKERS: 'many' is not a whole number",
        ),
        ("", {"COUNTERPOINT_DB": "   "}, "COUNTERPOINT_DB: expected a non-empty string"),
    ],
)
def test_settings_bad_values_name_the_place_and_the_setting(
    tmp_path: Path, body: str, env: dict[str, str], said: str
) -> None:
    _config(tmp_path, body)
    with pytest.raises(SettingsError) as caught:
        resolve(None, environ=env, cwd=tmp_path)
    assert said in str(caught.value)


def test_settings_a_relative_db_in_a_file_is_beside_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "project"
    folder.mkdir()
    named = _config(folder, '[settings]\ndb = "cases.db"\n', "cp.toml")
    assert resolve(named, environ={}, cwd=tmp_path).values["db"] == str(folder / "cases.db")
    url = _config(folder, '[settings]\ndb = "sqlite:///x.db"\n', "url.toml")
    assert resolve(url, environ={}, cwd=tmp_path).values["db"] == "sqlite:///x.db"
    # The environment is read as given, relative to the working folder.
    env = resolve(named, environ={"COUNTERPOINT_DB": "here.db"}, cwd=tmp_path)
    assert env.values["db"] == "here.db"


def test_settings_a_named_file_must_exist(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="missing.toml: cannot read the configuration"):
        resolve(tmp_path / "missing.toml", environ={})


def test_settings_every_setting_is_the_default_of_some_option() -> None:
    root = typer.main.get_command(app)
    values = {s.name: "x" for s in SETTINGS}
    mapped = json.dumps(default_map(root, values))
    for setting in SETTINGS:
        assert f'"{setting.name}": "x"' in mapped, setting.name
    # Every command with --db takes the db setting.
    found = default_map(root, {"db": "x"})
    assert found["analyze"] == {"db": "x"} and found["ach"]["rate"] == {"db": "x"}
    assert "extract" not in found  # extract does not use the store


def test_settings_are_documented_as_they_are() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for setting in SETTINGS:
        assert f"| `{setting.name}` |" in text, setting.name
        assert setting.env in text and setting.option in text
        shown = "all cores" if setting.default is None else f"`{setting.default}`"
        assert shown in text.split(f"| `{setting.name}` |")[1].split("\n")[0]


def test_cli_takes_the_database_from_the_file_unless_told_otherwise(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    _config(tmp_path, '[settings]\ndb = "cases.db"\n')
    assert _run(["analyze", "a.txt", "--published", "2020-01-01"], tmp_path).returncode == 0
    assert (tmp_path / "cases.db").is_file() and not (tmp_path / "counterpoint.db").exists()
    _run(["analyze", "a.txt", "--db", "flag.db"], tmp_path, COUNTERPOINT_DB="env.db")
    assert (tmp_path / "flag.db").is_file() and not (tmp_path / "env.db").exists()
    _run(["analyze", "a.txt"], tmp_path, COUNTERPOINT_DB="env.db")
    assert (tmp_path / "env.db").is_file()
    shown = json.loads(_run(["settings", "--format", "json"], tmp_path).stdout)
    assert shown["config"] == str(tmp_path / "counterpoint.toml")
    assert {r["name"]: r["source"] for r in shown["settings"]}["db"].endswith("counterpoint.toml")


def test_cli_scale_setting_changes_the_numbers_like_the_option(tmp_path: Path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    args = ["extract", "a.txt", "--published", "2020-01-01"]

    def probabilities(result: subprocess.CompletedProcess[str]) -> list[float]:
        assert result.returncode == 0, result.stderr
        return [f["probability"] for f in json.loads(result.stdout)["forecasts"]]

    plain = probabilities(_run(args, tmp_path))
    flagged = probabilities(_run([*args, "--scale", "kent"], tmp_path))
    from_env = probabilities(_run(args, tmp_path, COUNTERPOINT_SCALE="kent"))
    assert from_env == flagged != plain


def test_cli_bad_settings_stop_with_one_line(tmp_path: Path) -> None:
    _config(tmp_path, '[settings]\nscale = "foo"\n')
    result = _run(["version"], tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "counterpoint.toml: settings.scale: 'foo' is not one of" in result.stderr


def test_cli_error_lines_keep_square_brackets(tmp_path: Path) -> None:
    result = _run(["analyze", "notes [draft].txt", "--db", "x.db"], tmp_path)
    assert "notes [draft].txt: no such file" in result.stderr
