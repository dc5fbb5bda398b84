"""Hostile inputs: every nasty file gets one clear reason, the others are still read.

The files are generated here (never committed). Each case names the reason the user must
see; ``test_hostile_directory_through_cli`` runs the real CLI over all of them plus one good
article and checks that the good one is stored and each bad one named once.
"""

from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfWriter
from pypdf.generic import NameObject, StreamObject

from counterpoint.errors import IngestError
from counterpoint.ingest import iter_documents, read_document, read_jsonl
from counterpoint.ingest.text import decode_text
from counterpoint.records import Document

GOOD = (
    "Russia and China signed a friendship treaty in July 2001. The two states will likely "
    "remain partners through 2030, although Washington hopes to divide them."
)


def _pdf_without_text(path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.write(path)


def _pdf_bomb(path: Path) -> None:
    """A small PDF whose one content stream inflates to 300 MB of blanks."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    stream = StreamObject()
    stream.set_data(b"")  # type: ignore[no-untyped-call]
    stream._data = zlib.compress(b"BT (x) Tj ET " + b" " * (300 << 20), 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    writer.write(path)


# name -> (bytes or a writer, a fragment of the expected reason)
NASTY: dict[str, tuple[bytes | object, str]] = {
    "empty.txt": (b"", "empty file"),
    "whitespace.txt": (b"  \n\t \r\n ", "only whitespace"),
    "binary.txt": (bytes(range(256)) * 16, "binary file"),
    "truncated.txt": ("Moscow and Beijing met in 1969. Caf\u00e9".encode()[:-1], "truncated"),
    "utf16.txt": (GOOD.encode("utf-16-le"), "UTF-16"),
    "utf16-bom.txt": (GOOD.encode("utf-16"), "UTF-16"),
    "latin1.txt": ("Moscow met Beijing at the caf\u00e9 in 1950.".encode("latin-1"), "not UTF-8"),
    "one-line.txt": (b"Russia and China will cooperate. " * 320_000, "over the limit"),
    "nested.html": (b"<div>" * 40_000 + b"<p>x</p>" + b"</div>" * 40_000, "no main text"),
    "scripts-only.html": (
        b"<html><body><script>alert(1)</script><div onclick='alert(2)'></div></body></html>",
        "no main text",
    ),
    "fake.pdf": (b"PK\x03\x04 this is a zip file, not a PDF", "not a PDF"),
    "no-text.pdf": (_pdf_without_text, "no extractable text"),
    "bomb.pdf": (_pdf_bomb, "no extractable text"),
    "unknown.docx": (b"irrelevant", "unsupported file type"),
}


def _write(directory: Path, name: str) -> Path:
    content, _ = NASTY[name]
    path = directory / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        content(path)  # type: ignore[operator]
    return path


@pytest.mark.parametrize("name", sorted(NASTY))
def test_read_document_hostile_file_gives_its_reason(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name)
    with pytest.raises(IngestError) as caught:
        read_document(path)
    message = str(caught.value)
    assert message.startswith(str(path) + ": ")
    assert NASTY[name][1] in message
    assert "\n" not in message


def test_read_document_max_chars_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(GOOD * 10, encoding="utf-8")
    assert read_document(path, max_chars=len(GOOD) * 10).text == GOOD * 10
    with pytest.raises(IngestError, match="over the limit of 100"):
        read_document(path, max_chars=100)


def test_read_jsonl_broken_and_oversized_lines_skipped_others_read(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"text": GOOD, "title": "first"}),
        '{"text": broken',
        json.dumps({"text": "x" * 5_000}),
        json.dumps({"text": GOOD, "title": "last"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_jsonl(path, max_chars=400))
    assert [type(item).__name__ for item in items] == [
        "Document",
        "IngestError",
        "IngestError",
        "Document",
    ]
    assert str(items[1]).startswith(f"{path}:2: invalid JSON")
    assert str(items[2]).startswith(f"{path}:3: ")
    assert [item.title for item in items if isinstance(item, Document)] == ["first", "last"]


def test_iter_documents_reads_good_files_among_hostile_ones(tmp_path: Path) -> None:
    for name in NASTY:
        _write(tmp_path, name)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    items = list(iter_documents([tmp_path]))
    documents = [item for item in items if isinstance(item, Document)]
    errors = [item for item in items if isinstance(item, IngestError)]
    assert [document.name for document in documents] == ["good.txt"]
    # .docx is not a known extension, so a directory scan leaves it out silently.
    assert sorted(Path(error.source).name for error in errors) == sorted(
        name for name in NASTY if not name.endswith(".docx")
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2_000))
def test_decode_text_any_bytes_gives_text_or_ingest_error(data: bytes) -> None:
    try:
        text = decode_text(data, "fuzz.txt")
    except IngestError as e:
        assert str(e).startswith("fuzz.txt: ")
    else:
        assert text.strip()
        assert text.encode("utf-8") == data


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from([".txt", ".md", ".html", ".pdf", ".jsonl"]),
    st.binary(max_size=3_000) | st.text(max_size=3_000).map(str.encode),
)
def test_iter_documents_any_bytes_never_crashes(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    for item in iter_documents([path]):
        assert isinstance(item, Document | IngestError)
        if isinstance(item, Document):
            assert item.text.strip()


@pytest.mark.model
def test_hostile_directory_through_cli(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in NASTY:
        _write(corpus, name)
    (corpus / "good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "work.db"
    command = [sys.executable, "-m", "counterpoint", "analyze", str(corpus), "--db", str(db)]
    result = subprocess.run(
        [*command, "--format", "json"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    stored = json.loads(result.stdout)["documents"]
    assert [document["name"] for document in stored] == ["good.txt"]
    error_lines = [line for line in result.stderr.splitlines() if line.startswith("error ")]
    named = sorted(Path(line.split()[1].rstrip(":")).name for line in error_lines)
    assert named == sorted(name for name in NASTY if not name.endswith(".docx"))


def test_analyze_max_chars_option_refuses_longer_documents(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(GOOD, encoding="utf-8")
    command = [sys.executable, "-m", "counterpoint", "analyze", str(path)]
    command += ["--db", str(tmp_path / "w.db"), "--max-chars", "50", "--workers", "1"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 1
    assert f"{path}: document is {len(GOOD):,} characters, over the limit of 50" in result.stderr
