"""Hostile and mistaken requests get a clear 4xx JSON error, and the connection stays usable:
absurdly deep or long JSON, out-of-range paging, and query parameters the endpoint does not take
(the CLI's names for the filters are read as the API's)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from thucydides.models import Document, Event, EventActor, Plover, Sentence, Span
from thucydides.service import create_app
from thucydides.service.code_route import MAX_JSON_DEPTH, json_depth
from thucydides.service.server import serve_in_thread

DEEP = "[" * 100_000 + "]" * 100_000
LONG_NUMBER = '{"text": "The mayor resigned.", "id": ' + "7" * 5000 + "}"
JSON = {"Content-Type": "application/json"}


# a verb -> (CAMEO, quad class, Goldstein, PLOVER type): just enough events to filter
_VERBS = {"stormed": ("190", 4, -10.0, "ASSAULT"), "praised": ("051", 1, 3.4, "SUPPORT")}


class TinyCoder:
    """One event per verb it knows, dated by the article: these tests are about the HTTP layer."""

    def code(self, text: str, date: object = None, id: str = "doc", title: str | None = None) -> Document:
        pub = date.isoformat() if hasattr(date, "isoformat") else date  # type: ignore[union-attr]
        events = []
        for verb, (cameo, quad, goldstein, plover) in _VERBS.items():
            at = text.find(verb)
            if at >= 0:
                # a side of known country: the store counts only such events
                source = EventActor(text[:at].strip(), 0, at, "FRA", "FRA")
                events.append(Event(f"{id}-e{len(events) + 1}", 0, Span(verb, at, at + len(verb)), source,
                                    None, cameo, quad, goldstein, Plover(plover, None, []), date=pub,
                                    date_source="publication"))
        return Document(id=id, date=pub, text=text, events=events, sentences=[Sentence(0, 0, len(text))])


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(coder_factory=TinyCoder, store_path=tmp_path / "events.duckdb")
    with TestClient(app, raise_server_exceptions=False) as c:
        c.post("/v1/code?store=true", json=[
            {"id": "h1", "date": "2024-03-08", "text": "Rioters stormed the town hall."},
            {"id": "h2", "date": "2024-05-02", "text": "Rioters stormed the harbour office."},
            {"id": "h3", "date": "2024-05-20", "text": "The mayor praised the firemen."}])
        yield c


# -- bodies ------------------------------------------------------------------------------
def test_a_body_nested_100k_deep_is_a_400_naming_the_depth(client: TestClient) -> None:
    r = client.post("/v1/code", content=DEEP, headers=JSON)
    assert r.status_code == 400, r.text
    body = r.json()
    assert body["error"] == "too_deep" and "100000 levels" in body["message"]
    assert body["limit_depth"] == MAX_JSON_DEPTH


def test_deep_junk_inside_an_article_is_refused_too(client: TestClient) -> None:
    r = client.post("/v1/code", content='{"text": "A dam broke.", "extra": ' + DEEP + "}", headers=JSON)
    assert r.status_code == 400 and r.json()["error"] == "too_deep"


def test_a_5000_digit_number_is_a_400_naming_the_number(client: TestClient) -> None:
    r = client.post("/v1/code", content=LONG_NUMBER, headers=JSON)
    assert r.status_code == 400, r.text
    assert r.json()["error"] == "number_too_long" and "digits" in r.json()["message"]


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    text = '{"text": "' + "[{" * 400 + '\\" ]"}'
    assert json_depth(text) == 1
    assert json_depth('[{"a": [[1]]}, {"b": "]]]"}]') == 4


def test_ordinary_nesting_still_reaches_validation(client: TestClient) -> None:
    nested = '{"text": "The port reopened.", "meta": ' + "[" * 50 + "]" * 50 + "}"
    r = client.post("/v1/code", content=nested, headers=JSON)
    assert r.status_code == 200, r.text


# -- paging --------------------------------------------------------------------------------
@pytest.mark.parametrize("url", ["/v1/events?offset=" + str(10**20), "/v1/articles?offset=" + str(10**20),
                                 "/v1/events?limit=" + "9" * 5000])
def test_offsets_and_limits_out_of_range_are_422_naming_the_parameter(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 422, r.text
    assert r.json()["problems"][0]["field"] in ("query.offset", "query.limit")


def test_the_largest_offset_allowed_gives_an_empty_page(client: TestClient) -> None:
    r = client.get("/v1/events?level=mention&offset=1000000000")
    assert r.status_code == 200 and r.json()["events"] == []


# -- query parameter names -------------------------------------------------------------------
def test_cli_names_filter_like_the_api_names(client: TestClient) -> None:
    assert client.get("/v1/events?level=mention").json()["total"] == 3
    by_api = client.get("/v1/events?level=mention&start=2024-04-01&end=2024-06-01&cameo=19")
    by_cli = client.get("/v1/events?level=mention&from=2024-04-01&to=2024-06-01&code=19")
    assert by_cli.status_code == 200, by_cli.text
    assert [e["article_id"] for e in by_cli.json()["events"]] == ["h2"]
    assert by_cli.json() == by_api.json()
    mixed = client.get("/v1/locations?level=mention&from=2024-05-10&cameo=051")
    assert mixed.status_code == 200, mixed.text
    dyad = client.get("/v1/dyads/RUS/USA?from=2024-01-01&to=2024-03-01&by=month")
    assert dyad.status_code == 200 and len(dyad.json()["series"]) == 3


def test_a_cli_name_narrows_the_result(client: TestClient) -> None:
    r = client.get("/v1/dyads/RUS/USA?from=2024-01-01&to=2024-02-01&by=month")
    everything = client.get("/v1/dyads/RUS/USA?start=2023-01-01&to=2024-02-01&by=month")
    assert len(r.json()["series"]) == 2 and len(everything.json()["series"]) == 14


@pytest.mark.parametrize(("url", "named"), [
    ("/v1/events?bogus=1", "query.bogus"),
    ("/v1/events?start=2024-01-01&limt=5", "query.limt"),
    ("/v1/dyads/RUS/USA?code=19", "query.code"),  # dyads take no CAMEO filter, under any name
    ("/healthz?verbose=1", "query.verbose"),
])
def test_unknown_parameters_are_422_naming_them(client: TestClient, url: str, named: str) -> None:
    r = client.get(url)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "unknown_parameter" and named in body["message"]
    assert [p["field"] for p in body["problems"]] == [named]


def test_unknown_parameter_on_post_code_is_refused_before_coding(client: TestClient) -> None:
    r = client.post("/v1/code?stor=true", json={"text": "The bridge was closed."})
    assert r.status_code == 422 and "query.stor" in r.json()["message"]
    assert "store" in r.json()["parameters"]


def test_both_names_of_one_filter_are_a_422(client: TestClient) -> None:
    r = client.get("/v1/events?from=2024-01-01&start=2024-02-01")
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "query.from"


# -- over real HTTP: the connection survives ---------------------------------------------------
@pytest.mark.slow
def test_hostile_bodies_leave_the_keep_alive_connection_usable() -> None:
    app = create_app(coder_factory=TinyCoder)
    with serve_in_thread(app) as base, httpx.Client(base_url=base, timeout=30) as http:
        for content in (DEEP, LONG_NUMBER):
            r = http.post("/v1/code", content=content, headers=JSON)
            assert r.status_code == 400, r.text
            after = http.get("/healthz")  # the same connection, reused
            assert after.status_code == 200 and after.json()["status"] == "ok"
        r = http.get("/v1/events", params={"offset": 10**20})
        assert r.status_code in (422, 503)  # no store here: either refusal is a clear 4xx/5xx JSON
