"""Read and validate an ACH case file (YAML), naming file, line and field on every error.

The file is composed into PyYAML nodes, whose marks carry line numbers, and checked field
by field: unknown or duplicate keys, missing fields, unknown hypothesis ids, bad ratings,
likelihoods outside (0, 1], duplicate ids and quotes that are not in their document are all
errors (:class:`CaseFileError`); nothing is silently dropped. The format is in ``docs/ach.md``.
This module reads the case format; the readers of single nodes are in ``ach.yaml_nodes``.

>>> case = load_case("examples/sino-russian/case.yaml")  # doctest: +SKIP
>>> case.hypothesis_ids  # doctest: +SKIP
('H1', 'H2', 'H3', 'H4')
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import yaml
from yaml.nodes import Node, ScalarNode

from counterpoint.ach.model import (
    EVIDENCE_TYPES,
    FLAGS,
    LEVELS,
    Case,
    Evidence,
    Hypothesis,
    Milestone,
    Source,
    rating_table,
)
from counterpoint.ach.yaml_nodes import (
    CaseFileError,
    _choice,
    _Ctx,
    _date,
    _id,
    _int,
    _list,
    _mapping,
    _need,
    _number,
    _opt,
    _opt_map,
    _seq,
    _str,
    _strs,
    _unique,
)

__all__ = ["CaseFileError", "load_case", "parse_case"]

T = TypeVar("T")
_PRIOR_TOLERANCE = 0.02


def load_case(path: str | Path) -> Case:
    """Read, validate and return the case in ``path`` (quotes checked against documents).

    Raises:
        CaseFileError: the file is missing, is not YAML, or breaks the format.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CaseFileError(str(path), 0, "file", f"cannot read: {e}") from e
    return parse_case(text, path=str(path))


def parse_case(text: str, *, path: str = "<case>") -> Case:
    """Validate the YAML ``text`` of a case; document paths are relative to ``path``'s folder."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise CaseFileError(path, line, "yaml", str(getattr(e, "problem", e))) from e
    if root is None:
        raise CaseFileError(path, 1, "case", "the file is empty")
    ctx = _Ctx(path, Path(path).parent, {})
    top = _mapping(ctx, root, "case file", _TOP_KEYS)
    documents = {k: _str(ctx, v, f"documents.{k}") for k, v in _opt_map(ctx, top, "documents")}
    ctx = _Ctx(path, Path(path).parent, documents)
    hypotheses = _hypotheses(ctx, root, top)
    ids = tuple(h.id for h in hypotheses)
    evidence = _list(ctx, root, top, "evidence", lambda n, f: _evidence(ctx, n, f, ids))
    _unique(ctx, [(e.id, n) for e, n in evidence], "evidence", "id")
    _milestone_ids_unique(ctx, root, top, hypotheses)
    table = tuple(
        (code, _likelihood(ctx, node, f"likelihood_table.{code}"))
        for code, node in _opt_map(ctx, top, "likelihood_table")
    )
    for code, node in _opt_map(ctx, top, "likelihood_table"):
        if code not in rating_table() or code == "NA":
            raise ctx.fail(node, f"likelihood_table.{code}", "not one of CC C N I II")
    return Case(
        name=_str(ctx, _need(ctx, root, top, "case"), "case"),
        question=_str(ctx, _need(ctx, root, top, "question"), "question"),
        hypotheses=hypotheses,
        evidence=tuple(e for e, _ in evidence),
        as_of=_opt(top, "as_of", lambda n: _date(ctx, n, "as_of")),
        path=path,
        likelihood_table=table,
    )


_TOP_KEYS = (
    "version",
    "case",
    "question",
    "as_of",
    "documents",
    "likelihood_table",
    "hypotheses",
    "evidence",
)
_HYPOTHESIS_KEYS = ("id", "statement", "prior", "actors", "quad_classes", "keywords", "milestones")
_MILESTONE_KEYS = ("id", "text", "by", "probability")
_EVIDENCE_KEYS = (
    "id",
    "text",
    "type",
    "credibility",
    "relevance",
    "source",
    "event_date",
    "reported",
    "flags",
    "note",
    "ratings",
    "likelihoods",
)
_SOURCE_KEYS = ("document", "quote", "start", "end", "external", "url")


def _hypotheses(ctx: _Ctx, root: Node, top: dict[str, Node]) -> tuple[Hypothesis, ...]:
    found = _list(ctx, root, top, "hypotheses", lambda n, f: _hypothesis(ctx, n, f))
    if not found:
        raise ctx.fail(top["hypotheses"], "hypotheses", "at least one hypothesis is needed")
    _unique(ctx, [(h.id, n) for h, n in found], "hypotheses", "id")
    given = [(h, n) for h, n in found if h.prior >= 0]
    if given and len(given) < len(found):
        missing = next(n for h, n in found if h.prior < 0)
        raise ctx.fail(missing, "prior", "give a prior for every hypothesis or for none")
    total = sum(h.prior for h, _ in given)
    if given and abs(total - 1.0) > _PRIOR_TOLERANCE:
        raise ctx.fail(top["hypotheses"], "hypotheses.prior", f"priors sum to {total:.3f}, not 1")
    n = len(found)
    return tuple(
        Hypothesis(**{**h.__dict__, "prior": h.prior / total if given else 1.0 / n})
        for h, _ in found
    )


def _hypothesis(ctx: _Ctx, node: Node, where: str) -> Hypothesis:
    keys = _mapping(ctx, node, where, _HYPOTHESIS_KEYS)
    hid = _id(ctx, _need(ctx, node, keys, "id", where), "hypotheses.id")
    prior = _opt(keys, "prior", lambda n: _probability(ctx, n, f"{where}.prior"))
    return Hypothesis(
        id=hid,
        statement=_str(ctx, _need(ctx, node, keys, "statement", where), f"{where}.statement"),
        prior=-1.0 if prior is None else prior,
        actors=_strs(ctx, keys, "actors", where),
        quad_classes=_strs(ctx, keys, "quad_classes", where),
        keywords=_strs(ctx, keys, "keywords", where),
        milestones=tuple(
            m
            for m, _ in _list(
                ctx, node, keys, "milestones", lambda n, f: _milestone(ctx, n, f), f"{where}."
            )
        ),
        line=node.start_mark.line + 1,
    )


def _milestone(ctx: _Ctx, node: Node, where: str) -> Milestone:
    keys = _mapping(ctx, node, where, _MILESTONE_KEYS)
    return Milestone(
        id=_id(ctx, _need(ctx, node, keys, "id", where), f"{where}.id"),
        text=_str(ctx, _need(ctx, node, keys, "text", where), f"{where}.text"),
        by=_opt(keys, "by", lambda n: _date(ctx, n, f"{where}.by")),
        probability=_opt(
            keys, "probability", lambda n: _probability(ctx, n, f"{where}.probability")
        ),
        line=node.start_mark.line + 1,
    )


def _evidence(ctx: _Ctx, node: Node, where: str, ids: tuple[str, ...]) -> Evidence:
    keys = _mapping(ctx, node, where, _EVIDENCE_KEYS)
    eid = _id(ctx, _need(ctx, node, keys, "id", where), "evidence.id")
    ratings = _row(ctx, node, keys, "ratings", where, ids, _rating, required=True)
    likelihoods = _row(ctx, node, keys, "likelihoods", where, ids, _likelihood, required=False)
    return Evidence(
        id=eid,
        text=_str(ctx, _need(ctx, node, keys, "text", where), f"{where}.text"),
        type=_choice(ctx, _need(ctx, node, keys, "type", where), f"{where}.type", EVIDENCE_TYPES),
        credibility=_opt(
            keys, "credibility", lambda n: _choice(ctx, n, f"{where}.credibility", LEVELS)
        )
        or "medium",
        relevance=_opt(keys, "relevance", lambda n: _choice(ctx, n, f"{where}.relevance", LEVELS))
        or "medium",
        ratings=ratings,
        likelihoods=likelihoods,
        source=_source(ctx, _need(ctx, node, keys, "source", where), f"{where}.source"),
        event_date=_opt(keys, "event_date", lambda n: _date(ctx, n, f"{where}.event_date")),
        reported=_opt(keys, "reported", lambda n: _date(ctx, n, f"{where}.reported")),
        flags=tuple(_choice(ctx, n, f"{where}.flags", FLAGS) for n in _seq(ctx, keys, "flags")),
        note=_opt(keys, "note", lambda n: _str(ctx, n, f"{where}.note")) or "",
        line=node.start_mark.line + 1,
    )


def _row(
    ctx: _Ctx,
    node: Node,
    keys: dict[str, Node],
    name: str,
    where: str,
    ids: tuple[str, ...],
    value: Callable[[_Ctx, Node, str], T],
    *,
    required: bool,
) -> tuple[tuple[str, T], ...]:
    if name not in keys and not required:
        return ()
    cells = _mapping(ctx, _need(ctx, node, keys, name, where), f"{where}.{name}", None)
    for hid, cell in cells.items():
        if hid not in ids:
            known = ", ".join(ids)
            raise ctx.fail(cell, f"{where}.{name}.{hid}", f"unknown hypothesis (known: {known})")
    for hid in ids:
        if hid not in cells:
            raise ctx.fail(keys[name], f"{where}.{name}.{hid}", "missing: rate every hypothesis")
    return tuple((hid, value(ctx, cells[hid], f"{where}.{name}.{hid}")) for hid in ids)


def _rating(ctx: _Ctx, node: Node, field: str) -> str:
    code = _str(ctx, node, field)
    if code not in rating_table():
        raise ctx.fail(node, field, f"{code!r} is not a rating ({' '.join(rating_table())})")
    return code


def _likelihood(ctx: _Ctx, node: Node, field: str) -> float:
    value = _number(ctx, node, field)
    if not 0.0 < value <= 1.0:
        raise ctx.fail(node, field, f"likelihood {value} is outside (0, 1]")
    return value


def _probability(ctx: _Ctx, node: Node, field: str) -> float:
    value = _number(ctx, node, field)
    if not 0.0 <= value <= 1.0:
        raise ctx.fail(node, field, f"{value} is outside [0, 1]")
    return value


def _source(ctx: _Ctx, node: Node, where: str) -> Source:
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return Source()  # `source: null`: said explicitly (items added in the app may have none)
    keys = _mapping(ctx, node, where, _SOURCE_KEYS)
    if "external" in keys:
        return Source(
            external=_str(ctx, keys["external"], f"{where}.external"),
            url=_opt(keys, "url", lambda n: _str(ctx, n, f"{where}.url")),
            quote=_opt(keys, "quote", lambda n: _str(ctx, n, f"{where}.quote")),
        )
    name = _str(ctx, _need(ctx, node, keys, "document", where, "or external"), f"{where}.document")
    quote_node = _need(ctx, node, keys, "quote", where)
    quote = _str(ctx, quote_node, f"{where}.quote")
    path = ctx.directory / ctx.documents.get(name, name)
    try:
        text = _read_document(path)
    except (OSError, UnicodeDecodeError) as e:
        raise ctx.fail(keys["document"], f"{where}.document", f"cannot read {path}: {e}") from e
    start = _opt(keys, "start", lambda n: _int(ctx, n, f"{where}.start"))
    if start is None:
        start = text.find(quote)
    end = start + len(quote)
    if start < 0 or text[start:end] != quote:
        raise ctx.fail(quote_node, f"{where}.quote", f"not found in {path}")
    where = str(path.resolve())  # absolute: the stored case is read from any folder
    return Source(document=Path(path).name, path=where, quote=quote, start=start, end=end)


def _read_document(path: Path) -> str:
    return _read_cached(str(path.resolve()), path.stat().st_mtime_ns)


@lru_cache(maxsize=64)
def _read_cached(path: str, mtime_ns: int) -> str:
    # Text as read (newlines untranslated), so offsets match the extractors' offsets.
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def _milestone_ids_unique(
    ctx: _Ctx, root: Node, top: dict[str, Node], hypotheses: tuple[Hypothesis, ...]
) -> None:
    seen: dict[str, int] = {}
    for hypothesis in hypotheses:
        for milestone in hypothesis.milestones:
            if milestone.id in seen:
                raise CaseFileError(
                    ctx.path,
                    milestone.line,
                    f"hypotheses[{hypothesis.id}].milestones.id",
                    f"duplicate id {milestone.id!r} (first on line {seen[milestone.id]})",
                )
            seen[milestone.id] = milestone.line
