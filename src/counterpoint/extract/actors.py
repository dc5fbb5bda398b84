"""Actors in parsed text: the EntityRuler built from the actor dictionary, and mentions.

``add_actor_ruler(nlp)`` adds an EntityRuler whose patterns come from
:mod:`counterpoint.extract.actor_dictionary` (aliases, compounds such as "Sino-Soviet" and
"U.S.-led", national adjectives before a head noun: "Soviet troops"); ``actor_mentions``
turns a parsed doc's entities into ``ActorMention`` records with time-aware codes and roles.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from counterpoint.extract.actor_dictionary import (
    ACTORS_RULESET,
    AGENTIVE_SUFFIXES,
    BLOCK_LABEL,
    COMPOUND_ID,
    DASH_SPLIT,
    DASHES,
    LABEL,
    MODEL_LABELS,
    NEGATING_PREFIXES,
    PART_KINDS,
    ROLES,
    ActorEntry,
    Pattern,
    candidates,
    code_span,
    compound_parts,
    load_actor_entries,
    lookup,
    parse_actor_entries,
)
from counterpoint.records import ActorMention, ActorRole

__all__ = [
    "ACTORS_RULESET",
    "COMPOUND_ID",
    "ROLES",
    "ActorEntry",
    "actor_mentions",
    "add_actor_ruler",
    "code_span",
    "load_actor_entries",
    "lookup",
    "parse_actor_entries",
    "ruler_patterns",
]

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import EntityRuler
    from spacy.tokens import Doc, Span, Token


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
        if " " not in a.removeprefix("the ") and not DASH_SPLIT.search(a)
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
        for s, e, entry in compound_parts(ent.text, on=on)
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
