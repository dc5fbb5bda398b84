"""Column values to JSON and back, exactly, with a check of each value against its column.

A row is one JSON array, its values in the order of the table's columns in the manifest.
Plain JSON carries ``None``, booleans, integers, finite floats and strings; everything
else is a one-key object naming its kind::

    date(2021, 8, 24)            -> {"$date": "2021-08-24"}
    datetime(2026, 1, 5, 9, 30)  -> {"$datetime": "2026-01-05T09:30:00"}
    bytes([0, 255])              -> {"$bytes": "AP8="}
    float("nan")                 -> {"$float": "nan"}
    Decimal("0.10")              -> {"$decimal": "0.10"}
    {"a": 1} (a JSON column)     -> {"$json": {"a": 1}}

Floats are written with ``repr`` (shortest round-trip form), so a value read back is
the same float bit for bit. Time-zone-aware datetimes are written in UTC with their
offset; :func:`fit_datetime` makes them fit a column with or without a time zone.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from counterpoint.workspace.errors import WorkspaceError

# Generic column kinds (see schema.describe_type) and the Python values each accepts.
KINDS = (
    "integer",
    "float",
    "numeric",
    "boolean",
    "string",
    "date",
    "datetime",
    "time",
    "binary",
    "json",
)


def encode(value: Any) -> Any:
    """One value as plain JSON data (see the module docstring)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"$float": repr(value)}
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return {"$datetime": value.isoformat()}
    if isinstance(value, date):
        return {"$date": value.isoformat()}
    if isinstance(value, time):
        return {"$time": value.isoformat()}
    if isinstance(value, bytes | bytearray | memoryview):
        return {"$bytes": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, dict | list):
        return {"$json": value}
    raise WorkspaceError(f"cannot export a value of type {type(value).__name__}")


def encode_row(values: tuple[Any, ...] | list[Any]) -> bytes:
    """One row as a line of compact JSON (UTF-8, ending in a newline)."""
    line = json.dumps([encode(v) for v in values], ensure_ascii=False, separators=(",", ":"))
    return line.encode("utf-8") + b"\n"


def decode(data: Any, kind: str) -> Any:
    """The value ``data`` (as read from JSON) stands for, checked against the column kind.

    Raises:
        ValueError: the data is not a value of that kind (the caller names where).
    """
    if data is None:
        return None
    if isinstance(data, dict):
        return _decode_tagged(data, kind)
    expected = _PLAIN.get(kind)
    if expected is None or not isinstance(data, expected) or _is_bool_mismatch(data, kind):
        raise ValueError(f"{_shown(data)} is not a {kind} value")
    if kind in ("float", "numeric") and isinstance(data, int):
        return float(data) if kind == "float" else Decimal(data)
    if kind == "numeric":
        return Decimal(repr(data))
    return data


_PLAIN: dict[str, type | tuple[type, ...]] = {
    "integer": int,
    "float": (float, int),
    "numeric": (float, int),
    "boolean": bool,
    "string": str,
    "json": (bool, int, float, str),
}


def _is_bool_mismatch(data: Any, kind: str) -> bool:
    # bool is a subclass of int: True is no integer, and 1 is no boolean.
    return (kind in ("integer", "float", "numeric") and isinstance(data, bool)) or (
        kind == "boolean" and not isinstance(data, bool)
    )


def _decode_tagged(data: dict[str, Any], kind: str) -> Any:
    if len(data) != 1:
        raise ValueError(f"{_shown(data)} is not a tagged value")
    ((tag, payload),) = data.items()
    parser = _TAGS.get(tag)
    if parser is None or tag[1:] not in _ACCEPTED[kind]:
        raise ValueError(f"{_shown(data)} is not a {kind} value")
    if tag != "$json" and not isinstance(payload, str):
        raise ValueError(f"{_shown(data)}: the {tag} payload must be a string")
    try:
        return parser(payload)
    except (ValueError, InvalidOperation, binascii.Error) as e:
        raise ValueError(f"{_shown(data)} is not a valid {tag[1:]} ({e})") from e


def _float(text: str) -> float:
    value = float(text)
    if math.isfinite(value):
        raise ValueError("finite floats are written as plain numbers")
    return value


_TAGS: dict[str, Any] = {
    "$date": date.fromisoformat,
    "$datetime": datetime.fromisoformat,
    "$time": time.fromisoformat,
    "$bytes": lambda text: base64.b64decode(text.encode("ascii"), validate=True),
    "$float": _float,
    "$decimal": Decimal,
    "$json": lambda payload: payload,
}
_ACCEPTED: dict[str, tuple[str, ...]] = {
    "integer": (),
    "float": ("float",),
    "numeric": ("decimal", "float"),
    "boolean": (),
    "string": (),
    "date": ("date",),
    "datetime": ("datetime",),
    "time": ("time",),
    "binary": ("bytes",),
    "json": ("json",),
}


def fit_datetime(value: Any, *, timezone: bool) -> Any:
    """Make a datetime fit its column: naive values are UTC (counterpoint writes UTC).

    A column with a time zone gets an aware value; one without gets the UTC wall time,
    so an export moved between SQLite and PostgreSQL keeps the same instants.
    """
    if not isinstance(value, datetime):
        return value
    if timezone:
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def _shown(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."
