"""The watcher's HTTP client against a loopback server: validators, 304s, time limits, size caps,
gzip, redirects, and errors that say whether a later try can help."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from loopback import Page, Site, serve_site

from thucydides.watch.http import USER_AGENT, FetchError, _retry_after, fetch


@pytest.fixture
def site() -> Iterator[Site]:
    with serve_site() as s:
        yield s


def test_validators_make_a_conditional_request_and_a_304(site: Site) -> None:
    site.pages["/f"] = Page(b"<rss/>", content_type="application/rss+xml", etag='"abc"',
                            last_modified="Fri, 08 Mar 2024 10:00:00 GMT")
    first = fetch(site.url("/f"))
    assert (first.status, first.body, first.etag, first.last_modified) == (
        200, b"<rss/>", '"abc"', "Fri, 08 Mar 2024 10:00:00 GMT")
    again = fetch(site.url("/f"), etag=first.etag)
    assert again.not_modified and again.body == b"" and again.etag == '"abc"'
    by_date = fetch(site.url("/f"), last_modified=first.last_modified)
    assert by_date.not_modified
    headers = site.requests_for("/f")[1].headers
    assert headers["If-None-Match"] == '"abc"' and headers["User-Agent"] == USER_AGENT
    assert site.requests_for("/f")[2].headers["If-Modified-Since"] == "Fri, 08 Mar 2024 10:00:00 GMT"


def test_server_errors_are_transient_and_client_errors_are_not(site: Site) -> None:
    site.pages["/busy"] = Page(b"", status=503, headers={"Retry-After": "30"})
    site.pages["/gone"] = Page(b"", status=410)
    with pytest.raises(FetchError) as busy:
        fetch(site.url("/busy"))
    assert busy.value.transient and busy.value.status == 503 and busy.value.retry_after == 30.0
    with pytest.raises(FetchError) as gone:
        fetch(site.url("/gone"))
    assert not gone.value.transient and gone.value.reason == "HTTP 410 Gone"


def test_a_slow_server_times_out(site: Site) -> None:
    site.pages["/slow"] = Page(b"late", delay=1.5)
    with pytest.raises(FetchError) as slow:
        fetch(site.url("/slow"), timeout=0.5)
    assert slow.value.transient and slow.value.reason == "no answer within 0.5 s"


def test_answers_over_the_size_cap_are_refused_also_when_gzipped(site: Site) -> None:
    site.pages["/big"] = Page(b"x" * 5000)
    site.pages["/bomb"] = Page(b"\0" * 2_000_000, gzip=True)  # 2 MB that travels as 2 KB
    site.pages["/small"] = Page(b"Ankara und Athen", gzip=True)
    with pytest.raises(FetchError, match="answer of 5,000 bytes is over the limit of 4,096"):
        fetch(site.url("/big"), max_bytes=4096)
    with pytest.raises(FetchError, match="over the limit of 100,000 bytes"):
        fetch(site.url("/bomb"), max_bytes=100_000)
    assert fetch(site.url("/small")).body == b"Ankara und Athen"


def test_redirects_go_to_http_only(site: Site) -> None:
    site.pages["/moved"] = Page(b"", status=301, headers={"Location": "/here"})
    site.pages["/here"] = Page(b"found")
    site.pages["/to-ftp"] = Page(b"", status=302, headers={"Location": "ftp://127.0.0.1/feed"})
    site.pages["/to-file"] = Page(b"", status=302, headers={"Location": "file:///etc/passwd"})
    moved = fetch(site.url("/moved"))
    assert moved.body == b"found" and moved.url == site.url("/here")
    with pytest.raises(FetchError) as to_ftp:  # urllib itself would follow this one
        fetch(site.url("/to-ftp"))
    assert "redirect to a non-HTTP URL" in to_ftp.value.reason and not to_ftp.value.transient
    with pytest.raises(FetchError, match="is not allowed"):
        fetch(site.url("/to-file"))
    with pytest.raises(FetchError, match="only http:// and https://"):
        fetch("file:///etc/passwd")


def test_nobody_listening_is_transient() -> None:
    import socket

    with socket.socket() as s:  # a port that was free a moment ago
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchError) as refused:
        fetch(f"http://127.0.0.1:{port}/feed", timeout=2)
    assert refused.value.transient and refused.value.reason.startswith("cannot connect")


def test_retry_after_reads_seconds_and_dates() -> None:
    assert _retry_after("120") == 120.0
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past: no wait
    assert _retry_after("soon") is None and _retry_after(None) is None
