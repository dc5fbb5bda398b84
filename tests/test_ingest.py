"""Tests for counterpoint.ingest: reading files, JSONL corpora and directories."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from counterpoint.errors import CounterpointError, IngestError
from counterpoint.ingest import iter_documents, parse_date_option, read_document, read_jsonl
from counterpoint.records import Document

ARTICLE = (
    "The Coming Rift in Eurasia\r\n\r\nBy Jane Doe\r\n\r\nMarch 12, 2020\r\n\r\n"
    "Share on Twitter\r\n\r\nRussia and China will likely drift apart within a decade.\r\n\r\n"
    "Photo: Reuters\r\n"
)

HTML = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Why the Partnership Will Hold | Example Review</title>
<meta property="og:title" content="Why the Partnership Will Hold">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2022-03-04T10:00:00Z">
<link rel="canonical" href="https://example.org/2022/03/partnership"></head>
<body><nav><a href="/">Home</a> <a href="/about">About</a></nav><article>
<h1>Why the Partnership Will Hold</h1>
<p>Beijing and Moscow have signed many agreements since 2001, and both governments describe
the partnership as having no limits. Most analysts expect the relationship to deepen.</p>
<p>Yet the partnership remains asymmetric. China's economy is ten times the size of Russia's,
and Russian officials worry in private about dependence on Chinese markets.</p>
<p>It is likely that the two states will hold joint exercises again next year, as they have
done every year since 2012.</p></article>
<footer>Copyright 2022 Example Review.</footer></body></html>"""


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose content stream shows ``lines`` with Tj operators."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL", *(f"({line}) Tj T*" for line in escaped), "ET"]
    stream = "\n".join(ops).encode("latin-1") if lines else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def assert_offsets(document: Document) -> None:
    if document.title_span:
        start, end = document.title_span
        assert document.text[start:end] == document.title
    for start, end in document.masked:
        assert document.text[start:end] == document.text[start:end].strip()
        assert document.text[start:end]


def test_read_document_txt_keeps_text_as_stored(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "rift.txt", ARTICLE))
    assert document.text == ARTICLE
    assert (document.name, document.format) == ("rift.txt", "txt")


def test_read_document_txt_metadata(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "rift.txt", ARTICLE))
    assert (document.title, document.author) == ("The Coming Rift in Eurasia", "Jane Doe")
    assert (document.published, document.published_source) == (date(2020, 3, 12), "text")


def test_read_document_txt_masks_boilerplate_and_metadata_lines(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "rift.txt", ARTICLE))
    masked = [document.text[start:end] for start, end in document.masked]
    assert masked == ["By Jane Doe", "March 12, 2020", "Share on Twitter", "Photo: Reuters"]
    assert_offsets(document)


def test_read_document_options_override_text(tmp_path: Path) -> None:
    path = write(tmp_path, "rift.txt", ARTICLE)
    document = read_document(path, published=date(2020, 4, 1), title="Eurasia", author="J. Roe")
    assert (document.published, document.published_source) == (date(2020, 4, 1), "option")
    assert (document.title, document.author) == ("Eurasia", "J. Roe")
    assert document.title_span == (ARTICLE.index("Eurasia"), ARTICLE.index("Eurasia") + 7)


def test_read_document_markdown_title_span_excludes_hash(tmp_path: Path) -> None:
    document = read_document(
        write(tmp_path, "note.md", "# A Cold Peace\n\nMoscow and Beijing will cooperate.\n")
    )
    assert (document.format, document.title, document.title_span) == ("md", "A Cold Peace", (2, 14))
    assert document.masked == ()


def test_read_document_html_main_text_and_metadata(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "page.html", HTML))
    assert "ten times the size" in document.text and "Home" not in document.text
    assert (document.format, document.title, document.author) == (
        "html",
        "Why the Partnership Will Hold",
        "Jane Doe",
    )
    assert (document.published, document.published_source) == (date(2022, 3, 4), "html-metadata")
    assert document.url == "https://example.org/2022/03/partnership"
    assert_offsets(document)


def test_read_document_html_fetches_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import htmldate.utils
    import trafilatura.downloads

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access")

    monkeypatch.setattr(trafilatura.downloads, "fetch_url", refuse)
    monkeypatch.setattr(htmldate.utils, "fetch_url", refuse)
    assert read_document(write(tmp_path, "page.htm", HTML)).format == "html"


def test_read_document_pdf_pages_text_and_metadata(tmp_path: Path) -> None:
    lines = [
        "The Coming Rift in Eurasia",
        "24 August 2021",
        "Russia and China will likely drift apart.",
    ]
    document = read_document(write(tmp_path, "rift.pdf", minimal_pdf(lines)))
    assert [line for line in document.text.splitlines() if line] == lines
    assert (document.format, document.title, document.published) == (
        "pdf",
        lines[0],
        date(2021, 8, 24),
    )
    assert_offsets(document)


def test_read_document_sha256_stable_and_content_sensitive(tmp_path: Path) -> None:
    first = read_document(write(tmp_path, "a.txt", ARTICLE)).sha256
    again = read_document(write(tmp_path, "b.txt", ARTICLE)).sha256
    other = read_document(write(tmp_path, "c.txt", ARTICLE + "More.")).sha256
    assert first == again != other and len(first) == 64


def test_read_document_long_text_is_read(tmp_path: Path) -> None:
    text = "Russia and China cooperate. " * 40_000
    assert len(read_document(write(tmp_path, "long.txt", text)).text) > 1_000_000


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\t\r\n ", "only whitespace"),
        ("binary.txt", b"abc\x00\x01def", "binary file"),
        ("latin1.txt", "Caf\u00e9 in Moscow".encode("latin-1"), "not UTF-8"),
        ("utf16.txt", "Moscow".encode("utf-16"), "UTF-16"),
        ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no main text"),
        ("scan.pdf", minimal_pdf([]), "no extractable text"),
        ("broken.pdf", b"%PDF-1.4 not really", "cannot read PDF"),
        ("notes.docx", b"PK\x03\x04", "unsupported file type"),
    ],
)
def test_read_document_bad_input_raises(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(IngestError, match=reason) as info:
        read_document(path)
    assert info.value.source == str(path)


def test_read_document_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        read_document(tmp_path / "absent.txt")


def test_read_document_directory_raises(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="is a directory"):
        read_document(tmp_path)


def test_read_document_max_bytes_refuses_larger(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="over the limit"):
        read_document(write(tmp_path, "a.txt", ARTICLE), max_bytes=10)


def test_read_jsonl_bad_line_does_not_stop_others(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "Moscow and Beijing agree.", "title": "One", "published": "2021-08"}),
        "{not json",
        "",
        json.dumps(
            {"text": "Washington objects.", "name": "two", "published": "2021-08-24T09:00:00Z"}
        ),
    ]
    items = list(read_jsonl(write(tmp_path, "corpus.jsonl", "\n".join(lines) + "\n")))
    assert [type(item).__name__ for item in items] == ["Document", "IngestError", "Document"]
    first, error, last = items
    assert (
        isinstance(first, Document)
        and isinstance(last, Document)
        and isinstance(error, IngestError)
    )
    assert (first.name, first.title, first.published, first.published_source) == (
        "corpus.jsonl#1",
        "One",
        date(2021, 8, 15),
        "jsonl",
    )
    assert (last.name, last.published, last.format) == ("two", date(2021, 8, 24), "jsonl")
    assert error.source.endswith("corpus.jsonl:2")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('["text"]', "JSON object"),
        ('{"title": "no text"}', '"text"'),
        ('{"text": "   "}', '"text"'),
        ('{"text": "ok", "author": 3}', '"author" must be a string'),
        ('{"text": "ok", "published": "last week"}', "last week"),
    ],
)
def test_read_jsonl_bad_line_reason(tmp_path: Path, line: str, reason: str) -> None:
    (item,) = list(read_jsonl(write(tmp_path, "c.jsonl", line + "\n")))
    assert isinstance(item, IngestError) and reason in item.reason


def test_iter_documents_directory_sorted_and_filtered(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "Second text.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "a.md", "Nested text.")
    for skipped in ("README.md", "SOURCES.md", "LICENSE.txt", ".hidden.txt", "data.csv"):
        write(tmp_path, skipped, "Not a document.")
    names = [item.name for item in iter_documents([tmp_path]) if isinstance(item, Document)]
    assert names == ["b.txt", "a.md"]


def test_iter_documents_bad_file_yields_error_and_continues(tmp_path: Path) -> None:
    paths = [
        write(tmp_path, "empty.txt", b""),
        tmp_path / "absent.txt",
        write(tmp_path, "ok.txt", "Fine text."),
    ]
    items = list(iter_documents(paths, published=date(2020, 1, 2)))
    assert [type(item).__name__ for item in items] == ["IngestError", "IngestError", "Document"]
    assert isinstance(items[2], Document) and items[2].published_source == "option"


def test_iter_documents_empty_directory_yields_error(tmp_path: Path) -> None:
    write(tmp_path, "notes.csv", "a,b")
    (item,) = list(iter_documents([tmp_path]))
    assert isinstance(item, IngestError) and "no readable documents" in item.reason


def test_iter_documents_published_overrides_jsonl(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", json.dumps({"text": "Text.", "published": "2019"}) + "\n")
    (item,) = list(iter_documents([path], published=date(2020, 5, 5)))
    assert isinstance(item, Document) and (item.published, item.published_source) == (
        date(2020, 5, 5),
        "option",
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-08-24", date(2021, 8, 24)),
        ("2021-08", date(2021, 8, 15)),
        ("2021", date(2021, 7, 1)),
        (" 2020-02-29 ", date(2020, 2, 29)),
    ],
)
def test_parse_date_option_forms(value: str, expected: date) -> None:
    assert parse_date_option(value) == expected


@pytest.mark.parametrize("value", ["24/08/2021", "2021-13", "2021-02-30", "August 2021", ""])
def test_parse_date_option_rejects_and_names_value(value: str) -> None:
    with pytest.raises(CounterpointError, match=repr(value).replace("[", r"\[")):
        parse_date_option(value)


def test_directory_files_order_and_selection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import counterpoint.ingest as ingest

    for name in ("b.txt", "A.MD", "a.html", "c.jsonl", "z.pdf", "d.htm", "e.markdown"):
        write(tmp_path, name, "Text.")
    for name in ("README.md", "readme.MD", "SOURCES.md", "LICENSE.txt", "license-x.md"):
        write(tmp_path, name, "Not a document.")
    for name in (".hidden.txt", "data.csv", "noext", "broken.txt."):
        write(tmp_path, name, "Not a document.")
    for sub in ("sub", "a-sub", ".git"):
        (tmp_path / sub).mkdir()
        write(tmp_path / sub, "x.txt", "Nested text.")
    (tmp_path / "sub" / "deeper").mkdir()
    write(tmp_path / "sub" / "deeper", "y.md", "Nested text.")
    (tmp_path / "dir.txt").mkdir()
    try:
        (tmp_path / "linked").symlink_to(tmp_path / "sub", target_is_directory=True)
        (tmp_path / "alias.txt").symlink_to(tmp_path / "b.txt")
        (tmp_path / "dangling.txt").symlink_to(tmp_path / "absent.txt")
    except OSError:
        pytest.skip("no symbolic links here")
    expected = [
        "A.MD", "a.html", "alias.txt", "b.txt", "c.jsonl", "d.htm", "e.markdown", "z.pdf",
        "a-sub/x.txt", "sub/x.txt", "sub/deeper/y.md",
    ]  # fmt: skip
    for per_run in (4096, 3, 1):  # one sorted run, and names merged from several
        monkeypatch.setattr(ingest, "_NAMES_PER_RUN", per_run)
        found = list(ingest.directory_files(tmp_path))
        assert [p.relative_to(tmp_path).as_posix() for p in found] == expected
        assert all(isinstance(p, Path) for p in found)


def test_directory_files_holds_a_few_bytes_per_file(tmp_path: Path) -> None:
    """A listed directory is held compactly: no string, list slot or Path per file."""
    import tracemalloc

    import counterpoint.ingest as ingest

    files = 20_000
    for i in range(files):
        (tmp_path / f"document-{(i * 7919) % files:05d}.txt").touch()
    tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        walk = ingest.directory_files(tmp_path)
        first = next(walk)
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    # pathlib interns each part of the one Path made; that table is the interpreter's.
    ignore = [
        tracemalloc.Filter(False, tracemalloc.__file__),
        tracemalloc.Filter(False, "*pathlib.py"),
    ]
    held = sum(
        s.size_diff
        for s in after.filter_traces(ignore).compare_to(before.filter_traces(ignore), "filename")
    )
    assert first.name == "document-00000.txt"
    assert held < 40 * files, f"{held / files:.0f} bytes held per file listed"
    assert sum(1 for _ in walk) == files - 1
