"""The export container: a directory or a zip file holding a manifest and one file per table.

::

    manifest.json           format, version, schema revision, tables (description, rows, sha256)
    tables/documents.jsonl  one JSON array per row (see counterpoint.workspace.values)
    tables/...

The writer works in a ``.partial`` sibling and renames it into place only when the
manifest, written last, is complete, so a crash mid-export never leaves something that
looks like an export. The reader checks what it reads: the manifest's size and form, file
names (only ``tables/<name>.jsonl``, read by name, never extracted), and line lengths.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from counterpoint.workspace.errors import WorkspaceError

MANIFEST = "manifest.json"
FORMAT = "counterpoint-workspace"
FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 16 * 1024 * 1024
# One row per line; a document's text is its longest value (ingest caps it by max_chars).
MAX_LINE_BYTES = 256 * 1024 * 1024


def table_file(name: str) -> str:
    """The archive member holding table ``name``'s rows."""
    return f"tables/{name}.jsonl"


@dataclass(frozen=True)
class Written:
    """What was written for one table: its row count and the sha256 of its file."""

    rows: int
    sha256: str


class _Sink:
    """Counts lines and hashes bytes on their way to a file."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()
        self.rows = 0

    def write(self, line: bytes) -> None:
        self.digest.update(line)
        self.handle.write(line)
        self.rows += 1


class ExportWriter:
    """Write an export to ``out`` (a ``.zip`` file, or a directory for any other name)."""

    def __init__(self, out: Path) -> None:
        """Refuse an ``out`` that exists; start writing into a ``.partial`` sibling."""
        if out.exists():
            raise WorkspaceError(f"{out}: already exists; choose a new name (nothing written)")
        if not out.parent.is_dir():
            raise WorkspaceError(f"{out}: directory {str(out.parent)!r} does not exist")
        self.out = out
        self.partial = out.with_name(out.name + ".partial")
        _remove(self.partial)
        self.zip: zipfile.ZipFile | None = None
        if out.suffix.lower() == ".zip":
            self.zip = zipfile.ZipFile(self.partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        else:
            (self.partial / "tables").mkdir(parents=True)

    @contextmanager
    def table(self, name: str) -> Iterator[_Sink]:
        """A sink for table ``name``'s lines; the count and hash are read after the block."""
        member = table_file(name)
        if self.zip is not None:
            with self.zip.open(member, "w", force_zip64=True) as handle:
                yield _Sink(handle)
        else:
            with (self.partial / member).open("wb") as handle:
                yield _Sink(handle)

    def finish(self, manifest: dict[str, Any]) -> Path:
        """Write the manifest and move the export into place."""
        data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8") + b"\n"
        if self.zip is not None:
            self.zip.writestr(MANIFEST, data)
            self.zip.close()
            self.zip = None
        else:
            (self.partial / MANIFEST).write_bytes(data)
        os.replace(self.partial, self.out)
        return self.out

    def abort(self) -> None:
        """Remove what was written."""
        if self.zip is not None:
            self.zip.close()
            self.zip = None
        _remove(self.partial)


def _remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    elif path.exists():
        path.unlink()


class ExportReader:
    """Read an export (a directory or a zip file) made by :class:`ExportWriter`."""

    def __init__(self, path: Path) -> None:
        """Open ``path`` and read its manifest (checked by the caller)."""
        self.path = path
        self.zip: zipfile.ZipFile | None = None
        if path.is_dir():
            pass
        elif path.is_file():
            try:
                self.zip = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError) as e:
                raise WorkspaceError(f"{path}: not an export (not a zip file: {e})") from e
        else:
            raise WorkspaceError(f"{path}: no such file or directory")
        self.manifest = self._manifest()

    def close(self) -> None:
        """Close the zip file, if any."""
        if self.zip is not None:
            self.zip.close()

    def __enter__(self) -> ExportReader:
        """Return the reader."""
        return self

    def __exit__(self, *_exc: object) -> None:
        """Close the reader."""
        self.close()

    def _manifest(self) -> Any:
        with self._open(MANIFEST, missing="no manifest.json (not an export, or cut short)") as f:
            data = f.read(MAX_MANIFEST_BYTES + 1)
        if len(data) > MAX_MANIFEST_BYTES:
            raise WorkspaceError(f"{self.path}: manifest.json is larger than 16 MiB")
        try:
            return json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise WorkspaceError(f"{self.path}: manifest.json is not valid JSON ({e})") from e

    @contextmanager
    def _open(self, member: str, *, missing: str) -> Iterator[IO[bytes]]:
        try:
            if self.zip is not None:
                with self.zip.open(member) as handle:
                    yield handle
            else:
                with (self.path / member).open("rb") as handle:
                    yield handle
        except (KeyError, FileNotFoundError) as e:
            raise WorkspaceError(f"{self.path}: {missing}") from e
        except (zipfile.BadZipFile, OSError, EOFError) as e:
            raise WorkspaceError(f"{self.path}: {member} cannot be read ({e})") from e

    def lines(self, name: str) -> Iterator[tuple[int, bytes]]:
        """``(line number, line)`` for every row of table ``name``, streamed."""
        member = table_file(name)
        with self._open(member, missing=f"{member} is missing (the export is incomplete)") as f:
            number = 0
            while True:
                line = f.readline(MAX_LINE_BYTES + 1)
                if not line:
                    return
                number += 1
                if len(line) > MAX_LINE_BYTES:
                    raise WorkspaceError(f"{self.path}: {member}:{number}: line over 256 MiB")
                yield number, line

    def measure(self, name: str) -> Written:
        """Count and hash table ``name``'s file as it is now."""
        digest = hashlib.sha256()
        rows = 0
        last = b"\n"
        for rows, line in self.lines(name):  # noqa: B007 (the count is the last number)
            digest.update(line)
            last = line
        if not last.endswith(b"\n"):
            raise WorkspaceError(f"{self.path}: {table_file(name)} ends mid-line (cut short)")
        return Written(rows=rows, sha256=digest.hexdigest())
