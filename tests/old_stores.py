"""Stores as an older schema version wrote them, for the upgrade tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from thucydides.store.schema import MIGRATIONS


def write_old_store(path: Path, version: int, tables: dict[str, pa.Table],
                    events: list[dict[str, Any]]) -> int:
    """Writes `tables` (with `events` as the old code wrote its rows) into a store migrated only up
    to `version`; returns the number of event clusters it holds."""
    con = duckdb.connect(str(path))
    for number, _, steps in MIGRATIONS[:version]:
        for step in steps:
            step(con) if callable(step) else con.execute(step)
        con.execute("INSERT INTO schema_version VALUES (?, 'old', now()::TIMESTAMP)", [number])
    old_events = pa.Table.from_pylist(events, schema=tables["events"].schema)
    for name, rows in {**tables, "events": old_events}.items():
        con.register("rows", rows)
        con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM rows")
        con.unregister("rows")
    clusters = con.execute("SELECT count(*) FROM event_clusters").fetchone()
    con.close()
    return int(clusters[0]) if clusters else 0
