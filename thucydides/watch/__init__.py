"""Live monitoring: `thucydides watch` polls feeds, folders and growing JSONL files and codes each
new article exactly once into the event store.

Sources (`sources.py`, `feeds.py`, `files.py`) say what is new; `watcher.py` schedules them, drops
what the store has settled, recognises copies (`plan.py`, `urls.py`), fetches pages (`pages.py`,
`http.py`), codes and commits each entry with its ledger row (`ledger.py`); `status.py` keeps the
health snapshot behind the status line and `GET /v1/watch/status`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from thucydides.watch.entries import Settings
    from thucydides.watch.sources import SourceSpecError, parse_source, parse_sources
    from thucydides.watch.status import WatchStatus
    from thucydides.watch.watcher import Watcher

__all__ = ["Settings", "SourceSpecError", "WatchStatus", "Watcher", "parse_source", "parse_sources"]

# The CLI registers `watch` on every start: feedparser and the rest load on first use only.
_HOMES = {"Settings": "entries", "SourceSpecError": "sources", "parse_source": "sources",
          "parse_sources": "sources", "WatchStatus": "status", "Watcher": "watcher"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
