"""Check-worthy claims: declarative sentences about actors, kept for comparison.

A sentence is a claim when it names at least one actor, is neither a question nor a
heading, has a finite verb and is not boilerplate. Its polarity is ``negated`` when the
main verb carries a negation ("China and Russia also have no territorial disputes" has a
negated object: "no" as a determiner of the object counts too), and it is ``reported``
when the main verb is a reporting verb with a subject other than the author.

A sentence that names no actor but refers back to the actors of an earlier sentence
("The two sides have also beefed up their defense cooperation", "Neither side is keen
...") inherits the actors of the nearest preceding sentence that names some, at most
``LOOKBACK`` sentences back: op-eds name a dyad once and then write "they", "both
sides", "the relationship".
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
LOOKBACK = 3
# Words and phrases that refer back to actors named earlier (matched on lowercase words).
_ANAPHORA = (
    "they",
    "their",
    "them",
    "both",
    "neither",
    "each other",
    "one another",
    "the two",
    "two sides",
    "two countries",
    "two states",
    "two nations",
    "two powers",
    "two neighbors",
    "two neighbours",
    "the relationship",
    "the partnership",
    "the alliance",
    "the alignment",
    "this relationship",
    "bilateral",
)


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
    if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in sent):
        return True
    # Imperative openers of the genre ("Witness ...", "Consider ...") state claims too.
    return sent[0].tag_ == "VB" and sent[0].dep_ == "ROOT"


def _refers_back(sent: Span) -> bool:
    text = " " + " ".join(t.lower_ for t in sent if not t.is_punct) + " "
    return any(f" {cue} " in text for cue in _ANAPHORA)


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
    recent: tuple[str, ...] = ()
    since = LOOKBACK + 1
    for sent in doc.sents:
        lo, hi = offset + sent.start_char, offset + sent.end_char
        inside = ordered[bisect_left(starts, lo) : bisect_left(starts, hi)]
        codes = tuple(dict.fromkeys(m.code for m in inside))
        if codes:
            recent, since = codes, 0
        else:
            since += 1
            if recent and since <= LOOKBACK and has_deps and _refers_back(sent):
                codes = recent
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
