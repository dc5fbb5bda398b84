"""YAML node readers for the ACH case file: each checks one node and names file, line and field.

The case file is composed into PyYAML nodes, whose marks carry line numbers; the readers
here (``_mapping``, ``_str``, ``_date`` ...) check one node's type or form and raise
:class:`CaseFileError` (``file:line: field: reason``) when it is wrong. They are internal
to :mod:`counterpoint.ach.casefile`, which reads the case format with them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from counterpoint.ach.model import AchError

T = TypeVar("T")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class CaseFileError(AchError):
    """A case file is malformed: the message is ``file:line: field: reason``."""

    def __init__(self, path: str, line: int, field: str, reason: str) -> None:
        self.path, self.line, self.field, self.reason = path, line, field, reason
        super().__init__(f"{path}:{line}: {field}: {reason}")


@dataclass(frozen=True)
class _Ctx:
    path: str
    directory: Path
    documents: dict[str, str]

    def fail(self, node: Node, field: str, reason: str) -> CaseFileError:
        return CaseFileError(self.path, node.start_mark.line + 1, field, reason)


def _unique(ctx: _Ctx, items: list[tuple[str, Node]], where: str, field: str) -> None:
    seen: dict[str, int] = {}
    for key, node in items:
        if key in seen:
            reason = f"duplicate id {key!r} (first on line {seen[key]})"
            raise ctx.fail(node, f"{where}.{field}", reason)
        seen[key] = node.start_mark.line + 1


def _mapping(ctx: _Ctx, node: Node, where: str, allowed: tuple[str, ...] | None) -> dict[str, Node]:
    if not isinstance(node, MappingNode):
        raise ctx.fail(node, where, "expected a mapping (key: value)")
    keys: dict[str, Node] = {}
    for key_node, value in node.value:
        key = str(key_node.value)
        if key in keys:
            raise ctx.fail(key_node, f"{where}.{key}", "duplicate key")
        if allowed is not None and key not in allowed:
            raise ctx.fail(
                key_node, f"{where}.{key}", f"unknown field (known: {', '.join(allowed)})"
            )
        keys[key] = value
    return keys


def _need(
    ctx: _Ctx, node: Node, keys: dict[str, Node], name: str, where: str = "", also: str = ""
) -> Node:
    if name not in keys:
        field = f"{where}.{name}" if where else name
        raise ctx.fail(node, field, f"missing required field {' '.join([name, also]).strip()}")
    return keys[name]


def _opt(keys: dict[str, Node], name: str, read: Callable[[Node], T]) -> T | None:
    node = keys.get(name)
    if node is None or (isinstance(node, ScalarNode) and node.tag.endswith(":null")):
        return None
    return read(node)


def _list(
    ctx: _Ctx,
    node: Node,
    keys: dict[str, Node],
    name: str,
    read: Callable[[Node, str], T],
    prefix: str = "",
) -> list[tuple[T, Node]]:
    return [
        (read(item, f"{prefix}{name}[{_peek_id(item) or i}]"), item)
        for i, item in enumerate(_seq(ctx, keys, name))
    ]


def _peek_id(node: Node) -> str | None:
    """The item's ``id`` as written, to name it in errors found before the id is checked."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if key.value == "id" and isinstance(value, ScalarNode) and value.value:
                return str(value.value)
    return None


def _seq(ctx: _Ctx, keys: dict[str, Node], name: str) -> list[Node]:
    node = keys.get(name)
    if node is None or (isinstance(node, ScalarNode) and node.tag.endswith(":null")):
        return []
    if not isinstance(node, SequenceNode):
        raise ctx.fail(node, name, "expected a list")
    return list(node.value)


def _opt_map(ctx: _Ctx, keys: dict[str, Node], name: str) -> list[tuple[str, Node]]:
    node = keys.get(name)
    return [] if node is None else list(_mapping(ctx, node, name, None).items())


def _strs(ctx: _Ctx, keys: dict[str, Node], name: str, where: str) -> tuple[str, ...]:
    return tuple(_str(ctx, n, f"{where}.{name}") for n in _seq(ctx, keys, name))


def _scalar(ctx: _Ctx, node: Node, field: str) -> Any:
    if not isinstance(node, ScalarNode):
        raise ctx.fail(node, field, "expected a single value")
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)


def _str(ctx: _Ctx, node: Node, field: str) -> str:
    value = _scalar(ctx, node, field)
    if value is None or str(value).strip() == "":
        raise ctx.fail(node, field, "must not be empty")
    return str(value)


def _id(ctx: _Ctx, node: Node, field: str) -> str:
    value = _str(ctx, node, field)
    if not re.fullmatch(r"[A-Za-z0-9_.-]+", value):
        raise ctx.fail(node, field, f"{value!r}: ids are letters, digits, '_', '.', '-'")
    return value


def _number(ctx: _Ctx, node: Node, field: str) -> float:
    value = _scalar(ctx, node, field)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ctx.fail(node, field, f"{value!r} is not a number")
    return float(value)


def _int(ctx: _Ctx, node: Node, field: str) -> int:
    value = _scalar(ctx, node, field)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ctx.fail(node, field, f"{value!r} is not a character offset")
    return value


def _date(ctx: _Ctx, node: Node, field: str) -> str:
    value = _scalar(ctx, node, field)
    if isinstance(value, date):
        return value.isoformat()
    if not _DATE.match(str(value)):
        raise ctx.fail(node, field, f"{value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return str(value)


def _choice(ctx: _Ctx, node: Node, field: str, allowed: tuple[T, ...]) -> T:
    value = _str(ctx, node, field)
    for option in allowed:
        if value == option:
            return option
    raise ctx.fail(node, field, f"{value!r} is not one of {', '.join(map(str, allowed))}")
