"""Check-worthy claims: declarative sentences about actors, kept for comparison.

A sentence is a claim when it names at least one actor, is neither a question nor a
heading, has a finite verb and is not boilerplate. Its polarity is ``negated`` when the
main verb carries a negation ("China and Russia also have no territorial disputes" has a
negated object: "no" as a determiner of the object counts too), and it is ``reported``
when the main verb is a reporting verb with a subject other than the author.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from counterpoint.records import ActorMention, Claim

_REPORTING = {
    "say",
    "argue",
    "claim",
    "believe",
    "contend",
    "suggest",
    "insist",
    "warn",
    "write",
    "note",
}
_NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "none"}
MIN_WORDS = 5
MAX_CHARS = 600


def _polarity(sent: Span) -> str:
    root = sent.root
    for child in root.children:
        if child.dep_ == "neg" or child.lower_ in _NEGATORS:
            return "negated"
        if child.dep_ in ("dobj", "attr", "nsubj") and any(
            g.dep_ == "det" and g.lower_ in ("no", "neither") for g in child.children
        ):
            return "negated"
    return "asserted"


def _endorsement(sent: Span) -> str:
    root = sent.root
    if root.lemma_ in _REPORTING:
        subjects = [c for c in root.children if c.dep_ == "nsubj"]
        if subjects and subjects[0].lower_ not in ("i", "we"):
            return "reported"
    return "author"


def _is_claim(sent: Span) -> bool:
    text = sent.text.strip()
    if len(text.split()) < MIN_WORDS or len(text) > MAX_CHARS or text.endswith("?"):
        return False
    if not sent.doc.has_annotation("TAG"):
        return text[-1:] in '.!\u201d"'
    return any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sent)


_CONTENT = {"NOUN", "PROPN", "VERB", "ADJ"}


def _content_lemmas(sent: Span) -> tuple[str, ...]:
    """Distinct lemmas of content words, in order (what claim alignment compares)."""
    words = (t.lemma_.lower() for t in sent if t.pos_ in _CONTENT and not t.is_stop and t.is_alpha)
    return tuple(dict.fromkeys(words))


def extract_claims(
    doc: Doc, *, offset: int = 0, actors: Sequence[ActorMention] = ()
) -> list[Claim]:
    """Claims in a parsed chunk of a document (offsets shifted by ``offset``)."""
    claims = []
    has_deps = doc.has_annotation("DEP")
    ordered = sorted(actors, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    for sent in doc.sents:
        lo, hi = offset + sent.start_char, offset + sent.end_char
        inside = ordered[bisect_left(starts, lo) : bisect_left(starts, hi)]
        codes = tuple(dict.fromkeys(m.code for m in inside))
        if not codes or not _is_claim(sent):
            continue
        text = sent.text.rstrip()
        claims.append(
            Claim(
                start=lo,
                end=lo + len(text),
                quote=text,
                actors=codes,
                polarity=_polarity(sent) if has_deps else "asserted",  # type: ignore[arg-type]
                endorsement=_endorsement(sent) if has_deps else "author",  # type: ignore[arg-type]
                lemmas=_content_lemmas(sent),
            )
        )
    return claims
