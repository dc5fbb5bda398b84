"""The actor dictionary: date-bounded entries from ``patterns/actors.v1.jsonl``, no spaCy.

One entry a line: aliases, a code (ISO 3166 alpha-3, ``RUS`` also for the Soviet Union; or an
organisation code such as ``NATO``), a role, a kind and validity dates. Kind ``blocker`` marks
phrases that contain an alias but are not actors ("South China Sea"); kind ``head`` lists the
nouns that make a national adjective an actor ("Soviet troops").
``code_span("Sino-Soviet")`` -> ``("CHN", "RUS")``; ``lookup("Clinton", on=date(2010, 1, 1))``
-> Hillary Clinton.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from counterpoint.errors import ExtractionError

ACTORS_RULESET = "actors.v1"
PATTERNS_FILE = "actors.v1.jsonl"
LABEL = "ACTOR"
BLOCK_LABEL = "ACTOR_BLOCK"
COMPOUND_ID = "_compound"
ROLES = ("STATE", "GOV", "MIL", "LEADER", "PEOPLE", "ORG")
KINDS = tuple("state territory historical_state seat body person people adjective".split())
KINDS += ("prefix", "org", "blocker", "head")
MODEL_LABELS = ("GPE", "NORP", "ORG", "PERSON", "LOC", "FAC")
DASHES = ("-", "\u2013", "\u2014", "\u2011")
# "U.S.-led": a compound of a name and one of these words names the actor.
AGENTIVE_SUFFIXES = tuple(
    "led backed sponsored brokered funded supported allied aligned installed held controlled "
    "dominated occupied imposed instigated armed trained organized organised owned".split()
)
NEGATING_PREFIXES = tuple("pro anti post pre ex non neo un mid pan trans".split())
PART_KINDS = tuple("state territory historical_state seat adjective prefix org person".split())
Pattern = dict[str, Any]
_REQUIRED = ("id", "name", "code", "role", "kind")
_FIELDS = set("id name aliases code role kind valid_from valid_to note adjective prefix".split())
_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_STATE_CODE = re.compile(r"[A-Z]{3}\Z")
_ORG_CODE = re.compile(r"[A-Z][A-Z0-9]{1,11}\Z")
DASH_SPLIT = re.compile("[" + "".join(DASHES) + "]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


@dataclass(frozen=True)
class ActorEntry:
    """One line of ``actors.v1.jsonl``: an actor, its aliases and the dates it is valid for."""

    id: str
    name: str
    aliases: tuple[str, ...]
    code: str
    role: str
    kind: str
    valid_from: date | None
    valid_to: date | None
    adjective: bool = False
    prefix: bool = False

    def distance(self, on: date) -> int:
        """Days between ``on`` and the entry's validity interval (0 inside it)."""
        if self.valid_from is not None and on < self.valid_from:
            return (self.valid_from - on).days
        if self.valid_to is not None and on > self.valid_to:
            return (on - self.valid_to).days
        return 0


def normalize_alias(alias: str) -> str:
    """Fold an alias for lookup: case, curly apostrophes and runs of whitespace.

    Example: ``"The  People’s Republic"`` -> ``"the people's republic"``.
    """
    return " ".join(alias.translate(_APOSTROPHES).casefold().split())


def _fail(source: str, line: int, field: str, reason: str) -> ExtractionError:
    return ExtractionError(f"{source} line {line}, field '{field}': {reason}")


def _date_field(raw: dict[str, Any], field: str) -> date | None:
    value = raw.get(field)
    try:
        return None if value is None else date.fromisoformat(value)
    except (TypeError, ValueError) as e:
        raise ValueError(f"{value!r} is not null or a YYYY-MM-DD date") from e


def _problem(raw: dict[str, Any]) -> tuple[str, str] | None:
    """Find the first invalid field of a raw entry, as ``(field, reason)``."""
    kind, role, code, aliases = (
        raw.get("kind"),
        raw.get("role"),
        raw.get("code"),
        raw.get("aliases"),
    )
    blocker, table = kind == "blocker", kind in ("blocker", "head")
    checks = [(f, f in _FIELDS, "unknown field") for f in sorted(raw)]
    checks += [
        (f, isinstance(raw.get(f), str) and raw[f] != "", "missing or empty") for f in _REQUIRED
    ]
    checks += [
        (
            "aliases",
            isinstance(aliases, list)
            and aliases != []
            and all(isinstance(x, str) and x.strip() for x in aliases),
            "must be a non-empty list of non-empty strings",
        ),
        (
            "id",
            bool(_ID.match(str(raw.get("id")))),
            "must be lowercase letters, digits and hyphens",
        ),
        ("kind", kind in KINDS, f"{kind!r} is not one of {', '.join(KINDS)}"),
        (
            "role",
            role == "NONE" if blocker else role in ROLES,
            f"{role!r} is not one of {', '.join(ROLES)} (NONE for blockers)",
        ),
        (
            "code",
            code == "NONE" if table else bool(_ORG_CODE.match(str(code))),
            f"{code!r} is not an ISO alpha-3 or organisation code",
        ),
    ]
    checks += [
        (f, raw.get(f, False) == (kind == f), f"must be true exactly when kind is '{f}'")
        for f in ("adjective", "prefix")
    ]
    return next(((field, reason) for field, ok, reason in checks if not ok), None)


def _parse_line(text: str, *, source: str, line: int) -> ActorEntry:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as e:
        raise _fail(source, line, "-", f"not valid JSON ({e.msg})") from e
    problem = _problem(raw) if isinstance(raw, dict) else ("-", "each line must be a JSON object")
    if problem is not None:
        raise _fail(source, line, *problem)
    dates = {}
    for field in ("valid_from", "valid_to"):
        try:
            dates[field] = _date_field(raw, field)
        except ValueError as e:
            raise _fail(source, line, field, str(e)) from e
    if dates["valid_from"] and dates["valid_to"] and dates["valid_from"] > dates["valid_to"]:
        raise _fail(source, line, "valid_to", f"{dates['valid_to']} is before valid_from")
    return ActorEntry(
        raw["id"], raw["name"], tuple(raw["aliases"]), raw["code"], raw["role"], raw["kind"],
        dates["valid_from"], dates["valid_to"], bool(raw.get("adjective")), bool(raw.get("prefix")),
    )  # fmt: skip


def parse_actor_entries(
    text: str, *, source: str = f"patterns/{PATTERNS_FILE}"
) -> tuple[ActorEntry, ...]:
    """Parse and validate an actor table (JSON Lines, blank lines skipped).

    Raises:
        ExtractionError: naming ``source``, the line and the field of the first bad entry.
    """
    entries: list[ActorEntry] = []
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            entry = _parse_line(line, source=source, line=number)
            if entry.id in lines:
                raise _fail(
                    source, number, "id", f"{entry.id!r} already used on line {lines[entry.id]}"
                )
            lines[entry.id] = number
            entries.append(entry)
    org_codes = {e.code for e in entries if e.kind == "org"}
    for entry in entries:
        if entry.kind not in ("org", "blocker", "head") and not (
            _STATE_CODE.match(entry.code) or entry.code in org_codes
        ):
            raise _fail(
                source,
                lines[entry.id],
                "code",
                f"{entry.code!r} is neither 3 letters nor an org code",
            )
    return tuple(entries)


@lru_cache(maxsize=1)
def load_actor_entries() -> tuple[ActorEntry, ...]:
    """Load and validate ``patterns/actors.v1.jsonl`` (cached; see ``parse_actor_entries``)."""
    path = resources.files("counterpoint.extract") / "patterns" / PATTERNS_FILE
    return parse_actor_entries(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, tuple[ActorEntry, ...]]:
    index: dict[str, list[ActorEntry]] = {}
    for entry in load_actor_entries():
        if entry.kind == "head":
            continue
        for alias in dict.fromkeys(normalize_alias(a) for a in entry.aliases):
            index.setdefault(alias, []).append(entry)
    return {alias: tuple(entries) for alias, entries in index.items()}


def candidates(alias: str) -> tuple[ActorEntry, ...]:
    """Every entry (blockers included) that has ``alias``, tolerating a missing or extra "the"."""
    index, key = _alias_index(), normalize_alias(alias)
    for form in (key, key.removeprefix("the "), f"the {key}"):
        if form in index:
            return index[form]
    return ()


def lookup(alias: str, *, on: date | None = None) -> ActorEntry | None:
    """Find the entry for an alias, case-insensitively.

    When several entries share the alias, the one valid on ``on`` wins; with none valid,
    the one whose tenure is nearest to ``on``; without a date, the first in the file.
    Blocker phrases return ``None``. Example: ``lookup("Bush", on=date(2003, 3, 20))`` ->
    George W. Bush.
    """
    found = candidates(alias)
    if not found or any(entry.kind == "blocker" for entry in found):
        return None
    if on is None or len(found) == 1:
        return found[0]
    return min(found, key=lambda entry: entry.distance(on))


def compound_parts(text: str, *, on: date | None) -> list[tuple[int, int, ActorEntry]]:
    """Split a hyphenated compound into ``(start, end, entry)`` parts; [] if it is not one.

    Every part must be an actor alias (a prefix like "Sino" only before a dash), except a
    final agentive suffix ("U.S.-led"). Example: "Sino-Soviet" -> Sino/CHN, Soviet/RUS.
    """
    pieces, start = [], 0
    for match in DASH_SPLIT.finditer(text):
        pieces.append((start, match.start()))
        start = match.end()
    pieces.append((start, len(text)))
    if len(pieces) < 2:
        return []
    parts: list[tuple[int, int, ActorEntry]] = []
    for number, (begin, end) in enumerate(pieces, 1):
        last = number == len(pieces)
        if last and parts and text[begin:end].lower() in AGENTIVE_SUFFIXES:
            break
        entry = lookup(text[begin:end], on=on)
        if entry is None or entry.kind not in PART_KINDS or (entry.prefix and last):
            return []
        parts.append((begin, end, entry))
    return parts


def code_span(text: str, *, on: date | None = None) -> tuple[str, ...]:
    """All actor codes in a name or hyphenated compound, in order, without repeats.

    Examples: "Sino-Soviet" -> ("CHN", "RUS"); "U.S.-led" -> ("USA",); "Moscow" -> ("RUS",);
    "Indo-Pacific" -> () (a region); "South China Sea" -> () (a blocker).
    """
    if candidates(text):
        entry = lookup(text, on=on)
        return (entry.code,) if entry is not None else ()
    return tuple(dict.fromkeys(entry.code for _, _, entry in compound_parts(text, on=on)))
