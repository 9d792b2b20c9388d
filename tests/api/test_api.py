"""The REST API over a known store: shapes, filters, pages, exports, errors, writes."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, fields

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import TOKEN
from vedette.analyze.estimates import Estimate, estimates
from vedette.analyze.timeline import timeline
from vedette.records import Report
from vedette.store import Store
from vedette.store.queries import has_claim_of

ERROR_KEYS = {"code", "message", "field"}
LISTS = ("articles", "quotes", "claims", "estimates", "timeline", "contradictions", "families",
         "rejects", "places")


def items(client: TestClient, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"items", "next"}
    return body["items"]


def walk(client: TestClient, url: str) -> list[dict]:
    """Every item of a list, one item per page, following the cursors."""
    found, cursor = [], None
    while True:
        sep = "&" if "?" in url else "?"
        body = client.get(f"{url}{sep}limit=1" + (f"&cursor={cursor}" if cursor else "")).json()
        found.extend(body["items"])
        cursor = body["next"]
        if cursor is None:
            return found


@pytest.mark.parametrize("name", LISTS)
def test_every_list_pages_to_the_end_without_repeats(client: TestClient, name: str) -> None:
    one_page = items(client, f"/api/{name}?limit=1000")
    assert one_page, f"{name} is empty in the test store"
    assert walk(client, f"/api/{name}") == one_page


def test_estimates_keep_the_cli_shape(client: TestClient, desk_store: Store) -> None:
    api = items(client, "/api/estimates")
    cli = [json.loads(json.dumps(asdict(e))) for e in estimates(desk_store)]
    assert {e["path"] for e in api} == {e["path"] for e in cli}
    assert set(api[0]) == {f.name for f in fields(Estimate)}
    by_path = {e["path"]: e for e in api}
    for e in cli:  # the same numbers and confirmations as `vedette estimates --json`
        ours = by_path[e["path"]]
        assert {k: ours[k] for k in e} == e | {k: ours[k] for k in ("article_id", "cid",
                                                                     "start", "end")}


def test_timeline_matches_the_cli(client: TestClient, desk_store: Store) -> None:
    """The desk groups as `timeline --all` does (exact day, type, actors); the CLI's default
    merge within a day is not in the desk yet."""
    api = items(client, "/api/timeline")
    cli = timeline(desk_store, everything=True)
    assert [(t["date"], t["type"], set(t["sources"]), t["reports"]) for t in api] == [
        (t.date, t.type, set(t.sources), len(t.sources)) for t in cli]


def test_who_lists_what_a_speaker_said(client: TestClient) -> None:
    said = items(client, "/api/who/Blinken")
    assert [q["speaker"] for q in said] == ["Antony Blinken"]
    assert said[0]["content"].startswith("More than 175,000 troops")


def test_evidence_points_into_the_text(client: TestClient, reports: list[Report]) -> None:
    for e in items(client, "/api/estimates"):
        report = client.get(f"/api/articles/{e['article_id']}").json()
        assert report["article"]["text"][e["start"]:e["end"]] == e["evidence"]
        drawer = client.get(f"/api/evidence/{e['article_id']}?start={e['start']}&end={e['end']}")
        assert drawer.json()["span"]["text"] == e["evidence"]


def test_full_report_with_family(client: TestClient, reports: list[Report]) -> None:
    first = reports[0].article.id
    report = client.get(f"/api/articles/{first}").json()
    assert report["article"]["text"] == reports[0].article.text
    assert report["family"]["id"] == "f1" and len(report["family"]["members"]) == 2
    for q in report["quotes"]:
        assert report["article"]["text"][q["content"]["start"]:q["content"]["end"]] == \
            q["content"]["text"]


@pytest.mark.parametrize(("query", "paths"), [
    ("counted=troops&since=2021-12-08", {"cnn/c.txt", "state/d.txt"}),
    ("until=2021-12-06", {"kyiv/a.txt"}),
    ("speaker=officials", {"cnn/c.txt"}),
    ("source=reuters", {"reuters/b.txt"}),
    ("place=belarus&modality=reported&source=cnn", {"cnn/c.txt"}),
    ("place=border&source=cnn", set()),
    ("bbox=20,50,30,56", {"cnn/c.txt"}),  # Belarus, not Ukraine
    ("min_confirmations=2", {"kyiv/a.txt", "copy/a.txt", "reuters/b.txt"}),
    ("modality=denied", set()),
])
def test_filters(client: TestClient, query: str, paths: set[str]) -> None:
    assert {e["path"] for e in items(client, f"/api/estimates?{query}")} == paths


def test_copies_count_once(client: TestClient) -> None:
    counts = {e["path"]: e["confirmations"] for e in items(client, "/api/estimates")}
    # the ministry and its copy are one chain; NATO via Reuters is the second
    assert counts["kyiv/a.txt"] == counts["copy/a.txt"] == counts["reuters/b.txt"] == 2
    assert counts["cnn/c.txt"] == 1


def test_filters_apply_to_every_view(client: TestClient) -> None:
    assert {a["path"] for a in items(client, "/api/articles?speaker=blinken")} == {"state/d.txt"}
    assert {a["path"] for a in items(client, "/api/articles?bbox=20,50,30,56")} == {"cnn/c.txt"}
    assert {p["name"] for p in items(client, "/api/places?bbox=20,50,30,56")} == {"Belarus"}
    assert items(client, "/api/timeline?event_type=ASSAULT") == []
    assert len(items(client, "/api/timeline?event_type=mobilize&place=Belarus")) == 1
    assert {q["speaker"] for q in items(client, "/api/quotes?source=State")} == {"Antony Blinken"}
    assert items(client, "/api/families?source=reuters") == []


def test_of_filter(client: TestClient) -> None:
    response = client.get("/api/estimates?of=Russia")
    if has_claim_of():  # claims record whose forces: the filter narrows
        assert response.status_code == 200
    else:  # a store without it says so rather than ignoring the filter
        assert response.status_code == 422 and response.json()["field"] == "of"


def test_contradictions_and_families(client: TestClient) -> None:
    found = items(client, "/api/contradictions")
    assert found and all({c["a"]["source"], c["b"]["source"]} != {None} for c in found)
    sources = {frozenset((c["a"]["source"], c["b"]["source"])) for c in found}
    assert frozenset(("Ukrainian Defense Ministry", "Antony Blinken")) in sources
    (family,) = items(client, "/api/families")
    assert family["family"] == "f1" and family["size"] == 2
    detail = client.get("/api/families/f1").json()
    assert detail["spread"][0]["number"] == "100,000"
    assert len(detail["spread"][0]["carried_by"]) == 2


def test_ndjson_streams_every_item(client: TestClient) -> None:
    response = client.get("/api/quotes?limit=1", headers={"Accept": "application/x-ndjson"})
    assert response.headers["content-type"].startswith("application/x-ndjson")
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert lines == items(client, "/api/quotes?limit=1000")


def test_csv_export_of_a_filtered_view(client: TestClient) -> None:
    response = client.get("/api/estimates?counted=troops&speaker=ministry&format=csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {r["path"] for r in rows} == {"kyiv/a.txt", "copy/a.txt"}
    assert rows[0]["chain"] == "[]" and rows[0]["confirmations"] == "2"


def test_combined_csv(client: TestClient) -> None:
    response = client.get("/api/export.csv?views=estimates,quotes,timeline&source=cnn")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["view"] for r in rows] == ["estimates", "quotes", "timeline"]
    assert rows[0]["counted"] == "troops" and rows[1]["speaker"] == "US officials"
    assert rows[2]["type"] == "MOBILIZE"
    bad = client.get("/api/export.csv?views=estimates,passwords")
    assert bad.status_code == 422 and bad.json()["field"] == "views"


@pytest.mark.parametrize(("url", "status", "field"), [
    ("/api/estimates?since=yesterday", 422, "since"),
    ("/api/estimates?since=2021-02-30", 422, "since"),
    ("/api/estimates?since=2022-01-01&until=2021-01-01", 422, "until"),
    ("/api/quotes?limit=0", 422, "limit"),
    ("/api/quotes?limit=ten", 422, "limit"),
    ("/api/claims?bbox=1,2,3", 422, "bbox"),
    ("/api/claims?bbox=0,80,10,10", 422, "bbox"),
    ("/api/claims?modality=sure", 422, "modality"),
    ("/api/timeline?event_type=%3Cscript%3E", 422, "event_type"),
    ("/api/estimates?min_confirmations=-1", 422, "min_confirmations"),
    ("/api/articles?cursor=not-a-cursor", 422, "cursor"),
    ("/api/articles?order=sideways", 422, "order"),
    ("/api/articles?format=xml", 422, "format"),
    ("/api/quotes?speaker=" + "x" * 201, 422, "speaker"),
    ("/api/evidence/abc?start=x&end=2", 422, "start"),
    ("/api/articles/0000", 404, "article_id"),
    ("/api/families/nope", 404, "family"),
    ("/api/nothing-here", 404, None),
])
def test_one_error_shape(client: TestClient, url: str, status: int, field: str | None) -> None:
    response = client.get(url)
    assert response.status_code == status
    body = response.json()
    assert set(body) == ERROR_KEYS
    assert body["code"].startswith("V") and body["message"]
    assert body["field"] == field


def test_error_shape_is_pinned(client: TestClient) -> None:
    assert client.get("/api/estimates?since=yesterday").json() == {
        "code": "V060", "message": "since must be a date YYYY-MM-DD, got 'yesterday'",
        "field": "since"}


def test_writes_are_disabled_without_a_token(readonly: TestClient) -> None:
    response = readonly.post("/api/articles", json={"documents": [{"text": "x"}]})
    assert response.status_code == 403 and set(response.json()) == ERROR_KEYS
    assert readonly.post("/api/reanalyze", json={"ids": ["x"]}).status_code == 403


def test_writes_need_the_right_token(client: TestClient) -> None:
    body = {"documents": [{"text": "x"}]}
    assert client.post("/api/articles", json=body).status_code == 401
    wrong = client.post("/api/articles", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["code"] == "V062"


def test_ingest_and_reanalyze(client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    text = ("“Russia has moved 120,000 troops near our border,” Ukrainian Defense Minister "
            "Oleksii Reznikov told reporters on Friday.")
    doc = {"text": text, "title": "Troops near the border", "published": "2021-12-03",
           "url": "https://example.org/new", "outlet": "Example News"}
    stored = client.post("/api/articles", json={"documents": [doc, {"text": "  "}]},
                         headers=auth).json()
    assert len(stored["stored"]) == 1 and [r["code"] for r in stored["rejected"]] == ["empty_text"]
    new_id = stored["stored"][0]
    again = client.post("/api/articles", json={"documents": [doc]}, headers=auth).json()
    assert again["already_stored"] == [new_id]
    report = client.get(f"/api/articles/{new_id}").json()
    assert report["quotes"] and report["article"]["published"] == "2021-12-03"
    redone = client.post("/api/reanalyze", json={"ids": [new_id, "unknown"]}, headers=auth).json()
    assert redone["stored"] == [new_id] and redone["rejected"][0]["path"] == "unknown"
    assert client.get(f"/api/articles/{new_id}").json()["quotes"] == report["quotes"]


def test_security_headers_and_no_cors(client: TestClient) -> None:
    for url in ("/", "/api/estimates", "/static/desk.js"):
        response = client.get(url, headers={"Origin": "https://evil.example"})
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "access-control-allow-origin" not in response.headers
    preflight = client.options("/api/estimates", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in preflight.headers


def test_openapi_is_served_without_third_party_docs(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/claims",
                 "/api/estimates", "/api/timeline", "/api/contradictions", "/api/families",
                 "/api/who/{name}", "/api/rejects"):
        assert path in spec["paths"]
    params = {p["name"] for p in spec["paths"]["/api/estimates"]["get"]["parameters"]}
    assert {"since", "until", "place", "bbox", "speaker", "of", "counted", "event_type",
            "source", "min_confirmations", "modality", "cursor", "limit"} <= params
    assert client.get("/docs").status_code == 404


def test_a_bad_filter_on_a_page_is_a_page_with_the_same_error(client: TestClient) -> None:
    response = client.get("/claims?since=%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status_code == 422 and response.headers["content-type"].startswith("text/html")
    assert "V060" in response.text and "since" in response.text
    assert "<script>alert(1)" not in response.text and "&lt;script&gt;" in response.text


def test_lists_show_the_latest_revision_of_a_source(client: TestClient, desk_store: Store) -> None:
    """An article edited at its source: the desk, like the CLI, lists the new text only."""
    from dataclasses import replace

    from tests.api import corpus

    first = corpus.ITEMS[0]
    edited = replace(first, text=first.text.replace("100,000", "120,000"), number="120,000",
                     low=120_000, high=120_000, value=120_000)
    desk_store.save_report(corpus.report(edited), version="t", config_hash="h")
    values = {c["value"] for c in items(client, "/api/claims?limit=1000")
              if c["path"] == first.path}
    assert values == {120_000}
    paths = [a["path"] for a in items(client, "/api/articles?limit=1000")]
    assert paths.count(first.path) == 1
