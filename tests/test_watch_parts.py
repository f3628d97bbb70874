"""The watcher's small parts: durations, source specs, canonical URLs, content hashes, feed markup,
feed entries, and the health snapshot."""

from __future__ import annotations

from pathlib import Path

import pytest

from thucydides.watch.entries import Settings
from thucydides.watch.feeds import FeedFileSource, FeedSource, entry_key, feed_entry, parse_feed
from thucydides.watch.files import FolderSource, JsonlSource
from thucydides.watch.interval import IntervalError, format_duration, parse_interval
from thucydides.watch.markup import html_to_text
from thucydides.watch.sources import SourceSpecError, parse_source, parse_sources
from thucydides.watch.status import WatchStatus
from thucydides.watch.urls import canonical_url, content_hash, is_tracking_parameter


@pytest.mark.parametrize("text, seconds", [("30s", 30), ("15m", 900), ("1h", 3600), ("1h30m", 5400),
                                           ("2d", 172800), ("90", 90), (" 1.5m ", 90)])
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text, problem", [
    ("", "is empty"), ("soon", "is not a duration"), ("15 m", "is not a duration"),
    ("m15", "is not a duration"), ("15x", "is not a duration"), ("0s", "is under 1 s"),
    ("500ms", "is not a duration"), ("8d", "is over 7 days"),
])
def test_bad_intervals_say_what_is_wrong(text: str, problem: str) -> None:
    with pytest.raises(IntervalError, match=problem) as err:
        parse_interval(text)
    assert repr(text) in str(err.value)


def test_durations_read_back() -> None:
    shown = [format_duration(s) for s in (5, 90, 900, 5400, 3600, 200000)]
    assert shown == ["5s", "2m", "15m", "1h30m", "1h", "2d7h"]


def test_source_specs(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    (tmp_path / "wire.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "feed.xml").write_text("<rss/>", encoding="utf-8")
    assert isinstance(parse_source("https://example.org/rss"), FeedSource)
    assert isinstance(parse_source(str(tmp_path / "inbox")), FolderSource)
    assert isinstance(parse_source(str(tmp_path / "wire.jsonl")), JsonlSource)
    feed_file = parse_source(str(tmp_path / "feed.xml"))
    assert isinstance(feed_file, FeedFileSource) and feed_file.key == f"feed-file:{tmp_path / 'feed.xml'}"
    own = parse_source("5m=https://example.org/rss")
    assert own.interval == 300 and own.location == "https://example.org/rss"
    with pytest.raises(SourceSpecError, match="no such file or folder, and not an http"):
        parse_source(str(tmp_path / "missing"))
    with pytest.raises(SourceSpecError, match="only http:// and https://"):
        parse_source("ftp://example.org/rss")
    with pytest.raises(SourceSpecError, match="is not a duration"):
        parse_source("5q=https://example.org/rss")
    with pytest.raises(SourceSpecError, match="the same source as"):
        parse_sources(["https://example.org/rss", "10m=https://example.org/rss"])


def test_canonical_urls_drop_what_does_not_name_the_article() -> None:
    messy = "HTTPS://News.Example.ORG:443/world/story?utm_source=rss&b=2&a=1&fbclid=x#comments"
    assert canonical_url(messy) == "https://news.example.org/world/story?a=1&b=2"
    assert canonical_url("http://example.org") == "http://example.org/"
    assert canonical_url("http://example.org:8080/a?id=7") == "http://example.org:8080/a?id=7"
    assert canonical_url("mailto:desk@example.org") is None and canonical_url("/relative") is None
    assert canonical_url("http://[::1") is None  # malformed: no URL at all, never an exception
    assert is_tracking_parameter("UTM_Campaign") and not is_tracking_parameter("id")


def test_content_hash_ignores_case_and_spacing_only() -> None:
    assert content_hash("Ankara  rejected\nthe plan.") == content_hash(" ankara rejected the plan. ")
    assert content_hash("Ankara rejected the plan.") != content_hash("Ankara accepted the plan.")


def test_markup_becomes_lines_of_text() -> None:
    html = ("<div><p>Turkey rejected <b>the</b> plan&nbsp;on Friday.</p><script>alert(1)</script>"
            "<p>Officials said so.<br>Again.</p></div>")
    assert html_to_text(html) == "Turkey rejected the plan on Friday.\nOfficials said so.\nAgain."
    assert html_to_text("plain  text") == "plain text"


FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
<item><guid isPermaLink="false">g1</guid><title>With &lt;i&gt;markup&lt;/i&gt;</title>
<link>https://example.org/a?utm_source=x</link>
<description>&lt;p&gt;Turkey rejected the plan.&lt;/p&gt;</description>
<pubDate>Fri, 08 Mar 2024 09:00:00 GMT</pubDate>
<source url="https://wire.example/">Wire Agency</source></item>
<item><guid isPermaLink="false">g2</guid><link>https://example.org/b</link></item>
<item><title>no id, no link</title><description>Greece praised Turkey.</description></item>
</channel></rss>"""


def test_feed_entries_carry_text_link_or_reject() -> None:
    parsed = parse_feed(FEED, "https://example.org/rss", "application/rss+xml")
    settings = Settings()
    first, second, third = (feed_entry(item, n, "feed:x", "https://example.org/rss", "Desk", settings)
                            for n, item in enumerate(parsed.entries, start=1))
    assert first.article is not None and first.article.text == "Turkey rejected the plan."
    assert (first.article.title, first.article.source, str(first.article.date)) == (
        "With markup", "Wire Agency", "2024-03-08")
    assert first.key == "g1" and first.article.id.startswith("feed-")
    assert second.link == "https://example.org/b" and second.article is not None and second.article.text == ""
    assert third.article is not None and third.article.source == "Desk" and third.key.startswith("sha:")
    # with --full-pages the summary is only the fallback
    paged = feed_entry(parsed.entries[0], 1, "feed:x", "x", "Desk", Settings(full_pages=True))
    assert paged.link and paged.fallback is not None and paged.fallback.text == "Turkey rejected the plan."
    assert entry_key({}, 7) == "position:7"


def test_status_counts_and_rate() -> None:
    now = [1000.0]
    source = FeedSource("https://example.org/rss")
    status = WatchStatus([source], 900.0, clock=lambda: now[0])
    for _ in range(3):
        status.counted(source, "coded")
    status.counted(source, "duplicate")
    status.polled(source, error="HTTP 500 Internal Server Error", errors=1, next_poll=2800.0)
    now[0] = 1000.0 + 1800  # half an hour later: 3 articles in 30 minutes
    snap = status.snapshot()
    assert (snap["articles"], snap["duplicates"], snap["articles_per_hour"]) == (3, 1, 6.0)
    assert snap["sources"][0]["consecutive_errors"] == 1 and snap["running"] is True
    assert snap["last_error"]["message"] == "HTTP 500 Internal Server Error"
    assert "3 articles (6.0/h)" in status.line() and "(1 failing)" in status.line()
    now[0] += 3600 * 2  # two hours on, nothing new: the rate falls to zero
    assert status.articles_per_hour() == 0.0
    status.stopped()
    assert status.snapshot()["running"] is False
