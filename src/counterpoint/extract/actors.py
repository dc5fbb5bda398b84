"""Actors: states, leaders, seats of government, militaries, peoples and organisations.

``patterns/actors.v1.jsonl`` holds one entry a line: aliases, a code (ISO 3166 alpha-3,
``RUS`` also for the Soviet Union; or an organisation code such as ``NATO``), a role, a
kind and validity dates. Kind ``blocker`` marks phrases that contain an alias but are not
actors ("South China Sea"); kind ``head`` lists the nouns that make a national adjective
an actor ("Soviet troops"). ``lookup`` and ``code_span`` need no spaCy:
``code_span("Sino-Soviet")`` -> ``("CHN", "RUS")``; ``lookup("Clinton", on=date(2010, 1, 1))``
-> Hillary Clinton. ``add_actor_ruler(nlp)`` adds the EntityRuler; ``actor_mentions``
turns a parsed doc's entities into ``ActorMention`` records.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from counterpoint.errors import ExtractionError
from counterpoint.records import ActorMention, ActorRole

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import EntityRuler
    from spacy.tokens import Doc, Span, Token

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
_DASH_SPLIT = re.compile("[" + "".join(DASHES) + "]")
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


def _compound_parts(text: str, *, on: date | None) -> list[tuple[int, int, ActorEntry]]:
    """Split a hyphenated compound into ``(start, end, entry)`` parts; [] if it is not one.

    Every part must be an actor alias (a prefix like "Sino" only before a dash), except a
    final agentive suffix ("U.S.-led"). Example: "Sino-Soviet" -> Sino/CHN, Soviet/RUS.
    """
    pieces, start = [], 0
    for match in _DASH_SPLIT.finditer(text):
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
    return tuple(dict.fromkeys(entry.code for _, _, entry in _compound_parts(text, on=on)))


def _match_forms(alias: str, adjectives: frozenset[str]) -> list[str | list[Pattern]]:
    """List the phrase or token patterns that match one alias in running text."""
    forms: list[str | list[Pattern]] = []
    for variant in dict.fromkeys((alias, alias.replace("'", "\u2019"))):
        core = variant[4:] if variant.startswith("the ") else None
        if core is None:
            forms.append(variant)
        elif core[:1].isupper() and core not in adjectives:
            forms.append(core)
        else:
            forms.append([{"LOWER": "the"}, *({"ORTH": word} for word in core.split())])
    return forms


def _part_forms() -> tuple[list[str], list[str]]:
    """Single-token aliases that can be parts of a compound, plain and dotted ("U.S.")."""
    parts = {
        a.removeprefix("the ")
        for e in load_actor_entries()
        if e.kind in PART_KINDS
        for a in e.aliases
        if " " not in a.removeprefix("the ") and not _DASH_SPLIT.search(a)
    }
    return sorted(parts), sorted(p for p in parts if p.endswith("."))


def _compound_patterns() -> list[Pattern]:
    parts, dotted = _part_forms()
    part: Pattern = {"ORTH": {"IN": parts}, "SPACY": False}
    dash: Pattern = {"ORTH": {"IN": list(DASHES)}, "SPACY": False}
    last: Pattern = {"ORTH": {"IN": parts}}
    suffix: Pattern = {"LOWER": {"IN": list(AGENTIVE_SUFFIXES)}}
    # The tokenizer keeps "U.S.-led" and "U.S.-China" as one token: list those forms.
    ends = (*parts, *AGENTIVE_SUFFIXES)
    glued: Pattern = {
        "LOWER": {"IN": sorted(f"{d}{h}{p}".lower() for d in dotted for h in DASHES for p in ends)}
    }
    shapes = [[part, dash, part, dash, last], [part, dash, last], [part, dash, suffix]]
    shapes += [[{**glued, "SPACY": False}, dash, last], [glued]]
    return [{"label": LABEL, "pattern": shape, "id": COMPOUND_ID} for shape in shapes]


@lru_cache(maxsize=1)
def _ruler_patterns() -> tuple[Pattern, ...]:
    entries = load_actor_entries()
    adjectives = frozenset(a for e in entries if e.adjective for a in e.aliases)
    seen: set[str] = set()
    patterns: list[Pattern] = []
    for entry in (e for e in entries if e.kind != "head"):
        label = BLOCK_LABEL if entry.kind == "blocker" else LABEL
        for alias in entry.aliases:
            for form in _match_forms(alias, adjectives):
                key = json.dumps(form)
                if key not in seen:
                    seen.add(key)
                    patterns.append({"label": label, "pattern": form, "id": entry.id})
    return tuple(patterns) + tuple(_compound_patterns())


def ruler_patterns() -> list[dict[str, object]]:
    """Return EntityRuler patterns: label "ACTOR" ("ACTOR_BLOCK" for blockers), id = entry id.

    Capitalised aliases are phrase patterns (matched on ORTH: configure the ruler with
    ``phrase_matcher_attr=None``); a leading "the" is dropped unless it is what makes the
    alias a noun ("the Chinese"), then a token pattern matches "the"/"The". Hyphenated
    compounds ("Sino-Soviet", "US-China", "U.S.-led") are token patterns with id
    ``COMPOUND_ID``; ``actor_mentions`` codes them to all their parts.
    """
    return [dict(pattern) for pattern in _ruler_patterns()]


def add_actor_ruler(nlp: Language, *, before: str = "ner") -> EntityRuler:
    """Add the actor EntityRuler to ``nlp`` (before ``before`` when that pipe exists).

    Patterns are added with every other pipe disabled, so building stays fast: otherwise
    spaCy would run the tagger and parser over each of the phrase patterns.
    """
    config = {"overwrite_ents": True, "phrase_matcher_attr": None, "validate": False}
    where = before if before in nlp.pipe_names else None
    pipe = nlp.add_pipe("entity_ruler", name="actor_ruler", config=config, before=where)
    ruler = cast("EntityRuler", pipe)
    with nlp.select_pipes(enable=["actor_ruler"]):
        ruler.add_patterns(ruler_patterns())  # type: ignore[arg-type]
    return ruler


@lru_cache(maxsize=1)
def _head_roles() -> dict[str, str]:
    """Head nouns (entries of kind ``head``) by the role they give a modifying adjective."""
    return {noun: e.role for e in load_actor_entries() if e.kind == "head" for noun in e.aliases}


def _head_role(token: Token) -> str | None:
    roles = _head_roles()
    return roles.get(token.lower_) or roles.get(token.lemma_.lower())


def adjective_role(token: Token) -> str | None:
    """Give the role a national adjective or modifying name takes from the noun it modifies.

    "Soviet troops" -> MIL; "the Russian side" -> GOV; "Russian President Putin" -> GOV;
    "Chinese attacks" -> STATE; "the Russian Far East" -> None (not an actor).
    Coordinated modifiers ("Russian and Chinese troops") share their head.
    """
    for _ in range(3):
        if token.dep_ != "conj" or token.head.i >= token.i:
            break
        token = token.head
    head = token.head
    if token.dep_ not in ("amod", "compound", "nmod", "poss", "npadvmod") or head.i <= token.i:
        return None
    return _head_role(head) or next(
        (role for t in token.doc[token.i + 1 : head.i] if (role := _head_role(t))), None
    )


def is_modifier_compound(ent: Span) -> bool:
    """Whether a name is glued to a non-actor word: "pro-Russian", "Moscow-based", "post-Soviet"."""
    doc, start, end = ent.doc, ent.start, ent.end
    if start >= 2 and _glued(doc[start - 2], doc[start - 1]):
        if doc[start - 2].lower_ in NEGATING_PREFIXES:
            return True
    if end + 1 >= len(doc) or not _glued(ent[-1], doc[end]):
        return False
    return doc[end + 1].is_lower and doc[end + 1].lower_ not in AGENTIVE_SUFFIXES


def _glued(token: Token, dash: Token) -> bool:
    """Whether ``token`` is followed by ``dash`` and the next word with no space between."""
    return dash.text in DASHES and not token.whitespace_ and not dash.whitespace_


def _entry_for_ent(ent: Span, *, on: date | None) -> ActorEntry | None:
    """Resolve an entity to its entry: the ruler's id, re-checked by date when shared."""
    if ent.label_ == LABEL and ent.ent_id_:
        found = candidates(ent.text)
        if len(found) > 1:
            return lookup(ent.text, on=on)
        by_id = {entry.id: entry for entry in found}
        return by_id.get(ent.ent_id_) or lookup(ent.text, on=on)
    if ent.label_ not in MODEL_LABELS:
        return None
    entry = lookup(ent.text, on=on)
    if entry is None and ent.label_ == "PERSON" and len(ent) > 1:
        entry = lookup(ent[-1].text, on=on)
        entry = entry if entry is not None and entry.kind == "person" else None
    return entry


def _role(entry: ActorEntry, ent: Span, *, on: date | None) -> str | None:
    """Give the mention's role, or None when an adjective or modifier is not an actor here."""
    last = candidates(ent[-1].text)
    if entry.adjective or (entry.kind == "people" and any(e.adjective for e in last)):
        role = adjective_role(ent[-1])
        if role is not None or entry.adjective:
            return role  # "the Chinese army" is the army, not the people
    if entry.kind == "person":
        # A person is counted as the leader they were from the start of their tenure on;
        # before it (an article about a future leader) they are only a national.
        return "PEOPLE" if on and entry.valid_from and on < entry.valid_from else entry.role
    if entry.role == "STATE":
        return adjective_role(ent[-1]) or "STATE"
    return entry.role


def _mention(start: int, end: int, text: str, entry: ActorEntry, role: str) -> ActorMention:
    return ActorMention(start, end, text, entry.code, cast(ActorRole, role), entry.name)


def _compound_mentions(ent: Span, *, on: date | None, offset: int) -> list[ActorMention]:
    base, roles = offset + ent.start_char, {"seat": "GOV", "org": "ORG", "person": "LEADER"}
    return [
        _mention(base + s, base + e, ent.text[s:e], entry, roles.get(entry.kind, "STATE"))
        for s, e, entry in _compound_parts(ent.text, on=on)
    ]


def actor_mentions(doc: Doc, *, on: date | None = None, offset: int = 0) -> list[ActorMention]:
    """Actor mentions in a parsed doc, with character offsets shifted by ``offset``.

    Ruler entities are resolved by their id (by ``on`` when an alias is shared); the
    model's GPE/NORP/ORG/PERSON/LOC/FAC entities only when the table knows them.
    Adjectives ("Soviet", "Chinese") count only when they modify a government, military,
    people or action noun ("Soviet troops" -> MIL, "the Chinese side" -> GOV); a state
    name modifying such a noun takes its role ("US troops" -> MIL). Names glued to a
    non-agentive word ("Moscow-based", "pro-Russian") are not actors. Roles of people:
    see ``_role``.
    """
    mentions: list[ActorMention] = []
    for ent in doc.ents:
        if ent.label_ == LABEL and ent.ent_id_ == COMPOUND_ID:
            mentions.extend(_compound_mentions(ent, on=on, offset=offset))
            continue
        entry = _entry_for_ent(ent, on=on)
        if entry is None or entry.kind == "blocker" or is_modifier_compound(ent):
            continue
        role = _role(entry, ent, on=on)
        if role is None:
            continue
        span = ent[1:] if entry.kind == "people" and role != "PEOPLE" and len(ent) > 1 else ent
        start, end = offset + span.start_char, offset + span.end_char
        mentions.append(_mention(start, end, span.text, entry, role))
    return list({(m.start, m.end, m.code): m for m in mentions}.values())


__all__ = ["ACTORS_RULESET", "ActorEntry", "actor_mentions", "add_actor_ruler", "code_span"]
__all__ += ["load_actor_entries", "lookup", "parse_actor_entries", "ruler_patterns"]
