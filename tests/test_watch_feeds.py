"""The watcher against a feed on a loopback server that changes between polls: each new article is
coded once, whatever the feed does (repeats, broken entries, 500s, slow pages, 304s)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from loopback import FakeCoder, Item, Page, Recorder, Site, article_page, atom, opener, rows, rss, serve_site

from thucydides.watch.entries import Settings
from thucydides.watch.feeds import FeedFileSource, FeedSource
from thucydides.watch.watcher import Watcher

RSS = "application/rss+xml"
TEXT_A = "Turkey rejected a Russian proposal on border patrols on Friday."
TEXT_B = "Greek and Turkish ministers met in Athens on Monday.\nThey agreed to meet again in June."
TEXT_D = "Moscow praised the ceasefire talks in Geneva on Tuesday."
TEXT_E = "Police in Ankara detained two protesters outside the parliament on Wednesday."


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site() as s:
        yield s


def make_watcher(sources: list, store: Path, coder: FakeCoder, **kw: object) -> Watcher:
    settings = Settings(timeout=1.0, settle_s=0.0)
    return Watcher(sources, opener(store), coder.code_many, interval=60.0, settings=settings,
                   reporter=kw.pop("reporter", Recorder()), **kw)  # type: ignore[arg-type]


def test_a_changing_feed_codes_each_new_article_once(site: Site, tmp_path: Path) -> None:
    store, coder = tmp_path / "s.duckdb", FakeCoder()
    site.pages["/b.html"] = Page(article_page("Talks in Athens", TEXT_B, "2024-03-04"))
    first = [Item("a", "Turkey says no", link=site.url("/a.html?utm_source=rss"), summary=f"<p>{TEXT_A}</p>",
                  day=date(2024, 3, 8)),
             Item("b", "Talks", link=site.url("/b.html")),
             Item("c", "A broken entry: a title and nothing else")]
    site.pages["/feed"] = Page(rss(first), content_type=RSS, etag='"v1"')
    reporter = Recorder()
    watcher = make_watcher([FeedSource(site.url("/feed"))], store, coder, reporter=reporter)

    one = watcher.poll(watcher.sources[0])
    assert (one.coded, one.rejected, one.duplicates) == (2, 1, 0)
    assert reporter.rejects == ["entry has no text, summary or link"]
    assert len(coder.coded) == 2 and coder.coded[0] == TEXT_A  # the summary, its markup gone
    assert "Greek and Turkish ministers met in Athens on Monday." in coder.coded[1]  # the fetched page
    assert "Copyright" not in coder.coded[1]

    two = watcher.poll(watcher.sources[0])  # unchanged feed: a conditional request answered 304
    assert two.not_modified and two.coded == 0
    assert site.requests_for("/feed")[-1].headers.get("If-None-Match") == '"v1"'
    assert site.requests_for("/feed")[-1].status == 304

    # The feed changes: A again, D with its full content, E whose page is slower than the time-out.
    site.pages["/e.html"] = Page(article_page("Arrests", TEXT_E), delay=2.5)
    changed = [first[0], Item("d", "Geneva", link=site.url("/d.html"), content=f"<div><p>{TEXT_D}</p></div>",
                               summary="teaser"),
               Item("e", "Arrests", link=site.url("/e.html"))]
    site.pages["/feed"] = Page(rss(changed), content_type=RSS, etag='"v2"')
    three = watcher.poll(watcher.sources[0])
    assert (three.coded, three.deferred) == (1, 1)  # D coded; E put off, nothing lost
    assert rows(store, "SELECT etag FROM watch_sources") == [('"v1"',)]  # so the next poll gets E again

    site.pages["/feed"] = Page(b"oops", status=500, content_type="text/plain")
    four = watcher.poll(watcher.sources[0])
    assert four.error == "HTTP 500 Internal Server Error" and four.retry_in == 120.0  # twice the interval

    site.pages["/feed"] = Page(rss(changed), content_type=RSS, etag='"v2"')
    site.pages["/e.html"].delay = 0.0
    five = watcher.poll(watcher.sources[0])
    assert (five.coded, five.duplicates, five.rejected, five.deferred) == (1, 0, 0, 0)
    six = watcher.poll(watcher.sources[0])
    assert six.not_modified

    assert len(coder.coded) == 4 and len(set(coder.coded)) == 4  # A, B, D, E: each coded once
    assert TEXT_D in coder.coded and "teaser" not in " ".join(coder.coded)
    assert len(site.requests_for("/b.html")) == 1
    stored = rows(store, "SELECT title, url, pub_date, source FROM articles ORDER BY title")
    assert [r[0] for r in stored] == ["Arrests", "Geneva", "Talks", "Turkey says no"]
    assert stored[-1][2] == date(2024, 3, 8) and stored[-1][3] == "Loopback Wire"
    assert stored[2][2] == date(2024, 3, 4)  # a link-only entry takes the page's date
    outcomes = rows(store, "SELECT entry_key, outcome FROM watch_entries ORDER BY entry_key")
    assert outcomes == [("a", "coded"), ("b", "coded"), ("c", "rejected"), ("d", "coded"), ("e", "coded")]
    state = rows(store, "SELECT etag, consecutive_errors, articles, last_error FROM watch_sources")
    assert state == [('"v2"', 0, 4, "HTTP 500 Internal Server Error")]
    assert all(s.headers["User-Agent"].startswith("thucydides/") for s in site.seen)


def test_the_same_story_in_two_feeds_is_one_article_with_two_sources(site: Site, tmp_path: Path) -> None:
    store, coder = tmp_path / "s.duckdb", FakeCoder()
    story = "Russia and Ukraine exchanged prisoners in Istanbul on Sunday, officials said."
    site.pages["/one"] = Page(rss([Item("x1", "Swap", link="https://one.example/world/swap", summary=story)],
                                  title="One"), content_type=RSS)
    site.pages["/two"] = Page(atom([Item("y9", "Prisoner swap", link="https://two.example/a?id=9",
                                         summary="  " + story.replace(" ", "\n ", 3))], title="Two"),
                              content_type="application/atom+xml")
    # the first feed's story again under its URL with tracking parameters: the same article too
    site.pages["/three"] = Page(rss([Item("z", "Swap", link="https://ONE.example:443/world/swap?utm_medium=x#top",
                                          summary="A different teaser.")], title="Three"), content_type=RSS)
    sources = [FeedSource(site.url(p)) for p in ("/one", "/two", "/three")]
    watcher = make_watcher(sources, store, coder)
    summaries = watcher.run_once()
    assert [(s.coded, s.duplicates) for s in summaries] == [(1, 0), (0, 1), (0, 1)]
    assert coder.coded == [story]
    (article_id,) = rows(store, "SELECT article_id FROM articles")[0]
    linked = rows(store, "SELECT source_key, outcome FROM article_sources WHERE article_id = "
                         f"'{article_id}' ORDER BY source_key")
    assert linked == [(sources[0].key, "coded"), (sources[2].key, "duplicate"), (sources[1].key, "duplicate")]


def test_link_only_entries_whose_pages_tell_one_story_store_it_once(site: Site, tmp_path: Path) -> None:
    store, coder = tmp_path / "s.duckdb", FakeCoder()
    text = "Kenyan police arrested a journalist in Nairobi on Thursday."
    site.pages["/p1"] = Page(article_page("Arrest", text))
    site.pages["/p2"] = Page(article_page("Arrest", text), gzip=True)
    site.pages["/feed"] = Page(rss([Item("1", "Arrest", link=site.url("/p1")),
                                    Item("2", "Arrest (copy)", link=site.url("/p2"))]), content_type=RSS)
    watcher = make_watcher([FeedSource(site.url("/feed"))], store, coder)
    (summary,) = watcher.run_once()
    assert (summary.coded, summary.duplicates) == (1, 1)
    assert rows(store, "SELECT count(*) FROM articles") == [(1,)]
    assert site.requests_for("/p2")[0].headers.get("Accept-Encoding") == "gzip"


def test_a_failing_source_backs_off_and_the_others_go_on(site: Site, tmp_path: Path) -> None:
    store, coder = tmp_path / "s.duckdb", FakeCoder()
    site.pages["/down"] = Page(b"busy", status=503, content_type="text/plain", headers={"Retry-After": "900"})
    slow = rss([Item("s", "Slow", summary="Turkey rejected the plan.")])
    site.pages["/slow"] = Page(slow, content_type=RSS, delay=2.5)
    site.pages["/up"] = Page(rss([Item("u", "Up", summary="Greece praised Turkey.")]), content_type=RSS)
    sources = [FeedSource(site.url("/down")), FeedSource(site.url("/slow")), FeedSource(site.url("/up"))]
    watcher = make_watcher(sources, store, coder)
    down, slow, up = watcher.run_once()
    assert down.error == "HTTP 503 Service Unavailable" and down.retry_in == 900.0  # Retry-After wins
    assert slow.error == "no answer within 1 s" and slow.retry_in == 120.0
    assert up.coded == 1 and up.error is None
    again = watcher.poll(sources[1])
    assert again.retry_in == 240.0  # doubled after the second failure in a row
    snap = watcher.status.snapshot()
    assert [s["consecutive_errors"] for s in snap["sources"]] == [1, 2, 0]
    assert snap["last_error"]["source"] == sources[1].key and snap["articles"] == 1


def test_a_document_that_is_no_feed_is_a_source_error(site: Site, tmp_path: Path) -> None:
    site.pages["/feed"] = Page(b"<html><body>Not a feed at all <p>", content_type="text/html")
    watcher = make_watcher([FeedSource(site.url("/feed"))], tmp_path / "s.duckdb", FakeCoder())
    (summary,) = watcher.run_once()
    assert summary.error and summary.error.startswith("not an RSS or Atom feed")


def test_an_entry_that_breaks_the_coder_is_rejected_alone(site: Site, tmp_path: Path) -> None:
    store, coder = tmp_path / "s.duckdb", FakeCoder()
    items = [Item("1", "Fine", summary="Greece praised Turkey on Monday."),
             Item("2", "Broken", summary="This one makes the coder EXPLODE."),
             Item("3", "Fine too", summary="Russia rejected the proposal.")]
    site.pages["/feed"] = Page(rss(items), content_type=RSS)
    reporter = Recorder()
    watcher = make_watcher([FeedSource(site.url("/feed"))], store, coder, reporter=reporter)
    (summary,) = watcher.run_once()
    assert (summary.coded, summary.rejected) == (2, 1)
    assert reporter.rejects[0].startswith("coder error: RuntimeError: the fake coder exploded")
    assert rows(store, "SELECT entry_key, outcome FROM watch_entries ORDER BY 1") == [
        ("1", "coded"), ("2", "rejected"), ("3", "coded")]


def test_a_feed_file_is_read_again_only_when_it_changes(tmp_path: Path) -> None:
    store, coder = tmp_path / "s.duckdb", FakeCoder()
    feed = tmp_path / "wire.xml"
    feed.write_bytes(rss([Item("1", "One", summary="Greece praised Turkey on Monday.")]))
    watcher = make_watcher([FeedFileSource(str(feed))], store, coder)
    assert watcher.poll(watcher.sources[0]).coded == 1
    assert watcher.poll(watcher.sources[0]).not_modified
    feed.write_bytes(rss([Item("1", "One", summary="Greece praised Turkey on Monday."),
                          Item("2", "Two", summary="Russia rejected the proposal.")]))
    assert watcher.poll(watcher.sources[0]).coded == 1
    assert len(coder.coded) == 2


def test_the_cycle_hook_gets_the_store_after_a_cycle_that_stored_articles(site: Site, tmp_path: Path) -> None:
    store, coder = tmp_path / "s.duckdb", FakeCoder()
    site.pages["/feed"] = Page(rss([Item("1", "One", summary="Greece praised Turkey on Monday.")]),
                               content_type=RSS, etag='"x"')
    seen: list[int] = []
    watcher = make_watcher([FeedSource(site.url("/feed"))], store, coder,
                           on_cycle=lambda s: seen.append(s.count("articles")))
    watcher.run_once()
    watcher.run_once()  # nothing new: no call
    assert seen == [1]
    failing = make_watcher([FeedSource(site.url("/feed"))], tmp_path / "t.duckdb", coder,
                           on_cycle=lambda s: 1 / 0, reporter=(reporter := Recorder()))
    failing.run_once()  # a failing hook is reported, not raised
    assert reporter.problems == ["after the cycle: ZeroDivisionError: division by zero"]
