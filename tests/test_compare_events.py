"""Events several documents cite (with each one's framing), and events only one cites."""

from __future__ import annotations

from counterpoint.compare.events import shared_events, solo_events
from counterpoint.records import Document, Event, Extraction, Precision, QuadClass


def _doc(name: str, *events: tuple[str, tuple[str, ...], QuadClass, Precision]) -> Extraction:
    """A document whose text is one sentence per event, each event quoting its sentence."""
    sentences = [f"In {d[:4]} {'-'.join(a)} did something ({k})." for d, a, k, _ in events]
    text = " ".join(sentences)
    items, start = [], 0
    for sentence, (date, actors, kind, precision) in zip(sentences, events, strict=True):
        items.append(
            Event(start, start + len(sentence), sentence, date, precision, actors, kind, -5.0,
                  f"{kind}: {'-'.join(actors)}")
        )  # fmt: skip
        start += len(sentence) + 1
    document = Document(name=name, text=text, sha256=name, format="txt")
    return Extraction(document=document, events=tuple(items))


A = _doc(
    "a.txt",
    ("1969-03-02", ("CHN", "RUS"), "material_conflict", "day"),
    ("2001-07-16", ("CHN", "RUS"), "verbal_cooperation", "day"),
    ("1989", ("RUS",), "verbal_cooperation", "year"),
    ("1960", ("CHN", "RUS"), "verbal_conflict", "decade"),
    ("2001", ("CHN", "RUS"), "verbal_cooperation", "year"),
)
B = _doc(
    "b.txt",
    ("1969", ("RUS", "CHN"), "verbal_conflict", "year"),
    ("1969", ("CHN", "RUS", "USA"), "material_conflict", "year"),
    ("1979", ("CHN", "VNM"), "material_conflict", "year"),
    ("1989", ("CHN", "RUS"), "verbal_cooperation", "year"),
)


def test_shared_events_join_on_year_and_actor_set_and_say_how_framing_differs() -> None:
    shared = shared_events([A, B])
    assert [(e.date, e.actors) for e in shared] == [("1969", ("CHN", "RUS"))]
    framing = shared[0].framing
    assert "coded differently" in framing and "a.txt: material_conflict" in framing
    assert "different initiators" in framing  # CHN first in a.txt, RUS first in b.txt


def test_solo_events_are_what_no_other_document_cites() -> None:
    solo = solo_events([A, B])
    found = [(e.mention.doc, e.date, e.actors) for e in solo]
    # a.txt: 2001 once (two mentions of one event), not 1969 (b.txt tells it, also with the
    # USA), not 1989 RUS (b.txt has 1989 CHN-RUS), not the decade-precision 1960s.
    # b.txt: 1979 only; its 1969 CHN-RUS-USA shares two actors with a.txt's 1969.
    assert found == [("a.txt", "2001", ("CHN", "RUS")), ("b.txt", "1979", ("CHN", "VNM"))]
    for event in solo:
        text = (A if event.mention.doc == "a.txt" else B).document.text
        assert text[event.mention.start : event.mention.end] == event.mention.quote


def test_solo_events_need_another_document() -> None:
    assert solo_events([A]) == ()
    one_actor_apart = _doc("c.txt", ("2001", ("CHN", "KAZ"), "verbal_cooperation", "year"))
    solo = solo_events([A, one_actor_apart])
    # Sharing one actor of two is not the same event: both stay solo.
    assert ("c.txt", "2001") in [(e.mention.doc, e.date) for e in solo]
    assert ("a.txt", "2001") in [(e.mention.doc, e.date) for e in solo]
