"""Forecast extraction on short genre sentences written for the tests (not from the examples)."""

from datetime import date

import pytest

from counterpoint.extract import extract_document
from counterpoint.records import Document

pytestmark = pytest.mark.model
PUBLISHED = date(2022, 3, 1)


def _forecasts(nlp, text, published=PUBLISHED):
    document = Document(name="t.txt", text=text, sha256="x", format="txt", published=published)
    return extract_document(document, nlp=nlp).forecasts


@pytest.mark.parametrize(
    ("sentence", "probability", "polarity"),
    [
        ("Ankara will almost certainly veto the accession.", 0.95, "happens"),
        ("The ceasefire is unlikely to hold through the winter.", 0.2, "does_not_happen"),
        ("Pyongyang is bound to test another missile.", 0.9, "happens"),
        ("It is hard to imagine Delhi accepting such terms.", 0.1, "does_not_happen"),
        ("The sanctions regime will not survive another election.", 0.1, "does_not_happen"),
        ("The standoff will not only harden Delhi's stance but also slow trade.", 0.9, "happens"),
        ("The crisis will bring changes that Seoul will not welcome.", 0.9, "happens"),
        ("It is not that difficult to imagine Ankara leaving the alliance.", 0.35, "happens"),
        ("Moscow is unlikely to regain the ground it lost last year.", 0.2, "does_not_happen"),
        ("There is a real risk that Baku will strike Yerevan.", 0.5, "happens"),
        ("The possibility that Manila will leave the pact worries Tokyo.", 0.35, "happens"),
        ("There is little risk that Seoul will default.", 0.1, "does_not_happen"),
        ("I would not be surprised if Jakarta joins the bloc by 2030.", 0.35, "happens"),
        ("Trade is projected to double by 2030.", 0.75, "happens"),
        ("The odds are that Tokyo will rearm.", 0.7, "happens"),
        ("The odds are against a deal this year.", 0.2, "does_not_happen"),
        ("Tokyo is likely to raise its defence budget next year.", 0.7, "happens"),
        ("None of these states are likely to join the bloc.", 0.3, "does_not_happen"),
        ("It is not inconceivable that the talks collapse.", 0.2, "happens"),
    ],
)
def test_forecast_probability_and_polarity(nlp, sentence, probability, polarity):
    [forecast] = _forecasts(nlp, sentence)
    assert forecast.probability == pytest.approx(probability)
    assert forecast.polarity == polarity


@pytest.mark.parametrize(
    "sentence",
    [
        "Washington should offer Hanoi a trade deal.",
        "Predictions that the euro will collapse have failed to materialize.",
        "Tehran could have accepted the offer in 2015.",
        "Will Brussels blink first?",
        "The army may be exhausted after the offensive.",
        "Moscow acted at will across the region.",
        "It was likely that the envoy had misread the signals.",
        "The two capitals have probably always distrusted each other.",
    ],
)
def test_forecast_not_made_by_non_predictions(nlp, sentence):
    assert _forecasts(nlp, sentence) == ()


def test_forecast_may_needs_a_future_cue(nlp):
    assert len(_forecasts(nlp, "The rivalry may, in time, push Seoul toward Tokyo.")) == 1


def test_forecast_two_clauses_make_two_forecasts(nlp):
    text = "Although Riyadh will resist, it is not inconceivable that Tehran will prevail."
    forecasts = _forecasts(nlp, text)
    assert [f.probability_phrase for f in forecasts] == ["will", "not inconceivable"]


def test_forecast_condition_is_kept(nlp):
    text = "If the talks fail, expect a war between the two states in the 2030s."
    [forecast] = _forecasts(nlp, text)
    assert forecast.condition == "If the talks fail"
    assert forecast.horizon_end == "2039-12-31"
    assert text[forecast.start : forecast.end] == forecast.quote


def test_forecast_horizon_this_decade_resolves_against_publication(nlp):
    [forecast] = _forecasts(
        nlp, "The two navies will clash in this decade.", published=date(2020, 11, 15)
    )
    assert forecast.horizon_end == "2029-12-31"


@pytest.mark.parametrize(
    ("sentence", "attribution"),
    [
        ("Jane Smith argues that Beijing will invade Taiwan by 2027.", "other:Jane Smith"),
        ("According to the ministry, Hanoi will sign the deal.", "other:the ministry"),
        ("Tehran has made it clear that it will not attend the talks.", "other:Tehran"),
        ("Seoul has signalled that it will raise tariffs.", "other:Seoul"),
        ("Most analysts agree Minsk is unlikely to leave the union.", "other:Most analysts"),
        (
            "The president used a speech to make clear that Kyiv will fight on.",
            "other:The president",
        ),
        ("Hanoi will sign the deal next year, the ministry said.", "other:the ministry"),
        ("Beijing will argue that the talks failed.", "author"),
        ("It is clear that Ankara will veto the plan.", "author"),
        ("According to me, Lima will win.", "author"),
    ],
)
def test_forecast_reported_source_is_attributed(nlp, sentence, attribution):
    [forecast] = _forecasts(nlp, sentence)
    assert forecast.attribution == attribution


@pytest.mark.parametrize(
    ("sentence", "horizon_end"),
    [
        ("In five years, Hanoi will overtake Bangkok.", "2027-03-01"),
        ("In 15-20 years, India will have more people than China.", "2042-03-01"),
        ("Ankara will leave the bloc within two to three years.", "2025-03-01"),
    ],
)
def test_forecast_horizon_in_n_years_counts_from_publication(nlp, sentence, horizon_end):
    [forecast] = _forecasts(nlp, sentence)
    assert forecast.horizon_end == horizon_end


def test_forecast_reported_forecast_keeps_its_horizon(nlp):
    [forecast] = _forecasts(nlp, "Jane Smith argues that Beijing will invade Taiwan by 2027.")
    assert forecast.horizon_end == "2027-12-31"


def test_forecast_scale_changes_the_point_value(nlp):
    from counterpoint.extract import ExtractOptions

    document = Document(
        name="t.txt",
        text="Moscow is likely to retaliate.",
        sha256="x",
        format="txt",
        published=PUBLISHED,
    )
    [forecast] = extract_document(document, nlp=nlp, options=ExtractOptions(scale="kent")).forecasts
    assert forecast.probability == pytest.approx(0.75)
    assert forecast.scale == "kent"
