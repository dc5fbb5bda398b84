"""Concurrency: the web app and the CLI writing at once, as real processes, keep every edit.

``counterpoint serve`` runs on a free loopback port with a write token. In each round, at
the same time: HTTP clients resolve questions through the app's form endpoint (CSRF
cookie and field, Bearer token), ``counterpoint forecasts resolve`` processes resolve
other questions, one question is resolved by both (a contested edit), and
``counterpoint analyze`` stores new documents into the same database. Afterwards every
acknowledged edit (HTTP 303, exit status 0) is in the database exactly as written, the
contested question holds one of the two edits whole (never a mix), every new document is
stored whole, and a refused edit said why in one line and changed nothing.
"""

from __future__ import annotations

import http.client
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pytest

from counterpoint.ingest import iter_documents
from counterpoint.ledger import Ledger
from counterpoint.pipeline import analyze
from counterpoint.records import Document
from counterpoint.store import Store
from crash_corpus import write_corpus

CLI = str(Path(sys.executable).parent / "counterpoint")
EXAMPLES = Path(__file__).parent.parent / "examples" / "sino-russian"
ROUNDS = 3
WEB_THREADS = 3
WEB_PER_THREAD = 2
CLI_WRITERS = 3
TODAY = date.today()


@dataclass(frozen=True)
class Edit:
    """One resolution sent by one writer, and whether the writer was told it was stored."""

    question_id: int
    outcome: str
    note: str
    writer: str
    acknowledged: bool = False
    refusal: str = ""


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> Path:
    db = tmp_path_factory.mktemp("concurrency") / "base.db"
    with Store.open(str(db)) as store:
        analyze([EXAMPLES], store=store, nlp=nlp)  # type: ignore[arg-type]
        Ledger(store).sync()
    return db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture()
def server(base: Path, tmp_path: Path) -> Iterator[tuple[Path, int, str]]:
    db = Path(shutil.copy(base, tmp_path / "shared.db"))
    port, token = free_port(), secrets.token_urlsafe(16)
    args = [CLI, "serve", "--db", str(db), "--port", str(port), "--token", token]
    process = subprocess.Popen(
        args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while not _answers(port):
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        assert time.monotonic() < deadline, "the app did not start in 60 s"
        time.sleep(0.1)
    yield db, port, token
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def _answers(port: int) -> bool:
    try:
        return _request(port, "GET", "/")[0] == 200
    except OSError:
        return False


def _request(
    port: int, method: str, path: str, body: str = "", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(method, path, body=body or None, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        conn.close()


def web_resolve(port: int, token: str, edit: Edit) -> Edit:
    """Resolve through the app as a browser form would (CSRF cookie and field, token)."""
    _status, headers, _page = _request(port, "GET", "/ledger")
    cookie = headers.get("set-cookie", "").split(";")[0]
    csrf = cookie.partition("=")[2]
    form = {
        "csrf": csrf,
        "outcome": edit.outcome,
        "resolved_on": TODAY.isoformat(),
        "note": edit.note,
    }
    status, _headers, page = _request(
        port,
        "POST",
        f"/ledger/{edit.question_id}/resolve",
        urlencode(form),
        {
            "content-type": "application/x-www-form-urlencoded",
            "cookie": cookie,
            "authorization": f"Bearer {token}",
        },
    )
    return _answered(edit, status == 303, "" if status == 303 else f"{status} {page[:200]}")


def _answered(edit: Edit, acknowledged: bool, refusal: str) -> Edit:
    return Edit(edit.question_id, edit.outcome, edit.note, edit.writer, acknowledged, refusal)


def cli_resolve(db: Path, edit: Edit) -> subprocess.Popen[str]:
    args = [CLI, "forecasts", "resolve", str(edit.question_id), edit.outcome]
    args += ["--on", TODAY.isoformat(), "--note", edit.note, "--db", str(db)]
    return subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def plan_round(number: int, open_ids: list[int], rng: random.Random) -> list[Edit]:
    """Edits of one round: distinct questions per writer, and one contested question."""
    chosen = rng.sample(open_ids, WEB_THREADS * WEB_PER_THREAD + CLI_WRITERS + 1)
    contested = chosen.pop()
    edits = []
    for index, question_id in enumerate(chosen):
        writer = "web" if index < WEB_THREADS * WEB_PER_THREAD else "cli"
        outcome = rng.choice(("yes", "no"))
        edits.append(Edit(question_id, outcome, f"round {number} {writer} q{question_id}", writer))
    edits.append(Edit(contested, "yes", f"round {number} contested by web", "web"))
    edits.append(Edit(contested, "no", f"round {number} contested by cli", "cli"))
    return edits


def run_round(
    db: Path, port: int, token: str, edits: list[Edit], corpus: Path
) -> tuple[list[Edit], int]:
    """Send every edit at once (threads for the app, processes for the CLI) beside analyze."""
    analyzer = subprocess.Popen(
        [CLI, "analyze", str(corpus), "--db", str(db), "--workers", "1", "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    web = [e for e in edits if e.writer == "web"]
    processes = [(e, cli_resolve(db, e)) for e in edits if e.writer == "cli"]
    done: list[Edit] = []
    lock = threading.Lock()

    def send(batch: list[Edit]) -> None:
        for edit in batch:
            answered = web_resolve(port, token, edit)
            with lock:
                done.append(answered)

    batches = [web[i :: WEB_THREADS + 1] for i in range(WEB_THREADS + 1)]
    threads = [threading.Thread(target=send, args=(batch,)) for batch in batches if batch]
    for thread in threads:
        thread.start()
    for edit, process in processes:
        _out, stderr = process.communicate(timeout=180)
        done.append(_answered(edit, process.returncode == 0, stderr.strip()))
    for thread in threads:
        thread.join(timeout=180)
    _out, stderr = analyzer.communicate(timeout=180)
    assert analyzer.returncode == 0, stderr
    return done, len(edits)


def check_round(db: Path, done: list[Edit], corpus: Path) -> tuple[int, int]:
    """Assert what was acknowledged is stored and refusals changed nothing; count both."""
    with Store.open(str(db)) as store:
        ledger = Ledger(store)
        resolutions = {q.id: q.resolution for q in ledger.questions()}
        stored = {d.sha256 for d in store.list_documents()}
    by_question: dict[int, list[Edit]] = {}
    for edit in done:
        by_question.setdefault(edit.question_id, []).append(edit)
    kept = refused = 0
    for question_id, sent in by_question.items():
        found = resolutions[question_id]
        acknowledged = [e for e in sent if e.acknowledged]
        for edit in sent:
            if not edit.acknowledged:
                refused += 1
                assert edit.refusal and "\n" not in edit.refusal.strip(), edit
        if not acknowledged:
            assert found is None or found.note not in {e.note for e in sent}, question_id
            continue
        assert found is not None, f"question {question_id}: acknowledged edits were lost"
        whole = [(e.outcome, e.note) for e in acknowledged]
        assert (found.outcome, found.note) in whole, f"question {question_id}: {found}"
        assert found.resolved_on == TODAY
        kept += len(acknowledged)  # a contested pair: the later one replaced the other
    for document in iter_documents([corpus]):
        assert isinstance(document, Document)
        assert document.sha256 in stored, f"{document.name} was not stored"
    return kept, refused


def test_concurrency_web_app_and_cli_writers_keep_every_edit(
    server: tuple[Path, int, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, port, token = server
    with Store.open(str(db)) as store:
        open_ids = [q.id for q in Ledger(store).questions() if q.status == "open"]
    rng = random.Random(9)
    totals = {"sent": 0, "kept": 0, "refused": 0, "contested": 0, "documents": 0}
    refusals: list[str] = []
    for number in range(ROUNDS):
        corpus = tmp_path / f"round-{number}"
        write_corpus(corpus, documents=4, sentences=12, seed=100 + number)
        edits = plan_round(number, open_ids, rng)
        done, sent = run_round(db, port, token, edits, corpus)
        assert len(done) == sent
        kept, refused = check_round(db, done, corpus)
        totals["sent"] += sent
        totals["kept"] += kept
        totals["refused"] += refused
        totals["contested"] += 1
        totals["documents"] += 4
        refusals += [e.refusal for e in done if not e.acknowledged]
    assert totals["kept"] + totals["refused"] == totals["sent"]
    assert totals["kept"] > totals["sent"] // 2
    with capsys.disabled():
        print(
            f"\nconcurrency: {ROUNDS} rounds, web app + CLI + analyze at once: "
            f"{totals['sent']} edits sent, {totals['kept']} acknowledged and all kept "
            f"({totals['contested']} contested questions each hold one whole edit), "
            f"{totals['refused']} refused in one line with nothing written, "
            f"{totals['documents']} new documents "
            "stored whole" + (f"; refusals: {sorted(set(refusals))}" if refusals else "")
        )
