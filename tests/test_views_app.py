"""The web app through its HTTP interface: pages, JSON twins, guarded writes, refusals."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from counterpoint.ledger import Ledger
from counterpoint.store import Store
from counterpoint.views.web import create_app

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from viewdata import MARKUP, build_db, past_question  # noqa: E402

CLI = Path(sys.executable).parent / "counterpoint"
BASE = "http://127.0.0.1"


@pytest.fixture(scope="module")
def built(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(nlp, tmp_path_factory.mktemp("app"))


@pytest.fixture()
def db(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "app.db"
    copy.write_bytes(built.read_bytes())
    return copy


@pytest.fixture()
def client(db: Path) -> Iterator[TestClient]:
    with Store.open(str(db)) as store, TestClient(create_app(store), base_url=BASE) as c:
        yield c


def _csrf(client: TestClient, path: str = "/ledger") -> str:
    page = client.get(path)
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, "the page should carry a CSRF field"
    return found.group(1)


def test_index_lists_every_document(client: TestClient, db: Path) -> None:
    page = client.get("/")
    with Store.open(str(db)) as store:
        stored = store.list_documents()
    assert page.status_code == 200
    for document in stored:
        assert f'href="/documents/{document.id}"' in page.text


def test_document_json_twin_matches_the_store(client: TestClient, db: Path) -> None:
    with Store.open(str(db)) as store:
        extraction = store.load_extraction(1)
    data = client.get("/documents/1.json").json()
    assert data["document"]["text"] == extraction.document.text
    assert [f["start"] for f in data["forecasts"]] == [f.start for f in extraction.forecasts]


def test_document_page_escapes_markup(client: TestClient) -> None:
    page = client.get("/documents/1")
    assert page.status_code == 200
    assert MARKUP not in page.text
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]


@pytest.mark.parametrize("path", ["/documents/999", "/documents/abc", "/nothing", "/static/x.js"])
def test_unknown_pages_are_404_with_a_message(client: TestClient, path: str) -> None:
    page = client.get(path)
    assert page.status_code == 404
    assert 'role="alert"' in page.text


def test_search_finds_words_in_order_any_case(client: TestClient) -> None:
    data = client.get("/search.json", params={"q": "GAS   agreement"}).json()
    assert [hit["count"] for hit in data["hits"]] == [1]
    assert data["hits"][0]["snippets"][0]["match"] == "gas agreement"
    assert client.get("/search.json", params={"q": "agreement gas"}).json()["hits"] == []


def test_search_marks_matches_in_the_document(client: TestClient) -> None:
    page = client.get("/documents/1", params={"q": "sanctions"})
    assert len(re.findall(r"class=\"m [^\"]*\bkm\b", page.text)) == 1


def test_resolve_stores_the_outcome_visible_to_the_cli(client: TestClient, db: Path) -> None:
    question = past_question(db)
    form = {"csrf": _csrf(client), "outcome": "yes", "resolved_on": "2024-01-02", "note": "seen"}
    answer = client.post(f"/ledger/{question}/resolve", data=form, follow_redirects=False)
    assert answer.status_code == 303
    shown = subprocess.run(
        [str(CLI), "forecasts", "show", str(question), "--db", str(db), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    stored = json.loads(shown.stdout)
    assert (stored["outcome"], stored["resolved_on"]) == ("yes", "2024-01-02")
    page = client.get(answer.headers["location"])
    assert f"Question {question} resolved: yes" in page.text


@pytest.mark.parametrize(
    ("field", "value", "status", "words"),
    [
        ("outcome", "maybe", 400, "outcome"),
        ("resolved_on", "02/01/2024", 400, "resolved_on"),
        ("resolved_on", "2999-01-01", 400, "future"),
        ("note", "x" * 2001, 400, "note"),
        ("csrf", "forged-token-value-that-is-long-enough", 403, "security token"),
    ],
)
def test_resolve_refuses_bad_fields_and_stores_nothing(
    client: TestClient, db: Path, field: str, value: str, status: int, words: str
) -> None:
    question = past_question(db)
    form = {"csrf": _csrf(client), "outcome": "no", "resolved_on": "2024-01-02", field: value}
    answer = client.post(f"/ledger/{question}/resolve", data=form)
    assert answer.status_code == status
    assert words in answer.text
    with Store.open(str(db)) as store:
        assert Ledger(store).get(question).resolution is None


def test_resolve_unknown_question_is_404(client: TestClient) -> None:
    form = {"csrf": _csrf(client), "outcome": "no", "resolved_on": "2024-01-02"}
    assert client.post("/ledger/9999/resolve", data=form).status_code == 404


def test_resolve_before_publication_is_refused_by_the_ledger(client: TestClient, db: Path) -> None:
    question = past_question(db)
    form = {"csrf": _csrf(client), "outcome": "no", "resolved_on": "1999-01-01"}
    answer = client.post(f"/ledger/{question}/resolve", data=form)
    assert answer.status_code == 400 and "before" in answer.text


def test_writes_from_another_origin_are_refused(client: TestClient, db: Path) -> None:
    form = {"csrf": _csrf(client), "outcome": "no", "resolved_on": "2024-01-02"}
    answer = client.post(
        f"/ledger/{past_question(db)}/resolve", data=form, headers={"origin": "http://evil.test"}
    )
    assert answer.status_code == 403 and "another site" in answer.text


def test_a_body_that_is_not_a_form_is_415(client: TestClient, db: Path) -> None:
    answer = client.post(f"/ledger/{past_question(db)}/resolve", json={"outcome": "no"})
    assert answer.status_code == 415


def test_an_oversized_body_is_413(client: TestClient, db: Path) -> None:
    form = {"csrf": _csrf(client), "outcome": "no", "note": "x" * 100_000}
    answer = client.post(f"/ledger/{past_question(db)}/resolve", data=form)
    assert answer.status_code == 413


def test_a_foreign_host_header_is_refused(client: TestClient) -> None:
    assert client.get("/", headers={"host": "attacker.test"}).status_code == 400


def test_a_token_guards_writes(db: Path) -> None:
    with (
        Store.open(str(db)) as store,
        TestClient(create_app(store, token="s3cret"), base_url=BASE) as c,
    ):
        question = past_question(db)
        form = {"csrf": _csrf(c, "/login"), "outcome": "no", "resolved_on": "2024-01-02"}
        assert c.post(f"/ledger/{question}/resolve", data=form).status_code == 403
        assert c.get("/login", params={"token": "wrong"}).status_code == 403
        assert c.get("/login", params={"token": "s3cret"}).status_code == 200
        form["csrf"] = _csrf(c)
        answer = c.post(f"/ledger/{question}/resolve", data=form, follow_redirects=False)
        assert answer.status_code == 303


def test_a_bearer_token_also_writes(db: Path) -> None:
    with (
        Store.open(str(db)) as store,
        TestClient(create_app(store, token="s3cret"), base_url=BASE) as c,
    ):
        form = {"csrf": _csrf(c, "/login"), "outcome": "no", "resolved_on": "2024-01-02"}
        answer = c.post(
            f"/ledger/{past_question(db)}/resolve",
            data=form,
            headers={"authorization": "Bearer s3cret"},
            follow_redirects=False,
        )
        assert answer.status_code == 303


def test_sync_drafts_no_duplicates(client: TestClient, db: Path) -> None:
    with Store.open(str(db)) as store:
        before = len(Ledger(store).questions())
    page = client.post("/ledger/sync", data={"csrf": _csrf(client)})
    assert page.status_code == 200 and "0 new questions drafted" in page.text
    with Store.open(str(db)) as store:
        assert len(Ledger(store).questions()) == before


def test_ledger_json_scores_a_resolution(client: TestClient, db: Path) -> None:
    question = past_question(db)
    form = {"csrf": _csrf(client), "outcome": "yes", "resolved_on": "2024-01-02"}
    client.post(f"/ledger/{question}/resolve", data=form)
    data = client.get("/ledger.json").json()
    row = next(q for q in data["questions"] if q["id"] == question)
    assert row["state"] == "scored"
    assert row["brier"] == pytest.approx((1 - row["probability"]) ** 2)
    assert data["scores"]["overall"]["n"] == 1


def test_compare_links_every_quote_to_its_document(client: TestClient) -> None:
    page = client.get("/compare", params={"d": [1, 2]})
    data = client.get("/compare.json", params={"d": [1, 2]}).json()
    assert page.status_code == 200
    links = re.findall(r'href="/documents/(\d+)(?:#d(\d+)-([a-z]\d+))?"', page.text)
    quoted = len(data["pairs"]) * 2 + sum(len(e["mentions"]) for e in data["shared_events"])
    assert len(links) == quoted + len(data["solo_events"])
    assert all(anchor in ("", doc) for doc, anchor, _ in links)


@pytest.mark.parametrize(
    ("query", "status"), [("d=1", 400), ("d=1&d=999", 404), ("d=x", 422), ("", 400)]
)
def test_compare_json_refuses_bad_choices(client: TestClient, query: str, status: int) -> None:
    assert client.get("/compare.json?" + query).status_code == status
