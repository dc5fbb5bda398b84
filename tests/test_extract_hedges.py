import pytest

from counterpoint.extract.hedges import find_hedges, load_hedges, load_scales, probability_for


def test_hedges_file_loads_with_known_categories():
    scales = load_scales()
    for rule in load_hedges():
        if rule.kind != "confidence":
            assert ("icd203", rule.category) in scales, rule.id


@pytest.mark.parametrize("scale", ["icd203", "kent", "phia"])
def test_scales_cover_every_category(scale):
    categories = {rule.category for rule in load_hedges() if rule.kind != "confidence"}
    table = load_scales()
    for category in categories:
        value = table[(scale, category)]
        assert 0.0 <= value.low <= value.point <= value.high <= 1.0


@pytest.mark.parametrize(
    ("text", "rule_id", "probability"),
    [
        ("the talks will fail", "will", 0.9),
        ("the deal won’t survive", "will_not", 0.1),
        ("it is unlikely to succeed", "unlikely", 0.2),
        ("tensions are bound to rise", "bound_to", 0.9),
        ("it is hard to imagine a war", "hard_to_imagine", 0.1),
        ("it is not inconceivable that they fight", "not_inconceivable", 0.2),
        ("prices will likely rise", "will_likely", 0.7),
        ("the prospects for peace remain very dim", "prospects_dim", 0.1),
        ("whether it holds remains an open question", "open_question", 0.5),
        ("it is only a matter of time before they split", "matter_of_time", 0.9),
    ],
)
def test_find_hedges_longest_rule_and_icd_point(text, rule_id, probability):
    matches = [m for m in find_hedges(text) if m.rule.kind != "confidence"]
    assert [m.rule.id for m in matches] == [rule_id]
    assert probability_for(matches[0].rule)[0] == pytest.approx(probability)


def test_find_hedges_offsets_point_into_text():
    text = "Beijing will likely push, and Moscow may well resist."
    for match in find_hedges(text):
        assert text[match.start : match.end].strip() == match.text


def test_probability_for_other_scale_uses_scale_point():
    rule = next(r for r in load_hedges() if r.id == "likely")
    assert probability_for(rule, scale="kent")[0] == pytest.approx(0.75)
    assert probability_for(rule, scale="phia")[0] == pytest.approx(0.65)


def test_unlikely_is_not_read_as_likely():
    assert [m.rule.id for m in find_hedges("an unlikely outcome")] == ["unlikely"]


def test_find_hedges_needs_words_lose_no_match(monkeypatch):
    from dataclasses import replace
    from pathlib import Path

    from counterpoint.extract import hedges

    root = Path(__file__).parent.parent / "examples" / "sino-russian"
    texts = [path.read_text() for path in sorted(root.glob("*.txt"))]
    texts.append("We cannot rule it out; odds are even. Prospects remain dim, in all likelihood.")
    filtered = [hedges.find_hedges(text) for text in texts]
    unfiltered_rules = tuple(replace(rule, needs=("",)) for rule in hedges.load_hedges())
    monkeypatch.setattr(hedges, "load_hedges", lambda: unfiltered_rules)
    assert [[(m.rule.id, m.start) for m in found] for found in filtered] == [
        [(m.rule.id, m.start) for m in hedges.find_hedges(text)] for text in texts
    ]
