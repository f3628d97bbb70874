"""The live view in headless Chromium: a new alert appears without a reload, and links to its dyad
timeline and its events. A fake coder serves (nothing here codes text); the store is synthetic."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from thucydides.service.browser import launch, why_no_browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_NO_BROWSER = why_no_browser()
if _NO_BROWSER:
    pytest.skip(f"browser tests skipped: {_NO_BROWSER}", allow_module_level=True)

from alert_stream import steady, write_stream  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402
from test_service_api import FakeCoder  # noqa: E402

from thucydides.alerts import AlertOptions, check_alerts  # noqa: E402
from thucydides.service import create_app  # noqa: E402
from thucydides.service.server import serve_in_thread  # noqa: E402
from thucydides.store import EventStore  # noqa: E402

NOW = datetime.now(UTC)
TODAY = NOW.date()
RULES = """\
version: 1
rules:
  - {name: daily-surge, test: count, window: day, baseline: 7, min_count: 5, z: 3.0}
"""


@pytest.fixture()
def served(tmp_path: Path) -> Iterator[tuple[str, Any, Path]]:
    store = tmp_path / "events.duckdb"
    write_stream(store, steady, TODAY - timedelta(days=10), TODAY - timedelta(days=1), prefix="calm")
    app = create_app(coder_factory=FakeCoder, store_path=store)
    with serve_in_thread(app) as url:
        yield url, app.state.thucydides.store_lock, store


@pytest.fixture()
def page(served: tuple[str, Any, Path]) -> Iterator[Page]:
    url = served[0]
    with sync_playwright() as p:
        browser = launch(p)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        pg.set_default_timeout(20_000)
        outside: list[str] = []
        errors: list[str] = []
        pg.on("request",
              lambda r: None if r.url.startswith((url, "data:", "blob:")) else outside.append(r.url))
        pg.on("pageerror", lambda e: errors.append(str(e)))
        yield pg
        assert outside == [], f"the page asked for something off this server: {outside}"
        assert errors == [], f"JavaScript errors: {errors}"
        browser.close()


def surge_and_check(lock: Any, store: Path, rules: Path) -> None:
    """Today's reports come in, twelve RUS -> UKR events among them, and a check raises the alert
    (holding the server's store lock, as a request does: DuckDB wants one writer at a time)."""
    with lock:
        write_stream(store, lambda d: [("RUS", "UKR", "040", 12)], TODAY, TODAY, prefix="surge")
        with EventStore(store) as s:
            [alert] = check_alerts(s, AlertOptions(rules_path=rules), now=NOW)
    assert alert.source == "RUS" and alert.count == 12


def test_a_new_alert_appears_in_the_live_view_and_opens_its_timeline_and_events(
        page: Page, served: tuple[str, Any, Path], tmp_path: Path) -> None:
    url, lock, store = served
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES, encoding="utf-8")
    page.goto(url + "/?refresh=1#live")
    expect(page.locator("#tab-live")).to_be_visible()
    expect(page.locator("#alerts-table tbody")).to_contain_text("No open alerts.")
    # one article a day, stored together
    expect(page.locator("#latest-table tbody tr[data-article]")).to_have_count(10)

    surge_and_check(lock, store, rules)
    row = page.locator("#alerts-table tbody tr.alert.open")
    expect(row).to_have_count(1)  # no reload: the view refreshed itself
    expect(row).to_contain_text("RUS → UKR")
    expect(row).to_contain_text("12 events")
    expect(row.locator("td.num")).to_have_text("12")
    expect(page.locator("#latest-table tbody tr[data-article]").first).to_have_attribute(
        "data-article", f"surge-{TODAY.isoformat()}")
    expect(page.locator("#alerts-count")).to_have_text("1 open")

    # the alert's timeline: the directed dyad per day over its baseline and its day
    row.locator("a.timeline").click()
    expect(page.locator("#tab-explore")).to_be_visible()
    expect(page.locator("#timeline")).to_have_attribute("data-dyad", "RUS-UKR")
    assert page.locator("#timeline svg rect.bar").count() >= 8
    expect(page.locator("#filter-msg")).to_contain_text("RUS -> UKR: 12 events")
    # and its events: the explore table filtered to the dyad and the window
    expect(page.locator("#store-count")).to_have_text("12 happenings")
    expect(page.locator("#store-table tbody tr").first).to_contain_text(TODAY.isoformat())
    assert page.locator("#filter-form input[name=source]").input_value() == "RUS"

    # back in the live view, the events link goes to the table
    page.click("nav a[data-tab=live]")
    page.locator("#alerts-table tbody tr.alert a.events").click()
    expect(page.locator("#store-count")).to_have_text("12 happenings")
    # the live view stops polling once hidden: no request for alerts while the explore tab shows
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/v1/alerts?" in r.url else None)
    page.wait_for_timeout(2500)
    assert asked == []
