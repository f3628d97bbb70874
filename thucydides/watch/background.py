"""The watcher in a background thread of another program (`thucydides serve --watch`): started
after the host's coder has loaded, stopped with the host; the host's store lock keeps its requests
and the watcher's commits apart, so the host process is the store's single writer."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from thucydides.models import Article, Document, Reject
from thucydides.watch.entries import Settings
from thucydides.watch.watcher import CodeFn, OnCycle, Reporter, StoreOpener, Watcher

STOP_WAIT_S = 10.0  # a poll under way finishes its chunk; longer than this, the daemon thread is left


@dataclass(slots=True)
class WatchSetup:
    """What to watch, as the command line gave it (specs are parsed when the watcher starts)."""

    sources: list[str]
    interval: float
    settings: Settings = field(default_factory=Settings)


def coder_function(coder: Any) -> CodeFn:
    """The watcher's coding call for a coder with `code_many` (Coder, the service's pool), or only
    `code` (a test double)."""
    many = getattr(coder, "code_many", None)
    if callable(many):
        return lambda articles: many(articles)

    def one_by_one(articles: list[Article]) -> Iterator[Document | Reject]:
        for a in articles:
            yield coder.code(a.text, date=a.date, id=a.id, title=a.title)

    return one_by_one


class BackgroundWatch:
    """A running watcher thread; `status` is its live health snapshot."""

    def __init__(self, setup: WatchSetup, open_store: StoreOpener, code: CodeFn,
                 on_cycle: OnCycle | None = None, reporter: Reporter | None = None):
        from thucydides.watch.sources import parse_sources

        self.watcher = Watcher(parse_sources(setup.sources), open_store, code, interval=setup.interval,
                               settings=setup.settings, on_cycle=on_cycle, reporter=reporter)
        self.status = self.watcher.status
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self.watcher.run, args=(self._stop,), name="thucydides-watch",
                                        daemon=True)

    def start(self) -> BackgroundWatch:
        self._thread.start()
        return self

    def stop(self, wait: float = STOP_WAIT_S) -> None:
        self._stop.set()
        self._thread.join(timeout=wait)
        self.status.stopped()

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()
