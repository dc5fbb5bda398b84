"""ACH, timeline and relations pages through the app's HTTP interface, and in the report."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from spacy.language import Language

from counterpoint.ach import parse_case
from counterpoint.ach.store import load_case, load_result
from counterpoint.relations import TimelineFilter
from counterpoint.relations.queries import timeline_of
from counterpoint.store import Store
from counterpoint.views import build_report, render_report
from counterpoint.views.web import create_app

sys.path.insert(0, str(Path(__file__).parent / "browser"))
from viewdata import ACH_NAME, build_db  # noqa: E402

BASE = "http://127.0.0.1"
CASE = "/ach/" + quote(ACH_NAME, safe="")


@pytest.fixture(scope="module")
def built(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(nlp, tmp_path_factory.mktemp("analysis"))


@pytest.fixture()
def db(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "analysis.db"
    copy.write_bytes(built.read_bytes())
    return copy


@pytest.fixture()
def client(db: Path) -> Iterator[TestClient]:
    with Store.open(str(db)) as store, TestClient(create_app(store), base_url=BASE) as c:
        yield c


def _csrf(client: TestClient) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get(CASE).text)
    assert found
    return found.group(1)


def test_ach_list_and_case_json_match_the_library(client: TestClient, db: Path) -> None:
    assert client.get("/ach.json").json()[0]["name"] == ACH_NAME
    assert f'href="{CASE}"' in client.get("/ach").text
    data = client.get(CASE + ".json").json()
    with Store.open(str(db)) as store:
        result = load_result(store, ACH_NAME)
    assert [h["posterior"] for h in data["hypotheses"]] == [h.posterior for h in result.hypotheses]
    assert [i["diagnosticity"] for i in data["items"]] == [i.diagnosticity for i in result.items]
    assert data["explanation"] == list(result.explanation)


def test_ach_page_escapes_the_case_and_has_a_select_per_cell(client: TestClient) -> None:
    page = client.get(CASE)
    assert page.status_code == 200
    assert "<script>window.__xss = 5" not in page.text and "&lt;i&gt;hold" in page.text
    assert page.text.count('<form method="post" action="' + CASE + '/rating"') == 9


def test_rating_edit_is_stored_and_rescored(client: TestClient, db: Path) -> None:
    form = {"csrf": _csrf(client), "item_id": "E1", "hypothesis_id": "H2", "rating": "C"}
    answer = client.post(CASE + "/rating", data=form, follow_redirects=False)
    assert answer.status_code == 303
    with Store.open(str(db)) as store:
        result = load_result(store, ACH_NAME)
    assert dict(result.items[0].ratings)["H2"] == "C"
    assert (
        "Leads now: " + result.leaders("weighted")[0] in client.get(answer.headers["location"]).text
    )


def test_case_file_download_carries_the_edits_and_reads_back(client: TestClient, db: Path) -> None:
    form = {"csrf": _csrf(client), "item_id": "E1", "hypothesis_id": "H2", "rating": "II"}
    client.post(CASE + "/rating", data=form, follow_redirects=False)
    assert f'href="{CASE}.yaml"' in client.get(CASE).text
    answer = client.get(CASE + ".yaml")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/yaml")
    assert answer.headers["content-disposition"] == 'attachment; filename="test-case__b_.yaml"'
    read = parse_case(answer.text, path=str(db.parent / "case.yaml"))
    with Store.open(str(db)) as store:
        stored = load_case(store, ACH_NAME)
    assert read.evidence[0].rating("H2") == "II"
    assert [(e.id, e.ratings) for e in read.evidence] == [
        (e.id, e.ratings) for e in stored.evidence
    ]
    assert [h.prior for h in read.hypotheses] == [h.prior for h in stored.hypotheses]
    assert client.get("/ach/nope.yaml").status_code == 404


@pytest.mark.parametrize(
    ("fields", "status", "said"),
    [
        ({"item_id": "E9", "hypothesis_id": "H1", "rating": "C"}, 400, "item_id:"),
        ({"item_id": "E1", "hypothesis_id": "Hx", "rating": "C"}, 400, "hypothesis_id:"),
        ({"item_id": "E1", "hypothesis_id": "H1", "rating": "<b>"}, 400, "rating:"),
    ],
)
def test_bad_rating_edits_are_4xx_and_write_nothing(
    client: TestClient, db: Path, fields: dict[str, str], status: int, said: str
) -> None:
    with Store.open(str(db)) as store:
        before = load_case(store, ACH_NAME)
    answer = client.post(CASE + "/rating", data={"csrf": _csrf(client), **fields})
    assert answer.status_code == status and said in answer.text
    assert "<b>" not in answer.text.split('role="alert">')[1]
    with Store.open(str(db)) as store:
        assert load_case(store, ACH_NAME) == before


def test_edits_of_an_unknown_case_are_404(client: TestClient) -> None:
    form = {"csrf": _csrf(client), "item_id": "E1", "hypothesis_id": "H1", "rating": "C"}
    assert client.post("/ach/nope/rating", data=form).status_code == 404
    assert client.get("/ach/nope.json").status_code == 404


def test_ach_edits_need_csrf_and_the_token(db: Path) -> None:
    with Store.open(str(db)) as store, TestClient(create_app(store, token="k"), base_url=BASE) as c:
        page = c.get(CASE)
        assert '<select name="rating"' not in page.text
        fields = {"item_id": "E1", "hypothesis_id": "H1", "rating": "II"}
        assert c.post(CASE + "/rating", data=fields).status_code == 403
        c.get("/login?token=k")
        assert c.post(CASE + "/rating", data=fields).status_code == 403  # no CSRF field
        csrf = re.search(r'name="csrf" value="([^"]+)"', c.get(CASE).text)
        assert csrf is not None
        answer = c.post(CASE + "/rating", data={**fields, "csrf": csrf.group(1)})
        assert answer.status_code == 200
        assert dict(load_case(store, ACH_NAME).evidence[0].ratings)["H1"] == "II"


def test_add_evidence_form(client: TestClient, db: Path) -> None:
    form = {
        "csrf": _csrf(client),
        "id": "E4",
        "text": "Leaders met.",
        "r_H1": "C",
        "r_H2": "CC",
        "r_H3": "II",
        "flag": "unreliable",
        "external": "Wire",
    }
    assert client.post(CASE + "/evidence", data=form, follow_redirects=False).status_code == 303
    missing = client.post(CASE + "/evidence", data={**form, "id": "E5", "r_H3": ""})
    assert missing.status_code == 400 and "ratings.H3: missing" in missing.text
    with Store.open(str(db)) as store:
        case = load_case(store, ACH_NAME)
    assert [e.id for e in case.evidence] == ["E1", "E2", "E3", "E4"]
    assert case.evidence[-1].flags == ("unreliable",)


def test_timeline_json_applies_every_filter_like_the_library(client: TestClient, db: Path) -> None:
    with Store.open(str(db)) as store:
        every = timeline_of(store, reference=False)
        actor = every[0].actors[0]
        quad = every[0].quad
        where = TimelineFilter(actors=(actor,), quads=(quad,), start=2000, end=2030)
        expected = timeline_of(store, where=where, reference=False)
    data = client.get(f"/timeline.json?actor={actor}&quad={quad}&from=2000&to=2030").json()
    assert data["total"] == len(every)
    assert [(e["date"], e["actors"]) for e in data["events"]] == [
        (e.date, list(e.actors)) for e in expected
    ]
    with_reference = client.get("/timeline.json?reference=true").json()
    assert with_reference["total"] > len(every)


@pytest.mark.parametrize(
    ("query", "said"),
    [("quad=talks", "quad:"), ("from=soon", "from:"), ("from=2020&to=2000", "after")],
)
def test_timeline_refuses_bad_filters(client: TestClient, query: str, said: str) -> None:
    answer = client.get("/timeline?" + query)
    assert answer.status_code == 400 and said in answer.text


def test_timeline_links_quotes_to_their_passages(client: TestClient) -> None:
    page = client.get("/timeline").text
    links = re.findall(r'href="/documents/(\d+)#d(\d+)-(e\d+)"', page)
    assert links and all(a == b for a, b, _ in links)
    for document, _, key in links:
        assert f'id="d{document}-{key}"' in client.get(f"/documents/{document}").text


def test_relations_json_has_the_triangle_of_three_given_actors(client: TestClient) -> None:
    data = client.get("/relations.json?period=5&actors=RUS,USA,CHN").json()
    assert data["period"] == 5
    assert data["triangle"]["actors"] == ["RUS", "USA", "CHN"]
    assert all(
        p["start"] % 5 == 0 and p["end"] == p["start"] + 4 for p in data["triangle"]["periods"]
    )
    assert client.get("/relations?actors=RUS,USA").status_code == 400


def test_report_has_ach_timeline_and_relations_sections(db: Path) -> None:
    with Store.open(str(db)) as store:
        report = build_report(store)
        html = render_report(report)
        events = timeline_of(store, reference=False)
    assert report.relations is not None and len(report.relations.events) == len(events)
    assert html.count('<tr class="q-') == len(events)
    assert 'id="ach"' in html and "&lt;script&gt;window.__xss = 5" in html
    assert "<select" not in html.split('id="ach"')[1]
