"""The settings table: every default a user may set once instead of on each command.

``SETTINGS`` is the one list. Each :class:`Setting` names its command-line option, its
environment variable (``COUNTERPOINT_`` and the name in capitals) and its default; the CLI
takes its option defaults from here, ``counterpoint settings`` prints the table with the
value in force and where it came from, and ``docs/settings.md`` documents it (a test checks
the two agree).

Where a value comes from, strongest first:

1. the option on the command line (``--db other.db``);
2. the environment (``COUNTERPOINT_DB=other.db``);
3. a configuration file: ``--config FILE``, else ``$COUNTERPOINT_CONFIG``, else
   ``counterpoint.toml`` in the working folder when there is one, with a ``[settings]``
   table (``db = "cases.db"``; a relative ``db`` is relative to the file's folder);
4. the default below.

A bad value, an unknown key or an unreadable file is a :class:`SettingsError` naming the
file or variable, the setting and the reason; nothing runs with a value it did not check.

>>> resolve(None, environ={"COUNTERPOINT_SCALE": "kent"}).values["scale"]
'kent'
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from counterpoint.errors import CounterpointError
from counterpoint.ingest.text import DEFAULT_MAX_CHARS

Value = str | int
CONFIG_FILE = "counterpoint.toml"
CONFIG_ENV = "COUNTERPOINT_CONFIG"
# The names of scales.v1 (extract.hedges.SCALES); not imported from there, since importing
# counterpoint.extract loads spaCy and every command reads its settings first.
SCALES = ("icd203", "kent", "phia")


class SettingsError(CounterpointError):
    """A setting could not be read; the message names where it came from and why."""


def _text(raw: object) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise ValueError("expected a non-empty string")
    return raw.strip()


def _choice(*allowed: str) -> Callable[[object], str]:
    def parse(raw: object) -> str:
        value = _text(raw)
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of {', '.join(allowed)}")
        return value

    return parse


def _integer(low: int, high: int) -> Callable[[object], int]:
    def parse(raw: object) -> int:
        if isinstance(raw, bool):
            raise ValueError("expected a whole number")
        try:
            value = int(raw.strip()) if isinstance(raw, str) else raw
        except ValueError:
            raise ValueError(f"{raw!r} is not a whole number") from None
        if not isinstance(value, int):
            raise ValueError("expected a whole number")
        if not low <= value <= high:
            raise ValueError(f"{value} is outside {low}..{high}")
        return value

    return parse


@dataclass(frozen=True)
class Setting:
    """One setting: its name, default, help and the option it is the default of."""

    name: str
    default: Value | None
    help: str
    option: str
    parse: Callable[[object], Value]

    @property
    def env(self) -> str:
        """The environment variable that sets it."""
        return "COUNTERPOINT_" + self.name.upper()


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        "counterpoint.db",
        "Database file or URL (sqlite:///…, postgresql://…) of every command that uses the store.",
        "--db",
        _text,
    ),
    Setting(
        "scale",
        "icd203",
        "Probability scale for hedge words: icd203, kent or phia (analyze, extract).",
        "--scale",
        _choice(*SCALES),
    ),
    Setting(
        "workers",
        None,
        "Extraction processes of analyze (unset: all cores).",
        "--workers",
        _integer(1, 512),
    ),
    Setting(
        "max_chars",
        DEFAULT_MAX_CHARS,
        "Longest document analyze accepts, in characters (bounds time and memory).",
        "--max-chars",
        _integer(1, 2**40),
    ),
    Setting("host", "127.0.0.1", "Address serve binds to.", "--host", _text),
    Setting("port", 8000, "Port serve listens on.", "--port", _integer(0, 65535)),
)
BY_NAME = {s.name: s for s in SETTINGS}


def default_str(name: str) -> str:
    """The default of a text setting."""
    value = BY_NAME[name].default
    if not isinstance(value, str):
        raise TypeError(f"setting {name} has no text default")
    return value


def default_int(name: str) -> int:
    """The default of a whole-number setting."""
    value = BY_NAME[name].default
    if not isinstance(value, int):
        raise TypeError(f"setting {name} has no whole-number default")
    return value


@dataclass(frozen=True)
class Resolved:
    """The values set by configuration or environment, and where each came from."""

    values: dict[str, Value]
    sources: dict[str, str]
    config: Path | None


def config_path(given: Path | None, environ: Mapping[str, str], cwd: Path) -> Path | None:
    """The configuration file: ``given``, ``$COUNTERPOINT_CONFIG`` or ``./counterpoint.toml``.

    The working-folder file counts only when it exists; a named one must exist.
    """
    if given is not None:
        return given
    if environ.get(CONFIG_ENV):
        return Path(environ[CONFIG_ENV])
    local = cwd / CONFIG_FILE
    return local if local.is_file() else None


def resolve(
    given: Path | None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Resolved:
    """Read the configuration file and the environment; validate every value.

    Raises:
        SettingsError: an unreadable or malformed file, an unknown key, or a bad value.
    """
    environ = os.environ if environ is None else environ
    path = config_path(given, environ, cwd or Path.cwd())
    values: dict[str, Value] = {}
    sources: dict[str, str] = {}
    for key, raw in _file_settings(path).items():
        where = f"{path}: settings.{key}"
        if key not in BY_NAME:
            raise SettingsError(f"{where}: unknown setting (known: {', '.join(BY_NAME)})")
        values[key] = _parse(BY_NAME[key], raw, where)
        sources[key] = str(path)
    if path is not None and "db" in values:
        values["db"] = _beside(path, str(values["db"]))
    for setting in SETTINGS:
        raw = environ.get(setting.env)
        if raw is not None and raw != "":
            values[setting.name] = _parse(setting, raw, setting.env)
            sources[setting.name] = setting.env
    return Resolved(values=values, sources=sources, config=path)


def _beside(config: Path, db: str) -> str:
    """``db`` from ``config``: a relative path is taken from the file's folder.

    That is what a reader of the file expects; URLs (``sqlite:///…``, ``postgresql://…``)
    and absolute paths are left as they are.
    """
    if "://" in db or Path(db).is_absolute():
        return db
    return str(config.parent / db)


def _parse(setting: Setting, raw: object, where: str) -> Value:
    try:
        return setting.parse(raw)
    except ValueError as e:
        raise SettingsError(f"{where}: {e}") from None


def _file_settings(path: Path | None) -> dict[str, object]:
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise SettingsError(f"{path}: cannot read the configuration ({e.strerror or e})") from e
    except UnicodeDecodeError:
        raise SettingsError(f"{path}: the configuration is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise SettingsError(f"{path}: not valid TOML ({e})") from None
    extra = sorted(set(data) - {"settings"})
    if extra:
        raise SettingsError(f"{path}: {extra[0]}: unknown table (settings go under [settings])")
    table = data.get("settings", {})
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: settings: expected a table")
    return table
