"""The HTTP API and the web page (`thucydides serve`).

`create_app(coder_factory=..., store_path=...)` builds the FastAPI app; the page and
its assets (plain JS/CSS and a pre-projected world map) are served from `static/`,
so everything works with no internet access.
"""

from __future__ import annotations

from thucydides.service.app import Limits, create_app

__all__ = ["Limits", "create_app"]
