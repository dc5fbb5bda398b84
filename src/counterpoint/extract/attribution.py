"""Who a forecast belongs to: the author, or someone the text reports or quotes.

``attribution`` gives ``author`` or ``other:<who>``: the subject of a reporting verb that
governs the hedged clause, before or after it ("Blank argues that ...", "..., the ministry
said", "Moscow has made it clear that ..."), the source of an "according to" on its verb,
or, inside a quotation, the person quoted. Pronouns of the author ("I", "we") and empty
subjects ("it", "this") are not reporters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Span, Token

from counterpoint.extract.hedges import HedgeMatch
from counterpoint.nlp import token_at
from counterpoint.records import ActorMention

_REPORT_VERBS = {
    "argue",
    "say",
    "claim",
    "believe",
    "contend",
    "predict",
    "warn",
    "insist",
    "write",
    "suggest",
    "think",
    "fear",
    "understand",
    "expect",
    "maintain",
    "assert",
    "aver",
    "forecast",
    "conclude",
    "reckon",
    "assess",
    "estimate",
    "tell",
    "put",
    "hope",
    "worry",
    "signal",
    "stress",
    "announce",
    "vow",
    "pledge",
    "state",
    "declare",
    "caution",
    "emphasize",
    "emphasise",
    "agree",
}
# "Moscow has made it clear that ...": make + clear/plain reports its subject's position.
_MAKE_CLEAR = {"clear", "plain"}
_QUOTES_OPEN = "\u201c\u00ab"
_QUOTES_CLOSE = "\u201d\u00bb"
_SPEECH = re.compile(
    r"\b(?:said|says|averred|added|declared|stated|told|wrote|put\s+it|concluded|insisted|argued)\b"
)


def _inside_quote(text: str, pos: int) -> bool:
    before = text[:pos]
    opened = sum(before.count(c) for c in _QUOTES_OPEN)
    closed = sum(before.count(c) for c in _QUOTES_CLOSE)
    return opened > closed


def _speaker(sent: Span, actors: Sequence[ActorMention]) -> str | None:
    """The person a quotation in or just before this sentence is attributed to."""
    doc = sent.doc
    window = doc[max(sent.start - 60, 0) : sent.end]
    for ent in reversed(window.ents):
        if ent.label_ in ("PERSON", "ACTOR") and _SPEECH.search(doc[ent.end : ent.end + 6].text):
            return ent.text
    for ent in reversed(window.ents):
        if ent.label_ in ("PERSON",) or (
            ent.label_ == "ACTOR" and ent.text[:1].isupper() and " " in ent.text
        ):
            return ent.text
    return None


def _reporter(sent: Span, match: HedgeMatch, base: int) -> str | None:
    """Who the hedged clause is reported from, if anyone but the author.

    The subject of a reporting verb that governs it ("Blank argues that ...", "Moscow has
    made it clear that ..."), or the source of an "according to" on its verb ("According to
    Stratfor, Turkey will ...").
    """
    token = token_at(sent, base + match.start)
    if token is None or not sent.doc.has_annotation("DEP"):
        return None
    # The verb the hedge itself qualifies ("Beijing will argue ...") is not a report of it;
    # a reporting verb above it may come before or after ("..., the assessment says").
    own = token.i if token.dep_ == "ROOT" else token.head.i
    for ancestor in (token, *token.ancestors):
        source = _according_to(ancestor)
        if source:
            return source
        reports = ancestor.lemma_ in _REPORT_VERBS or (
            ancestor.lemma_ == "make" and any(c.lemma_ in _MAKE_CLEAR for c in ancestor.children)
        )
        if reports and ancestor.i not in (own, token.i):
            subjects = [c for c in ancestor.children if c.dep_ == "nsubj"]
            if not subjects and ancestor.dep_ in ("xcomp", "advcl"):
                # "Zelenskyy uses his addresses to make clear that ...": the controller.
                subjects = [c for c in ancestor.head.children if c.dep_ == "nsubj"]
            if subjects and subjects[0].lower_ not in _NOT_REPORTERS:
                return _phrase(subjects[0])
    return None


_NOT_REPORTERS = {"i", "we", "me", "us", "one", "it", "this", "that"}


def _according_to(verb: Token) -> str | None:
    """The source of an "according to X" attached to ``verb``, if any."""
    for child in verb.children:
        if child.lower_ == "according" and child.dep_ == "prep":
            for to in child.children:
                objects = [c for c in to.children if c.dep_ == "pobj"]
                if to.lower_ == "to" and objects and objects[0].lower_ not in _NOT_REPORTERS:
                    return _phrase(objects[0])
    return None


def _phrase(head: Token) -> str:
    words = head.doc[head.left_edge.i : head.right_edge.i + 1].text
    return words.strip(" ,;:\u2014\u2013-")


def attribution(sent: Span, match: HedgeMatch, base: int, actors: Sequence[ActorMention]) -> str:
    """``author``, or ``other:<who>`` for a reported or quoted forecast."""
    reporter = _reporter(sent, match, base)
    if reporter:
        return f"other:{reporter}"
    text = sent.text
    if _inside_quote(text, match.start) or text.lstrip()[:1] in _QUOTES_OPEN:
        who = _speaker(sent, actors)
        if who:
            return f"other:{who}"
    return "author"
