"""Tests for counterpoint.ingest metadata detection, date lines and boilerplate masking."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from counterpoint.ingest import BOILERPLATE_RULESET, read_document
from counterpoint.ingest.boilerplate import boilerplate_matches, load_boilerplate_rules
from counterpoint.ingest.dates import find_dateline
from counterpoint.ingest.lines import split_lines
from counterpoint.ingest.metadata import find_metadata

EXAMPLES = Path(__file__).parent.parent / "examples" / "sino-russian"
BODY = (
    "Moscow and Beijing have deepened their military cooperation in recent years, "
    "and both deny any rift.\n\n"
)


def body_lines(n: int) -> str:
    return BODY * n


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("August 24, 2021", date(2021, 8, 24)),
        ("24 August 2021", date(2021, 8, 24)),
        ("2021-08-24", date(2021, 8, 24)),
        ("Published: Aug. 24, 2021", date(2021, 8, 24)),
        ("Tuesday, Sept. 7th, 2021 at 5:00 p.m. ET", date(2021, 9, 7)),
        ("By Jane Doe | March 3, 2019", date(2019, 3, 3)),
        ("November 2020", date(2020, 11, 15)),
    ],
)
def test_find_dateline_reads_date_lines(line: str, expected: date) -> None:
    found = find_dateline(line)
    assert found is not None and found.published == expected


@pytest.mark.parametrize(
    "line",
    [
        "On August 24, 2021, the two navies held a joint exercise in the Sea of Japan "
        "near the coast of Russia.",
        "Lessons of March 1969 for the present",
        "February 30, 2021",
        "The treaty of 1950",
    ],
)
def test_find_dateline_ignores_non_date_lines(line: str) -> None:
    assert find_dateline(line) is None


def test_find_dateline_marks_updates() -> None:
    found = find_dateline("Updated: January 5, 2022")
    assert found is not None and found.updated


def test_find_metadata_prefers_published_over_updated() -> None:
    meta = find_metadata(
        "A Title\n\nUpdated June 2, 2022\n\nPublished June 1, 2022\n\n" + body_lines(3)
    )
    assert meta.published == date(2022, 6, 1)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("# Markdown Heading Title\n\n" + BODY, "Markdown Heading Title"),
        ("Skip to content\nMenu\nA Title After Navigation\n\n" + BODY, "A Title After Navigation"),
        ("Will the Entente Last?\n\n" + BODY, "Will the Entente Last?"),
        ("**An Emphasised Title**\n\n" + BODY, "An Emphasised Title"),
        (BODY * 2, None),
        ("This first line is a sentence.\n\n" + BODY, None),
    ],
)
def test_find_metadata_title(text: str, title: str | None) -> None:
    meta = find_metadata(text)
    assert meta.title == title
    if meta.title_span:
        assert text[meta.title_span[0] : meta.title_span[1]] == title


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("A Title\n\nBy Jane Doe\n\n" + BODY, "Jane Doe"),
        (
            "A Title\n\nBy Jane Doe and John Q. Smith, Senior Fellows\n\n" + BODY,
            "Jane Doe and John Q. Smith",
        ),
        ("A Title\n\nBy Jane Doe, Senior Fellow\n\n" + BODY, "Jane Doe"),
        (
            "A Title\n\nBy Jane Doe, John Roe and Ann Lee\n\n" + BODY,
            "Jane Doe, John Roe and Ann Lee",
        ),
        ("A Title\n\nWritten by Ana de Souza | 3 May 2020\n\n" + BODY, "Ana de Souza"),
        (
            "A Title\n\n"
            + body_lines(8)
            + "Jane Doe is a senior fellow at the Example Institute.\n",
            "Jane Doe",
        ),
        (
            "A Title\n\n"
            + body_lines(8)
            + "Jane Doe (@jdoe) is the director of Asia studies at a university.\n",
            "Jane Doe",
        ),
        (
            "A Title\n\n" + body_lines(8) + "The writer is a consultant on security in London.\n",
            None,
        ),
        ("A Title\n\n" + body_lines(8) + "The author is a professor of history.\n", None),
        ("A Title\n\nBy the Editorial Board\n\n" + BODY, None),
        ("A Title\n\n" + body_lines(8), None),
    ],
)
def test_find_metadata_author(text: str, author: str | None) -> None:
    assert find_metadata(text).author == author


def test_find_metadata_bio_not_at_end_is_not_author() -> None:
    text = "A Title\n\nJane Doe is a senior fellow at the Example Institute.\n\n" + body_lines(10)
    assert find_metadata(text).author is None


def test_find_metadata_date_only_near_top() -> None:
    text = "A Title\n\n" + body_lines(20) + "August 24, 2021\n"
    assert find_metadata(text).published is None


@pytest.mark.parametrize(
    ("line", "rule_id"),
    [
        ("Skip to main content", "nav-skip"),
        ("top of page", "nav-page-edge"),
        ("Back to top", "nav-back-top"),
        ("Menu", "nav-word"),
        ("Share this article", "share"),
        ("Share on LinkedIn", "share"),
        ("Facebook | Twitter | Email", "share-network"),
        ("Sign up for our daily newsletter", "subscribe"),
        ("ADVERTISEMENT", "advert"),
        ("Read more: Why sanctions fail", "read-more"),
        ("Related articles", "read-more"),
        ("Follow us on Twitter", "follow"),
        ("© 2021 Example Media. All rights reserved.", "rights"),
        ("Copyright © 2020 The Review", "copyright"),
        ("Image: Wikimedia Commons", "image-credit"),
        ("The leaders meet in Moscow, June 2019. Photo: Some Agency", "image-credit"),
        ("Soldiers on parade. (Photo by Jane Doe/Getty Images)", "photo-by"),
        ("AFP via Getty Images", "agency-credit"),
        ("We use cookies to improve your experience on our site.", "cookie"),
        ("5 min read", "listen"),
        ("About the author", "about-author"),
        (
            "An earlier version of this article was published by an institute in 2019.",
            "editorial-earlier",
        ),
        ("This article was originally published in a magazine.", "editorial-originally"),
        ("Editor's note: this piece is part of a series.", "editorial-note"),
        ("The views expressed are those of the author.", "editorial-views"),
    ],
)
def test_boilerplate_rule_masks_line(line: str, rule_id: str) -> None:
    text = "A Title\n\n" + body_lines(10) + line + "\n\n" + body_lines(10)
    matches = boilerplate_matches(text)
    assert [(found, match.text) for found, match in matches] == [(rule_id, line)]


@pytest.mark.parametrize(
    "line",
    [
        "Russia will share intelligence with China on the border.",
        "The photo of the two leaders was widely shared. It showed a warm embrace.",
        "Menu of options for Washington is short.",
        "Vladimir Putin is the president of Russia and has been for two decades.",
        "Video-game diplomacy",
        "Russia and China are likely to sign a new treaty, said an adviser.",
    ],
)
def test_boilerplate_keeps_text_lines(line: str) -> None:
    text = "A Title\n\n" + body_lines(10) + line + "\n\n" + body_lines(10)
    assert boilerplate_matches(text) == ()


def test_boilerplate_bio_masked_only_at_end() -> None:
    bio = "Jane Doe is a senior fellow at the Example Institute."
    assert boilerplate_matches("A Title\n\n" + body_lines(10) + bio + "\n")[-1][0] == "bio-named"
    assert boilerplate_matches("A Title\n\n" + bio + "\n\n" + body_lines(10)) == ()


def test_boilerplate_rules_load_with_versioned_name() -> None:
    rules = load_boilerplate_rules()
    assert BOILERPLATE_RULESET == "boilerplate.v1"
    assert len({rule.rule_id for rule in rules}) == len(rules) > 20


def test_split_lines_offsets_point_into_text() -> None:
    text = "\ufeffTitle\r\n\r\n  indented line  \rlast"
    for line in split_lines(text):
        assert text[line.start : line.end] == line.text
    assert [line.text for line in split_lines(text)] == ["Title", "indented line", "last"]


def test_read_document_title_line_never_masked(tmp_path: Path) -> None:
    path = tmp_path / "t.txt"
    path.write_text("Subscribe\n\nRead more\n\n" + BODY, encoding="utf-8")
    document = read_document(path)
    assert document.title is None or document.title_span not in document.masked


@pytest.fixture(scope="module")
def wedge() -> object:
    return read_document(EXAMPLES / "driving-a-wedge-wont-work.txt")


@pytest.fixture(scope="module")
def promise() -> object:
    return read_document(EXAMPLES / "false-promise-russia-china-alliance.txt")


def masked_texts(document: object) -> list[str]:
    return [document.text[start:end] for start, end in document.masked]  # type: ignore[attr-defined]


def test_example_wedge_metadata(wedge: object) -> None:
    assert wedge.title == "Driving a Wedge Between China and Russia Won\u2019t Work"  # type: ignore[attr-defined]
    assert (wedge.published, wedge.published_source) == (date(2021, 8, 24), "text")  # type: ignore[attr-defined]
    assert wedge.author == "Sergey Radchenko"  # type: ignore[attr-defined]


def test_example_wedge_masks_credit_and_bio(wedge: object) -> None:
    masked = masked_texts(wedge)
    assert "Image: Xinhua" in masked
    assert any(text.startswith("Sergey Radchenko is the") for text in masked)
    assert len(masked) <= 4


def test_example_promise_metadata(promise: object) -> None:
    assert promise.title == "The False Promise of a Russia-China Military Alliance"  # type: ignore[attr-defined]
    assert (promise.published, promise.author) == (None, None)  # type: ignore[attr-defined]


def test_example_promise_masks_navigation_and_notes(promise: object) -> None:
    masked = masked_texts(promise)
    assert masked[0] == "top of page" and masked[-1] == "bottom of page"
    assert any(text.startswith("The writer is a consultant") for text in masked)
    assert any(text.startswith("An earlier version of this article") for text in masked)
    assert len(masked) == 4
