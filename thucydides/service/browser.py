"""Headless Chromium for the browser tests and `make screenshot`.

Always Debian's system Chromium (scripts/install-browser.sh puts it at /usr/bin/chromium)
driven through Playwright's Python API: Playwright's own browser download cannot work
offline. The flags keep Chromium from reaching out to the network at start-up.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]


def chromium_path() -> str | None:
    """THUCYDIDES_CHROMIUM, else /usr/bin/chromium, else a `chromium` on PATH; None if there is none."""
    for candidate in (os.environ.get("THUCYDIDES_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def why_no_browser() -> str | None:
    """A sentence saying why browser work cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright Python package is not installed (pip install -e '.[dev]')"
    if chromium_path() is None:
        return (
            "no Chromium at /usr/bin/chromium: run scripts/install-browser.sh as root "
            "(apt-get install chromium), or set THUCYDIDES_CHROMIUM"
        )
    return None


def launch(playwright: Any) -> Any:
    """A headless system Chromium browser from a started `sync_playwright()`."""
    path = chromium_path()
    if path is None:
        raise RuntimeError(why_no_browser() or "no Chromium")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
