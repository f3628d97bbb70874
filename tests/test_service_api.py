"""The HTTP API with a small fake coder (fast, deterministic) and a real DuckDB store."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from thucydides.models import (
    ActorMention,
    Document,
    Event,
    EventActor,
    Place,
    Plover,
    Quote,
    Sentence,
    Span,
    Speaker,
    TimeExpr,
)
from thucydides.service import Limits, create_app

# -- a fake coder: a few words it knows, the real data model out ------------------
_ACTORS = {
    "Turkey": ("TUR", None, "state"),
    "Ankara": ("TUR", "GOV", "state"),
    "Russia": ("RUS", None, "state"),
    "Russian": ("RUS", None, "state"),
    "Moscow": ("RUS", "GOV", "state"),
    "Greece": ("GRC", None, "state"),
    "police": (None, "COP", "organisation"),
}
_VERBS = {
    "rejected": ("1121", 3, -4.0, "REJECT"),
    "proposed": ("0311", 1, 3.0, "REQUEST"),
    "attacked": ("190", 4, -10.0, "ASSAULT"),
    "praised": ("051", 1, 3.4, "SUPPORT"),
}
_PLACES = {
    "Moscow": (55.75, 37.62, "RUS", "city"),
    "Ankara": (39.92, 32.85, "TUR", "city"),
    "Athens": (37.98, 23.73, "GRC", "city"),
}
_WORD = re.compile(r"[A-Za-z]+")


class FakeCoder:
    """Codes by word lists. 'SLOWLY' in a text makes it sleep; 'EXPLODE' makes it raise."""

    calls = 0

    def code(
        self, text: str, date: str | date | None = None, id: str = "doc", title: str | None = None
    ) -> Document:
        FakeCoder.calls += 1
        if "EXPLODE" in text:
            raise RuntimeError("the fake coder was asked to explode")
        if "SLOWLY" in text:
            time.sleep(0.6)
        pub = date.isoformat() if hasattr(date, "isoformat") else date  # type: ignore[union-attr]
        sentences: list[Sentence] = []
        for m in re.finditer(r"[^.!?]+[.!?]?", text):
            if m.group().strip():
                sentences.append(Sentence(len(sentences), m.start(), m.end()))

        def sent_of(pos: int) -> int:
            return next((s.index for s in sentences if s.start <= pos < s.end), 0)

        actors, events, places, times, quotes = [], [], [], [], []
        for m in _WORD.finditer(text):
            w = m.group()
            if w in _ACTORS:
                country, sector, kind = _ACTORS[w]
                code = (country or "") + (sector or "") or None
                actors.append(
                    ActorMention(
                        w,
                        m.start(),
                        m.end(),
                        code,
                        country,
                        sector,
                        w,
                        kind,
                        len(actors),
                        sent_of(m.start()),
                        "fake:dictionary",
                    )
                )
            if w in _PLACES:
                lat, lon, country, feature = _PLACES[w]
                places.append(
                    Place(w, m.start(), m.end(), w, 1, lat, lon, country, feature, sent_of(m.start()))
                )
            if w in ("Friday", "Thursday", "Monday"):
                times.append(TimeExpr(w, m.start(), m.end(), pub, sent_of(m.start())))
        for m in _WORD.finditer(text):
            if m.group() not in _VERBS:
                continue
            cameo, quad, gold, ptype = _VERBS[m.group()]
            si = sent_of(m.start())
            before = [a for a in actors if a.sentence_index == si and a.end <= m.start()]
            after = [a for a in actors if a.sentence_index == si and a.start >= m.end()]
            src = EventActor.from_mention(before[-1]) if before else None
            tgt = EventActor.from_mention(after[0]) if after else None
            loc = next((p for p in places if p.sentence_index == si), None)
            events.append(
                Event(
                    f"{id}-e{len(events) + 1}",
                    si,
                    Span(m.group(), m.start(), m.end()),
                    src,
                    tgt,
                    cameo,
                    quad,
                    gold,
                    Plover(ptype, None, []),
                    date=pub,
                    date_source="publication",
                    date_precision="day",
                    location=loc,
                    location_source="clause" if loc is not None else "none",
                    confidence=0.7,
                    why={"rule": f"fake:{m.group()}", "tokens": [m.group()]},
                )
            )
        for m in re.finditer(r"\"([^\"]+)\"", text):
            quotes.append(
                Quote(
                    f"{id}-q{len(quotes) + 1}",
                    None,
                    None,
                    Span(m.group(1), m.start(1), m.end(1)),
                    "direct",
                    sent_of(m.start()),
                )
            )
            if actors:
                a = actors[-1]
                quotes[-1].speaker = Speaker(a.text, a.start, a.end, a.code, a.name, a.entity)
        return Document(
            id=id,
            date=pub,
            text=text,
            actors=actors,
            events=events,
            places=places,
            times=times,
            quotes=quotes,
            sentences=sentences,
            title=title,
            coder_version="fake",
        )


ARTICLE = (
    "Turkey on Friday rejected a Russian proposal for joint raids near Ankara. "
    '"We will not do it," said Ankara. Russia attacked Greece near Athens on Monday.'
)


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(
        coder_factory=FakeCoder,
        store_path=tmp_path / "events.duckdb",
        limits=Limits(max_body_bytes=20_000, max_articles=5, code_timeout_s=0.3, max_pending=2),
    )
    with TestClient(app) as c:
        yield c


@pytest.fixture()
def bare(tmp_path: Path) -> Iterator[TestClient]:
    """A server with no store."""
    with TestClient(create_app(coder_factory=FakeCoder)) as c:
        yield c


def _store(client: TestClient) -> list[dict]:
    docs = [
        {"id": "a1", "date": "2024-03-08", "title": "One", "source": "Wire", "text": ARTICLE},
        {
            "id": "a2",
            "date": "2024-04-02",
            "text": "Russia praised Turkey in Moscow. Turkey rejected Russia.",
        },
        {"id": "a3", "date": "2024-06-20", "text": "Russia attacked Turkey near Ankara."},
    ]
    r = client.post("/v1/code?store=true", json=docs)
    assert r.status_code == 200, r.text
    assert r.headers["X-Thucydides-Stored"] == "3"
    return r.json()


# -- /healthz, pages, docs ------------------------------------------------------------
def test_healthz_reports_a_loaded_coder_and_the_store(client: TestClient) -> None:
    body = client.get("/healthz").json()
    assert body["status"] == "ok" and body["coder"] is True
    assert body["store"].endswith("events.duckdb")
    assert body["limits"]["max_articles"] == 5


def test_index_page_and_its_assets_are_served_with_a_strict_csp(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "default-src 'self'" in r.headers["content-security-policy"]
    for asset in re.findall(r'(?:src|href)="(/static/[^"?]+)', r.text):
        got = client.get(asset)
        assert got.status_code == 200, asset
    assert "http://" not in r.text and "https://" not in r.text  # nothing from the internet
    world = client.get("/static/world.json").json()
    assert len(world["countries"]) > 150
    assert any(c["id"] == "TUR" for c in world["countries"])


def test_docs_page_is_offline_and_openapi_lists_every_endpoint(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn" not in page.text.lower() and "https://" not in page.text
    spec = client.get("/openapi.json").json()
    for path in (
        "/v1/code",
        "/v1/events",
        "/v1/dyads/{a}/{b}",
        "/v1/articles/{article_id}",
        "/healthz",
        "/v1/locations",
    ):
        assert path in spec["paths"], path
    body = spec["paths"]["/v1/code"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["oneOf"][0]["$ref"] == "#/components/schemas/ArticleIn"
    assert "text" in spec["components"]["schemas"]["ArticleIn"]["required"]


def test_unknown_endpoint_is_a_json_404(client: TestClient) -> None:
    r = client.get("/v1/nothing")
    assert r.status_code == 404
    assert r.json()["error"] == "not_found" and "/v1/nothing" in r.json()["message"]


# -- POST /v1/code ---------------------------------------------------------------------
def test_code_one_article_returns_one_document_in_the_contract_shape(client: TestClient) -> None:
    r = client.post("/v1/code", json={"id": "x1", "date": "2024-03-08", "title": "T", "text": ARTICLE})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["id"] == "x1" and doc["date"] == "2024-03-08" and doc["title"] == "T"
    assert "text" not in doc
    assert {a["code"] for a in doc["actors"]} >= {"TUR", "RUS", "TURGOV"}
    first = doc["events"][0]
    assert first["trigger"]["text"] == "rejected" and first["source"]["code"] == "TUR"
    assert ARTICLE[first["trigger"]["start"] : first["trigger"]["end"]] == "rejected"
    assert first["why"]["rule"] == "fake:rejected"
    assert doc["quotes"][0]["content"]["text"] == "We will not do it,"


def test_code_a_list_keeps_order_and_makes_stable_ids(client: TestClient) -> None:
    r = client.post(
        "/v1/code?include_text=true", json=[{"text": "Russia attacked Greece."}, {"text": ARTICLE}]
    )
    assert r.status_code == 200
    docs = r.json()
    assert [d["text"] for d in docs] == ["Russia attacked Greece.", ARTICLE]
    assert docs[0]["id"].startswith("a-") and docs[0]["id"] != docs[1]["id"]
    again = client.post("/v1/code", json=[{"text": "Russia attacked Greece."}]).json()
    assert again[0]["id"] == docs[0]["id"]


def test_code_plain_text_body(client: TestClient) -> None:
    r = client.post("/v1/code", content="Russia attacked Greece.", headers={"Content-Type": "text/plain"})
    assert r.status_code == 200 and r.json()["events"][0]["cameo"] == "190"


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"title": "no text"}, "body.text", "Field required"),
        ({"text": "   "}, "body.text", "blank"),
        ({"text": ""}, "body.text", "at least 1 character"),
        ({"text": "Hi.", "date": "20/05/2016"}, "body.date", "not an ISO date"),
        ({"text": "Hi.", "date": "2016-02-30"}, "body.date", "not a real calendar day"),
        ({"text": 42}, "body.text", "valid string"),
        ([{"text": "ok"}, {"txt": "typo"}], "body[1].text", "Field required"),
        ([{"text": "ok"}, "just a string"], "body[1]", "must be an article object"),
        ([{"id": "d", "text": "a"}, {"id": "d", "text": "b"}], "body[1].id", "duplicate id"),
        ([], "body", "empty"),
        ("a string", "body", "must be an article object"),
    ],
)
def test_bad_bodies_get_422_naming_the_field(
    client: TestClient, body: object, field: str, words: str
) -> None:
    r = client.post("/v1/code", json=body)
    assert r.status_code == 422, r.text
    err = r.json()
    assert err["error"] == "invalid_request"
    assert any(p["field"] == field and words in p["problem"] for p in err["problems"]), err
    assert field in err["message"]


def test_broken_json_empty_body_and_wrong_media_type(client: TestClient) -> None:
    r = client.post(
        "/v1/code", content='{"text": "unterminated', headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400 and r.json()["error"] == "invalid_json" and "line 1" in r.json()["message"]
    r = client.post("/v1/code", content="", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "empty_body"
    r = client.post("/v1/code", content=b"\xff\xfe{}", headers={"Content-Type": "application/json"})
    assert r.status_code == 400 and r.json()["error"] == "bad_encoding"
    r = client.post("/v1/code", content="<a/>", headers={"Content-Type": "application/xml"})
    assert r.status_code == 415 and r.json()["error"] == "unsupported_media_type"


def test_oversize_body_gets_413_json(client: TestClient) -> None:
    r = client.post("/v1/code", json={"text": "Russia attacked Greece. " * 1000})  # ~24 KB > 20 KB
    assert r.status_code == 413
    assert r.json()["error"] == "too_large" and r.json()["limit_bytes"] == 20_000


def test_oversize_streamed_body_without_content_length_gets_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(30):
            yield b"x" * 1000
        yield b'"}'

    r = client.post("/v1/code", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["error"] == "too_large"


def test_too_many_articles_gets_413_json(client: TestClient) -> None:
    r = client.post("/v1/code", json=[{"text": "Hi."}] * 6)
    assert r.status_code == 413
    assert r.json()["error"] == "too_many_articles" and r.json()["limit_articles"] == 5


def test_slow_coding_gets_504_json(client: TestClient) -> None:
    r = client.post("/v1/code", json={"text": "Russia SLOWLY attacked Greece."})
    assert r.status_code == 504
    assert r.json()["error"] == "timeout" and "0.3 s" in r.json()["message"]
    time.sleep(0.4)  # let the abandoned job finish before the next request
    assert client.post("/v1/code", json={"text": "Russia attacked Greece."}).status_code == 200


def test_busy_server_gets_503_with_retry_after(client: TestClient) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        futures = [
            pool.submit(client.post, "/v1/code", json={"text": "SLOWLY Russia attacked."}) for _ in range(4)
        ]
        codes = sorted(f.result().status_code for f in futures)
    assert 503 in codes
    time.sleep(1.3)


def test_coder_crash_is_a_500_json_naming_the_article(client: TestClient) -> None:
    r = client.post("/v1/code", json={"id": "boom", "text": "EXPLODE now"})
    assert r.status_code == 500
    assert (
        r.json()["error"] == "coder_error" and r.json()["id"] == "boom" and "explode" in r.json()["message"]
    )


def test_store_true_without_a_store_is_409(bare: TestClient) -> None:
    r = bare.post("/v1/code?store=true", json={"text": "Russia attacked Greece."})
    assert r.status_code == 409 and r.json()["error"] == "no_store"
    assert bare.post("/v1/code", json={"text": "Russia attacked Greece."}).status_code == 200


def test_bad_query_flag_is_422(client: TestClient) -> None:
    r = client.post("/v1/code?store=perhaps", json={"text": "Hi."})
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "query.store"


# -- the store endpoints ---------------------------------------------------------------
def test_events_filters_and_paging(client: TestClient) -> None:
    _store(client)
    every = client.get("/v1/events?level=mention&limit=100").json()
    assert every["total"] == 5 and len(every["events"]) == 5
    assert every["events"][0]["event_date"] >= every["events"][-1]["event_date"]  # newest first
    page = client.get("/v1/events?level=mention&limit=2&offset=2&order=asc").json()
    assert page["total"] == 5 and len(page["events"]) == 2 and page["offset"] == 2
    assert [e["event_id"] for e in page["events"]] == ["a2-e1", "a2-e2"]

    def ids(query: str) -> set[str]:
        r = client.get(f"/v1/events?level=mention&{query}")
        assert r.status_code == 200, r.text
        return {(e["article_id"], e["event_id"]) for e in r.json()["events"]}

    assert ids("start=2024-04-01&end=2024-04-30") == {("a2", "a2-e1"), ("a2", "a2-e2")}
    assert ids("actor=grc") == {("a1", "a1-e2")}
    assert ids("source=RUS&target=TUR") == {("a2", "a2-e1"), ("a3", "a3-e1")}
    assert ids("country=GRC") == {("a1", "a1-e2")}
    assert ids("cameo=19") == {("a1", "a1-e2"), ("a3", "a3-e1")}
    assert ids("root=11") == {("a1", "a1-e1"), ("a2", "a2-e2")}
    assert ids("plover=support") == {("a2", "a2-e1")}
    assert ids("quad=4&start=2024-06-01") == {("a3", "a3-e1")}
    clusters = client.get("/v1/events").json()
    assert (
        clusters["level"] == "cluster" and clusters["total"] == 5 and "num_mentions" in clusters["events"][0]
    )


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "query.limit"),
        ("limit=5000", "query.limit"),
        ("offset=-1", "query.offset"),
        ("start=yesterday", "query.start"),
        ("start=2024-05-01&end=2024-04-01", "query.start"),
        ("actor=R", "query.actor"),
        ("actor=RUS;DROP", "query.actor"),
        ("cameo=abc", "query.cameo"),
        ("root=1", "query.root"),
        ("quad=5", "query.quad"),
        ("plover=FIGHT", "query.plover"),
        ("level=article", "query.level"),
        ("country=RU", "query.country"),
    ],
)
def test_events_bad_filters_get_422_naming_the_parameter(client: TestClient, query: str, field: str) -> None:
    r = client.get(f"/v1/events?{query}")
    assert r.status_code == 422, r.text
    assert r.json()["problems"][0]["field"] == field, r.json()


def test_locations_for_the_map(client: TestClient) -> None:
    _store(client)
    locs = client.get("/v1/locations?level=mention").json()["locations"]
    ankara = next(loc for loc in locs if loc["name"] == "Ankara")
    assert ankara["events"] == 2 and ankara["lat"] == pytest.approx(39.92) and ankara["conflict"] == 2
    assert {
        loc["name"] for loc in client.get("/v1/locations?actor=GRC&level=mention").json()["locations"]
    } == {"Athens"}


def test_dyad_time_series_by_month_and_week(client: TestClient) -> None:
    _store(client)
    body = client.get("/v1/dyads/rus/tur?by=month").json()
    assert body["a"] == "RUS" and body["b"] == "TUR" and body["by"] == "month"
    assert [s["period"] for s in body["series"]] == ["2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01"]
    may = body["series"][2]
    assert may["events"] == 0 and may["goldstein_mean"] is None  # filled gap
    assert body["totals"]["events"] == 4 and body["totals"]["material_conflict"] == 1
    directed = client.get("/v1/dyads/RUS/TUR?by=month&directed=true").json()
    assert directed["totals"]["events"] == 2
    weekly = client.get("/v1/dyads/RUS/TUR?by=week&start=2024-04-01&end=2024-04-14").json()
    assert [s["period"] for s in weekly["series"]] == ["2024-04-01", "2024-04-08"]
    assert client.get("/v1/dyads/RUS/TUR?by=day").json()["series"][0]["period"] == "2024-03-08"


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/v1/dyads/RUS/TUR?by=fortnight", "query.by"),
        ("/v1/dyads/R/TUR", "path.a"),
        ("/v1/dyads/RUS/TUR?start=2024-05-01&end=2024-01-01", "query.start"),
    ],
)
def test_dyad_bad_requests_get_422(client: TestClient, url: str, field: str) -> None:
    r = client.get(url)
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == field


def test_article_round_trip_through_the_store(client: TestClient) -> None:
    coded = _store(client)[0]
    got = client.get("/v1/articles/a1")
    assert got.status_code == 200
    doc = got.json()
    assert doc["text"] == ARTICLE and doc["title"] == "One" and doc["source"] == "Wire"
    assert [e["id"] for e in doc["events"]] == [e["id"] for e in coded["events"]]
    assert doc["events"][0]["why"] == coded["events"][0]["why"]
    assert doc["events"][0]["location"]["name"] == "Ankara"
    # where each date and place came from survives the store
    assert [(e["date_precision"], e["location_source"]) for e in doc["events"]] == [
        (e["date_precision"], e["location_source"]) for e in coded["events"]] == [("day", "clause")] * 2
    listed = client.get("/v1/events?level=mention&limit=100").json()["events"]
    assert {e["date_precision"] for e in listed} == {"day"}
    assert {(e["location_source"], e["location_name"] is not None) for e in listed} == {
        ("clause", True), ("none", False)}
    assert [(a["start"], a["code"]) for a in doc["actors"]] == [
        (a["start"], a["code"]) for a in coded["actors"]
    ]
    assert doc["quotes"][0]["content"] == coded["quotes"][0]["content"]
    missing = client.get("/v1/articles/nope")
    assert missing.status_code == 404 and "nope" in missing.json()["message"]
    listing = client.get("/v1/articles").json()
    assert listing["total"] == 3 and {a["id"] for a in listing["articles"]} == {"a1", "a2", "a3"}


def test_recoding_an_article_replaces_it(client: TestClient) -> None:
    _store(client)
    client.post(
        "/v1/code?store=true", json={"id": "a3", "date": "2024-06-20", "text": "Russia praised Turkey."}
    )
    evs = client.get("/v1/events?level=mention&start=2024-06-01").json()["events"]
    assert [e["cameo"] for e in evs] == ["051"]


def test_actors_and_store_summary(client: TestClient) -> None:
    _store(client)
    top = client.get("/v1/actors?by_country=true").json()["actors"]
    assert top[0]["country"] in ("RUS", "TUR") and top[0]["events"] >= 4
    summary = client.get("/v1/store").json()
    assert summary["counts"]["articles"] == 3


@pytest.mark.parametrize(
    "url",
    ["/v1/events", "/v1/locations", "/v1/dyads/RUS/TUR", "/v1/articles/a1", "/v1/actors", "/v1/articles"],
)
def test_store_endpoints_without_a_store_are_503_json(bare: TestClient, url: str) -> None:
    r = bare.get(url)
    assert r.status_code == 503 and r.json()["error"] == "no_store" and "--store" in r.json()["message"]


# -- the serve command --------------------------------------------------------------
def test_serve_command_is_registered_and_passes_options(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import typer
    import uvicorn
    from typer.testing import CliRunner

    from thucydides.service.commands import register

    app = typer.Typer()
    register(app)

    @app.command("other")
    def other() -> None:  # a second command, so typer keeps "serve" as a subcommand
        pass

    seen: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    result = CliRunner().invoke(
        app,
        [
            "serve",
            "--store",
            str(tmp_path / "s.duckdb"),
            "--port",
            "8123",
            "--host",
            "0.0.0.0",
            "--timeout",
            "30",
            "--max-articles",
            "7",
        ],
    )
    assert result.exit_code == 0, result.output
    assert seen["host"] == "0.0.0.0" and seen["port"] == 8123
    state = seen["app"].state.thucydides  # type: ignore[attr-defined]
    assert state.store_path == tmp_path / "s.duckdb"
    assert state.limits.code_timeout_s == 30 and state.limits.max_articles == 7
    bad = CliRunner().invoke(app, ["serve", "--port", "70000"])
    assert bad.exit_code != 0
    missing = CliRunner(env={"COLUMNS": "300"}).invoke(
        app, ["serve", "--actors", str(tmp_path / "nope.yaml")]
    )
    assert missing.exit_code == 2 and "nope.yaml" in missing.output.replace("\n", "").replace("│", "")
