"""The service's state: the coder on its own worker thread, and the event store behind a lock.

The coder is built once, at start-up (lifespan), and runs on one dedicated worker thread:
spaCy and the stages are not meant to be shared between threads, and on a small machine one
article at a time is as fast as it gets anyway. A request waits for its coding at most
`Limits.code_timeout_s` (then 504), and at most `Limits.max_pending` codings may wait at once
(then 503).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from thucydides.models import Article, Document, Reject
from thucydides.service.errors import ApiError
from thucydides.service.limits import Limits

# How long a request waits for a store file that another process (a CLI run) is writing.
STORE_WAIT_S = 5.0


class CoderLike(Protocol):
    """What the service needs of a coder (`thucydides.coder.Coder` or a test double)."""

    def code(
        self, text: str, date: str | date | None = None, id: str = "doc", title: str | None = None
    ) -> Document: ...


def default_coder() -> CoderLike:
    from thucydides.coder import Coder

    return Coder()


class ServiceState:
    def __init__(self, coder_factory: Callable[[], CoderLike], store_path: Path | None, limits: Limits):
        self.coder_factory = coder_factory
        self.store_path = store_path
        self.limits = limits
        self.coder: CoderLike | None = None
        self.store_lock = threading.Lock()
        self.executor: ThreadPoolExecutor | None = None
        self.pending = 0
        self.pending_lock = threading.Lock()
        self.watch: Any = None  # a BackgroundWatch (thucydides/watch/background.py) with `serve --watch`

    @contextmanager
    def locked_store(self, write: bool = False) -> Iterator[Any]:
        """The event store, opened for this request alone and closed after it; a 503 when the server
        has none, or when another process holds the file longer than `STORE_WAIT_S`.

        DuckDB lets one process at a time hold a file it writes. A server that kept the store open
        would lock the CLI out of it for as long as it runs, so it holds the file only while
        answering: `thucydides query …`, `export` and `code --store` work beside a running server.
        """
        if self.store_path is None:
            raise ApiError(
                503,
                "no_store",
                "this server has no event store; start it with `thucydides serve --store FILE.duckdb`",
            )
        from thucydides.store import EventStore, StoreLockedError

        with self.store_lock:
            try:
                store = EventStore(self.store_path, read_only=not write, lock_timeout=STORE_WAIT_S).open()
            except StoreLockedError as exc:
                raise ApiError(503, "store_busy", str(exc)) from None
            try:
                yield store
            finally:
                store.close()

    @contextmanager
    def store_con(self) -> Iterator[Any]:
        with self.locked_store() as store:
            yield store.con

    def prepare_store(self) -> None:
        """Create or migrate the store once at start-up, so that every later reader finds it current."""
        if self.store_path is not None:
            with self.locked_store(write=True):
                pass


def code_all(coder: CoderLike, articles: list[Article]) -> list[Document]:
    docs: list[Document] = []
    many = getattr(coder, "code_many", None)
    if callable(many) and len(articles) > 1:
        # the real Coder parses a batch with nlp.pipe: much faster than one by one
        results: list[Document | Reject] = list(many(articles))
    else:
        results = []
        for a in articles:
            try:
                results.append(coder.code(a.text, date=a.date, id=a.id, title=a.title))
            except TimeoutError:
                raise  # the pool stopped it: the request's 504, not a 500
            except ValueError as exc:  # refused (over a size limit, not UTF-8): the body's fault
                raise ApiError(422, "article_refused", f"article {a.id!r} cannot be coded: {exc}",
                               id=a.id) from None
            except Exception as exc:  # reported as a 500 naming the article
                results.append(Reject(a.origin, f"coder error: {type(exc).__name__}: {exc}", a.id))
    for article, result in zip(articles, results, strict=True):
        if isinstance(result, Reject) and not result.reason.startswith("coder error"):
            raise ApiError(422, "article_refused", f"article {article.id!r} cannot be coded: {result.reason}",
                           id=article.id)
        if isinstance(result, Reject):
            raise ApiError(
                500,
                "coder_error",
                f"article {article.id!r} could not be coded: {result.reason}",
                id=article.id,
            )
        if article.source and not result.source:
            result.source = article.source
        if article.url and not result.url:
            result.url = article.url
        if not result.text:
            result.text = article.text
        docs.append(result)
    return docs


async def run_coder(state: ServiceState, articles: list[Article]) -> list[Document]:
    if state.coder is None or state.executor is None:
        raise ApiError(503, "starting", "the coder is not loaded yet; try again in a moment")
    with state.pending_lock:
        if state.pending >= state.limits.max_pending:
            raise ApiError(503, "busy", f"{state.pending} codings are already waiting; try again shortly")
        state.pending += 1

    def done(_: Future[list[Document]]) -> None:
        with state.pending_lock:
            state.pending -= 1

    future = state.executor.submit(code_all, state.coder, articles)
    # counted until the work really ends, not when the client stops waiting
    future.add_done_callback(done)
    try:
        return await asyncio.wait_for(asyncio.wrap_future(future), timeout=state.limits.code_timeout_s)
    except TimeoutError:
        future.cancel()  # drops it if it has not started; a running article finishes in the background
        raise ApiError(
            504,
            "timeout",
            f"coding {len(articles)} article(s) took over "
            f"{state.limits.code_timeout_s:g} s; send fewer or shorter articles",
        ) from None
