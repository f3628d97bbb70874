"""Polite HTTP GETs for the watcher (stdlib urllib): a user agent that names the project, conditional
requests, a time limit for the whole response, a size cap, gzip, and errors that say whether trying
again later can help."""

from __future__ import annotations

import email.utils
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from http.client import HTTPException, HTTPResponse
from typing import Any

from thucydides.version import __version__
from thucydides.watch.defaults import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_S

USER_AGENT = f"thucydides/{__version__} (news event coder; feed watcher; Python urllib)"
_CHUNK = 64 * 1024
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, "
               "text/xml;q=0.8, */*;q=0.5")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


class FetchError(Exception):
    """A request that brought no usable answer. `transient`: a later try may succeed (time-outs, 5xx,
    429, refused connections); `retry_after`: seconds the server asked us to wait, if it said."""

    def __init__(self, url: str, reason: str, *, transient: bool, status: int | None = None,
                 retry_after: float | None = None):
        self.url, self.reason, self.transient = url, reason, transient
        self.status, self.retry_after = status, retry_after
        super().__init__(f"{url}: {reason}")


@dataclass(slots=True)
class Response:
    """A 200 (body, validators for the next request) or a 304 (`not_modified`, no body)."""

    url: str
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def charset(self, default: str = "utf-8") -> str:
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"' ")
        return default


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only: a feed must not send us to ftp:// or file://."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-HTTP URL {newurl[:200]!r}",
                                         headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpOnlyRedirects())


def fetch(url: str, *, etag: str | None = None, last_modified: str | None = None,
          timeout: float = DEFAULT_TIMEOUT_S, max_bytes: int = DEFAULT_MAX_BYTES,
          accept: str = FEED_ACCEPT) -> Response:
    """GET `url`; a 304 when the validators still hold. Raises FetchError for anything else."""
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(url, "only http:// and https:// URLs are fetched", transient=False)
    headers = {"User-Agent": USER_AGENT, "Accept": accept, "Accept-Encoding": "gzip"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers, method="GET")
    deadline = time.monotonic() + timeout
    try:
        with _OPENER.open(request, timeout=timeout) as answer:
            body = _read(answer, url, deadline, timeout, max_bytes)
            head = answer.headers
            return Response(url=answer.geturl(), status=answer.status, body=body, etag=head.get("ETag"),
                            last_modified=head.get("Last-Modified"),
                            content_type=head.get("Content-Type") or "")
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Response(url=url, status=304, etag=exc.headers.get("ETag") or etag,
                            last_modified=exc.headers.get("Last-Modified") or last_modified)
        transient = exc.code >= 500 or exc.code in (408, 425, 429)
        raise FetchError(url, f"HTTP {exc.code} {exc.reason}", transient=transient, status=exc.code,
                         retry_after=_retry_after(exc.headers.get("Retry-After") if exc.headers else None)
                         ) from None
    except TimeoutError:
        raise FetchError(url, f"no answer within {timeout:g} s", transient=True) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, TimeoutError):
            raise FetchError(url, f"no answer within {timeout:g} s", transient=True) from None
        raise FetchError(url, f"cannot connect: {reason}", transient=True) from None
    except (HTTPException, OSError) as exc:  # a connection reset or a broken status line mid-answer
        raise FetchError(url, f"broken answer: {type(exc).__name__}: {exc}", transient=True) from None


def _read(answer: HTTPResponse, url: str, deadline: float, timeout: float, max_bytes: int) -> bytes:
    declared = answer.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(url, f"answer of {int(declared):,} bytes is over the limit of {max_bytes:,}",
                         transient=False)
    gzipped = answer.headers.get("Content-Encoding", "").lower() in ("gzip", "x-gzip")
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    parts: list[bytes] = []
    size = 0
    while True:
        # the socket time-out bounds each read; the deadline bounds a server that trickles bytes
        if time.monotonic() > deadline:
            raise FetchError(url, f"answer not complete within {timeout:g} s", transient=True)
        raw = answer.read(_CHUNK)
        if not raw:
            break
        chunk = raw
        if inflate is not None:
            try:  # never inflate more than the cap: a small gzip bomb must not fill the memory
                chunk = inflate.decompress(raw, max_bytes + 1 - size)
            except zlib.error as exc:
                raise FetchError(url, f"broken gzip body: {exc}", transient=False) from None
            if inflate.unconsumed_tail:
                size = max_bytes + 1
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, f"answer is over the limit of {max_bytes:,} bytes", transient=False)
        parts.append(chunk)
    return b"".join(parts)


def _retry_after(value: str | None) -> float | None:
    """Retry-After in seconds: a number, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
