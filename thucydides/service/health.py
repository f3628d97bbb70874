"""GET /healthz: whether the coder is loaded, and the limits the server runs with."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from thucydides import __version__
from thucydides.service.state import ServiceState


def add_health_route(app: FastAPI, state: ServiceState) -> None:
    @app.get("/healthz", tags=["service"], summary="Liveness and readiness")
    def healthz() -> dict[str, Any]:
        return {
            "status": "ok" if state.coder is not None else "starting",
            "version": __version__,
            "coder": state.coder is not None,
            "store": str(state.store_path) if state.store_path else None,
            "pending": state.pending,
            "limits": {
                "max_body_bytes": state.limits.max_body_bytes,
                "max_articles": state.limits.max_articles,
                "code_timeout_s": state.limits.code_timeout_s,
            },
        }
