"""The model's attribute rules applied through a dictionary index instead of spaCy's Matcher.

en_core_web_sm's ``attribute_ruler`` holds about 180 token patterns (the tag map: TAG ->
POS and MORPH; lemma and morphology exceptions keyed by LOWER, TAG and DEP). spaCy runs
them through a general ``Matcher``, which costs about 15 µs a token, a tenth of the whole
pipeline. Every one of these patterns constrains its first token by an exact value or a
value set of TAG, LOWER or DEP, so a token only needs checking against the few patterns
filed under its own tag, lower form and dependency label.

``IndexedAttributeRuler`` takes the patterns, attributes and indices of an existing
``AttributeRuler`` and applies them with the same semantics: matches are applied in
pattern order (later patterns win, as ``AttributeRuler.match`` sorts by pattern id), to the
token at the pattern's ``index``, with spaCy's own ``set_token_attrs``. Supported token
constraints: TAG, LOWER, DEP, IS_SPACE with a string or boolean, ``IN``, ``NOT_IN`` or
``REGEX`` (``re.search``, as the Matcher does). Anything else makes
:func:`index_attribute_ruler` leave the original component in place. The test suite checks
that both give identical tokens (tag, POS, morphology, lemma, dependency) on real text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, cast

from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs  # type: ignore[import-not-found]

Values = tuple[str, str, str, bool]
Check = Callable[[Values], bool]
_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")
_INDEXED = ("TAG", "LOWER", "DEP")


class UnsupportedPattern(ValueError):
    """A pattern uses a constraint the index does not implement."""


@dataclass(frozen=True)
class _Rule:
    attr_id: int
    checks: tuple[tuple[Check, ...], ...]  # per pattern token
    index: int


def _values(token: Token) -> Values:
    return token.tag_, token.lower_, token.dep_, token.is_space


def _check(attr: str, value: Any) -> Check:
    if attr not in _FIELDS:
        raise UnsupportedPattern(f"attribute {attr}")
    field = _FIELDS.index(attr)
    if isinstance(value, str | bool):
        return lambda values: values[field] == value
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op == "IN":
            allowed = frozenset(arg)
            return lambda values: values[field] in allowed
        if op == "NOT_IN":
            banned = frozenset(arg)
            return lambda values: values[field] not in banned
        if op == "REGEX":
            pattern = re.compile(arg)
            return lambda values: pattern.search(str(values[field])) is not None
    raise UnsupportedPattern(f"{attr} value {value!r}")


_NONE: list[_Rule] = []


def _keys(first: dict[str, Any]) -> tuple[str, tuple[str, ...]] | None:
    """The attribute and values a pattern's first token is filed under, if any."""
    for attr in _INDEXED:
        value = first.get(attr)
        if isinstance(value, str):
            return attr, (value,)
        if isinstance(value, dict) and set(value) == {"IN"}:
            return attr, tuple(value["IN"])
    return None


class IndexedAttributeRuler:
    """Apply an ``AttributeRuler``'s patterns through per-attribute dictionaries."""

    def __init__(self, ruler: AttributeRuler) -> None:
        """Index the patterns of ``ruler``; raise UnsupportedPattern if one cannot be."""
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        self.index: dict[str, dict[str, list[_Rule]]] = {attr: {} for attr in _INDEXED}
        self.always: list[_Rule] = []
        for attr_id, entry in enumerate(ruler.patterns):
            patterns = cast(list[list[dict[str, Any]]], entry["patterns"])
            for pattern in patterns:
                checks = tuple(
                    tuple(_check(attr, value) for attr, value in token.items()) for token in pattern
                )
                rule = _Rule(attr_id, checks, self.indices[attr_id])
                keys = _keys(pattern[0])
                if keys is None:
                    self.always.append(rule)
                    continue
                attr, values = keys
                for value in values:
                    self.index[attr].setdefault(value, []).append(rule)

    def __call__(self, doc: Doc) -> Doc:
        """Set the attributes of every matching pattern, later patterns last."""
        by_tag, by_lower, by_dep = (self.index[attr] for attr in _INDEXED)
        matches: set[tuple[int, int, int]] = set()
        values = [_values(token) for token in doc]
        length = len(values)
        for start, (tag, lower, dep, _) in enumerate(values):
            for rules in (by_tag.get(tag), by_lower.get(lower), by_dep.get(dep), self.always):
                for rule in rules or _NONE:
                    end = start + len(rule.checks)
                    if end <= length and all(
                        check(values[i])
                        for i, checks in enumerate(rule.checks, start)
                        for check in checks
                    ):
                        matches.add((rule.attr_id, start, end))
        for attr_id, start, end in sorted(matches):
            index = self.indices[attr_id]
            position = start + index if index >= 0 else end + index
            if not start <= position < end:
                raise ValueError(f"attribute rule {attr_id}: index {index} outside its match")
            set_token_attrs(doc[position], self.attrs[attr_id])
        return doc


def index_attribute_ruler(nlp: Language) -> bool:
    """Replace ``nlp``'s ``attribute_ruler`` by its indexed equivalent, in place.

    Returns:
        Whether it was replaced (False: no such component, or a pattern the index does
        not support, in which case the original stays).
    """
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        indexed = IndexedAttributeRuler(ruler)
    except UnsupportedPattern:
        return False
    nlp.replace_pipe("attribute_ruler", "counterpoint_attributes")
    nlp.rename_pipe("attribute_ruler", "counterpoint_attributes")
    nlp.get_pipe("counterpoint_attributes").rules = indexed  # type: ignore[attr-defined]
    return True


class _Holder:
    """The registered component: calls the index it is given after construction."""

    def __init__(self) -> None:
        self.rules: IndexedAttributeRuler | None = None

    def __call__(self, doc: Doc) -> Doc:
        if self.rules is None:
            raise RuntimeError("counterpoint_attributes: no rules were set")
        return self.rules(doc)


@Language.factory("counterpoint_attributes")
def _make_attributes(nlp: Language, name: str) -> _Holder:
    return _Holder()
