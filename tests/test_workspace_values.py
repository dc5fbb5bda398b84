"""Values and tables the export has never seen: every kind round-trips, bit for bit.

A "future capability" table (every column type counterpoint can export, a table without
a primary key, a foreign key, a unique constraint, an index) is created beside the core
schema, exported, imported into an empty database (where it is rebuilt from the export's
own description) and exported again.
"""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    select,
)

from counterpoint.store import Store
from counterpoint.workspace import export_workspace, import_workspace
from counterpoint.workspace.values import decode, encode, fit_datetime

FINITE = st.floats(allow_nan=False, allow_infinity=False)
KIND_VALUES = {
    "integer": st.integers(min_value=-(2**63), max_value=2**63 - 1),
    "float": st.floats(),
    "boolean": st.booleans(),
    "string": st.text(),
    "date": st.dates(),
    "datetime": st.datetimes() | st.datetimes(timezones=st.just(UTC)),
    "time": st.times(),
    "binary": st.binary(),
    "json": st.recursive(
        st.none() | st.booleans() | st.integers() | FINITE | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
    ),
}


def same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return (
            math.isnan(a)
            and math.isnan(b)
            or (a == b and math.copysign(1, a) == math.copysign(1, b))
        )
    return type(a) is type(b) and a == b


@pytest.mark.parametrize("kind", sorted(KIND_VALUES))
@given(data=st.data())
def test_values_round_trip_through_json(kind: str, data: st.DataObject) -> None:
    value = data.draw(KIND_VALUES[kind])
    back = decode(json.loads(json.dumps(encode(value))), kind)
    if kind == "json" and isinstance(value, dict | list):
        assert back == value
    else:
        assert same(back, value)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ("3", "integer"),
        (True, "integer"),
        (1, "boolean"),
        (2.5, "integer"),
        (7, "string"),
        ({"$date": "2021-02-30"}, "date"),
        ({"$date": "2021-02-03"}, "datetime"),
        ({"$bytes": "not base64!"}, "binary"),
        ({"$float": "1.5"}, "float"),
        ({"$date": "2021-01-01", "x": 1}, "date"),
        ([1, 2], "integer"),
    ],
)
def test_values_decode_refuses_wrong_kind(data: Any, kind: str) -> None:
    with pytest.raises(ValueError):
        decode(data, kind)


def test_values_fit_datetime_keeps_the_instant() -> None:
    aware = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    shifted = aware.astimezone(__import__("datetime").timezone(timedelta(hours=5)))
    assert fit_datetime(shifted, timezone=False) == datetime(2026, 1, 5, 9, 30)
    assert fit_datetime(datetime(2026, 1, 5, 9, 30), timezone=True) == aware


future = MetaData()
gadgets = Table(
    "future_gadgets",
    future,
    Column("id", Integer, primary_key=True),
    Column("code", String(12), nullable=False, unique=True),
    Column("note", Text),
    Column("weight", Float),
    Column("big", BigInteger),
    Column("active", Boolean, nullable=False),
    Column("day", Date),
    Column("at", DateTime(timezone=True)),
    Column("clock", Time),
    Column("blob", LargeBinary),
    Column("extra", JSON),
)
gadget_tags = Table(
    "future_gadget_tags",
    future,
    Column("gadget_id", Integer, ForeignKey("future_gadgets.id", ondelete="CASCADE")),
    Column("tag", String, nullable=False),
    UniqueConstraint("gadget_id", "tag"),
    Index("ix_future_tag", "tag"),
)

ROWS = [
    {
        "id": 1,
        "code": "plain",
        "note": "ordinary",
        "weight": 0.1 + 0.2,
        "big": 2**62,
        "active": True,
        "day": date(1971, 7, 9),
        "at": datetime(2021, 8, 24, 12, 0, 1, 123456, tzinfo=UTC),
        "clock": time(23, 59, 59),
        "blob": bytes(range(256)),
        "extra": {"list": [1, 2.5, None], "text": "Пекин 北京"},
    },
    {
        "id": 7,
        "code": "edge",
        "note": 'nul \x00 tab\t newline\n quote" emoji 🛰️ rtl \u202e',
        "weight": float("nan"),
        "big": -(2**63),
        "active": False,
        "day": None,
        "at": None,
        "clock": None,
        "blob": b"",
        "extra": None,
    },
    {"id": 9, "code": "inf", "weight": float("-inf"), "active": True, "extra": [1, "x"]},
    {"id": 10, "code": "negzero", "weight": -0.0, "active": True},
]
TAGS = [{"gadget_id": 7, "tag": "b"}, {"gadget_id": 1, "tag": "z"}, {"gadget_id": 1, "tag": "a"}]


def future_workspace(path: Path) -> str:
    db = str(path)
    with Store.open(db) as store, store.transaction() as conn:
        future.create_all(conn)
        conn.execute(
            gadgets.insert(), [{c.name: row.get(c.name) for c in gadgets.columns} for row in ROWS]
        )
        conn.execute(gadget_tags.insert(), TAGS)
    return db


def read_back(db: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    with Store.open(db) as store, store.transaction() as conn:
        rows = [dict(r) for r in conn.execute(select(gadgets).order_by(gadgets.c.id)).mappings()]
        tags = [dict(r) for r in conn.execute(select(gadget_tags)).mappings()]
    return rows, tags


def test_workspace_exports_a_table_it_was_never_told_about(tmp_path: Path) -> None:
    source = future_workspace(tmp_path / "source.db")
    first = export_workspace(source, tmp_path / "first.zip").path
    target = str(tmp_path / "target.db")
    result = import_workspace(first, target)
    assert {t.name: t.rows for t in result.tables}["future_gadgets"] == len(ROWS)
    second = export_workspace(target, tmp_path / "second").path

    import zipfile

    with zipfile.ZipFile(first) as archive:
        for name in ("future_gadgets", "future_gadget_tags", "manifest"):
            member = "manifest.json" if name == "manifest" else f"tables/{name}.jsonl"
            original = archive.read(member)
            again = (second / member).read_bytes()
            if name == "manifest":
                original_tables = json.loads(original)["tables"]
                assert original_tables == json.loads(again)["tables"]
            else:
                assert original == again
    rows, tags = read_back(target)
    expected_rows, expected_tags = read_back(source)
    assert tags == expected_tags == TAGS  # insertion order of a table without a key is kept
    for got, want in zip(rows, expected_rows, strict=True):
        assert got.keys() == want.keys()
        for key in got:
            assert same(got[key], want[key]) or got[key] == want[key], key


def test_workspace_rebuilt_table_keeps_its_constraints(tmp_path: Path) -> None:
    source = future_workspace(tmp_path / "source.db")
    export = export_workspace(source, tmp_path / "e").path
    target = str(tmp_path / "target.db")
    import_workspace(export, target)
    from sqlalchemy.exc import IntegrityError

    from counterpoint.errors import StoreError

    with Store.open(target) as store:
        with pytest.raises(StoreError) as refused, store.transaction() as conn:
            conn.execute(gadget_tags.insert(), [{"gadget_id": 1, "tag": "a"}])
        assert isinstance(refused.value.__cause__, IntegrityError)
        with pytest.raises(StoreError), store.transaction() as conn:
            conn.execute(gadget_tags.insert(), [{"gadget_id": 12345, "tag": "q"}])
        with store.transaction() as conn:
            conn.execute(gadgets.delete().where(gadgets.c.id == 1))
            left = conn.execute(select(gadget_tags.c.tag)).scalars().all()
        assert left == ["b"]  # ON DELETE CASCADE survived the trip
