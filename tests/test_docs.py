"""The README documents every command and the two set-up commands."""

from pathlib import Path

import typer

from counterpoint.cli import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_shows_every_cli_command():
    names = [command.name for command in typer.main.get_command(app).commands.values()]
    assert names, "the app has no commands"
    missing = [name for name in names if f"counterpoint {name}" not in README]
    assert missing == []


def test_readme_shows_the_two_setup_commands():
    assert "make demo" in README and "make test" in README
