"""Document text cut into segments, each marked with the extracted items covering it.

Items overlap (an actor inside a forecast inside a claim), so the text is cut at every
item boundary and each segment lists the keys of the items that cover it. A template
then renders one ``<span>`` per marked segment; the characters themselves are never
changed, so what is shown is ``document.text`` exactly and offsets stay checkable.

>>> from counterpoint.records import ActorMention, Document, Extraction
>>> document = Document(name="x", text="Russia and China", sha256="0", format="txt")
>>> actor = ActorMention(start=0, end=6, text="Russia", code="RUS", role="STATE", name="Russia")
>>> [(s.text, s.keys) for s in highlight(Extraction(document=document, actors=(actor,))).segments]
[('Russia', ('a0',)), (' and China', ())]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from counterpoint.records import ActorMention, Claim, Document, Event, Extraction, Forecast

Kind = Literal["forecast", "event", "actor", "claim", "match"]
KINDS: tuple[Kind, ...] = ("forecast", "event", "actor", "claim")
PREFIX: dict[Kind, str] = {
    "forecast": "f",
    "event": "e",
    "actor": "a",
    "claim": "c",
    "match": "m",
}


@dataclass(frozen=True)
class ItemView:
    """One extracted item as shown: a key (``f3``), a one-line label and its fields."""

    key: str
    kind: Kind
    start: int
    end: int
    label: str
    fields: tuple[tuple[str, str], ...]
    quote: str = ""
    tone: str = ""


@dataclass(frozen=True)
class Segment:
    """A run of text covered by the same items (``keys``); ``masked`` for boilerplate."""

    start: int
    end: int
    text: str
    keys: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    tones: tuple[str, ...] = ()
    masked: bool = False


@dataclass(frozen=True)
class HighlightedText:
    """A document's text as segments, and its items grouped by kind."""

    segments: tuple[Segment, ...]
    items: dict[Kind, tuple[ItemView, ...]]
    marks: tuple[ItemView, ...] = ()

    def count(self, kind: Kind) -> int:
        """How many items of ``kind`` the document has."""
        return len(self.items.get(kind, ()))


def highlight(
    extraction: Extraction, *, matches: Sequence[tuple[int, int]] = ()
) -> HighlightedText:
    """Segment ``extraction.document.text`` by its items (and search ``matches``)."""
    actors, mentions = actor_views(extraction.actors)
    items: dict[Kind, tuple[ItemView, ...]] = {
        "forecast": tuple(forecast_view(i, f) for i, f in enumerate(extraction.forecasts)),
        "event": tuple(event_view(i, e) for i, e in enumerate(extraction.events)),
        "actor": actors,
        "claim": tuple(claim_view(i, c) for i, c in enumerate(extraction.claims)),
    }
    document = extraction.document
    marks = (*items["forecast"], *items["event"], *mentions, *items["claim"])
    highlighted = HighlightedText(
        segments=tuple(segments(document.text, marks, masked=document.masked)),
        items=items,
        marks=marks,
    )
    return add_matches(document, highlighted, matches) if matches else highlighted


def add_matches(
    document: Document, text: HighlightedText, matches: Sequence[tuple[int, int]]
) -> HighlightedText:
    """``text`` with search ``matches`` marked too (items kept as they are)."""
    found = tuple(
        ItemView(f"m{i}", "match", s, e, "search match", ()) for i, (s, e) in enumerate(matches)
    )
    items: dict[Kind, tuple[ItemView, ...]] = {**text.items, "match": found}
    marks = (*text.marks, *found)
    return HighlightedText(
        segments=tuple(segments(document.text, marks, masked=document.masked)),
        items=items,
        marks=marks,
    )


def segments(
    text: str, views: Iterable[ItemView], *, masked: Sequence[tuple[int, int]] = ()
) -> list[Segment]:
    """Cut ``text`` at every item and mask boundary; each piece lists its covering items.

    Items whose span is empty or falls outside the text are dropped (stored offsets
    come from an older text only if the database was edited by hand).
    """
    size = len(text)
    spans = [v for v in views if 0 <= v.start < v.end <= size]
    cuts = {0, size}
    for view in spans:
        cuts.update((view.start, view.end))
    for start, end in masked:
        cuts.update((max(0, min(start, size)), max(0, min(end, size))))
    bounds = sorted(cuts)
    opening: dict[int, list[ItemView]] = {}
    for view in spans:
        opening.setdefault(view.start, []).append(view)
    masks = sorted((s, e) for s, e in masked if s < e)
    active: list[ItemView] = []
    result: list[Segment] = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        active = [v for v in active if v.end > start] + opening.get(start, [])
        result.append(_segment(text, start, end, active, _is_masked(start, end, masks)))
    return result


def _is_masked(start: int, end: int, masks: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in masks)


def _segment(text: str, start: int, end: int, active: list[ItemView], masked: bool) -> Segment:
    ordered = sorted(active, key=lambda v: KINDS.index(v.kind) if v.kind in KINDS else 9)
    return Segment(
        start=start,
        end=end,
        text=text[start:end],
        keys=tuple(v.key for v in ordered),
        kinds=tuple(dict.fromkeys(v.kind for v in ordered)),
        tones=tuple(dict.fromkeys(v.tone for v in ordered if v.tone)),
        masked=masked,
    )


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def forecast_view(index: int, forecast: Forecast) -> ItemView:
    """The fields of a forecast, in reading order."""
    horizon = " – ".join(x for x in (forecast.horizon_start, forecast.horizon_end) if x)
    if forecast.horizon_text:
        horizon = f"{horizon or 'open'} (“{forecast.horizon_text}”)"
    fields = [
        ("proposition", forecast.proposition),
        ("polarity", forecast.polarity.replace("_", " ")),
        (
            "probability",
            f"{_percent(forecast.probability)} ({_percent(forecast.probability_low)}–"
            f"{_percent(forecast.probability_high)}, {forecast.scale})",
        ),
        ("hedge", f"“{forecast.probability_phrase}” ({forecast.hedge_class})"),
        ("horizon", (horizon or "none stated") + (" · vague" if forecast.horizon_vague else "")),
        ("condition", forecast.condition or ""),
        ("confidence", forecast.confidence_phrase or ""),
        ("attribution", forecast.attribution),
        ("actors", " ".join(forecast.actors)),
        ("offsets", f"{forecast.start}–{forecast.end}"),
    ]
    label = (
        f"forecast: {forecast.probability_phrase} ({_percent(forecast.probability)}) — "
        f"{forecast.proposition}"
    )
    return ItemView(
        f"f{index}", "forecast", forecast.start, forecast.end, label, _kept(fields), forecast.quote
    )


def event_view(index: int, event: Event) -> ItemView:
    """The fields of a dated event; its tone is ``cooperation`` or ``conflict``."""
    fields = [
        ("date", f"{event.date} ({event.date_precision})"),
        ("date text", event.date_text),
        ("actors", " ".join(event.actors)),
        ("class", event.kind.replace("_", " ")),
        ("type", event.event_type),
        ("intensity", f"{event.intensity:+.1f}"),
        ("context", event.context),
        ("label", event.label),
        ("offsets", f"{event.start}–{event.end}"),
    ]
    tone = "conflict" if event.kind.endswith("conflict") else "cooperation"
    label = f"event: {event.date} {event.label} ({event.kind.replace('_', ' ')})"
    return ItemView(
        f"e{index}", "event", event.start, event.end, label, _kept(fields), event.quote, tone
    )


def actor_views(
    mentions: Sequence[ActorMention],
) -> tuple[tuple[ItemView, ...], tuple[ItemView, ...]]:
    """Actors listed once per (code, name, role), and each mention marked with its actor's key.

    A long op-ed mentions Russia a hundred times; listing each mention would repeat the
    same three fields a hundred times, so the list holds one entry per actor with the
    number of mentions and the words used, and every mention points at that entry.
    """
    groups: dict[tuple[str, str, str], list[ActorMention]] = {}
    for mention in mentions:
        groups.setdefault((mention.code, mention.name, mention.role), []).append(mention)
    listed: list[ItemView] = []
    marked: list[ItemView] = []
    for index, ((code, name, role), found) in enumerate(groups.items()):
        key = f"a{index}"
        words = ", ".join(dict.fromkeys(m.text for m in found))
        fields = (("code", code), ("name", name), ("role", role), ("mentions", str(len(found))))
        label = f"actor: {code} · {name} ({role})"
        first = found[0]
        listed.append(ItemView(key, "actor", first.start, first.end, label, fields, words))
        marked.extend(ItemView(key, "actor", m.start, m.end, label, ()) for m in found)
    return tuple(listed), tuple(marked)


def claim_view(index: int, claim: Claim) -> ItemView:
    """The fields of a claim."""
    fields = [
        ("polarity", claim.polarity),
        ("endorsement", claim.endorsement),
        ("actors", " ".join(claim.actors)),
        ("offsets", f"{claim.start}–{claim.end}"),
    ]
    label = f"claim: {claim.polarity}, {claim.endorsement} ({' '.join(claim.actors) or 'no actor'})"
    return ItemView(f"c{index}", "claim", claim.start, claim.end, label, _kept(fields), claim.quote)


def _kept(fields: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple((name, value) for name, value in fields if value)
