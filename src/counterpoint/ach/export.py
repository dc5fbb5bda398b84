"""Write a case back out as a case file: what the analyst changed in the store, as YAML.

Ratings changed and items added with ``ach rate`` or in the web app live in the store; the
case file the analyst started from is not touched. :func:`case_yaml` writes the stored case
in the case-file format (``docs/ach.md``), so it can be read again with
:func:`~counterpoint.ach.casefile.load_case`, kept under version control, or shared:
loading the text gives back the same case (ids, texts, ratings, likelihoods, priors,
sources with their offsets, milestones, dates, flags, notes).

Document sources keep their quote and start offset; their files are listed under
``documents`` with a path relative to the folder the file is written to (absolute when
there is no such path), so the quotes are checked again on load.

:func:`write_case_file` writes atomically (a temporary file, then a rename) and refuses to
replace an existing file unless asked: the analyst's own file, with its comments, is never
overwritten by accident.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from counterpoint.ach.model import AchError, Case, Evidence, Hypothesis, Source

FORMAT_VERSION = 1


class ExportError(AchError):
    """The case file could not be written; the message names the file and the reason."""


def case_yaml(case: Case, *, directory: Path | None = None) -> str:
    """The case-file text of ``case``; document paths relative to ``directory`` if given."""
    documents: dict[str, str] = {}
    evidence = [_evidence(item, documents, directory) for item in case.evidence]
    data: dict[str, Any] = {"version": FORMAT_VERSION, "case": case.name, "question": case.question}
    if case.as_of:
        data["as_of"] = case.as_of
    if documents:
        data["documents"] = dict(sorted(documents.items()))
    if case.likelihood_table:
        data["likelihood_table"] = dict(case.likelihood_table)
    data["hypotheses"] = [_hypothesis(h) for h in case.hypotheses]
    data["evidence"] = evidence
    header = (
        f"# ACH case {case.name!r}, written by `counterpoint ach export` from the store.\n"
        "# Format: docs/ach.md. Priors are as normalised when the case was first read.\n"
    )
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def write_case_file(case: Case, path: Path, *, overwrite: bool = False) -> None:
    """Write ``case`` to ``path`` as a case file, atomically.

    Raises:
        ExportError: ``path`` is a folder, or exists and ``overwrite`` is false, or it
            cannot be written.
    """
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give the case file's name")
    if path.exists() and not overwrite:
        raise ExportError(f"{path}: already exists; give --force to replace it")
    folder = path.resolve().parent
    text = case_yaml(case, directory=folder)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as e:
        raise ExportError(f"{path}: cannot write ({e.strerror or e})") from e
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        # mkstemp makes the file private (0600); give it the mode a plain write would have.
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else _default_mode())
        os.replace(temporary, path)
    except OSError as e:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"{path}: cannot write ({e.strerror or e})") from e


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _hypothesis(hypothesis: Hypothesis) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": hypothesis.id,
        "statement": hypothesis.statement,
        "prior": hypothesis.prior,
    }
    for name in ("actors", "quad_classes", "keywords"):
        if values := getattr(hypothesis, name):
            data[name] = list(values)
    if hypothesis.milestones:
        data["milestones"] = [
            {
                "id": m.id,
                "text": m.text,
                **({"by": m.by} if m.by else {}),
                **({"probability": m.probability} if m.probability is not None else {}),
            }
            for m in hypothesis.milestones
        ]
    return data


def _evidence(item: Evidence, documents: dict[str, str], directory: Path | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id,
        "text": item.text,
        "type": item.type,
        "credibility": item.credibility,
        "relevance": item.relevance,
        "source": _source(item.source, documents, directory),
    }
    if item.event_date:
        data["event_date"] = item.event_date
    if item.reported:
        data["reported"] = item.reported
    if item.flags:
        data["flags"] = list(item.flags)
    if item.note:
        data["note"] = item.note
    data["ratings"] = dict(item.ratings)
    if item.likelihoods:
        data["likelihoods"] = dict(item.likelihoods)
    return data


def _source(
    source: Source, documents: dict[str, str], directory: Path | None
) -> dict[str, Any] | None:
    if source.document is None and source.external is None:
        return None  # an item added in the app without a source: `source: null`
    if source.document is None:
        data: dict[str, Any] = {"external": source.external or ""}
        if source.url:
            data["url"] = source.url
        if source.quote:
            data["quote"] = source.quote
        return data
    key = source.document
    if source.path:
        where = _relative(Path(source.path), directory)
        stem, dot, suffix = source.document.rpartition(".")
        n = 1
        while documents.get(key, where) != where:  # same file name, another folder
            n += 1
            key = f"{stem}-{n}{dot}{suffix}" if dot else f"{source.document}-{n}"
        documents[key] = where
    return {"document": key, "quote": source.quote or "", "start": source.start}


def _relative(path: Path, directory: Path | None) -> str:
    absolute = path.resolve()
    if directory is None:
        return str(absolute)
    try:
        return os.path.relpath(absolute, directory)
    except ValueError:  # another drive on Windows
        return str(absolute)
