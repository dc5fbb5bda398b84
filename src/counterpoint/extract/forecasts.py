"""Forecasts: statements about the future that predict an outcome.

For each sentence: find hedges (``hedges.py``), cut the sentence into clause segments
(``clauses.py``) and make one forecast per segment that holds a hedge, led by the hedge
that governs the others (a frame such as "hard to imagine" over the "will" inside it).
A hedge makes no forecast when:

- the sentence is a question, or a filter of ``forecast_filters.v1.tsv`` applies
  (retrospective verdicts, modal + perfect, necessity on a cognition verb);
- a word the rule marks as modal is not tagged ``MD`` ("at will", "the month of May");
- it is a possibility modal ("may", "could") with no future cue in its segment;
- the finite verb it leans on is in the past tense ("it was likely that").

Probability: the hedge's point on the chosen scale; a negated clause ("none ... are
likely to") flips the polarity and gives ``1 - p``. The horizon comes from
``dates.resolve_horizon`` over the segment, then the sentence. A preceding condition
segment ("If X, expect Y") is kept as ``condition`` and joins the quote. Who the forecast
belongs to (the author or someone reported) is decided in ``attribution.py``.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from counterpoint.extract.attribution import attribution
from counterpoint.extract.clauses import Segment, segment_sentence
from counterpoint.extract.dates import resolve_horizon
from counterpoint.extract.hedges import HedgeMatch, find_hedges, probability_for
from counterpoint.nlp import token_at
from counterpoint.records import ActorMention, Forecast

FILTERS_RULESET = "forecast_filters.v1"
_FUTURE_CUE = re.compile(
    r"\b(?:in\s+time|future\s+(?!of\b)\w+|in\s+the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|"
    r"eventually|ultimately|one\s+day|some\s*day|soon|sooner\s+or\s+later|in\s+the\s+coming|"
    r"next\s+(?:year|decade|month|few)|in\s+the\s+years?\s+ahead|by\s+(?:19|20)\d\d|"
    r"within\s+(?:a|the\s+next|\w+)\s+(?:years?|decades?|months?)|tomorrow|this\s+decade|"
    r"in\s+the\s+(?:long|short|medium|near)\s+(?:run|term)|at\s+some\s+point)\b",
    re.IGNORECASE,
)
# resolve_horizon is only worth calling on text that mentions time at all.
_TIME_HINT = re.compile(
    r"\d|decade|year|month|week|centur|term|future|coming|ahead|soon|eventual|ultimate|later|next|"
    r"tomorrow|time|day|run|point|sooner|before|until|within|'\d0s|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec",
    re.IGNORECASE,
)
_NEG_SUBJECTS = {"none", "neither", "nothing", "nobody", "no one", "noone"}


@dataclass(frozen=True)
class _Filter:
    id: str
    kind: str
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def load_filters() -> tuple[_Filter, ...]:
    """Load ``forecast_filters.v1.tsv`` (cached)."""
    path = resources.files("counterpoint.extract") / "patterns" / "forecast_filters.v1.tsv"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    rows = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    return tuple(_Filter(r[0], r[1], re.compile(r[2], re.IGNORECASE)) for r in rows if r)


def _md_ok(sent: Span, match: HedgeMatch, base: int) -> bool:
    """A rule's modal word must be tagged MD (skipped when the pipeline has no tagger)."""
    word = match.rule.md
    if word is None or not sent.doc.has_annotation("TAG"):
        return True
    found = re.search(rf"\b{word}\b", match.text, re.IGNORECASE)
    token = token_at(sent, base + match.start + (found.start() if found else 0))
    return token is None or token.tag_ == "MD"


def _tense_ok(sent: Span, match: HedgeMatch, base: int, segment: Segment) -> bool:
    """Frames and adverbs about the past are not forecasts.

    "It was likely that ..." (a past tense around the hedge), "it has probably always been"
    (an adverb on a present perfect).
    """
    if match.rule.kind not in ("adverb", "frame") or not sent.doc.has_annotation("TAG"):
        return True
    seg_lo, seg_hi = base + segment.start, base + segment.end
    hedge_lo, hedge_hi = base + match.start, base + match.end
    finite = {"VBD", "VBZ", "VBP", "MD"}
    # Verbs of a relative clause ("the defeats it suffered") tell of the noun, not of
    # the hedged clause's time.
    aside = _relative_clauses(sent, token_at(sent, hedge_lo))
    verbs = [t for t in sent if t.tag_ in finite and not aside & {t, *t.ancestors}]
    before = [t for t in verbs if seg_lo <= t.idx < hedge_lo]
    after = [t for t in verbs if hedge_hi <= t.idx < seg_hi]
    if after and after[0].tag_ == "VBD":
        return False
    if match.rule.kind == "adverb" and _on_present_perfect(sent, match, base):
        return False
    return not (before and before[-1].tag_ == "VBD" and not after)


def _relative_clauses(sent: Span, hedge: Token | None) -> set[Token]:
    """Heads of the sentence's relative clauses, except one the hedge itself is in."""
    if not sent.doc.has_annotation("DEP"):
        return set()
    around = {hedge, *hedge.ancestors} if hedge is not None else set()
    return {t for t in sent if t.dep_ == "relcl" and t not in around}


def _on_present_perfect(sent: Span, match: HedgeMatch, base: int) -> bool:
    """The adverb qualifies a present perfect with no modal ("has probably always been")."""
    token = token_at(sent, base + match.start)
    if token is None or not sent.doc.has_annotation("DEP") or token.head.tag_ != "VBN":
        return False
    auxes = [c for c in token.head.children if c.dep_ in ("aux", "auxpass")]
    return any(a.lemma_ == "have" for a in auxes) and not any(a.tag_ == "MD" for a in auxes)


def _negated(sent: Span, match: HedgeMatch, base: int, segment: Segment) -> bool:
    """Is the clause the hedge leans on negated ("will not", "none ... are likely")?

    Only negations inside the hedge's segment and outside the hedge phrase count.
    """
    token = token_at(sent, base + match.start)
    if (
        token is None
        or not sent.doc.has_annotation("DEP")
        or re.search(r"\bnot?\b|n't", match.text, re.I)
    ):
        return False
    lo, hi = base + segment.start, base + segment.end
    hedge_lo, hedge_hi = base + match.start, base + match.end

    def inside(t: Token) -> bool:
        return lo <= t.idx < hi and not hedge_lo <= t.idx < hedge_hi

    for head in (token, token.head):
        if not inside(head) and head is not token:
            continue
        for child in head.children:
            if not inside(child):
                continue
            if child.dep_ == "neg" or (
                child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in _NEG_SUBJECTS
            ):
                return True
    return False


def _in_relative_clause(sent: Span, match: HedgeMatch, base: int) -> bool:
    """The hedge sits in a relative clause ("developments that both will not welcome")."""
    if not sent.doc.has_annotation("DEP"):
        return False
    token = token_at(sent, base + match.start)
    return token is not None and any(t.dep_ == "relcl" for t in (token, *token.ancestors))


def _primary(sent: Span, matches: Sequence[HedgeMatch], base: int) -> HedgeMatch:
    """The hedge of the main clause first, then by priority, length and position.

    A hedge inside a relative clause qualifies a noun, not the clause's prediction: in
    "the clash will bring developments that both will not welcome" the forecast is "will".
    """
    return max(
        matches,
        key=lambda m: (
            not _in_relative_clause(sent, m, base),
            m.priority,
            m.end - m.start,
            -m.start,
        ),
    )


def _proposition(text: str, match: HedgeMatch, segment: Segment) -> str:
    rel_start, rel_end = match.start - segment.start, match.end - segment.start
    stripped = segment.text[:rel_start] + " " + segment.text[rel_end:]
    stripped = re.sub(
        r"^\W*(?:and|but|yet|so|because|as|although|though|while)\b", "", stripped, flags=re.I
    )
    stripped = re.sub(r"\s+", " ", stripped).strip(' ,.;:\u2014\u2013-\u201c\u201d"')
    return stripped[:240]


@dataclass(frozen=True)
class ForecastOptions:
    """Options for forecast extraction."""

    published: date | None = None
    scale: str = "icd203"


def _future_cue(text: str, published: date | None) -> bool:
    if _FUTURE_CUE.search(text):
        return True
    if published is None or not _TIME_HINT.search(text):
        return False
    horizon = resolve_horizon(text, published=published)
    return horizon is not None and not horizon.vague


def _keep(
    sent: Span, match: HedgeMatch, base: int, segment: Segment, published: date | None
) -> bool:
    if match.rule.kind == "confidence" or not _md_ok(sent, match, base):
        return False
    if match.rule.kind == "possibility" and not _future_cue(segment.text, published):
        return False
    return _tense_ok(sent, match, base, segment)


def _filtered(text: str, segment: Segment) -> bool:
    for rule in load_filters():
        if rule.kind == "retrospective" and rule.pattern.search(text):
            return True
        if rule.kind in ("counterfactual", "stative") and rule.pattern.search(segment.text):
            return True
    return False


def sentence_forecasts(
    sent: Span,
    *,
    offset: int,
    actors: Sequence[ActorMention],
    options: ForecastOptions,
    hedges: Sequence[HedgeMatch] | None = None,
    actor_starts: Sequence[int] | None = None,
) -> list[Forecast]:
    """Forecasts in one sentence; offsets are into the whole document text.

    ``hedges`` (offsets relative to the sentence) may be passed when they were found over
    the whole document at once; otherwise they are looked for in the sentence.
    ``actor_starts`` (the ``start`` of each of ``actors``, sorted) saves recomputing them
    for every sentence of a long document.
    """
    text = sent.text
    if text.rstrip().rstrip("\u201d\"' )").endswith("?"):
        return []
    hedges = find_hedges(text) if hedges is None else hedges
    if not hedges:
        return []
    starts = [a.start for a in actors] if actor_starts is None else actor_starts
    base = sent.start_char
    segments = segment_sentence(text)
    forecasts = []
    for i, segment in enumerate(segments):
        inside = [m for m in hedges if segment.start <= m.start < segment.end]
        kept = [m for m in inside if _keep(sent, m, base, segment, options.published)]
        if not kept or segment.is_condition or _filtered(text, segment):
            continue
        condition = segments[i - 1] if i and segments[i - 1].is_condition else None
        forecasts.append(
            _build(
                sent,
                _primary(sent, kept, base),
                segment,
                condition,
                offset=offset,
                actors=actors,
                actor_starts=starts,
                options=options,
                confidence=_confidence(hedges),
            )
        )
    return forecasts


def _build(
    sent: Span,
    match: HedgeMatch,
    segment: Segment,
    condition: Segment | None,
    *,
    offset: int,
    actors: Sequence[ActorMention],
    actor_starts: Sequence[int],
    options: ForecastOptions,
    confidence: str | None = None,
) -> Forecast:
    base = sent.start_char
    point, low, high = probability_for(match.rule, scale=options.scale)
    polarity = match.rule.polarity
    if polarity == "happens" and _negated(sent, match, base, segment):
        polarity, point, low, high = "does_not_happen", 1 - point, 1 - high, 1 - low
    rel_start = condition.start if condition else segment.start
    start, end = offset + base + rel_start, offset + base + segment.end
    horizon = None
    if options.published is not None and _TIME_HINT.search(sent.text):
        horizon = resolve_horizon(
            sent.text, published=options.published, start=segment.start, end=segment.end
        ) or resolve_horizon(sent.text, published=options.published)
    first, last = bisect_left(actor_starts, start), bisect_left(actor_starts, end)
    codes = tuple(dict.fromkeys(a.code for a in actors[first:last]))
    return Forecast(
        start=start,
        end=end,
        quote=sent.text[rel_start : segment.end],
        proposition=_proposition(sent.text, match, segment),
        polarity=polarity,  # type: ignore[arg-type]
        probability_phrase=match.text,
        probability=round(point, 3),
        probability_low=round(low, 3),
        probability_high=round(high, 3),
        scale=options.scale,
        hedge_class=match.rule.category,
        attribution=attribution(sent, match, base, actors),
        horizon_start=horizon.start.isoformat() if horizon else None,
        horizon_end=horizon.end.isoformat() if horizon and horizon.end else None,
        horizon_text=horizon.text if horizon else None,
        horizon_vague=horizon.vague if horizon else False,
        condition=condition.text if condition else None,
        confidence_phrase=confidence,
        actors=codes,
        sentence_start=offset + base,
        sentence_end=offset + sent.end_char,
    )


def _confidence(hedges: Sequence[HedgeMatch]) -> str | None:
    for match in hedges:
        if match.rule.kind == "confidence":
            return match.text
    return None


def extract_forecasts(
    doc: Doc, *, offset: int = 0, actors: Sequence[ActorMention] = (), options: ForecastOptions
) -> list[Forecast]:
    """Forecasts in a parsed chunk of a document (offsets shifted by ``offset``)."""
    starts = [a.start for a in actors]
    return [
        forecast
        for sent in doc.sents
        for forecast in sentence_forecasts(
            sent, offset=offset, actors=actors, options=options, actor_starts=starts
        )
    ]
