"""Test data for the views: a hostile article (markup in its text) and a plain one.

Written for these tests; neither is one of the example articles.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

HOSTILE = """Moscow and Beijing <script>window.__xss = 1</script> Drift Apart

By Jane Roe

June 1, 2020

Russia and China signed a gas agreement in May 2014. <img src="x" onerror="window.__xss = 2"> \
China is likely to overtake Russia as the main arms supplier in Central Asia by 2021. Russian \
officials condemned the sanctions imposed by the United States in March 2014.

Putin will almost certainly visit Beijing again in the coming years, and the two governments \
are unlikely to sign a formal military alliance by 2025. \
<a href="javascript:window.__xss=3" onclick="window.__xss = 4">read more</a>
"""

PLAIN = """A Partnership With Limits

By Ivan Doe

March 3, 2021

India and Russia held joint naval exercises in December 2020. Washington is very unlikely \
to persuade New Delhi to abandon its purchases of Russian weapons by 2023, and Beijing will \
probably deepen its economic ties with Moscow in the coming decade.
"""

MARKUP = "<script>window.__xss = 1</script>"

# An invented ACH case (external sources only, so it needs no document files). Under
# every method H1 leads; rating E1 as consistent with H2 makes H2 lead instead.
ACH_CASE = """version: 1
case: test-case <b>
question: Will the partnership <i>hold</i>?
hypotheses:
  - {id: H1, statement: The partnership holds.}
  - {id: H2, statement: It becomes an alliance.}
  - {id: H3, statement: It breaks down.}
evidence:
  - id: E1
    text: Joint exercises were held <script>window.__xss = 5</script>
    type: fact
    source: {external: "Wire report"}
    ratings: {H1: C, H2: II, H3: I}
  - id: E2
    text: No defence treaty was signed.
    type: absence-of-evidence
    source: {external: "Treaty database"}
    ratings: {H1: N, H2: C, H3: II}
  - id: E3
    text: Trade fell for a year.
    type: fact
    source: {external: "Customs data"}
    ratings: {H1: I, H2: N, H3: C}
"""
ACH_NAME = "test-case <b>"


def build_db(nlp: Any, directory: Path) -> Path:
    """Analyse both articles into ``directory/views.db`` and draft the ledger's questions."""
    from counterpoint.ledger import Ledger
    from counterpoint.pipeline import analyze
    from counterpoint.store import Store

    directory.mkdir(parents=True, exist_ok=True)
    (directory / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (directory / "plain.txt").write_text(PLAIN, encoding="utf-8")
    db = directory / "views.db"
    with Store.open(str(db)) as store:
        analyze([directory / "hostile.txt", directory / "plain.txt"], store=store, nlp=nlp)
        Ledger(store).sync()
        store_case(store)
    return db


def store_case(store: Any) -> None:
    """Score :data:`ACH_CASE` and keep it in ``store``."""
    from counterpoint.ach import parse_case, score_case
    from counterpoint.ach.store import save_result

    case = parse_case(ACH_CASE, path="test-case.yaml")
    save_result(store, case, score_case(case))


def past_question(db: Path, *, today: date | None = None) -> int:
    """The id of an open question whose closing date has passed (so a resolution counts)."""
    from counterpoint.ledger import Ledger
    from counterpoint.store import Store

    when = today or date.today()
    with Store.open(str(db)) as store:
        for question in Ledger(store).questions():
            closed = question.close_date is not None and question.close_date < when
            if question.status == "open" and question.resolution is None and closed:
                assert question.id is not None
                return question.id
    raise AssertionError("the test articles should give a question closed before today")


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def running_server(db: Path, *, token: str | None = None) -> Iterator[str]:
    """A real uvicorn server for ``db`` on a free loopback port, in a thread; yields its URL."""
    import uvicorn

    from counterpoint.store import Store
    from counterpoint.views.web import create_app

    store = Store.open(str(db))
    port = free_port()
    config = uvicorn.Config(
        create_app(store, token=token), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError(f"uvicorn did not start on port {port}")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.close()
