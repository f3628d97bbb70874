"""The live view's API: /v1/alerts (filters, open and closed, links), one alert with its events, and
/v1/articles/latest, over a real store with a fake coder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest
from alert_stream import surge_on, write_stream
from fastapi.testclient import TestClient
from test_service_api import FakeCoder

from thucydides.alerts import AlertOptions, check_alerts
from thucydides.service import create_app
from thucydides.store import EventStore

TODAY = datetime.now(UTC).date()
OLD_DAY = date(2024, 3, 3)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """A store with two surges: an old one (2024, closed) and one today (open)."""
    path = tmp_path_factory.mktemp("alerts-api") / "events.duckdb"
    write_stream(path, surge_on(OLD_DAY), OLD_DAY - timedelta(days=70), OLD_DAY, prefix="old")
    write_stream(path, surge_on(TODAY), TODAY - timedelta(days=70), TODAY, prefix="new")
    ids = {}
    with EventStore(path) as store:
        for label, day in (("old", OLD_DAY), ("new", TODAY)):
            [alert] = check_alerts(store, AlertOptions(), now=datetime.combine(day, time(23), UTC))
            ids[label] = alert.alert_id
    with TestClient(create_app(coder_factory=FakeCoder, store_path=path)) as client:
        yield client, ids


def test_alerts_newest_window_first_with_links(served: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = served
    r = client.get("/v1/alerts")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == 2 and [a["alert_id"] for a in body["alerts"]] == [ids["new"], ids["old"]]
    new = body["alerts"][0]
    assert new["open"] is True and body["alerts"][1]["open"] is False
    assert (new["rule"], new["source"], new["target"], new["count"]) == ("daily-surge", "RUS", "UKR", 12)
    assert new["n_events"] == 12 and len(new["events"]) == 12
    assert new["links"]["self"] == f"/v1/alerts/{ids['new']}"
    # the links answer: the dyad's timeline over baseline and window, and the window's events
    timeline = client.get(new["links"]["dyad"]).json()
    assert timeline["directed"] is True and timeline["series"][-1]["events"] == 12
    assert len(timeline["series"]) == 8  # seven baseline days and the alert's day
    events = client.get(new["links"]["events"]).json()
    assert events["total"] == 12


@pytest.mark.parametrize(("query", "expected"), [
    ("open=true", ["new"]),
    ("open=false", ["old"]),
    (f"from={TODAY.isoformat()}", ["new"]),
    ("to=2024-12-31", ["old"]),
    ("start=2024-03-03&end=2024-03-03", ["old"]),
    ("actor=UKR", ["new", "old"]),
    ("source=UKR", []),
    ("target=UKR", ["new", "old"]),
    ("rule=weekly-surge", []),
    ("limit=1&offset=1", ["old"]),
])
def test_alert_filters(served: tuple[TestClient, dict[str, str]], query: str, expected: list[str]) -> None:
    client, ids = served
    r = client.get("/v1/alerts?" + query)
    assert r.status_code == 200, r.text
    assert [a["alert_id"] for a in r.json()["alerts"]] == [ids[k] for k in expected]


@pytest.mark.parametrize(("query", "field"), [
    ("cameo=19", "query.cameo"),
    ("actor=not a code", "query.actor"),
    ("open=maybe", "query.open"),
    ("rule=Big Rule", "query.rule"),
    ("limit=0", "query.limit"),
])
def test_bad_alert_queries_are_422_naming_the_field(served: tuple[TestClient, dict[str, str]], query: str,
                                                    field: str) -> None:
    client, _ = served
    r = client.get("/v1/alerts?" + query)
    assert r.status_code == 422 and field in r.text, r.text


def test_start_after_end_is_422(served: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = served
    r = client.get("/v1/alerts?start=2024-03-04&end=2024-03-01")
    assert r.status_code == 422 and "after" in r.json()["message"]


def test_one_alert_with_its_events_as_stored(served: tuple[TestClient, dict[str, str]]) -> None:
    client, ids = served
    r = client.get(f"/v1/alerts/{ids['old']}")
    assert r.status_code == 200, r.text
    alert = r.json()
    assert alert["open"] is False and len(alert["events"]) == 12
    first = alert["events"][0]
    assert first["article_id"] == "old-2024-03-03" and first["gone"] is False
    assert (first["source_code"], first["target_code"], first["cameo"]) == ("RUS", "UKR", "040")
    assert client.get("/v1/alerts/0123456789abcdef").status_code == 404
    assert client.get("/v1/alerts/nope").status_code == 422


def test_latest_articles_newest_first_with_their_events(served: tuple[TestClient, dict[str, str]]) -> None:
    client, _ = served
    r = client.get("/v1/articles/latest?limit=3")
    assert r.status_code == 200, r.text
    articles = r.json()["articles"]
    assert len(articles) == 3
    stamps = [a["stored_at"] for a in articles]
    assert stamps == sorted(stamps, reverse=True)
    surge = client.get("/v1/articles/latest?limit=200").json()["articles"]
    day = next(a for a in surge if a["id"] == f"new-{TODAY.isoformat()}")
    assert day["counted_events"] == 13 and len(day["events"]) == 5
    assert {"source_code", "target_code", "cameo", "goldstein"} <= set(day["events"][0])
    later = client.get("/v1/articles/latest", params={"since": stamps[0]}).json()["articles"]
    assert later == []
    # an unknown parameter is refused, as on every route
    assert client.get("/v1/articles/latest?id=x").status_code == 422
