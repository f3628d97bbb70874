"""The web page in a real headless Chromium (Debian's, via Playwright), served by uvicorn on
loopback with the real coder and a fresh event store. `make test` installs Chromium first
(scripts/install-browser.sh); where it truly cannot be installed these tests skip, saying why."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from thucydides.service.browser import launch, why_no_browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_NO_BROWSER = why_no_browser()
if _NO_BROWSER:
    pytest.skip(f"browser tests skipped: {_NO_BROWSER}", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from thucydides.service import create_app  # noqa: E402
from thucydides.service.server import serve_in_thread  # noqa: E402

# Our own wire-style story: a rejection between two states, a proposal, a quote, an arrest.
STORY = (
    "Ankara says no to joint drills\n\n"
    "ANKARA, March 8 - Turkey on Friday rejected a Russian proposal to hold joint military exercises "
    "near the Syrian border.\n\n"
    'Russian Foreign Minister Sergei Lavrov had proposed the drills on Thursday. "We are ready to work '
    'together," Lavrov told reporters in Moscow.\n\n'
    "Moscow condemned the decision. Greece urged Turkey to reconsider, and Greek police arrested two "
    "protesters in Athens on Saturday."
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from thucydides.coder import Coder

    store = tmp_path_factory.mktemp("browser") / "events.duckdb"
    with serve_in_thread(create_app(coder_factory=Coder, store_path=store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    pg.outside: list[str] = []  # type: ignore[attr-defined, misc]
    pg.errors: list[str] = []  # type: ignore[attr-defined, misc]
    pg.on(
        "request",
        lambda r: None if r.url.startswith((server, "data:", "blob:")) else pg.outside.append(r.url),
    )  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))  # type: ignore[attr-defined]
    yield pg
    assert pg.outside == [], f"the page asked for something off this server: {pg.outside}"  # type: ignore[attr-defined]
    assert pg.errors == [], f"JavaScript errors: {pg.errors}"  # type: ignore[attr-defined]
    context.close()


def _api_doc(page: Page, server: str) -> dict[str, Any]:
    """What the API returns for STORY: the page must show exactly this."""
    r = page.request.post(
        server + "/v1/code",
        data={"text": STORY, "date": "2024-03-08", "title": "Ankara says no to joint drills"},
    )
    assert r.ok, r.text()
    doc: dict[str, Any] = r.json()
    assert doc["events"] and doc["actors"], "the coder found nothing in the test story"
    return doc


def _code(page: Page, server: str, store: bool = False) -> None:
    page.goto(server + "/")
    expect(page.locator("#health")).to_have_text("coder ready · store")
    page.fill("#in-title", "Ankara says no to joint drills")
    page.fill("#in-date", "2024-03-08")
    page.fill("#in-text", STORY)
    if store:
        page.check("#in-store")
    page.click("#btn-code")
    expect(page.locator("#code-msg")).to_contain_text("events")
    expect(page.locator("#events-table tbody tr[data-event]").first).to_be_visible()


def test_paste_an_article_and_see_highlights_and_events(page: Page, server: str) -> None:
    _code(page, server)
    doc = _api_doc(page, server)
    # the shown text is the article, character for character
    assert page.locator("#annotated").inner_text() == STORY
    highlighted = " ".join(page.locator("#annotated .hl.k-actor").all_inner_texts())
    for actor in doc["actors"]:
        assert actor["text"].split()[-1] in highlighted, actor
    assert page.locator("#annotated .hl.k-trigger").count() >= len(
        {e["trigger"]["start"] for e in doc["events"]}
    )
    if doc["quotes"]:
        assert page.locator("#annotated .hl.k-quote").count() >= 1
    expect(page.locator("#legend button[data-kind=actor]")).to_have_text(f"actors {len(doc['actors'])}")
    expect(page.locator("#legend button[data-kind=trigger]")).to_have_text(
        f"event triggers {len(doc['events'])}"
    )

    # hovering an actor shows its code
    coded = next(a for a in doc["actors"] if a["code"])
    page.locator("#annotated .hl.k-actor", has_text=coded["text"].split()[-1]).first.hover()
    expect(page.locator("#tip")).to_be_visible()
    expect(page.locator("#tip")).to_contain_text(coded["code"])

    # the events table: one row per event, with codes and evidence (rule + tokens)
    rows = page.locator("#events-table tbody tr[data-event]")
    expect(rows).to_have_count(len(doc["events"]))
    for row, event in zip(rows.all(), doc["events"], strict=True):
        expect(row).to_have_attribute("data-event", event["id"])
        expect(row).to_contain_text(event["trigger"]["text"])
        expect(row).to_contain_text(event["cameo"])
        for role in ("source", "target"):
            if event[role] and event[role]["code"]:
                expect(row).to_contain_text(event[role]["code"])
        if event["why"].get("rule"):
            expect(row.locator("td.why .rule")).to_have_text(event["why"]["rule"])
        for token in event["why"].get("tokens", [])[:1]:
            expect(row.locator("td.why .tok").first).to_have_text(str(token))
        # how precise the date is and where the place came from are shown, not only a bare value
        when = row.locator("td[data-date-precision]")
        expect(when).to_have_attribute("data-date-precision", event["date_precision"])
        notes = {"dateline": "from the dateline", "article": "the article's main place",
                 "passage": "from its passage", "sentence": "elsewhere in its sentence"}
        if event["location"] and event["location_source"] in notes:
            expect(when).to_contain_text(notes[event["location_source"]])
        if event["date_precision"] in ("past", "unknown", "month", "year"):
            expect(when.locator(".precision")).to_be_visible()
    # clicking a row marks its trigger in the text
    first = doc["events"][0]
    rows.first.click()
    expect(page.locator("#annotated .hl.focus.k-trigger").first).to_have_text(first["trigger"]["text"])
    # the offline map: country outlines, and a dot per place with coordinates
    assert page.locator("#doc-map svg path.land").count() > 150
    if any(p["lat"] is not None for p in doc["places"]):
        assert page.locator("#doc-map svg circle.dot").count() >= 1


def test_legend_hides_a_kind(page: Page, server: str) -> None:
    _code(page, server)
    page.click("#legend button[data-kind=actor]")
    expect(page.locator("#annotated")).to_have_class("annotated hide-actor")
    colour = page.locator("#annotated .hl.k-actor").first.evaluate("n => getComputedStyle(n).backgroundColor")
    assert colour in ("rgba(0, 0, 0, 0)", "transparent")


def test_store_then_open_the_dyad_timeline(page: Page, server: str) -> None:
    _code(page, server, store=True)
    expect(page.locator("#code-msg")).to_contain_text("saved to the store")
    doc = _api_doc(page, server)
    pairs = [
        (e["source"]["code"], e["target"]["code"])
        for e in doc["events"]
        if e["source"] and e["target"] and e["source"]["code"] and e["target"]["code"]
    ]
    assert pairs, "no event in the test story has both actors coded"
    pair = pairs[0]

    page.click("nav a[data-tab=explore]")
    expect(page.locator("#tab-explore")).to_be_visible()
    expect(page.locator("#store-table tbody tr").first).to_contain_text("2024-03")
    # a stored place taken from the dateline says so (the story's rejection is placed by its dateline)
    assert any(e["location_source"] == "dateline" and e["source"] and e["source"]["country"]
               for e in doc["events"])
    expect(page.locator("#store-table tbody td[data-location-source=dateline]").first).to_contain_text(
        "from the dateline")
    page.fill("#dyad-a", pair[0])
    page.fill("#dyad-b", pair[1])
    page.select_option("#dyad-by", "day")
    page.click("#btn-dyad")
    expect(page.locator("#timeline")).to_have_attribute("data-dyad", f"{pair[0]}-{pair[1]}")
    assert page.locator("#timeline svg rect.bar").count() >= 1
    expect(page.locator("#timeline .chart-legend")).to_contain_text("material conflict")
    assert page.locator("#store-map svg path.land").count() > 150

    # a stored event links back to its article, rebuilt from the store with its highlights
    page.locator("#store-table tbody a").first.click()
    expect(page.locator("#tab-code")).to_be_visible()
    expect(page.locator("#code-msg")).to_contain_text("stored article")
    assert page.locator("#annotated").inner_text() == STORY
    assert page.locator("#annotated .hl.k-actor").count() >= 3


def test_filters_narrow_the_store_table(page: Page, server: str) -> None:
    _code(page, server, store=True)
    page.goto(server + "/#explore")
    expect(page.locator("#store-table tbody tr").first).to_contain_text("2024")
    page.fill("#filter-form input[name=start]", "2030-01-01")
    page.click("#filter-form button[type=submit]")
    expect(page.locator("#store-table tbody")).to_contain_text("No events match.")
    expect(page.locator("#page-info")).to_have_text("0–0 of 0")


def test_upload_a_jsonl_file(page: Page, server: str, tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"id": "u1", "title": "Uploaded", "date": "2024-05-02", "text": STORY}) + "\n")
    page.goto(server + "/")
    page.set_input_files("#in-file", str(path))
    expect(page.locator("#in-title")).to_have_value("Uploaded")
    expect(page.locator("#in-date")).to_have_value("2024-05-02")
    assert page.locator("#in-text").input_value() == STORY


def test_empty_text_is_refused_in_the_page(page: Page, server: str) -> None:
    page.goto(server + "/")
    page.evaluate("document.querySelector('#in-text').removeAttribute('required')")
    page.click("#btn-code")
    expect(page.locator("#code-msg")).to_have_class("msg error")


def test_offline_api_docs_page(page: Page, server: str) -> None:
    page.goto(server + "/docs")
    ops = page.locator("details.op")
    expect(ops.first).to_be_visible()
    paths = page.locator("details.op .path").all_inner_texts()
    for path in ("/v1/code", "/v1/events", "/v1/dyads/{a}/{b}", "/v1/articles/{article_id}", "/healthz"):
        assert path in paths
    health = page.locator("details.op", has=page.locator(".path", has_text="/healthz"))
    health.locator("summary").click()
    health.locator("button", has_text="Send").click()
    expect(health.locator(".msg")).to_contain_text("→ 200")
    expect(health.locator("pre.out")).to_contain_text('"status": "ok"')


# -- phone width: the header fits, the map has a key, the tables' marks are explained ------------------
@pytest.fixture()
def phone(browser: Any, server: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 420, "height": 860}, is_mobile=True)
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    assert errors == [], f"JavaScript errors: {errors}"
    context.close()


def _right_edges(page: Page, selector: str) -> list[float]:
    return page.locator(selector).evaluate_all("ns => ns.map(n => n.getBoundingClientRect().right)")


def test_header_fits_a_phone_and_every_tab_is_reachable(phone: Page, server: str) -> None:
    phone.goto(server + "/")
    expect(phone.locator("#health")).to_have_text("coder ready · store")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 420
    assert max(_right_edges(phone, "header.top nav a, header.top .brand, #health")) <= 420
    phone.click("nav a[data-tab=explore]")
    expect(phone.locator("#tab-explore")).to_be_visible()


def test_maps_have_a_legend_at_phone_width(phone: Page, server: str) -> None:
    _code(phone, server, store=True)
    legend = phone.locator("#doc-map .map-legend")
    expect(legend).to_contain_text("conflict")
    expect(legend).to_contain_text("cooperation")
    assert max(_right_edges(phone, "#doc-map .map-legend span")) <= 420
    phone.click("nav a[data-tab=explore]")
    expect(phone.locator("#store-map .map-legend")).to_contain_text("more events")


def test_missing_actor_marks_are_explained(phone: Page, server: str) -> None:
    _code(phone, server)
    expect(phone.locator("#events-note")).to_contain_text("– none in the text")
    expect(phone.locator("#events-note")).to_contain_text("? named, but no code")
    dashes = phone.locator("#events-table tbody td.muted", has_text="–")
    if dashes.count():
        expect(dashes.first).to_have_attribute("title", "no actor in the text")
    phone.goto(server + "/#explore")
    expect(phone.locator("#store-note")).to_contain_text("ment.")
