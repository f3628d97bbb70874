"""`thucydides watch` on the command line: killed with SIGKILL in the middle of a poll and started
again (same store, no duplicates, nothing missed), argument errors, and the alert hook."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import types
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from loopback import Item, Page, Site, article_page, rows, rss, serve_site
from typer.testing import CliRunner

from thucydides.cli import app
from thucydides.watch.watcher import CHUNK

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ["Turkey", "Greece", "Russia", "Ukraine", "Egypt", "Israel", "Iran", "Iraq", "Syria", "Jordan"]


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site() as s:
        yield s


def watch(store: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "thucydides", "watch", *args, "--store", str(store), "--once",
               "--no-progress"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


@pytest.mark.slow
def test_kill_9_mid_poll_then_restart_stores_every_article_once(site: Site, tmp_path: Path) -> None:
    total, held = CHUNK + 4, CHUNK + 2  # the second chunk is being fetched when the process dies
    items = []
    for n in range(1, total + 1):
        a, b = COUNTRIES[n % 10], COUNTRIES[(n + 3) % 10]
        site.pages[f"/p{n}"] = Page(article_page(f"Story {n}", f"{a} rejected proposal number {n} from {b}."))
        items.append(Item(f"story-{n}", f"Story {n}", link=site.url(f"/p{n}")))
    gate = threading.Event()
    site.pages[f"/p{held}"].gate = gate
    site.pages["/feed"] = Page(rss(items), content_type="application/rss+xml", etag='"one"')
    store = tmp_path / "events.duckdb"

    first = watch(store, site.url("/feed"))
    try:
        assert site.wait_for(f"/p{held}", 1, timeout=240), "the watcher never reached the held page"
        os.kill(first.pid, signal.SIGKILL)
    finally:
        first.wait(timeout=30)
    assert first.returncode == -signal.SIGKILL
    assert rows(store, "SELECT count(*) FROM articles") == [(CHUNK,)]  # the first chunk's commits survive
    gate.set()

    second = watch(store, site.url("/feed"))
    out, err = second.communicate(timeout=240)
    assert second.returncode == 0, err
    assert f"{total - CHUNK} new, 0 duplicate, 0 rejected" in err
    assert rows(store, "SELECT count(*), count(DISTINCT article_id), count(DISTINCT text) FROM articles") == [
        (total, total, total)]
    assert rows(store, "SELECT count(*), count(DISTINCT entry_key) FROM watch_entries WHERE outcome = 'coded'"
                ) == [(total, total)]
    for n in range(1, total + 1):  # stored pages are not fetched again; the rest once more
        assert len(site.requests_for(f"/p{n}")) == (1 if n <= CHUNK or n > held else 2), n
    assert rows(store, "SELECT etag, articles FROM watch_sources") == [('"one"', total)]

    third = watch(store, site.url("/feed"))
    _, err = third.communicate(timeout=240)
    assert third.returncode == 0 and "not modified" in err
    assert rows(store, "SELECT count(*) FROM articles") == [(total,)]


@pytest.mark.parametrize("args, message", [
    (["--interval", "soon"], "'soon' is not a duration"),
    (["--interval", "0s"], "is under 1 s"),
    (["--webhook", "ftp://example.org/hook"], "is not an http(s) URL"),
])
def test_bad_options_are_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "inbox").mkdir()
    result = CliRunner(env={"COLUMNS": "300"}).invoke(
        app, ["watch", str(tmp_path / "inbox"), "--store", str(tmp_path / "s.duckdb"), *args])
    assert result.exit_code == 2 and message in result.output


def test_a_source_that_names_nothing_is_a_usage_error(tmp_path: Path) -> None:
    wide = CliRunner(env={"COLUMNS": "300"})  # the error box must not wrap the message
    result = wide.invoke(app, ["watch", str(tmp_path / "nowhere"), "--store", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 2 and "no such file or folder, and not an http(s) feed URL" in result.output
    assert not (tmp_path / "s.duckdb").exists()  # nothing was read or created


@dataclass
class FakeAlertOptions:
    rules_path: Path | None = None
    jsonl_path: Path | None = None
    webhook_url: str | None = None


def test_alert_options_reach_the_alert_check_after_a_cycle(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[Any, int]] = []

    def check_alerts(store: Any, options: FakeAlertOptions, *, now: Any = None) -> list[str]:
        calls.append((options, store.count("articles")))
        return ["an alert"]

    module = types.ModuleType("thucydides.alerts")
    module.AlertOptions = FakeAlertOptions  # type: ignore[attr-defined]
    module.check_alerts = check_alerts  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "thucydides.alerts", module)
    inbox, rules = tmp_path / "inbox", tmp_path / "rules.yaml"
    inbox.mkdir()
    (inbox / "one.txt").write_text("Turkey rejected a Russian proposal on Friday.", encoding="utf-8")
    rules.write_text("rules: []\n", encoding="utf-8")
    args = ["watch", str(inbox), "--store", str(tmp_path / "s.duckdb"), "--once", "--rules", str(rules),
            "--alerts-jsonl", str(tmp_path / "alerts.jsonl"), "--webhook", "http://127.0.0.1:9/hook"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert calls == [(FakeAlertOptions(rules, tmp_path / "alerts.jsonl", "http://127.0.0.1:9/hook"), 1)]
    assert "1 alert(s) raised" in result.output
    again = CliRunner().invoke(app, args)  # nothing new stored: no alert check
    assert again.exit_code == 0 and len(calls) == 1
