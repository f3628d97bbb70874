"""The HTTP API and the web page (`thucydides serve`).

`create_app(coder_factory=..., store_path=...)` builds the FastAPI app; the page and
its assets (plain JS/CSS and a pre-projected world map) are served from `static/`,
so everything works with no internet access.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from thucydides.service.app import Limits, create_app

__all__ = ["Limits", "create_app"]


def __getattr__(name: str) -> Any:
    # The CLI registers `serve` on every start; `thucydides code` must not import FastAPI for it.
    if name in __all__:
        from thucydides.service import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
