"""A web site on 127.0.0.1 for the watcher's tests: pages that the test changes between polls, with
ETags, status codes, delays and a gate that holds an answer back; every request is recorded.
Also a fast fake coder (no model) and small builders of RSS and Atom documents."""

from __future__ import annotations

import gzip
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from thucydides.models import Article, Document, Reject, Sentence
from thucydides.store import EventStore


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    gate: threading.Event | None = None  # the answer waits until the test sets it
    gzip: bool = False
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int = 0


class Site:
    """Pages by path; `seen` lists each request with its headers and the status answered."""

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.seen: list[Seen] = []
        self.arrived = threading.Condition()
        self.base = ""

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def requests_for(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def wait_for(self, path: str, count: int, timeout: float = 60.0) -> bool:
        with self.arrived:
            return self.arrived.wait_for(lambda: len(self.requests_for(path)) >= count, timeout)


def _handler(site: Site) -> type[http.server.BaseHTTPRequestHandler]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            seen = Seen(self.path, {k: v for k, v in self.headers.items()})
            with site.arrived:
                site.seen.append(seen)
                site.arrived.notify_all()
            page = site.pages.get(self.path) or Page(b"not here", status=404, content_type="text/plain")
            if page.gate is not None:
                page.gate.wait(120)
            if page.delay:
                threading.Event().wait(page.delay)
            status, body = page.status, page.body
            if status == 200 and page.etag and self.headers.get("If-None-Match") == page.etag:
                status, body = 304, b""
            elif (status == 200 and page.last_modified
                  and self.headers.get("If-Modified-Since") == page.last_modified):
                status, body = 304, b""
            seen.status = status
            try:
                self.send_response(status)
                if page.gzip and body:
                    body = gzip.compress(body)
                    self.send_header("Content-Encoding", "gzip")
                if status != 304:
                    self.send_header("Content-Type", page.content_type)
                for name, value in (("ETag", page.etag), ("Last-Modified", page.last_modified)):
                    if value:
                        self.send_header(name, value)
                for name, value in page.headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (its time-out)
                pass

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@contextmanager
def serve_site() -> Iterator[Site]:
    site = Site()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        for page in site.pages.values():
            if page.gate is not None:
                page.gate.set()
        server.shutdown()
        server.server_close()


# -- feeds -------------------------------------------------------------------
@dataclass
class Item:
    guid: str
    title: str = ""
    link: str | None = None
    summary: str | None = None
    content: str | None = None
    day: date | None = None


def rss(items: list[Item], title: str = "Loopback Wire") -> bytes:
    out = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
           f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{escape(title)}</title>'
           "<link>http://127.0.0.1/</link><description>test</description>"]
    for item in items:
        out.append("<item>")
        out.append(f'<guid isPermaLink="false">{escape(item.guid)}</guid>')
        if item.title:
            out.append(f"<title>{escape(item.title)}</title>")
        if item.link:
            out.append(f"<link>{escape(item.link)}</link>")
        if item.summary is not None:
            out.append(f"<description>{escape(item.summary)}</description>")
        if item.content is not None:
            out.append(f"<content:encoded>{escape(item.content)}</content:encoded>")
        if item.day:
            from datetime import UTC, datetime

            when = datetime(item.day.year, item.day.month, item.day.day, 9, 0, tzinfo=UTC)
            out.append(f"<pubDate>{format_datetime(when, usegmt=True)}</pubDate>")
        out.append("</item>")
    out.append("</channel></rss>")
    return "".join(out).encode("utf-8")


def atom(items: list[Item], title: str = "Loopback Atom") -> bytes:
    out = ['<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
           f"<title>{escape(title)}</title><id>urn:test:feed</id><updated>2024-03-08T00:00:00Z</updated>"]
    for item in items:
        out.append(f"<entry><id>{escape(item.guid)}</id><title>{escape(item.title)}</title>")
        if item.link:
            out.append(f'<link href="{escape(item.link)}"/>')
        if item.day:
            out.append(f"<updated>{item.day.isoformat()}T09:00:00Z</updated>")
        if item.summary is not None:
            out.append(f"<summary>{escape(item.summary)}</summary>")
        out.append("</entry>")
    out.append("</feed>")
    return "".join(out).encode("utf-8")


def article_page(title: str, text: str, day: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{day}">' if day else ""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n"))
    return (f"<html><head><title>{escape(title)}</title>{meta}</head><body><nav>Home | World</nav>"
            f"<article><h1>{escape(title)}</h1>{paragraphs}</article>"
            "<footer>Copyright Loopback News</footer></body></html>").encode()


# -- a coder without a model ----------------------------------------------------
class FakeCoder:
    """Returns a Document per article (no events) at once; remembers every text it was handed.
    A text containing EXPLODE makes it raise, as a broken article would inside the real coder."""

    def __init__(self) -> None:
        self.coded: list[str] = []
        self.lock = threading.Lock()

    def code_many(self, articles: list[Article]) -> Iterator[Document | Reject]:
        for a in articles:
            if "EXPLODE" in a.text:
                raise RuntimeError("the fake coder exploded")
            with self.lock:
                self.coded.append(a.text)
            yield Document(id=a.id, date=a.date.isoformat() if a.date else None, text=a.text,
                           sentences=[Sentence(0, 0, len(a.text))], title=a.title, source=a.source, url=a.url,
                           coder_version="fake")


# -- the watcher's surroundings ---------------------------------------------------
class Recorder:
    """A reporter that keeps what the watcher said."""

    def __init__(self) -> None:
        self.rejects: list[str] = []
        self.problems: list[str] = []

    def polled(self, source: object, summary: object) -> None:
        pass

    def rejected(self, source: object, reject: object) -> None:
        self.rejects.append(getattr(reject, "reason", ""))

    def problem(self, source: object, message: str) -> None:
        self.problems.append(message)


def opener(path: Path):  # noqa: ANN201 - a context-manager factory
    @contextmanager
    def open_store() -> Iterator[EventStore]:
        with EventStore(path, lock_timeout=10) as store:
            yield store

    return open_store


def rows(path: Path, sql: str) -> list[tuple]:
    with EventStore(path, read_only=True) as store:
        return store.con.execute(sql).fetchall()
