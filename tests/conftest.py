"""Shared fixtures: the spaCy pipeline (once per session), a store on a real SQLite file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples" / "sino-russian"


@pytest.fixture(scope="session")
def nlp() -> Language:
    from counterpoint.nlp import load_nlp

    return load_nlp()


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[object]:
    from counterpoint.store import Store

    with Store.open(str(tmp_path / "test.db")) as opened:
        yield opened


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    return DATA / "eval"


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests run with built-in defaults, whatever settings the person running them has."""
    from counterpoint.settings import CONFIG_ENV, SETTINGS

    for name in (CONFIG_ENV, *(s.env for s in SETTINGS)):
        monkeypatch.delenv(name, raising=False)
