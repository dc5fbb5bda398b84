from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counterpoint.errors import ExtractionError
from counterpoint.extract.dates import (
    DATES_RULESET,
    Horizon,
    find_precise_dates,
    find_time_expressions,
    load_named_dates,
    resolve_horizon,
)

P21 = date(2021, 8, 24)
P20 = date(2020, 11, 15)


def only(text: str, published: date | None = P21):
    found = find_time_expressions(text, published=published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "published", "value", "precision"),
    [
        ("It was signed on 24 August 2021 in Moscow.", P21, "2021-08-24", "day"),
        ("It was signed on August 24, 2021, in Moscow.", P21, "2021-08-24", "day"),
        ("It was signed on 2021-08-24 in Moscow.", P21, "2021-08-24", "day"),
        ("Fighting broke out in March 1969 on the river.", P21, "1969-03", "month"),
        ("Kosygin came to Beijing in February 1965.", P21, "1965-02", "month"),
        ("At the meeting in October 2020, he spoke.", P21, "2020-10", "month"),
        (
            "The crisis peaked in August-September 1958, when shelling began.",
            P21,
            "1958-08",
            "month",
        ),
        ("The crisis peaked in August–September 1958.", P21, "1958-08", "month"),
        ("In 1959, the two armies skirmished.", P21, "1959", "year"),
        ("By 1982, talks had resumed.", P21, "1982", "year"),
        ("Relations have soured since 2014 over Crimea.", P21, "2014", "year"),
        ("Such jostling as the 1969 border clashes mattered.", P21, "1969", "year"),
        ("The war of 1950–53 divided the peninsula.", P21, "1950", "year"),
        ("The war of 1950-1953 divided the peninsula.", P21, "1950", "year"),
        ("The alliance of the 1950s was short-lived.", P21, "1950s", "decade"),
        ("On Monday, the envoys met in Doha.", P21, "2021-08-23", "day"),
        ("On Tuesday, the envoys met in Doha.", P21, "2021-08-24", "day"),
        ("Last Tuesday, the envoys met in Doha.", P21, "2021-08-17", "day"),
        ("Trade grew in the early 1980s.", P21, "1980s", "decade"),
        ("Tensions rose in the late 1960s.", P21, "1960s", "decade"),
        ("Oil was cheap in the '90s for Moscow.", P21, "1990s", "decade"),
        ("The empires met in the 17th century.", P21, "17C", "century"),
        ("The border was drawn in the mid-19th century.", P21, "19C", "century"),
        ("The treaties of the nineteenth century still rankle.", P21, "19C", "century"),
        ("It is just over 50 years ago since the war scare.", P20, "1969", "year"),
        ("The clashes happened 50 years ago on the river.", P20, "1970", "year"),
        ("Fifty years after the secret visit to China, there is talk of it.", P21, "1971", "year"),
        ("Trade fell last year after the sanctions.", P21, "2020", "year"),
        ("Trade will grow this year as planned.", P21, "2021", "year"),
        ("Trade will grow next year as planned.", P21, "2022", "year"),
        ("Putin recently made an observation.", P21, "2020", "year"),
        ("Relations are better today than ever.", P21, "2021", "year"),
        ("The two are currently aligned.", P21, "2021", "year"),
        ("Both sides now agree.", P21, "2021", "year"),
        ("At present, neither side wants war.", P21, "2021", "year"),
        ("These days the partnership is strong.", P21, "2021", "year"),
        ("A war may break out in this decade.", P20, "2020s", "decade"),
        ("A war is expected in the 2020s.", P20, "2020s", "decade"),
        ("It may happen by the end of the decade.", P21, "2029", "year"),
        ("Emissions should be net zero by mid-century.", P21, "2050", "year"),
        ("China rose post-Tiananmen, when the West condemned it.", P21, "1989-06", "month"),
        ("The world changed after 9/11 for both.", P21, "2001-09-11", "day"),
        ("Moscow hesitated after the fall of the Berlin Wall.", P21, "1989-11", "month"),
        ("Since the collapse of the Soviet Union, ties grew.", P21, "1991-12", "month"),
        ("The Cuban missile crisis shook both capitals.", P21, "1962-10", "month"),
        ("Relations broke after the annexation of Crimea.", P21, "2014-03", "month"),
        ("Chinese troops fought in the Korean War.", P21, "1950", "year"),
        (
            "Exports collapsed after Russia's full-scale invasion.",
            date(2023, 5, 1),
            "2022-02",
            "month",
        ),
        ("Diplomacy froze during the Cultural Revolution.", P21, "1966", "year"),
        ("The Sino-Soviet split reshaped Asia.", P21, "1960", "year"),
    ],
)
def test_find_time_expressions_resolves_value_and_precision(sentence, published, value, precision):
    expr = only(sentence, published)
    assert (expr.value, expr.precision) == (value, precision)


@pytest.mark.parametrize(
    ("sentence", "earliest", "latest"),
    [
        ("The crisis peaked in August-September 1958.", date(1958, 8, 1), date(1958, 9, 30)),
        ("The war of 1950–53 divided the peninsula.", date(1950, 1, 1), date(1953, 12, 31)),
        ("The Korean War divided the peninsula.", date(1950, 1, 1), date(1953, 12, 31)),
        ("The border was drawn in the mid-19th century.", date(1833, 1, 1), date(1866, 12, 31)),
        ("The empires met in the 17th century.", date(1600, 1, 1), date(1699, 12, 31)),
        ("Trade grew in the early 1980s.", date(1980, 1, 1), date(1983, 12, 31)),
        ("Trade grew in the early 2000s.", date(2000, 1, 1), date(2003, 12, 31)),
        ("Cities grew in the early 1900s.", date(1900, 1, 1), date(1932, 12, 31)),
        ("Putin recently made an observation.", date(2020, 8, 24), P21),
        ("Relations are better today than ever.", P21, P21),
        ("Growth will slow in the coming years.", P21, date(2026, 8, 24)),
        ("Talks may resume within five years.", P21, date(2026, 8, 24)),
        ("Talks may resume within a decade.", P21, date(2031, 8, 24)),
        ("Talks may resume over the next 10 years.", P21, date(2031, 8, 24)),
        ("Ties will hold in the short term.", P21, date(2023, 8, 24)),
        ("Ties will hold in the near term.", P21, date(2023, 8, 24)),
        ("Ties will hold over the next few years.", P21, date(2026, 8, 24)),
        ("Ties will hold in the coming decades.", P21, date(2051, 8, 24)),
        ("Ties will hold in the foreseeable future.", P21, date(2026, 8, 24)),
        ("Ties will hold over the next decade.", P21, date(2031, 8, 24)),
    ],
)
def test_find_time_expressions_resolves_interval(sentence, earliest, latest):
    expr = only(sentence)
    assert (expr.earliest, expr.latest) == (earliest, latest)


@pytest.mark.parametrize(
    "sentence",
    [
        "It lasted 10,000 years on the steppe.",
        "Some 1,969 troops crossed the river.",
        "The budget was $2019 per head.",
        "Support rose to 2019% in the poll.",
        "The border runs 2019 km along the river.",
        "They met in Room 1984 of the hotel.",
        "A force of 1,000 men held the line.",
        "He commanded about 1500 soldiers.",
        "The city is 2000-year-old.",
        "Prices rose 3.2019 points.",
        "It weighed 1969.5 tonnes.",
    ],
)
def test_find_time_expressions_rejects_numbers_that_are_not_years(sentence):
    assert find_time_expressions(sentence, published=P21) == []


@pytest.mark.parametrize(
    ("sentence", "text", "value"),
    [
        (
            "In March 1969 they fought. Later that year, Moscow threatened.",
            "Later that year",
            "1969",
        ),
        ("In March 1969 they fought. That year, Moscow threatened.", "That year", "1969"),
        ("In 1969 they fought. The same year, Moscow threatened.", "The same year", "1969"),
        ("In 1969 they fought. The following year, talks began.", "The following year", "1970"),
        ("In 1969 they fought. A year later, talks began.", "A year later", "1970"),
        ("In 1969 they fought. Two years later, Nixon came.", "Two years later", "1971"),
        ("In 1969 they fought. The next year, talks began.", "The next year", "1970"),
        ("In 1969 they fought. Earlier that year, troops massed.", "Earlier that year", "1969"),
        ("In March 1969 they fought. That month, troops massed.", "That month", "1969-03"),
        ("It has been 50 years after 1971, when Kissinger came.", "50 years after", "2021"),
    ],
)
def test_find_time_expressions_anchors_in_text(sentence, text, value):
    found = {expr.text: expr for expr in find_time_expressions(sentence, published=P21)}
    assert (found[text].value, found[text].anchor) == (value, "text")


@pytest.mark.parametrize(
    "sentence",
    [
        "Later that year, Moscow threatened.",
        "Two years later, Nixon came.",
        "That month, it rained.",
    ],
)
def test_find_time_expressions_skips_text_anchor_without_antecedent(sentence):
    assert find_time_expressions(sentence, published=P21) == []


def test_find_time_expressions_later_that_year_starts_after_antecedent():
    found = find_time_expressions(
        "In March 1969 they fought. Later that year, talks.", published=None
    )
    assert found[1].earliest == date(1969, 3, 1)


def test_find_time_expressions_anniversary_yields_to_explicit_year():
    found = find_time_expressions(
        "Fifty years after the 1971 visit, ties are strong.", published=P21
    )
    assert [(expr.text, expr.value) for expr in found] == [("1971", "1971")]


def test_find_time_expressions_offset_from_following_year_finds_both():
    found = find_time_expressions("It came 50 years after 1971, when Nixon won.", published=P21)
    assert [(e.text, e.value, e.anchor) for e in found] == [
        ("50 years after", "2021", "text"),
        ("1971", "1971", "absolute"),
    ]


def test_find_time_expressions_anniversary_needs_clause_start():
    found = find_time_expressions("Troops left two years after the split.", published=P21)
    assert found == []


def test_find_time_expressions_relative_needs_published():
    assert find_time_expressions("It happened just over 50 years ago.", published=None) == []


def test_find_time_expressions_relative_anchor_is_published():
    assert only("It happened just over 50 years ago.", P20).anchor == "published"


def test_find_time_expressions_absolute_anchor_is_absolute():
    assert only("It happened in March 1969.", P20).anchor == "absolute"


@pytest.mark.parametrize(
    "sentence", ["Ties will hold in the coming years.", "Putin recently spoke."]
)
def test_find_time_expressions_marks_vague(sentence):
    assert only(sentence).vague


def test_find_time_expressions_skips_named_event_after_publication():
    assert find_time_expressions("after Russia's full-scale invasion", published=P21) == []


def test_find_time_expressions_longest_wins():
    assert only("They met on 24 August 2021.").text == "24 August 2021"


def test_find_time_expressions_offsets_match_text():
    text = "In March 1969, fighting; later that year, threats. Today, in this decade, by 2030."
    for expr in find_time_expressions(text, published=P20):
        assert text[expr.start : expr.end] == expr.text


def test_find_time_expressions_omits_open_ended_phrases():
    assert find_time_expressions("China will eventually push north.", published=P21) == []


def test_named_dates_file_has_notes_and_valid_intervals():
    entries = load_named_dates()
    assert 30 <= len(entries) <= 80
    assert all(entry.note and entry.earliest <= entry.latest for entry in entries)


def test_dates_ruleset_is_versioned():
    assert DATES_RULESET == "dates.v1"


@pytest.mark.parametrize(
    ("clause", "published", "end", "vague"),
    [
        ("Russia will be weaker by 2030.", P21, date(2030, 12, 31), False),
        ("War may come in this decade.", P20, date(2029, 12, 31), False),
        ("Expect a war in the 2020s.", P20, date(2029, 12, 31), False),
        ("Ties will hold in the coming years.", P21, date(2026, 8, 24), True),
        ("Ties are likely to hold in the short term.", P21, date(2023, 8, 24), True),
        ("China will eventually push north.", P21, None, True),
        ("Sooner or later they will clash.", P21, None, True),
        ("At some point the army will march.", P21, None, True),
        ("In the long run the tie will fray.", P21, None, True),
        ("The summit will take place next year.", P21, date(2022, 12, 31), False),
        ("Talks will resume within three years.", P21, date(2024, 8, 24), False),
        ("An election will be held in 2025.", P21, date(2025, 12, 31), False),
        ("It will be settled by the end of the decade.", P21, date(2029, 12, 31), False),
        ("Emissions will peak by mid-century.", P21, date(2050, 12, 31), False),
        (
            "In the coming years, and by 2030 at the latest, it will end.",
            P21,
            date(2030, 12, 31),
            False,
        ),
        ("By 2025, and surely by 2030, it will end.", P21, date(2025, 12, 31), False),
    ],
)
def test_resolve_horizon_table(clause, published, end, vague):
    horizon = resolve_horizon(clause, published=published)
    assert horizon is not None
    assert (horizon.start, horizon.end, horizon.vague) == (published, end, vague)


@pytest.mark.parametrize(
    "clause",
    [
        "The clashes of 1969 still rankle.",
        "Putin recently made an observation.",
        "Relations are better today.",
        "It happened just over 50 years ago.",
        "Russia and China are neighbours.",
    ],
)
def test_resolve_horizon_none_for_past_or_present(clause):
    assert resolve_horizon(clause, published=P20) is None


def test_resolve_horizon_reads_only_the_span():
    text = "War came in 1969. Peace will hold by 2030."
    start = text.index("Peace")
    horizon = resolve_horizon(text, published=P21, start=0, end=start)
    assert horizon is None


def test_resolve_horizon_offsets_point_into_text():
    text = "Earlier text. Peace will hold in the coming years."
    start = text.index("Peace")
    horizon = resolve_horizon(text, published=P21, start=start)
    assert isinstance(horizon, Horizon)
    assert text[horizon.expr_start : horizon.expr_end] == horizon.text == "in the coming years"


@pytest.mark.parametrize(("start", "end"), [(-1, None), (5, 2), (0, 99)])
def test_resolve_horizon_rejects_bad_span(start, end):
    with pytest.raises(ExtractionError, match="resolve_horizon"):
        resolve_horizon("short text", published=P21, start=start, end=end)


_DATEISH = st.sampled_from(
    [
        " 1969",
        " in 2030",
        " March",
        " 24 ",
        "-",
        "–",
        ",",
        ".",
        " the ",
        "'90s",
        " years ago",
        " later that year",
        " 50 ",
        " 17th century",
        " eventually",
        "\n",
        "$",
        "%",
        "9/11",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    parts=st.lists(st.one_of(st.text(max_size=12), _DATEISH), max_size=30),
    published=st.one_of(st.none(), st.dates()),
)
def test_find_time_expressions_spans_are_ordered_and_disjoint(parts, published):
    text = "".join(parts)
    found = find_time_expressions(text, published=published)
    previous_end = 0
    for expr in found:
        assert previous_end <= expr.start < expr.end <= len(text)
        assert text[expr.start : expr.end] == expr.text
        assert expr.earliest <= expr.latest
        previous_end = expr.end


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.one_of(st.text(max_size=12), _DATEISH), max_size=30), published=st.dates())
def test_resolve_horizon_never_ends_before_publication(parts, published):
    horizon = resolve_horizon("".join(parts), published=published)
    assert horizon is None or horizon.end is None or horizon.end > published


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Trump withdrew on May 8, betting on pressure.", "2018-05-08", "day"),
        ("On 3 April the envoy left.", "2018-04-03", "day"),
        ("Sanctions return in November.", "2018-11", "month"),
        ("Talks stalled last March.", "2018-03", "month"),
        ("The summit opens next May.", "2019-05", "month"),
        ("Relations have cooled since January.", "2018-01", "month"),
    ],
)
def test_find_time_expressions_yearless_dates_take_the_nearest_year(text, value, precision):
    [expr] = find_time_expressions(text, published=date(2018, 5, 20))
    assert (expr.value, expr.precision, expr.anchor) == (value, precision, "published")


@pytest.mark.parametrize(
    "text", ["Tehran may retaliate.", "Talks may 8 times fail.", "It rained on May 8."]
)
def test_find_time_expressions_yearless_dates_need_a_publication_date_or_preposition(text):
    found = find_time_expressions(text, published=None if "rained" in text else date(2018, 5, 20))
    assert found == []


@pytest.mark.parametrize(
    "text",
    [
        "Signed on 24 August 2021 after talks in 1999 and in the 2010s; later that year, more.",
        "In March 1969 the clashes began. By October 2020 things had changed, fifty years on.",
        "No precise date here, only 1950 and the early 1980s.",
    ],
)
def test_find_precise_dates_same_as_full_scan_for_day_and_month_dates(text: str) -> None:
    full = [
        t
        for t in find_time_expressions(text, published=None)
        if t.anchor == "absolute" and t.precision in ("day", "month")
    ]
    assert find_precise_dates(text) == full
