"""Fixtures for the browser tests: headless Chromium (Debian's), and the test database.

The browser is the system's ``chromium`` driven by Playwright (which cannot download
its own build here). A missing browser FAILS these tests with the command that
installs it; CI installs it in ``.ci/run``. Screenshots go to a temporary folder, or to
``$COUNTERPOINT_SCREENSHOTS`` when set, to be looked at.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from viewdata import build_db

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


def chromium_path() -> str:
    for candidate in (os.environ.get("COUNTERPOINT_CHROMIUM", ""), *CANDIDATES):
        if candidate and Path(candidate).is_file():
            return candidate
    found = shutil.which("chromium")
    if found is None:
        pytest.fail(
            "browser tests need Chromium: run `apt-get install -y chromium` "
            "(or set COUNTERPOINT_CHROMIUM to its path)",
            pytrace=False,
        )
    return found


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), headless=True)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 860})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.errors = errors
    yield opened
    context.close()


@pytest.fixture(scope="session")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wanted = os.environ.get("COUNTERPOINT_SCREENSHOTS")
    folder = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def built(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(nlp, tmp_path_factory.mktemp("browser"))


@pytest.fixture()
def db(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "browser.db"
    copy.write_bytes(built.read_bytes())
    return copy
