"""RSS and Atom feeds (feedparser), from a URL or a local file, into entries.

An entry's text is its full content when the feed carries it, else its summary; an entry with only
a link has its page fetched and extracted (thucydides/watch/pages.py). With `Settings.full_pages`
every entry with a link has its page fetched, and the summary is what is coded if that fails.
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from thucydides.ingest import article_from_record
from thucydides.models import Article, Reject
from thucydides.watch.entries import (
    MAX_KEY_CHARS,
    Entry,
    Known,
    Poll,
    Settings,
    Source,
    SourceError,
    SourceState,
)
from thucydides.watch.http import FEED_ACCEPT, FetchError, fetch
from thucydides.watch.markup import html_to_text
from thucydides.watch.urls import canonical_url


class FeedSource(Source):
    """An RSS or Atom feed at an http(s) URL, asked with the last answer's ETag and Last-Modified."""

    kind = "feed"

    def poll(self, state: SourceState, settings: Settings, known: Known | None = None) -> Poll:
        try:
            answer = fetch(self.location, etag=state.etag, last_modified=state.last_modified,
                           timeout=settings.timeout, max_bytes=settings.max_bytes, accept=FEED_ACCEPT)
        except FetchError as exc:
            raise SourceError(exc.reason, retry_after=exc.retry_after) from None
        validators = {"etag": answer.etag, "last_modified": answer.last_modified}
        if answer.not_modified:
            return Poll(state=validators, not_modified=True)
        parsed = parse_feed(answer.body, answer.url, answer.content_type)
        poll = feed_poll(parsed, self.key, self.location, settings)
        poll.state = validators
        return poll


class FeedFileSource(Source):
    """A feed in a local file (another program downloads it); read again when its size or time changes."""

    kind = "feed-file"

    def poll(self, state: SourceState, settings: Settings, known: Known | None = None) -> Poll:
        path = Path(self.location)
        try:
            info = path.stat()
            stamp = f"{info.st_size}:{info.st_mtime_ns}"
            if stamp == state.etag:
                return Poll(state={"etag": stamp}, not_modified=True)
            if info.st_size > settings.max_bytes:
                raise SourceError(f"feed file has {info.st_size:,} bytes, over the limit of "
                                  f"{settings.max_bytes:,}")
            body = path.read_bytes()
        except OSError as exc:
            raise SourceError(f"cannot read feed file: {exc.strerror or exc}") from None
        parsed = parse_feed(body, path.resolve().as_uri(), "application/xml")
        poll = feed_poll(parsed, self.key, self.location, settings)
        poll.state = {"etag": stamp}
        return poll


def parse_feed(body: bytes, url: str, content_type: str) -> Any:
    """feedparser's reading of a feed document; SourceError when it is no feed at all."""
    import feedparser

    # Always bytes: feedparser given a str that looks like a URL or path would go and fetch it.
    parsed = feedparser.parse(body, response_headers={"content-location": url,
                                                      "content-type": content_type or "application/xml"})
    if parsed.get("bozo") and not parsed.entries and not parsed.feed.get("title"):
        problem = parsed.get("bozo_exception")
        raise SourceError(f"not an RSS or Atom feed ({type(problem).__name__}: {str(problem)[:200]})")
    return parsed


def feed_poll(parsed: Any, source_key: str, location: str, settings: Settings) -> Poll:
    publisher = _clean(parsed.feed.get("title"))
    entries = [feed_entry(item, n, source_key, location, publisher, settings)
               for n, item in enumerate(parsed.entries, start=1)]
    note = None
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        note = f"feed is not well-formed ({str(problem)[:200]}); read the {len(entries)} entries found"
    return Poll(entries=entries, note=note)


def feed_entry(item: Any, n: int, source_key: str, location: str, publisher: str | None,
               settings: Settings) -> Entry:
    """One feed item as an entry: its text, its page to fetch, or why it cannot be coded."""
    link = item.get("link") if isinstance(item.get("link"), str) else None
    canonical = canonical_url(link)
    key = entry_key(item, n)
    origin = f"{location} entry {n}"
    ident = "feed-" + _hex(canonical or f"{source_key}\n{key}")
    source = item.get("source")
    record: dict[str, Any] = {
        "id": ident, "title": _clean(item.get("title")), "url": link,
        "source": _clean(source.get("title")) if isinstance(source, dict) else None,
        "date": _entry_date(item),
    }
    record["source"] = record["source"] or publisher
    content, summary = _content(item), _summary(item)
    fetch_page = canonical is not None and (not content and (settings.full_pages or not summary))
    entry = Entry(key=key, url=link)
    if fetch_page:
        entry.link = link
        entry.article = Article(id=ident, text="", date=record["date"], title=record["title"],
                                source=record["source"], url=link, origin=origin)
        if summary:
            entry.fallback = _article({**record, "text": summary}, origin, ident, settings)  # type: ignore
        return entry
    text = content or summary
    if not text:
        why = "entry has no text, summary or link" if not link else \
            f"entry has no text or summary, and its link {link[:200]!r} is not an http(s) URL"
        entry.reject = Reject(origin, why, ident)
        return entry
    made = _article({**record, "text": text}, origin, ident, settings)
    if isinstance(made, Reject):
        entry.reject = made
    else:
        entry.article = made
    return entry


def entry_key(item: Any, n: int) -> str:
    """The entry's own id (Atom id, RSS guid), else its link, else a hash of its title and summary."""
    for field in ("id", "link"):
        value = item.get(field)
        if isinstance(value, str) and value.strip():
            value = value.strip()
            return value if len(value) <= MAX_KEY_CHARS else "sha:" + _hex(value, 64)
    body = f"{item.get('title') or ''}\n{item.get('summary') or ''}"
    return "sha:" + _hex(body, 64) if body.strip() else f"position:{n}"


def _article(record: dict[str, Any], origin: str, ident: str, settings: Settings) -> Article | Reject:
    return article_from_record(record, origin, default_id=ident, default_date=settings.today(),
                               max_chars=settings.max_chars)


def _content(item: Any) -> str:
    values = [c.get("value") for c in item.get("content") or [] if isinstance(c, dict)]
    texts = [html_to_text(v) for v in values if isinstance(v, str)]
    return max(texts, key=len, default="")


def _summary(item: Any) -> str:
    value = item.get("summary")
    return html_to_text(value) if isinstance(value, str) else ""


def _entry_date(item: Any) -> date | None:
    for field in ("published_parsed", "updated_parsed", "created_parsed"):
        value = item.get(field)
        if value:
            try:
                return date(value.tm_year, value.tm_mon, value.tm_mday)
            except (AttributeError, ValueError):
                continue
    return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    text = html_to_text(value)
    return text or None


def _hex(text: str, digits: int = 12) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:digits]
