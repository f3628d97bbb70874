"""The webhook: a loopback HTTP server on 127.0.0.1 receives each new alert; failures are kept and retried."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from alert_stream import surge_on_last_day, write_stream

from thucydides.alerts import AlertOptions, check_alerts
from thucydides.alerts.deliver import MAX_WEBHOOK_ATTEMPTS, post_webhook
from thucydides.alerts.storage import AlertFilter, list_alerts
from thucydides.service.server import free_port
from thucydides.store import EventStore

NOW = datetime(2024, 3, 3, 18, 0, tzinfo=UTC)


class Receiver(ThreadingHTTPServer):
    """Records what it is sent; answers with `status` after `delay` seconds."""

    def __init__(self, port: int, status: int = 204, delay: float = 0.0):
        self.received: list[dict[str, Any]] = []
        self.status = status
        self.delay = delay
        super().__init__(("127.0.0.1", port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:  # noqa: N802 - the http.server name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.received.append(
            {
                "path": self.path,
                "type": self.headers["Content-Type"],
                "agent": self.headers["User-Agent"],
                "body": json.loads(body),
            }
        )
        time.sleep(self.server.delay)
        self.send_response(self.server.status)
        self.end_headers()

    def log_message(self, *args: Any) -> None:  # keep the test output clean
        pass


def serve(port: int, **kwargs: Any) -> Iterator[Receiver]:
    receiver = Receiver(port, **kwargs)
    thread = threading.Thread(target=receiver.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        receiver.shutdown()
        receiver.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    yield from serve(free_port())


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "events.duckdb"
    write_stream(path, surge_on_last_day)
    return path


def check(path: Path, url: str) -> list[Any]:
    with EventStore(path) as store:
        return check_alerts(store, AlertOptions(webhook_url=url), now=NOW)


def stored(path: Path) -> Any:
    with EventStore(path, read_only=True) as store:
        return list_alerts(store.con, AlertFilter())[1]


def test_the_webhook_receives_the_new_alert_once(store_path: Path, receiver: Receiver) -> None:
    url = f"http://127.0.0.1:{receiver.server_port}/hooks/thucydides"
    [alert] = check(store_path, url)
    [got] = receiver.received
    assert got["path"] == "/hooks/thucydides" and got["type"].startswith("application/json")
    assert got["agent"].startswith("thucydides/")
    body = got["body"]
    assert body["kind"] == "thucydides.alert" and body["version"] == 1
    assert body["text"].startswith("ALERT daily-surge [2024-03-03]: RUS -> UKR: 12 events")
    assert body["alert"] == alert.to_dict()
    assert alert.webhook_error is None and alert.webhook_sent_at is not None
    assert check(store_path, url) == [] and len(receiver.received) == 1
    [kept] = stored(store_path)
    assert kept.webhook_attempts == 1 and kept.webhook_sent_at is not None


def test_a_failing_webhook_is_reported_kept_and_retried(
    store_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    [alert] = check(store_path, url)  # nothing listens there
    assert alert.webhook_sent_at is None and f"webhook {url} failed" in (alert.webhook_error or "")
    assert "failed for alert" in caplog.text
    # the next check raises nothing new, but delivers what failed
    for received in serve(port, status=200):
        assert check(store_path, url) == []
        assert [r["body"]["alert"]["alert_id"] for r in received.received] == [alert.alert_id]
    [kept] = stored(store_path)
    assert kept.webhook_attempts == 2 and kept.webhook_error is None and kept.webhook_sent_at is not None


def test_after_one_failure_a_check_posts_no_more_and_the_next_one_sends_them_all(tmp_path: Path) -> None:
    path = tmp_path / "two.duckdb"
    write_stream(path, lambda d: [("RUS", "UKR", "040", 12 if d == NOW.date() else 2),
                                  ("USA", "CHN", "040", 12 if d == NOW.date() else 2)])
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    first, second = check(path, url)
    assert "failed for alert" in (first.webhook_error or "")
    assert second.webhook_error == "not sent: an earlier POST of this check failed"
    for received in serve(port):
        assert check(path, url) == []
        assert sorted(r["body"]["alert"]["alert_id"] for r in received.received) == sorted(
            [first.alert_id, second.alert_id])


def test_a_webhook_answering_an_error_gives_up_after_the_last_attempt(store_path: Path) -> None:
    for receiver in serve(free_port(), status=500):
        url = f"http://127.0.0.1:{receiver.server_port}/"
        [alert] = check(store_path, url)
        assert alert.webhook_error and "HTTP 500" in alert.webhook_error
        for _ in range(MAX_WEBHOOK_ATTEMPTS + 2):
            check(store_path, url)
        assert len(receiver.received) == MAX_WEBHOOK_ATTEMPTS
    [kept] = stored(store_path)
    assert kept.webhook_attempts == MAX_WEBHOOK_ATTEMPTS and kept.webhook_sent_at is None


def test_a_slow_webhook_times_out(store_path: Path) -> None:
    [alert] = stored_after_plain_check(store_path)
    for receiver in serve(free_port(), delay=2.0):
        began = time.monotonic()
        reason = post_webhook(f"http://127.0.0.1:{receiver.server_port}/", alert, timeout=0.3)
        assert time.monotonic() - began < 1.8
    assert reason is not None and "timed out" in reason


def stored_after_plain_check(path: Path) -> list[Any]:
    with EventStore(path) as store:
        return check_alerts(store, AlertOptions(), now=NOW)
