"""Content stamps for rule files: ``hedges.v1@1a2b3c4d``.

Every extraction and comparison is stored with the rule sets that made it. A version name
such as ``hedges.v1`` says which table was meant, not which edit of it: a file corrected in
place keeps its name. The stamp adds the first 8 hex digits of the SHA-256 of the file's
bytes, so

* a stored result names the exact rule data behind it, and
* the pipeline version (see :func:`counterpoint.extract.pipeline_version`) changes with any
  edit, so ``analyze`` re-reads documents stored under the old rules instead of keeping them.

>>> stamp("empty.v1", b"")
'empty.v1@e3b0c442'
"""

from __future__ import annotations

import hashlib
import re
from importlib import resources

STAMP = re.compile(r"(?P<name>[a-z0-9_]+\.v[0-9]+)@(?P<digest>[0-9a-f]{8})\Z")


def stamp(name: str, *contents: bytes) -> str:
    """``name@`` and 8 hex digits of the SHA-256 of ``contents`` in order."""
    digest = hashlib.sha256()
    for content in contents:
        digest.update(content)
    return f"{name}@{digest.hexdigest()[:8]}"


def stamp_files(package: str, folder: str, name: str, *files: str) -> str:
    """The stamp of rule set ``name`` from the packaged ``package/folder/files``."""
    root = resources.files(package) / folder
    return stamp(name, *((root / file).read_bytes() for file in files))
