"""Rule sets are stored with a stamp of their file's content, so edits in place show."""

from __future__ import annotations

import hashlib
import importlib
from pathlib import Path

import pytest

import counterpoint
from counterpoint.compare.lexicon import RULE_FILES
from counterpoint.compare.lexicon import rulesets as compare_rulesets
from counterpoint.extract import pipeline_version, rulesets
from counterpoint.rulestamp import STAMP, stamp, stamp_files

PACKAGE = Path(counterpoint.__file__).parent


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:8]


def test_stamp_is_the_sha256_prefix_of_the_contents_in_order() -> None:
    assert stamp("x.v1", b"ab", b"c") == f"x.v1@{hashlib.sha256(b'abc').hexdigest()[:8]}"
    assert stamp("x.v1", b"abc") != stamp("x.v1", b"abd")


def test_extraction_rulesets_stamp_the_packaged_files() -> None:
    names = {STAMP.match(s)["name"]: STAMP.match(s)["digest"] for s in rulesets()}
    assert len(names) == len(rulesets()) == 8
    patterns = PACKAGE / "extract" / "patterns"
    assert names["hedges.v1"] == _digest(patterns / "hedges.v1.tsv")
    assert names["actors.v1"] == _digest(patterns / "actors.v1.jsonl")
    assert names["dates.v1"] == _digest(patterns / "named_dates.v1.tsv")
    # Every file under patterns/ is covered by some stamp.
    covered = set(names.values())
    assert {_digest(p) for p in patterns.iterdir() if p.is_file()} <= covered


def test_pipeline_version_names_every_stamp() -> None:
    version = pipeline_version()
    assert all(s in version for s in rulesets())
    assert pipeline_version(fast=True) != version


def test_comparison_rulesets_stamp_every_rule_file() -> None:
    stamps = compare_rulesets()
    data = PACKAGE / "compare" / "data"
    assert len(stamps) == len(RULE_FILES)
    assert {p.name for p in data.iterdir() if p.suffix in {".tsv", ".txt"}} == set(RULE_FILES)
    for stamped, file in zip(stamps, RULE_FILES, strict=True):
        match = STAMP.match(stamped)
        assert match is not None, stamped
        assert match["name"] == file.rsplit(".", 1)[0]
        assert match["digest"] == _digest(data / file)


def test_an_edit_in_place_changes_the_stamp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "rulepkg"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    rule = package / "data" / "words.v1.tsv"
    rule.write_text("strong\tweak\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    importlib.invalidate_caches()
    before = stamp_files("rulepkg", "data", "words.v1", "words.v1.tsv")
    rule.write_text("strong\tweak\nstable\tfragile\n", encoding="utf-8")
    after = stamp_files("rulepkg", "data", "words.v1", "words.v1.tsv")
    assert before != after
    assert before.startswith("words.v1@") and after.startswith("words.v1@")
    with pytest.raises(FileNotFoundError):
        stamp_files("rulepkg", "data", "gone.v1", "gone.v1.tsv")
