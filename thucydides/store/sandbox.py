"""`thucydides sql`: a user's SQL over the event store, and nothing but the store.

The store is opened read-only with DuckDB's own guards, not with a filter on the SQL text
(which a query can always get around): no file system (`read_csv`, `glob`, `COPY … TO`,
`ATTACH`, `EXPORT DATABASE`), no extensions installed or loaded, and the configuration locked
so that no `SET` can undo any of it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from thucydides.store.db import StoreError, StoreLockedError

if TYPE_CHECKING:
    import pandas as pd

SANDBOX_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "lock_configuration": True,  # last: it freezes the settings above
}


@contextmanager
def sandboxed(path: str | Path, lock_timeout: float = 10.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only, sandboxed connection to the store at `path`; waits up to `lock_timeout`
    seconds while a writer holds the file, then raises StoreLockedError."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(f"{path}: no such event store (write to it first with --store)")
    con = _connect(path, lock_timeout)
    try:
        yield con
    finally:
        con.close()


def run_sql(path: str | Path, query: str, lock_timeout: float = 10.0) -> pd.DataFrame:
    """The result of one user query over the store, as a DataFrame (duckdb.Error when it fails)."""
    with sandboxed(path, lock_timeout) as con:
        return con.execute(query).df()


def _connect(path: Path, lock_timeout: float) -> duckdb.DuckDBPyConnection:
    began = time.monotonic()
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=True, config=SANDBOX_CONFIG)
        except duckdb.ConnectionException as exc:
            # This process has the store open already (unsandboxed): never share that connection.
            raise StoreError(f"{path}: cannot open the store read-only here: {exc}") from None
        except duckdb.IOException as exc:
            message = str(exc)
            if "lock" not in message.lower():
                raise StoreError(f"{path}: cannot open event store: {message}") from None
            waited = time.monotonic() - began
            if waited >= lock_timeout:
                raise StoreLockedError(path, waited, message) from None
            time.sleep(min(delay, max(0.0, lock_timeout - waited)))
            delay = min(delay * 2, 0.5)
