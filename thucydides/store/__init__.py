"""The event store: coded articles in an embedded DuckDB file, queries, exports and plots.

>>> from thucydides.store import EventStore
>>> with EventStore("events.duckdb") as store:
...     store.add_documents(docs)
...     store.dyad("RUS", "USA", by="month")
"""

from __future__ import annotations

from thucydides.store.db import PERIODS, EventStore, StoreError, StoreLockedError, StoreStats
from thucydides.store.parquet import DOCUMENTS_SCHEMA, documents_to_arrow, load_parquet_dir, read_documents
from thucydides.store.schema import SCHEMA_VERSION

__all__ = [
    "DOCUMENTS_SCHEMA", "PERIODS", "SCHEMA_VERSION", "EventStore", "StoreError", "StoreLockedError",
    "StoreStats", "documents_to_arrow", "load_parquet_dir", "read_documents",
]
