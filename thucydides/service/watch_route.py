"""GET /v1/watch/status: the health of the watcher that runs in this server (`serve --watch`).

Without one the answer is still 200, with `running: false`, a message saying how to start one,
and the sources as the store last recorded them (a `thucydides watch` process writes them there),
so a monitor can tell "no watcher here" from "the server is down".
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from thucydides.service.errors import ApiError
from thucydides.service.state import ServiceState

NOT_RUNNING = ("no watcher runs in this server; start one with `thucydides serve --store FILE --watch "
               "SOURCE`, or run `thucydides watch SOURCE --store FILE` beside it")


def add_watch_route(app: FastAPI, state: ServiceState) -> None:
    @app.get("/v1/watch/status", tags=["watch"], summary="The feed watcher's health")
    def watch_status() -> dict[str, Any]:
        if state.watch is not None:
            return state.watch.status.snapshot()
        return {"running": False, "message": NOT_RUNNING, "sources": _recorded(state)}


def _recorded(state: ServiceState) -> list[dict[str, Any]]:
    """The sources a watcher recorded in the store, or [] when there is no store (or none readable)."""
    if state.store_path is None:
        return []
    from thucydides.store import StoreError
    from thucydides.watch.ledger import stored_sources

    try:
        with state.locked_store() as store:
            return stored_sources(store)
    except (ApiError, StoreError):
        return []
