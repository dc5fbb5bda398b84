"""Dated past events between actors, one or more per sentence.

A sentence cites a dated event when it carries a date expression that resolves to the
past (``dates.find_time_expressions``). The sentence is cut into clause segments; each
past date makes one event from its own segment's actors (or the sentence's, or, when the
sentence names none, the previous sentence's: "the alliance crashed"), and a segment
without a date but with its own event cue and a different set of actors makes another
event on the sentence's date ("In 1959, when China and India skirmished ..., the Soviet
Union stayed neutral" -> CHN-IND and RUS-CHN). Segments that are hypothetical ("if the
war had continued, Moscow could well have been compelled") make none.

An approximate relative date ("recently", "just over 50 years ago") snaps to an explicit
date in the same or a neighbouring sentence that falls inside its interval (give or take
a year). A present-tense "ongoing" conflict or cooperation with no past date is coded on
the publication year with context ``ongoing``.

Type, quad class and intensity come from the strongest event cue (``event_types``); a
dated clause with actors but no cue is kept as type ``UNCODED`` with intensity 0 and the
neutral quad class ``verbal_cooperation``, flagged in its label, so that no dated
citation is lost and none is given a made-up type.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from counterpoint.extract.clauses import segment_sentence
from counterpoint.extract.event_types import EventCue, find_cues_in, label_for
from counterpoint.nlp import token_at
from counterpoint.records import ActorMention, Event, TimeExpression

MAX_QUOTE = 450
_HYPOTHETICAL = re.compile(
    r"\b(?:if\b[^,]*\bhad\b|(?:would|could|might|may|should)\s+(?:well\s+|also\s+|not\s+)?have\s+\w+|"
    r"will\s+(?!have\b)\w+|would\s+\w+|imagine|suppose|hypothetical|scenario)",
    re.IGNORECASE,
)
_ONGOING = re.compile(r"\b(?:ongoing|under\s*way|continuing|unfolding)\b", re.IGNORECASE)
_RELATIVE = re.compile(r"^\W*(?:which|who|whom|whose|that|where)\b", re.IGNORECASE)
_STATE_ROLES = {"STATE", "GOV", "MIL", "LEADER", "PEOPLE"}


@dataclass(frozen=True)
class EventContext:
    """What the event extractor needs besides the parsed text (both tuples sorted by start)."""

    published: date | None
    times: tuple[TimeExpression, ...]
    actors: tuple[ActorMention, ...]
    matcher: Matcher

    @cached_property
    def time_starts(self) -> list[int]:
        """Start offsets of ``times``, for bisection."""
        return [t.start for t in self.times]

    @cached_property
    def actor_starts(self) -> list[int]:
        """Start offsets of ``actors``, for bisection."""
        return [m.start for m in self.actors]


def _past(expr: TimeExpression, published: date | None) -> bool:
    """Does the expression denote the past? A decade or period still running is not past."""
    if published is None or expr.latest < published:
        return True
    return (
        expr.precision in ("day", "month", "year")
        and expr.latest.year == expr.earliest.year
        and (expr.earliest <= published)
    )


def _datable(expr: TimeExpression) -> bool:
    """A named multi-year period ("the Vietnam War") is context, not an event's date."""
    spread = expr.latest.year - expr.earliest.year
    return (
        expr.precision in ("decade", "century")
        or spread <= 1
        or any(c.isdigit() for c in expr.text)
    )


def _snap(expr: TimeExpression, nearby: Sequence[TimeExpression]) -> TimeExpression:
    """Replace an approximate relative date by an explicit one it covers."""
    if (expr.anchor != "published" and not expr.vague) or expr.precision in ("day", "month"):
        return expr
    for other in nearby:
        if other.anchor == "absolute" and other.precision in ("day", "month", "year"):
            lo, hi = expr.earliest - timedelta(days=366), expr.latest + timedelta(days=366)
            if lo <= other.earliest <= hi:
                return TimeExpression(
                    expr.start,
                    expr.end,
                    expr.text,
                    other.earliest,
                    other.latest,
                    other.precision,
                    "text",
                    False,
                )
    return expr


def _codes(mentions: Sequence[ActorMention]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.code for m in mentions))


def _in(ctx: EventContext, lo: int, hi: int) -> list[ActorMention]:
    """Actor mentions starting in [lo, hi)."""
    starts = ctx.actor_starts
    return list(ctx.actors[bisect_left(starts, lo) : bisect_left(starts, hi)])


def _cue(
    cues: Sequence[EventCue], lo: int, hi: int, near: tuple[int, int] | None = None
) -> EventCue | None:
    """The cue that codes a clause: nearest the date that dates it, then the most intense.

    "Soviet betrayal in 1959 ... the crash of the alliance" is coded by "betrayal", the
    event the date is attached to; with no date to go by, "invading" outranks "alliance".
    """
    inside = [c for c in cues if lo <= c.start and c.end <= hi and not c.negated]
    if not inside:
        return None

    def distance(cue: EventCue) -> int:
        if near is None:
            return 0
        return max(near[0] - cue.end, cue.start - near[1], 0)

    return min(inside, key=lambda c: (distance(c) // 25, -abs(c.intensity), c.start))


@dataclass(frozen=True)
class _Draft:
    expr: TimeExpression
    actors: tuple[str, ...]
    cue: EventCue | None
    context: str
    own: bool = True


@dataclass(frozen=True)
class _Seg:
    codes: tuple[str, ...]
    cue: EventCue | None
    dates: tuple[TimeExpression, ...]
    hypothetical: bool
    relative: bool


def _between(ctx: EventContext, lo: int, hi: int) -> list[TimeExpression]:
    """Time expressions starting in [lo, hi)."""
    starts = ctx.time_starts
    return list(ctx.times[bisect_left(starts, lo) : bisect_left(starts, hi)])


def _union(codes: tuple[str, ...], more: tuple[str, ...]) -> tuple[str, ...]:
    return codes if len(codes) >= 2 else tuple(dict.fromkeys(codes + more))


def _segments(
    sent: Span, ctx: EventContext, lo: int, past: Sequence[TimeExpression], cues: Sequence[EventCue]
) -> list[_Seg]:
    base = sent.start_char
    segs = []
    for segment in segment_sentence(sent.text):
        s_lo, s_hi = lo + segment.start, lo + segment.end
        dates = tuple(t for t in past if s_lo <= t.start < s_hi)
        # Cue offsets are the chunk's; dates carry document offsets (lo - base = chunk offset).
        near = (dates[0].start - lo + base, dates[0].end - lo + base) if dates else None
        cue = _cue(cues, base + segment.start, base + segment.end, near)
        hypothetical = bool(_HYPOTHETICAL.search(segment.text)) and not dates
        relative = bool(_RELATIVE.match(segment.text))
        segs.append(_Seg(_codes(_in(ctx, s_lo, s_hi)), cue, dates, hypothetical, relative))
    return segs


def _dated(
    segs: list[_Seg],
    sentence: tuple[str, ...],
    previous: tuple[str, ...],
    fallback: EventCue | None,
) -> tuple[list[_Draft], set[int]]:
    """One draft per past date, with the actors of the segment that owns it."""
    drafts, used = [], set()
    for k, seg in enumerate(segs):
        for expr in seg.dates:
            if seg.codes:
                drafts.append(
                    _Draft(expr, _union(seg.codes, sentence), seg.cue or fallback, "historical")
                )
                used.add(k)
            elif seg.cue and (previous or sentence):
                # A relative clause ("which entered service in 2019") speaks of its own
                # sentence; any other clause with no actors ("Disagreements came to a head
                # in 1958") continues the previous sentence.
                codes = sentence if seg.relative or not previous else previous
                drafts.append(_Draft(expr, codes, seg.cue, "historical", own=False))
                used.add(k)
            else:
                order = list(range(k + 1, len(segs))) + list(range(k - 1, -1, -1))
                target = next((j for j in order if segs[j].codes and not segs[j].dates), None)
                if target is None:
                    if sentence:
                        drafts.append(_Draft(expr, sentence, fallback, "historical"))
                    continue
                near = segs[target]
                drafts.append(
                    _Draft(expr, _union(near.codes, sentence), near.cue or fallback, "historical")
                )
                used.add(target)
    return drafts, used


def _drafts(
    sent: Span,
    ctx: EventContext,
    offset: int,
    previous: tuple[str, ...],
    nearby: Sequence[TimeExpression],
) -> list[_Draft]:
    lo, hi = offset + sent.start_char, offset + sent.end_char
    in_sentence = [_snap(t, nearby) for t in nearby if lo <= t.start < hi]
    # A vague relative date that no explicit date pins down dates nothing.
    past = [t for t in in_sentence if not t.vague and _datable(t) and _past(t, ctx.published)]
    # "... estimated it would be able to invade by 2020": a date or a verb cue under a modal
    # in its own clause tells what would, could or might happen, not what did.
    past = [t for t in past if not _under_modal(token_at(sent, t.start - offset))]
    sentence = _codes(_in(ctx, lo, hi))
    if not past and not (sentence and _ONGOING.search(sent.text)):
        return []
    # Cues are matched only for the few sentences that can hold an event.
    # Only verb cues: a noun names what exists ("the struggle would continue").
    cues = [
        c
        for c in find_cues_in(sent, ctx.matcher)
        if not (sent.doc[c.token_i].pos_ == "VERB" and _under_modal(sent.doc[c.token_i]))
    ]
    fallback = _cue(cues, sent.start_char, sent.end_char)
    if not past:
        return _ongoing(sent, ctx, lo, sentence, fallback)
    segs = _segments(sent, ctx, lo, past, cues)
    drafts, used = _dated(segs, sentence, previous, fallback)
    for k, seg in enumerate(segs):
        if k in used or seg.dates or not seg.codes or seg.cue is None or seg.hypothetical:
            continue
        if not any(set(seg.codes) <= set(d.actors) for d in drafts if d.own):
            drafts.append(_Draft(past[0], seg.codes, seg.cue, "historical"))
    return drafts


_CLAUSE_HEADS = frozenset({"ROOT", "ccomp", "advcl", "conj", "relcl", "parataxis", "csubj"})


def _under_modal(token: Token | None) -> bool:
    """Is ``token`` in a clause whose verb has a modal auxiliary (would, could, might ...)?

    Walks up the parse from ``token`` through its own clause: every verb on the way is
    checked for an ``MD`` auxiliary, and the walk stops after the clause's head (the root,
    or a complement, adverbial, relative or coordinated clause). Without a parser, False.
    """
    if token is None or not token.doc.has_annotation("DEP"):
        return False
    for t in (token, *token.ancestors):
        if t.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "aux" and c.tag_ == "MD" for c in t.children
        ):
            return True
        if t.dep_ in _CLAUSE_HEADS or (t.dep_ == "acl" and t.tag_ in ("VBG", "VBN")):
            # A participle modifying a noun states a fact ("treaties dating back to 1860").
            return False
    return False


def _ongoing(
    sent: Span, ctx: EventContext, lo: int, sentence: tuple[str, ...], cue: EventCue | None
) -> list[_Draft]:
    """A present-tense 'ongoing' material event, dated to the publication year."""
    if not (ctx.published and sentence and cue and cue.quad.startswith("material")):
        return []
    if not _ONGOING.search(sent.text):
        return []
    year = TimeExpression(
        lo, lo, "", date(ctx.published.year, 1, 1), ctx.published, "year", "published", True
    )
    return [_Draft(year, sentence, cue, "ongoing")]


def _dedupe(drafts: Sequence[_Draft]) -> list[_Draft]:
    """One event per (year, actor set) in a sentence: the first, most explicit citation."""
    seen: dict[tuple[str, frozenset[str]], _Draft] = {}
    for draft in drafts:
        seen.setdefault((draft.expr.value[:4], frozenset(draft.actors)), draft)
    return list(seen.values())


def _to_event(draft: _Draft, sent: Span, offset: int) -> Event:
    lo, hi = offset + sent.start_char, offset + sent.end_char
    quote = sent.text.rstrip()
    if len(quote) > MAX_QUOTE:
        hi = min(hi, draft.expr.end + MAX_QUOTE // 2)
        lo = max(lo, draft.expr.start - MAX_QUOTE // 2)
        quote = sent.doc.text[lo - offset : hi - offset]
    else:
        hi = lo + len(quote)
    cue = draft.cue
    return Event(
        start=lo,
        end=hi,
        quote=quote,
        date=draft.expr.value,
        date_precision=draft.expr.precision,
        actors=draft.actors,
        kind=cue.quad if cue else "verbal_cooperation",
        intensity=cue.intensity if cue else 0.0,
        label=label_for(cue, draft.actors) if cue else "uncoded: " + "–".join(draft.actors),
        context=draft.context,  # type: ignore[arg-type]
        event_type=cue.type if cue else "UNCODED",
        date_text=draft.expr.text,
        sentence_start=offset + sent.start_char,
        sentence_end=offset + sent.end_char,
    )


def extract_events(doc: Doc, *, offset: int = 0, context: EventContext) -> list[Event]:
    """Dated past events in a parsed chunk of a document (offsets shifted by ``offset``)."""
    events: list[Event] = []
    sents = list(doc.sents)
    previous: tuple[str, ...] = ()
    for i, sent in enumerate(sents):
        lo = offset + sents[max(i - 1, 0)].start_char
        hi = offset + sents[min(i + 1, len(sents) - 1)].end_char
        nearby = _between(context, lo, hi)
        drafts = _dedupe(_drafts(sent, context, offset, previous, nearby))
        events.extend(_to_event(draft, sent, offset) for draft in drafts if draft.actors)
        states = _codes(
            [
                m
                for m in _in(context, offset + sent.start_char, offset + sent.end_char)
                if m.role in _STATE_ROLES
            ]
        )
        if states:
            previous = states
    return events
