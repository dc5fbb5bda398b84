"""Dittmer's triangle: every sign configuration, every actor permutation, the evidence threshold."""

from __future__ import annotations

from itertools import permutations, product

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counterpoint.relations.series import SeriesPoint
from counterpoint.relations.triangle import MIN_NET, Classification, classify, dyad_sign

ACTORS = ("USA", "CHN", "RUS")


def _signs(x: str, y: str, z: str, xy: int | None, xz: int | None, yz: int | None) -> dict:
    return {frozenset((x, y)): xy, frozenset((x, z)): xz, frozenset((y, z)): yz}


def _expected(x: str, y: str, z: str, xy: int, xz: int, yz: int) -> Classification:
    """The configuration written out case by case from Dittmer's definitions."""
    positive = [s for s in (xy, xz, yz) if s == 1]
    if len(positive) == 3:
        return Classification("menage a trois")
    if len(positive) == 0:
        return Classification("unit veto")
    if len(positive) == 2:
        pivot = {(1, 1, -1): x, (1, -1, 1): y, (-1, 1, 1): z}[(xy, xz, yz)]
        return Classification("romantic triangle", pivot=pivot)
    pariah = {(1, -1, -1): z, (-1, 1, -1): y, (-1, -1, 1): x}[(xy, xz, yz)]
    return Classification("stable marriage", pariah=pariah)


@pytest.mark.parametrize("order", list(permutations(ACTORS)))
@pytest.mark.parametrize("signs", list(product((1, -1), repeat=3)))
def test_classify_every_sign_configuration_and_actor_order(
    order: tuple[str, str, str], signs: tuple[int, int, int]
) -> None:
    x, y, z = order
    assert classify(_signs(x, y, z, *signs)) == _expected(x, y, z, *signs)


@pytest.mark.parametrize(
    ("signs", "configuration"),
    [
        ((1, 1, 1), "menage a trois"),
        ((1, 1, -1), "romantic triangle"),
        ((1, -1, -1), "stable marriage"),
        ((-1, -1, -1), "unit veto"),
    ],
)
def test_classify_names_each_of_dittmers_types(
    signs: tuple[int, int, int], configuration: str
) -> None:
    assert classify(_signs("USA", "CHN", "RUS", *signs)).configuration == configuration


def test_classify_romantic_triangle_pivot_is_friend_of_both_wings() -> None:
    # USA–CHN +, USA–RUS +, CHN–RUS -: Washington is the pivot (the 1970s reading).
    result = classify(_signs("USA", "CHN", "RUS", 1, 1, -1))
    assert result == Classification("romantic triangle", pivot="USA")


def test_classify_stable_marriage_pariah_is_enemy_of_both_partners() -> None:
    result = classify(_signs("USA", "CHN", "RUS", -1, -1, 1))
    assert result == Classification("stable marriage", pariah="USA")


@given(st.lists(st.sampled_from([1, -1, None]), min_size=3, max_size=3).filter(lambda s: None in s))
def test_classify_any_unsigned_dyad_is_not_enough_evidence(signs: list[int | None]) -> None:
    assert classify(_signs("A", "B", "C", *signs)).configuration == "not enough evidence"


def test_classify_rejects_dyads_that_are_not_a_triangle() -> None:
    with pytest.raises(ValueError, match="three dyads"):
        classify({frozenset(("A", "B")): 1, frozenset(("A", "C")): 1, frozenset(("A", "D")): 1})


def _point(net: float, n: int) -> SeriesPoint:
    return SeriesPoint(1960, 1969, (n, 0, 0, 0), net, tuple(range(n)))


@pytest.mark.parametrize(
    ("net", "n", "min_events", "sign"),
    [
        (5.0, 1, 1, 1),
        (-5.0, 1, 1, -1),
        (MIN_NET, 1, 1, 1),
        (MIN_NET / 2, 3, 1, None),
        (0.0, 2, 1, None),
        (5.0, 1, 2, None),
        (-5.0, 2, 2, -1),
    ],
)
def test_dyad_sign_follows_net_intensity_above_thresholds(
    net: float, n: int, min_events: int, sign: int | None
) -> None:
    assert dyad_sign(_point(net, n), min_events=min_events) == sign


def test_dyad_sign_without_events_is_none() -> None:
    assert dyad_sign(None) is None
