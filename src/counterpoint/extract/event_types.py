"""Event cues: find and code the words of a clause that cite an event between states.

Cues come from the event-type lexicon (``event_lexicon``: ``patterns/event_verbs.v1.jsonl``,
rule set ``event_verbs.v1``), which codes each one to a PLOVER event type, its quad class
and an intensity on a -10..+10 conflict-cooperation scale; a governing frame word may
recode a cue (``event_frames``).

Matching (spaCy ``Matcher`` on the model's lemmas and tags) is described in the data
file's header; overlapping matches keep the longest ("trade war" over "war").

Example: in "Moscow severed ties with Kyiv in 2008." ``find_cues`` finds "severed ties"
(entry ``sanction-sever``: SANCTION, material_conflict, -6).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from types import MappingProxyType
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from counterpoint.errors import ExtractionError
from counterpoint.extract.event_frames import governing_frame, reframe
from counterpoint.extract.event_lexicon import (
    EVENT_TYPES,
    EVENT_VERBS_PATH,
    EVENT_VERBS_RULESET,
    GAP,
    EventEntry,
    EventType,
    event_type,
    load_event_entries,
    parse_event_entries,
)
from counterpoint.records import QuadClass

__all__ = [
    "EVENT_TYPES",
    "EVENT_VERBS_PATH",
    "EVENT_VERBS_RULESET",
    "GAP",
    "MAX_GAP",
    "EventCue",
    "EventEntry",
    "EventType",
    "build_cue_matcher",
    "event_type",
    "find_cues",
    "find_cues_in",
    "is_negated",
    "label_for",
    "load_event_entries",
    "parse_event_entries",
    "strongest",
]

MAX_GAP = 3
_NEGATED_VIA_HEAD = frozenset({"dobj", "nsubjpass", "attr"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_key = attrgetter("start_char", "end_char")


@dataclass(frozen=True)
class EventCue:
    """An event cue found in a document.

    ``cue == doc.text[start:end]``; ``token_i`` is its head token (a phrase's syntactic
    root), ``negated`` whether that token is negated (what that means is the caller's
    call), ``depth`` its dependency arcs to the sentence root (0: main verb), ``dep`` its
    dependency label; ``lemma`` spells the cue without gap words ("sever tie").
    """

    type: str
    quad: QuadClass
    intensity: float
    cue: str
    start: int
    end: int
    token_i: int
    negated: bool
    entry_id: str
    depth: int = 0
    dep: str = ""
    lemma: str = ""


def _cases(words: Sequence[str]) -> list[str]:
    """Lemmas as the model may write them: lowercase, or capitalised on proper nouns."""
    return sorted({form for word in words for form in (word, word.capitalize())})


def _inflect(word: str, suffix: str) -> str:
    """Regular inflection: ("occupy", "ed") -> "occupied", ("clash", "s") -> "clashes"."""
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + ("ied" if suffix == "ed" else "ies")
    if suffix == "ed":
        return word + ("d" if word.endswith("e") else "ed")
    return word + ("es" if word.endswith(("s", "sh", "ch", "x", "o")) else "s")


@lru_cache(maxsize=1)
def _one_token_cues() -> Mapping[tuple[str, str], EventEntry]:
    """(POS, value) -> entry: verb and noun lemmas, -ed forms (ADJ), plurals (PROPN), ids."""
    index: dict[tuple[str, str], EventEntry] = {}
    for entry in load_event_entries():
        index[("id", entry.id)] = entry
        index |= {("VERB", lemma): entry for lemma in entry.lemmas}
        index |= {("ADJ", _inflect(lemma, "ed")): entry for lemma in entry.lemmas}
        index |= {("NOUN", noun): entry for noun in entry.nouns}
        index |= {("PROPN", f): entry for n in entry.nouns for f in (n, _inflect(n, "s"))}
    return MappingProxyType(index)


def _phrase_patterns(phrase: str) -> list[list[dict[str, Any]]]:
    # The first word is an exact value, checked in C at every token; ``IN`` sets are
    # Python predicates, so only later words, tried after a first-word hit, use them.
    gap = {"IS_PUNCT": False, "POS": {"NOT_IN": ["VERB", "AUX"]}, "OP": f"{{0,{MAX_GAP}}}"}
    first, *rest = phrase.split()
    tail = [dict(gap) if w == GAP else {"LEMMA": {"IN": _cases(w.split("|"))}} for w in rest]
    return [[{"LEMMA": lemma}, *tail] for lemma in _cases(first.split("|"))]


def build_cue_matcher(vocab: Vocab) -> Matcher:
    """Build the cue matcher for a pipeline's vocabulary (build once per ``nlp``; cache it).

    The matcher holds the phrases only (each entry with phrases is a key, its id); one-token
    cues are dictionary look-ups per token in ``_token_cues`` (label ``cue:VERB`` ...), which
    is far cheaper than ``IN`` predicates the Matcher would evaluate in Python at every token.
    """
    matcher = Matcher(vocab)
    for entry in load_event_entries():
        if entry.phrases:
            matcher.add(entry.id, [p for phrase in entry.phrases for p in _phrase_patterns(phrase)])
    return matcher


def _entry_for(match: Span) -> EventEntry:
    kind, _, pos = match.label_.partition(":")
    if kind != "cue":
        return _one_token_cues()[("id", match.label_)]
    value = match[0].lemma_ if pos in ("VERB", "NOUN") else match[0].lower_
    return _one_token_cues()[(pos, value)]


@lru_cache(maxsize=1)
def _phrases_by_first() -> Mapping[str, tuple[tuple[str, tuple[frozenset[str] | None, ...]], ...]]:
    """First lemma (as the model may write it) -> (entry id, later words) of every phrase.

    A later word is the set of lemmas it accepts, or ``None`` for a gap of up to
    ``MAX_GAP`` tokens that are neither punctuation nor verbs.
    """
    index: dict[str, list[tuple[str, tuple[frozenset[str] | None, ...]]]] = {}
    for entry in load_event_entries():
        for phrase in entry.phrases:
            first, *rest = phrase.split()
            words = tuple(None if w == GAP else frozenset(_cases(w.split("|"))) for w in rest)
            for lemma in _cases(first.split("|")):
                index.setdefault(lemma, []).append((entry.id, words))
    return MappingProxyType({lemma: tuple(items) for lemma, items in index.items()})


def _gap_token(token: Token) -> bool:
    return not token.is_punct and token.pos_ not in ("VERB", "AUX")


def _match_rest(
    tokens: Sequence[Token], i: int, words: Sequence[frozenset[str] | None]
) -> int | None:
    """Index one past the end of the longest match of ``words`` from ``tokens[i]``, or None."""
    if not words:
        return i
    word, rest = words[0], words[1:]
    if word is not None:
        if i < len(tokens) and tokens[i].lemma_ in word:
            return _match_rest(tokens, i + 1, rest)
        return None
    ends = []
    for skip in range(MAX_GAP + 1):
        if skip and (i + skip - 1 >= len(tokens) or not _gap_token(tokens[i + skip - 1])):
            break
        end = _match_rest(tokens, i + skip, rest)
        if end is not None:
            ends.append(end)
    return max(ends) if ends else None


def _phrase_cues(doclike: Doc | Span) -> list[Span]:
    """Multiword cues, matched in Python on lemmas (the same patterns as the Matcher's).

    Phrases start with one exact lemma, so a dictionary look-up per token finds the few
    candidates; this is several times cheaper than the Matcher's gap operators.
    """
    index = _phrases_by_first()
    doc = doclike if isinstance(doclike, Doc) else doclike.doc
    tokens = list(doclike)
    offset = tokens[0].i if tokens else 0
    found = []
    for i, token in enumerate(tokens):
        for entry_id, words in index.get(token.lemma_, ()):
            end = _match_rest(tokens, i + 1, words)
            if end is not None:
                found.append(Span(doc, offset + i, offset + end, label=entry_id))
    return found


_TOKEN_CUE_ATTR = {"VERB": "lemma_", "NOUN": "lemma_", "ADJ": "lower_", "PROPN": "lower_"}


def _token_cues(doclike: Doc | Span) -> list[Span]:
    """One-token cues: (part of speech, lemma or lower form) looked up in the lexicon."""
    index = _one_token_cues()
    doc = doclike if isinstance(doclike, Doc) else doclike.doc
    found = []
    for token in doclike:
        attr = _TOKEN_CUE_ATTR.get(token.pos_)
        if attr is not None and (token.pos_, getattr(token, attr)) in index:
            found.append(Span(doc, token.i, token.i + 1, label=f"cue:{token.pos_}"))
    return found


def _span_matches(doclike: Doc | Span, matcher: Matcher) -> tuple[Span, ...]:
    """Match a doc or a sentence; untagged docs have no cues."""
    doc = doclike if isinstance(doclike, Doc) else doclike.doc
    if not (doc.has_annotation("POS") and doc.has_annotation("LEMMA")):
        return ()
    found = _phrase_cues(doclike) + _token_cues(doclike)
    modifier = [len(m) == 1 and m[0].pos_ == "ADJ" and m[0].dep_ == "amod" for m in found]
    return tuple(sorted((m for m, skip in zip(found, modifier, strict=True) if not skip), key=_key))


def _has_negation(token: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_, c.lower_) == ("det", "no") for c in token.children)


def is_negated(token: Token) -> bool:
    """Tell whether a cue token, or the verb it is the object of, is negated."""
    if _has_negation(token):
        return True
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        return _has_negation(token.head.head)
    return token.dep_ in _NEGATED_VIA_HEAD and _has_negation(token.head)


def _depth(token: Token) -> int:
    """Dependency arcs from ``token`` to the root of its sentence."""
    depth = 0
    while token.head.i != token.i and depth < len(token.doc):
        token, depth = token.head, depth + 1
    return depth


def _lemma_text(span: Span, entry: EventEntry) -> str:
    """Spell the cue's lemmas, leaving out words a phrase gap let through ("expel diplomat")."""
    words = {alt for phrase in entry.phrases for word in phrase.split() for alt in word.split("|")}
    tokens = [t for t in span if len(span) == 1 or t.lemma_.lower() in words] or list(span)
    forms = (t.lower_ if t.lower_ in words else t.lemma_.lower() for t in tokens)
    return "".join(form + t.whitespace_ for form, t in zip(forms, tokens, strict=True)).strip()


def _to_cue(span: Span) -> EventCue:
    """Code a matched span; a governing frame word recodes it (``event_frames``)."""
    entry, head = _entry_for(span), span.root
    kind, quad, intensity = entry.type, entry.quad, entry.intensity
    frame = governing_frame(head)
    recoded = reframe(quad, intensity, frame) if frame is not None else None
    if recoded is not None:
        kind, intensity = recoded
        quad = event_type(kind).quad
    return EventCue(
        type=kind,
        quad=quad,
        intensity=intensity,
        cue=span.text,
        start=span.start_char,
        end=span.end_char,
        token_i=head.i,
        negated=is_negated(head),
        entry_id=entry.id,
        depth=_depth(head),
        dep=head.dep_,
        lemma=_lemma_text(span, entry),
    )


@lru_cache(maxsize=4)
def _doc_matches(doc: Doc, matcher: Matcher) -> tuple[Span, ...]:
    """Match a doc once (callers ask clause by clause)."""
    return _span_matches(doc, matcher)


def find_cues_in(span: Span, matcher: Matcher) -> list[EventCue]:
    """Event cues in one sentence (or other span), matched on that span alone.

    Cheaper than ``find_cues`` when only a few sentences of a document need cues.
    """
    return [_to_cue(m) for m in sorted(filter_spans(_span_matches(span, matcher)), key=_key)]


def find_cues(
    doc: Doc, matcher: Matcher, *, start_char: int = 0, end_char: int | None = None
) -> list[EventCue]:
    """Event cues wholly inside ``doc.text[start_char:end_char]``, in text order.

    Overlapping matches in the range keep the longest (then the earliest). The doc is
    matched once and the matches cached, so asking clause by clause costs little.

    Raises:
        ExtractionError: if the range is not inside the document.
    """
    # len(doc.text) would join every token's text on each call.
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    end = length if end_char is None else end_char
    if not 0 <= start_char <= end <= length:
        raise ExtractionError(f"find_cues: {start_char}..{end} is outside the doc (0..{length})")
    matches = _doc_matches(doc, matcher)
    lo = bisect_left(matches, (start_char, start_char), key=_key)
    hi = bisect_left(matches, (end + 1, end + 1), key=_key)
    inside = [m for m in matches[lo:hi] if m.end_char <= end]
    return [_to_cue(m) for m in sorted(filter_spans(inside), key=_key)]


def strongest(cues: Sequence[EventCue]) -> EventCue | None:
    """Pick the cue that best characterises a clause (``None`` when there is none).

    The cue nearest the root of the dependency tree wins ("Beijing *condemned* the
    sanctions" is DISAPPROVE, not SANCTION); at equal depth a subject, since a clause whose
    verb is no cue is about it ("an *armistice* ended the fighting"); then the larger
    absolute intensity, then the earlier cue. Quad classes are not ranked.
    """
    if not cues:
        return None
    return min(
        cues,
        key=lambda cue: (cue.depth, cue.dep not in _SUBJECTS, -abs(cue.intensity), cue.start),
    )


def label_for(cue: EventCue, actors: Sequence[str]) -> str:
    """Make a short event label: the cue's lemma and the actor codes, sorted and deduplicated.

    Example:
        >>> cue = EventCue("ASSAULT", "material_conflict", -7.0, "clashes", 0, 7, 0, False,
        ...                "assault-clash", lemma="clash")
        >>> label_for(cue, ["RUS", "CHN", "RUS"])
        'clash: CHN–RUS'
    """
    name = cue.lemma or cue.cue.lower()
    codes = sorted(set(actors))
    return f"{name}: {'–'.join(codes)}" if codes else name
