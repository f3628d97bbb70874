"""End to end over real HTTP: uvicorn on loopback, the real coder, a real DuckDB store."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from thucydides.service import Limits, create_app
from thucydides.service.server import serve_in_thread

pytestmark = pytest.mark.slow

STORY = (
    "Turkey on Friday rejected a Russian proposal to hold joint naval drills in the Black Sea. "
    '"We will not take part," a Turkish Foreign Ministry spokesman told reporters in Ankara. '
    "Greek police arrested three men in Athens on Thursday."
)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from thucydides.coder import Coder

    store = tmp_path_factory.mktemp("live") / "events.duckdb"
    app = create_app(coder_factory=Coder, store_path=store, limits=Limits(max_articles=3))
    with serve_in_thread(app) as url:
        yield url


def test_real_coder_over_http_offsets_point_into_the_text(base: str) -> None:
    r = httpx.post(f"{base}/v1/code", json={"id": "live-1", "date": "2024-03-08", "text": STORY}, timeout=60)
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["id"] == "live-1" and doc["date"] == "2024-03-08" and doc["coder_version"]
    assert doc["events"] and doc["actors"] and doc["sentences"]
    for item in doc["actors"] + doc["places"] + doc["times"]:
        assert STORY[item["start"] : item["end"]] == item["text"], item
    for event in doc["events"]:
        t = event["trigger"]
        assert STORY[t["start"] : t["end"]] == t["text"]
        assert 1 <= event["quad_class"] <= 4 and event["cameo"].isdigit()
    assert any(a["code"] and a["code"].startswith("TUR") for a in doc["actors"])


def test_real_coder_batch_store_and_query_back(base: str) -> None:
    batch = [
        {"id": "live-a", "date": "2024-03-08", "text": STORY},
        {"id": "live-b", "date": "2024-04-10", "text": "Russia condemned Turkey on Wednesday."},
    ]
    r = httpx.post(f"{base}/v1/code?store=true", json=batch, timeout=60)
    assert r.status_code == 200 and [d["id"] for d in r.json()] == ["live-a", "live-b"]
    assert r.headers["x-thucydides-stored"] == "2"
    stored = httpx.get(f"{base}/v1/articles/live-a").json()
    assert stored["text"] == STORY
    assert [e["cameo"] for e in stored["events"]] == [e["cameo"] for e in r.json()[0]["events"]]
    events = httpx.get(f"{base}/v1/events", params={"level": "mention", "start": "2024-03-01"}).json()
    assert events["total"] >= len([e for e in r.json()[0]["events"] if not e["negated"]]) > 0
    series = httpx.get(f"{base}/v1/dyads/TUR/RUS", params={"by": "month"}).json()["series"]
    assert series and series[0]["period"].startswith("2024-03")


def test_limits_hold_over_real_http(base: str) -> None:
    r = httpx.post(f"{base}/v1/code", json=[{"text": "Hi."}] * 4, timeout=30)
    assert r.status_code == 413 and r.json()["error"] == "too_many_articles"
    r = httpx.post(
        f"{base}/v1/code", content=b"x" * 2_100_000, headers={"Content-Type": "text/plain"}, timeout=30
    )
    assert r.status_code == 413 and r.json()["error"] == "too_large"
    r = httpx.post(f"{base}/v1/code", json={"text": "Hi.", "date": "tomorrow"}, timeout=30)
    assert r.status_code == 422 and r.json()["problems"][0]["field"] == "body.date"


def test_gzip_for_big_answers(base: str) -> None:
    r = httpx.get(f"{base}/static/world.json", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers.get("content-encoding") == "gzip"
    assert int(r.headers.get("content-length", "0")) < 60_000
