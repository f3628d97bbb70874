"""The API speaks the CLI's filter vocabulary (from, to, code, root, quad, min_confidence …),
refuses unknown parameters with a 422, and leaves the store file free for the CLI between requests."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from test_service_api import FakeCoder, _store

from thucydides.service import create_app


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    path = tmp_path / "events.duckdb"
    with TestClient(create_app(coder_factory=FakeCoder, store_path=path)) as client:
        _store(client)
        yield client, path


def test_min_confidence_filters_events_and_aggregates(served: tuple[TestClient, Path]) -> None:
    client, _ = served
    assert client.get("/v1/events?level=mention").json()["total"] > 0
    assert client.get("/v1/events?level=mention&min_confidence=0.8").json()["total"] == 0
    assert client.get("/v1/events?min_confidence=0.5").json()["total"] > 0
    assert client.get("/v1/actors?min_confidence=0.8").json()["actors"] == []
    series = client.get("/v1/dyads/RUS/TUR?min_confidence=0.8").json()
    assert series["totals"]["events"] == 0
    assert client.get("/v1/locations?min_confidence=0.8").json()["locations"] == []


def test_min_confidence_on_code_drops_unsure_events(served: tuple[TestClient, Path]) -> None:
    client, _ = served
    text = {"text": "Russia attacked Greece near Athens."}
    assert client.post("/v1/code", json=text).json()["events"]
    assert client.post("/v1/code?min_confidence=0.9", json=text).json()["events"] == []
    assert client.post("/v1/code?min_confidence=2", json=text).status_code == 422


def test_cli_names_and_new_filters_agree(served: tuple[TestClient, Path]) -> None:
    client, _ = served
    by_api = client.get("/v1/events?level=mention&start=2024-03-01&cameo=19&quad=4&root=19").json()
    by_cli = client.get("/v1/events?level=mention&from=2024-03-01&code=19&quad=4&root=19").json()
    assert by_api["total"] == by_cli["total"] > 0
    assert {e["root_code"] for e in by_cli["events"]} == {"19"}


@pytest.mark.parametrize("url", ["/v1/events?cameo_code=19", "/v1/actors?min_conf=0.5", "/v1/store?x=1"])
def test_unknown_parameters_are_422(served: tuple[TestClient, Path], url: str) -> None:
    client, _ = served
    r = client.get(url)
    assert r.status_code == 422 and r.json()["error"] == "unknown_parameter"


def test_the_cli_reads_the_store_a_running_server_serves(served: tuple[TestClient, Path]) -> None:
    client, path = served
    code = ("import sys; from thucydides.cli import app; "
            "sys.argv = ['thucydides', 'query', 'summary', '--store', sys.argv[1], '-f', 'json']; app()")
    done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert '"articles"' in done.stdout
    assert client.get("/v1/store").json()["counts"]["articles"] == 3  # and the server still answers
