"""Crash safety: ``analyze`` killed with SIGKILL at random moments loses nothing.

A corpus of 80 documents (example sentences, shuffled; generated under ``tmp_path``) is
analysed by the real CLI in a subprocess, which is killed (its whole process group,
workers included, as a power cut or the OOM killer would) at random moments drawn with a
fixed seed: sometimes while it is still starting, mostly in the middle of storing
documents. After every kill the SQLite file must pass ``PRAGMA integrity_check`` and
``foreign_key_check``, and every document in it must load equal to the same document of
an uninterrupted run: no half-written document. Then ``analyze --resume`` completes the
run, and the database holds exactly what the uninterrupted run stored.

The analyst's own edits are written in transactions: a write that fails half-way (the
database refuses a value after earlier rows of the same edit were written) leaves the
previous state.
"""

from __future__ import annotations

import dataclasses
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from counterpoint.errors import StoreError
from counterpoint.pipeline import analyze
from counterpoint.records import Extraction
from counterpoint.store import Store
from crash_corpus import write_corpus

CLI = str(Path(sys.executable).parent / "counterpoint")
EXAMPLES = Path(__file__).parent.parent / "examples" / "sino-russian"
PUBLISHED = "2021-08-24"
KILLS = 6
# Enough documents that six kills, each after at least one more stored document (and a
# 2-worker round storing a whole batch at once), never reach the end of the corpus.
DOCUMENTS = 80
SEED = 20210824


def stored(db: Path) -> dict[str, Extraction]:
    with Store.open(str(db)) as store:
        return {d.sha256: store.load_extraction(d.id) for d in store.list_documents()}


def document_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
    except sqlite3.Error:
        return 0


def check_consistent(db: Path, reference: dict[str, Extraction]) -> int:
    """Assert the file is sound and each stored document is whole; return how many."""
    if db.exists():
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    found = stored(db)
    for sha256, extraction in found.items():
        assert extraction == reference[sha256], f"{extraction.document.name} is not whole"
    return len(found)


def start(corpus: Path, db: Path, *, workers: int, resume: bool) -> subprocess.Popen[bytes]:
    args = [CLI, "analyze", str(corpus), "--db", str(db), "--published", PUBLISHED]
    args += ["--workers", str(workers), "--format", "json"] + (["--resume"] if resume else [])
    return subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def kill_at_random_moment(
    process: subprocess.Popen[bytes], db: Path, rng: random.Random, *, first: bool
) -> bool:
    """SIGKILL the run's process group at a random moment; True if it was still running."""
    if first:  # anywhere from start-up (schema creation) on
        time.sleep(rng.uniform(0.05, 1.5))
    else:  # after at least one more document, then a random time into the next ones
        before = document_count(db)
        deadline = time.monotonic() + 60
        while document_count(db) <= before and process.poll() is None:
            assert time.monotonic() < deadline, "analyze made no progress in 60 s"
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.15))
    running = process.poll() is None
    if running:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    return running


def test_crash_killed_analyze_keeps_a_consistent_database_and_resumes(
    tmp_path: Path, nlp: object, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, documents=DOCUMENTS, sentences=16, seed=SEED)
    with Store.open(str(tmp_path / "reference.db")) as store:
        when = date.fromisoformat(PUBLISHED)
        analyze([corpus], store=store, nlp=nlp, published=when)  # type: ignore[arg-type]
    reference = stored(tmp_path / "reference.db")
    assert len(reference) == DOCUMENTS

    db = tmp_path / "crashed.db"
    rng = random.Random(SEED)
    kills = rounds = 0
    partial = []
    while kills < KILLS and rounds < 3 * KILLS:
        rounds += 1
        process = start(corpus, db, workers=2 if rounds % 3 == 0 else 1, resume=rounds > 1)
        kills += kill_at_random_moment(process, db, rng, first=rounds == 1)
        partial.append(check_consistent(db, reference))
    assert kills == KILLS
    assert partial[-1] < len(reference), "the runs finished before the kills were done"

    final = start(corpus, db, workers=1, resume=True)
    assert final.wait(timeout=120) == 0
    check_consistent(db, reference)
    assert stored(db) == reference
    with capsys.disabled():
        print(
            f"\ncrash safety: {kills} SIGKILLs survived in {rounds} runs "
            f"(documents stored after each: {partial}); --resume completed "
            f"{DOCUMENTS}/{DOCUMENTS}, "
            "equal to an uninterrupted run"
        )


@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Path:
    db = tmp_path_factory.mktemp("analysed") / "w.db"
    with Store.open(str(db)) as store:
        analyze([EXAMPLES], store=store, nlp=nlp)  # type: ignore[arg-type]
    return db


@pytest.fixture()
def ledger_store(analysed: Path, tmp_path: Path) -> Iterator[Store]:
    with Store.open(str(shutil.copy(analysed, tmp_path / "w.db"))) as store:
        yield store


def test_crash_failed_resolution_keeps_the_previous_one(ledger_store: Store) -> None:
    from counterpoint.ledger import Ledger

    ledger = Ledger(ledger_store)
    ledger.sync()
    question = next(q for q in ledger.questions() if q.status == "open")
    ledger.resolve(question.id, "yes", on=date.today(), note="seen on the ground")
    before = ledger.get(question.id)
    # The old resolution is deleted, then the new row is refused (note is NOT NULL).
    with pytest.raises(StoreError):
        ledger.resolve(question.id, "no", on=date.today(), note=None)  # type: ignore[arg-type]
    assert ledger.get(question.id) == before
    assert before.resolution is not None and before.resolution.note == "seen on the ground"


def test_crash_failed_question_batch_keeps_nothing_of_it(ledger_store: Store) -> None:
    from counterpoint.ledger import Ledger
    from counterpoint.ledger.questions import Question, QuestionSource

    ledger = Ledger(ledger_store)
    ledger.sync()
    before = ledger.questions()
    good = Question(title="Russia and China sign a treaty", probability=0.2, criteria="YES if")
    source = QuestionSource("0" * 64, "x.txt", 0, 5, None)  # type: ignore[arg-type]
    bad = dataclasses.replace(good, title="A second question", sources=(source,))
    # The first question is inserted, the second's source row is refused mid-batch.
    with pytest.raises(StoreError, match="rolled back"):
        ledger.import_questions([good, bad])
    assert ledger.questions() == before


def test_crash_failed_ach_save_keeps_the_previous_ratings(ledger_store: Store) -> None:
    from counterpoint.ach import load_case, score_case
    from counterpoint.ach.store import ach_cases, ach_ratings, ach_scores, save_result

    case = load_case(EXAMPLES / "case.yaml")
    result = score_case(case)
    save_result(ledger_store, case, result)

    def snapshot() -> list[list[tuple[object, ...]]]:
        with ledger_store.transaction() as conn:
            return [
                [tuple(r) for r in conn.execute(select(t))]
                for t in (ach_cases, ach_ratings, ach_scores)
            ]

    before = snapshot()
    last = case.evidence[-1]
    broken = dataclasses.replace(last, ratings=(*last.ratings[:-1], (last.ratings[-1][0], None)))
    edited = dataclasses.replace(case, evidence=(*case.evidence[:-1], broken))
    # Old rows are deleted and new cells written until the last one is refused.
    with pytest.raises(StoreError):
        save_result(ledger_store, edited, result, replace=True)  # type: ignore[arg-type]
    assert snapshot() == before
