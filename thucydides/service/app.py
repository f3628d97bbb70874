"""The HTTP API and web page: `create_app()` builds the FastAPI application.

The coder runs on one worker thread of its own (`thucydides.service.state`), or, with the
worker pool of `thucydides serve` (`thucydides.service.pool`), one thread per worker process.
Store reads and writes open the DuckDB file for one request at a time, behind a lock, so the
CLI can use the file between requests. Every error is JSON (`thucydides.service.errors`).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.middleware.gzip import GZipMiddleware

from thucydides import __version__
from thucydides.service.alert_routes import add_alert_routes
from thucydides.service.code_route import add_code_route
from thucydides.service.errors import install_error_handlers
from thucydides.service.health import add_health_route
from thucydides.service.limits import BodyLimit, Limits
from thucydides.service.pages import CSP, add_pages
from thucydides.service.query_params import QueryParameters
from thucydides.service.state import CoderLike, ServiceState, default_coder
from thucydides.service.store_routes import add_store_routes
from thucydides.service.watch_route import add_watch_route
from thucydides.watch.background import BackgroundWatch, WatchSetup, coder_function

__all__ = ["CoderLike", "Limits", "WatchSetup", "create_app"]


def create_app(
    coder_factory: Callable[[], CoderLike] | None = None,
    store_path: str | Path | None = None,
    limits: Limits | None = None,
    watch: WatchSetup | None = None,
) -> FastAPI:
    """The service. `coder_factory` is called once at start-up (default: `Coder()`);
    `store_path` opens (or creates) a DuckDB event store for the query endpoints and `?store=true`;
    `watch` runs the feed watcher into that store in a background thread (`GET /v1/watch/status`)."""
    if watch is not None and store_path is None:
        raise ValueError("watching needs an event store: give store_path")
    state = ServiceState(
        coder_factory or default_coder, Path(store_path) if store_path else None, limits or Limits()
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="thucydides-coder")
        loop = asyncio.get_running_loop()
        # the model loads on the coder's own thread, once, before the first request
        state.coder = await loop.run_in_executor(state.executor, state.coder_factory)
        workers = getattr(state.coder, "workers", 1)
        if workers > 1:  # a process pool (service/pool.py): as many requests at once as it has workers
            state.executor.shutdown(wait=False)
            state.executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="thucydides-coder")
        try:  # a store that cannot be prepared still stops the pool's processes
            await loop.run_in_executor(None, state.prepare_store)
            if watch is not None:
                state.watch = start_watch(state, watch)
            yield
        finally:
            if state.watch is not None:
                await loop.run_in_executor(None, state.watch.stop)
            state.executor.shutdown(wait=False, cancel_futures=True)
            close = getattr(state.coder, "close", None)
            if callable(close):
                close()
            state.coder = None

    app = FastAPI(
        title="thucydides",
        version=__version__,
        summary="News articles in, political event data (CAMEO/PLOVER) out.",
        description="Code articles into events (who did what to whom, when, where, who said so) and "
        "query a DuckDB event store. Every error body is JSON with `error` and `message`.",
        lifespan=lifespan,
        docs_url=None,  # FastAPI's docs load Swagger UI from a CDN: our own page is served instead
        redoc_url=None,
    )
    app.state.thucydides = state
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodyLimit, limit=state.limits.max_body_bytes)
    app.add_middleware(QueryParameters, routes=lambda: app.routes)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if response.headers.get("content-type", "").startswith("text/html"):
            response.headers["Content-Security-Policy"] = CSP
        return response

    install_error_handlers(app)
    add_code_route(app, state)
    add_alert_routes(app, state)  # first: /v1/articles/latest before /v1/articles/{article_id}
    add_store_routes(app, state)
    add_health_route(app, state)
    add_watch_route(app, state)
    add_pages(app)
    return app


def start_watch(state: ServiceState, setup: WatchSetup) -> BackgroundWatch:
    """The watcher thread, coding with the server's own coder and writing under its store lock."""

    @contextmanager
    def open_store() -> Iterator[Any]:
        with state.locked_store(write=True) as store:
            yield store

    return BackgroundWatch(setup, open_store, coder_function(state.coder)).start()
