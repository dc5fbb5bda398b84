"""The comparison's rule data: antonyms, valence, concepts, negators and a stoplist.

Every table is a versioned file under ``compare/data/`` (``antonyms.v1.tsv`` ...), read
once and validated line by line; a bad line raises :class:`CompareError` naming the file
and the line. Words are matched after :func:`normalise`, a light suffix stripper that maps
an inflected word onto a lexicon entry when one exists ("relations" -> "relation",
"weakened" -> "weaken", "rising" -> "rise"), so the lexicons list lemmas only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from counterpoint.errors import CounterpointError
from counterpoint.rulestamp import stamp_files

# Each rule set's file under compare/data/; a comparison is stored with their stamps.
RULE_FILES = (
    "antonyms.v1.tsv",
    "valence.v1.tsv",
    "concepts.v1.tsv",
    "negators.v1.tsv",
    "stoplist.v1.txt",
    "topics.v1.tsv",
    "tense.v1.tsv",
    "rebuttals.v1.tsv",
    "clauses.v1.tsv",
)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|[,;:()\u2013\u2014]")
CLAUSE = "|"
# Suffixes tried in order, with what replaces them: rising -> rise, relations -> relation.
_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ing", "e"),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("es", ""),
    ("s", ""),
    ("ly", ""),
    ("er", ""),
)


class CompareError(CounterpointError):
    """Comparison failed: a bad rule file, an unknown document or a bad case file."""


@dataclass(frozen=True)
class Lexicon:
    """All rule tables of the comparison, keyed for look-up."""

    antonyms: frozenset[tuple[str, str]]
    valence: dict[str, int]
    concepts: dict[str, tuple[str, ...]]
    negators: frozenset[str]
    denials: tuple[str, ...]
    stoplist: frozenset[str]
    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)
    tense: dict[str, str] = field(default_factory=dict)
    rebuttals: tuple[str, ...] = ()

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every word some table lists (what :func:`normalise` maps onto)."""
        return _vocabulary(self)

    @property
    def opposites(self) -> dict[str, frozenset[str]]:
        """Each word's antonyms (both directions of ``antonyms.v1``)."""
        return _opposites(self)

    def opposite(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` are listed as antonyms (in either order)."""
        return (a, b) in self.antonyms or (b, a) in self.antonyms


def _lines(name: str) -> list[tuple[int, str]]:
    text = resources.files("counterpoint.compare").joinpath("data", name).read_text("utf-8")
    return [
        (number, line)
        for number, line in enumerate(text.splitlines(), 1)
        if line.strip() and not line.startswith("#")
    ]


def _columns(name: str, count: int) -> list[list[str]]:
    rows = []
    for number, line in _lines(name):
        row = line.split("\t")
        if len(row) != count or not all(cell.strip() for cell in row):
            raise CompareError(f"{name} line {number}: expected {count} tab-separated columns")
        rows.append([cell.strip().lower() for cell in row])
    return rows


def _valence(name: str) -> dict[str, int]:
    table = {}
    for word, value in _columns(name, 2):
        if value not in ("1", "-1", "0"):
            raise CompareError(f"{name}: {word!r} has valence {value!r}; expected 1, -1 or 0")
        table[word] = int(value)
    return table


def _concepts(name: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for concept, words in _columns(name, 2):
        for word in words.split():
            if concept in table.get(word, ()):
                raise CompareError(f"{name}: {word!r} is listed twice in {concept!r}")
            table[word] = (*table.get(word, ()), concept)
    return table


_VOCABULARY: dict[int, frozenset[str]] = {}
_OPPOSITES: dict[int, dict[str, frozenset[str]]] = {}


def _vocabulary(lexicon: Lexicon) -> frozenset[str]:
    key = id(lexicon)
    if key not in _VOCABULARY:
        words = {w for pair in lexicon.antonyms for w in pair}
        words |= set(lexicon.valence) | set(lexicon.concepts) | lexicon.negators
        words |= {cue for cue in lexicon.topics if "_" not in cue} | set(lexicon.tense)
        _VOCABULARY[key] = frozenset(words)
    return _VOCABULARY[key]


def _opposites(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    key = id(lexicon)
    if key not in _OPPOSITES:
        table: dict[str, set[str]] = {}
        for a, b in lexicon.antonyms:
            table.setdefault(a, set()).add(b)
            table.setdefault(b, set()).add(a)
        _OPPOSITES[key] = {word: frozenset(others) for word, others in table.items()}
    return _OPPOSITES[key]


def _tense(name: str) -> dict[str, str]:
    table = {}
    for word, kind in _columns(name, 2):
        if kind not in ("present", "future", "past", "date"):
            raise CompareError(f"{name}: {word!r} has kind {kind!r}; expected present/future/past")
        table[word] = kind
    return table


@cache
def rulesets() -> tuple[str, ...]:
    """The comparison's rule sets, stamped with their files' content (``valence.v1@…``)."""
    return tuple(
        stamp_files("counterpoint.compare", "data", file.rsplit(".", 1)[0], file)
        for file in RULE_FILES
    )


@cache
def load_lexicon() -> Lexicon:
    """Read and check every rule table (cached for the process)."""
    kinds = _columns("negators.v1.tsv", 2)
    bad = [word for word, kind in kinds if kind not in ("negator", "denial")]
    if bad:
        raise CompareError(f"negators.v1.tsv: {bad[0]!r} has a kind other than negator/denial")
    return Lexicon(
        antonyms=frozenset((a, b) for a, b in _columns("antonyms.v1.tsv", 2)),
        valence=_valence("valence.v1.tsv"),
        concepts=_concepts("concepts.v1.tsv"),
        negators=frozenset(w for w, kind in kinds if kind == "negator"),
        denials=tuple(w for w, kind in kinds if kind == "denial"),
        stoplist=frozenset(line.strip().lower() for _, line in _lines("stoplist.v1.txt")),
        topics=_concepts("topics.v1.tsv"),
        tense=_tense("tense.v1.tsv"),
        rebuttals=tuple(fold(line.strip()) for _, line in _lines("rebuttals.v1.tsv")),
    )


def fold(text: str) -> str:
    """Lowercase and fold typographic apostrophes to ``'`` (same length)."""
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


def words(text: str) -> list[str]:
    """Lowercase word tokens of ``text``, ``n't`` split off, clause punctuation as ``|``.

    Example: ``words("It isn't weak, but")`` is ``["it", "is", "n't", "weak", "|", "but"]``.
    """
    tokens = []
    for word in _WORD.findall(fold(text)):
        if not word[0].isalpha():
            tokens.append(CLAUSE)
        elif word.endswith("n't") and word not in ("won't", "can't"):
            tokens.extend((word[:-3], "n't"))
        else:
            tokens.append(word)
    return tokens


def normalise(word: str, vocabulary: frozenset[str]) -> str:
    """Map ``word`` onto a lexicon entry by stripping one suffix; unchanged when none fits.

    Example: ``normalise("weakening", {"weaken"})`` is ``"weaken"``.
    """
    if word in vocabulary:
        return word
    for suffix, replacement in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)] + replacement
            if stem in vocabulary:
                return stem
    return word
