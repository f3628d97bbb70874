"""The watcher's health, kept as it runs: per source its last poll, success and error, counts, and
articles per hour. Read from other threads (the status line, `GET /v1/watch/status`) as snapshots."""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from thucydides.watch.entries import Source
from thucydides.watch.interval import format_duration

RATE_WINDOW_S = 3600.0  # articles per hour are counted over the last hour (or the run, if shorter)


@dataclass(slots=True)
class SourceStatus:
    source: str
    kind: str
    location: str
    interval_s: float
    last_poll: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    consecutive_errors: int = 0
    next_poll: str | None = None
    articles: int = 0
    duplicates: int = 0
    rejected: int = 0


def _iso(ts: float | None) -> str | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds")


class WatchStatus:
    """Counters and times of one watcher run; every method is safe to call from any thread."""

    def __init__(self, sources: list[Source], interval: float, clock: Any = time.time):
        self._clock = clock
        self._lock = threading.Lock()
        self.started = clock()
        self.interval = interval
        self.running = True
        self._sources = {s.key: SourceStatus(s.key, s.kind, s.location, s.interval or interval)
                         for s in sources}
        self._coded: deque[float] = deque()
        self._last_error: dict[str, Any] | None = None

    def polled(self, source: Source, *, error: str | None, errors: int, next_poll: float) -> None:
        with self._lock:
            row = self._sources[source.key]
            at = self._clock()
            row.last_poll, row.consecutive_errors, row.next_poll = _iso(at), errors, _iso(next_poll)
            if error is None:
                row.last_success = _iso(at)
            else:
                row.last_error, row.last_error_at = error, _iso(at)
                self._last_error = {"source": source.key, "message": error, "at": _iso(at)}

    def counted(self, source: Source, outcome: str) -> None:
        with self._lock:
            row = self._sources[source.key]
            if outcome == "coded":
                row.articles += 1
                self._coded.append(self._clock())
            elif outcome == "duplicate":
                row.duplicates += 1
            elif outcome == "rejected":
                row.rejected += 1

    def stopped(self) -> None:
        with self._lock:
            self.running = False

    def articles_per_hour(self) -> float:
        with self._lock:
            return self._rate()

    def _rate(self) -> float:
        now = self._clock()
        while self._coded and self._coded[0] < now - RATE_WINDOW_S:
            self._coded.popleft()
        span = min(RATE_WINDOW_S, max(now - self.started, 60.0))  # the first minute would exaggerate
        return len(self._coded) * 3600.0 / span

    def snapshot(self) -> dict[str, Any]:
        """The status as JSON-ready data (the body of `GET /v1/watch/status`)."""
        with self._lock:
            sources = [asdict(s) for s in self._sources.values()]
            return {
                "running": self.running,
                "started_at": _iso(self.started),
                "interval_s": self.interval,
                "articles": sum(s["articles"] for s in sources),
                "duplicates": sum(s["duplicates"] for s in sources),
                "rejected": sum(s["rejected"] for s in sources),
                "articles_per_hour": round(self._rate(), 2),
                "last_error": dict(self._last_error) if self._last_error else None,
                "sources": sources,
            }

    def line(self) -> str:
        """One line for a terminal: sources, articles and rate, the last error."""
        snap = self.snapshot()
        failing = sum(1 for s in snap["sources"] if s["consecutive_errors"])
        parts = [f"watching {len(snap['sources'])} source(s)"
                 + (f" ({failing} failing)" if failing else "")
                 + f" every {format_duration(self.interval)}",
                 f"{snap['articles']} articles ({snap['articles_per_hour']:.1f}/h)",
                 f"{snap['duplicates']} duplicates", f"{snap['rejected']} rejected"]
        error = snap["last_error"]
        if error:
            parts.append(f"last error {error['at'][11:19]} {error['source']}: {error['message'][:80]}")
        return " · ".join(parts)
