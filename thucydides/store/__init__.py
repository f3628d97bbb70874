"""The event store: coded articles in an embedded DuckDB file, queries, exports and plots.

>>> from thucydides.store import EventStore
>>> with EventStore("events.duckdb") as store:
...     store.add_documents(docs)
...     store.dyad("RUS", "USA", by="month")
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from thucydides.store.db import PERIODS, EventStore, StoreError, StoreLockedError, StoreStats
    from thucydides.store.parquet import (
        DOCUMENTS_SCHEMA,
        documents_to_arrow,
        load_parquet_dir,
        read_documents,
    )
    from thucydides.store.schema import SCHEMA_VERSION

__all__ = [
    "DOCUMENTS_SCHEMA", "PERIODS", "SCHEMA_VERSION", "EventStore", "StoreError", "StoreLockedError",
    "StoreStats", "documents_to_arrow", "load_parquet_dir", "read_documents",
]

# Where each name lives. The CLI registers the store commands on every start, and `thucydides code`
# must not pay for DuckDB and pyarrow (about half a second), so the modules load on first use.
_HOMES = {
    "PERIODS": "db", "EventStore": "db", "StoreError": "db", "StoreLockedError": "db", "StoreStats": "db",
    "DOCUMENTS_SCHEMA": "parquet", "documents_to_arrow": "parquet", "load_parquet_dir": "parquet",
    "read_documents": "parquet", "SCHEMA_VERSION": "schema",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
