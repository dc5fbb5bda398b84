"""Dated events on short genre sentences written for the tests (not from the examples)."""

from datetime import date

import pytest

from counterpoint.extract import extract_document
from counterpoint.records import Document

pytestmark = pytest.mark.model


def _events(nlp, text):
    document = Document(
        name="t.txt", text=text, sha256="x", format="txt", published=date(2021, 10, 15)
    )
    return extract_document(document, nlp=nlp).events


def test_events_a_plain_past_event_is_dated_and_coded(nlp):
    [event] = _events(nlp, "China and India fought a border war in 1962.")
    assert event.date == "1962" and set(event.actors) == {"CHN", "IND"}
    assert event.kind == "material_conflict"


@pytest.mark.parametrize(
    "sentence",
    [
        "In 2013 the ministry estimated that Beijing would be able to invade Taiwan by 2020.",
        "In 1962, China would have won the war without Soviet aid.",
        "Analysts said in 2010 that Tehran could attack Riyadh by 2015.",
    ],
)
def test_events_what_would_or_could_happen_is_not_an_event(nlp, sentence):
    # Only the reporting may be dated; no attack or invasion is coded from a modal clause.
    events = _events(nlp, sentence)
    assert not [e for e in events if e.kind == "material_conflict"], events
    assert not [e for e in events if e.date in ("2015", "2020")], events


def test_events_a_noun_cue_under_a_modal_still_names_what_exists(nlp):
    [event] = _events(nlp, "In 1965, Mao told Kosygin that the Sino-Soviet struggle would go on.")
    assert event.date == "1965" and event.kind == "verbal_conflict"


def test_events_a_participle_keeps_its_own_date_under_a_modal(nlp):
    text = (
        "Beijing will likely demand changes to treaties with Russia"
        " dating back to the 19th century."
    )
    [event] = _events(nlp, text)
    assert event.date == "19C" and set(event.actors) == {"CHN", "RUS"}
