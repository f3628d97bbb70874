"""`GET /v1/watch/status`: the watcher running in the server (`serve --watch`), and no watcher."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from loopback import FakeCoder, Item, Page, Recorder, Site, opener, rss, serve_site
from typer.testing import CliRunner

from thucydides.cli import app as cli
from thucydides.service import create_app
from thucydides.watch.background import WatchSetup
from thucydides.watch.entries import Settings
from thucydides.watch.feeds import FeedSource
from thucydides.watch.watcher import Watcher


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site() as s:
        site_feed = [Item("1", "One", summary="Turkey rejected a Russian proposal on Friday."),
                     Item("2", "Two", summary="Greece praised Turkey for the talks on Monday.")]
        s.pages["/feed"] = Page(rss(site_feed), content_type="application/rss+xml", etag='"e"')
        yield s


def test_the_watcher_runs_beside_the_api_and_reports_its_health(site: Site, tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    setup = WatchSetup([site.url("/feed")], interval=3600.0, settings=Settings(timeout=5.0, settle_s=0.0))
    with TestClient(create_app(coder_factory=FakeCoder, store_path=store, watch=setup)) as client:
        deadline = time.monotonic() + 30
        while True:
            status = client.get("/v1/watch/status").json()
            if status["sources"][0]["last_success"] or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert status["running"] is True and status["interval_s"] == 3600.0
        (source,) = status["sources"]
        assert (source["source"], source["kind"], source["articles"], source["last_error"]) == (
            f"feed:{site.url('/feed')}", "feed", 2, None)
        assert status["articles"] == 2 and status["articles_per_hour"] > 0
        titles = sorted(a["title"] for a in client.get("/v1/articles").json()["articles"])
        assert titles == ["One", "Two"]  # stored by the watcher, read by the API, one process
    assert status["last_error"] is None


def test_without_a_watcher_the_status_says_so_and_shows_what_the_store_recorded(site: Site,
                                                                                 tmp_path: Path) -> None:
    store = tmp_path / "s.duckdb"
    with TestClient(create_app(coder_factory=FakeCoder)) as client:  # no store at all
        body = client.get("/v1/watch/status").json()
    assert body["running"] is False and "--watch" in body["message"] and body["sources"] == []

    source = FeedSource(site.url("/feed"))
    Watcher([source], opener(store), FakeCoder().code_many, interval=60.0, reporter=Recorder()).run_once()
    with TestClient(create_app(coder_factory=FakeCoder, store_path=store)) as client:
        response = client.get("/v1/watch/status")
    assert response.status_code == 200
    body = response.json()
    assert body["running"] is False
    (recorded,) = body["sources"]
    assert (recorded["source"], recorded["articles"], recorded["consecutive_errors"]) == (source.key, 2, 0)
    assert recorded["last_success"] and recorded["last_error"] is None


def test_watching_needs_a_store(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="watching needs an event store"):
        create_app(coder_factory=FakeCoder, watch=WatchSetup([str(tmp_path)], interval=60.0))
    wide = CliRunner(env={"COLUMNS": "300"})  # the error box must not wrap the message
    result = wide.invoke(cli, ["serve", "--watch", str(tmp_path)])
    assert result.exit_code == 2 and "give --store too" in result.output
    result = wide.invoke(cli, ["serve", "--watch", str(tmp_path / "nowhere"), "--store", "s.duckdb"])
    assert result.exit_code == 2 and "no such file or folder" in result.output
