"""The watcher's memory in the event store (tables `watch_sources` and `watch_entries`, schema v3).

Per source: the validators of its last answer, the offset of a growing file, its errors and its
last success. Per entry: what became of it (coded, duplicate, rejected, read) and the article it is.
An entry's row commits in the same transaction as its article (`EventStore.add_documents(also=…)`),
so after any crash, kill -9 included, an entry is either fully stored and known, or neither.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from thucydides.models import Document
from thucydides.watch.entries import Entry, Source, SourceState

if TYPE_CHECKING:
    import duckdb

    from thucydides.store.db import EventStore

OUTCOMES = ("coded", "duplicate", "rejected", "read")
_STATE_COLUMNS = ("etag", "last_modified", "byte_offset", "line_number")


@dataclass(slots=True)
class Outcome:
    """What became of one entry: `outcome` one of OUTCOMES; the article it is (coded, or the earlier
    one it duplicates); its canonical URL and content hash, by which later copies are recognised."""

    entry: Entry
    outcome: str
    article_id: str | None = None
    canonical_url: str | None = None
    content_hash: str | None = None
    reason: str | None = None


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Ledger:
    """The watcher's tables in an open, writable event store."""

    def __init__(self, store: EventStore):
        self.store = store

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        return self.store.con

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            yield con
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    # -- sources -----------------------------------------------------------
    def source_state(self, source: Source) -> SourceState:
        """The source's remembered state; a source seen for the first time gets its row now."""
        row = self.con.execute(
            "SELECT etag, last_modified, byte_offset, line_number, consecutive_errors FROM watch_sources "
            "WHERE source_key = ?", [source.key]).fetchone()
        if row is None:
            with self.transaction() as con:
                con.execute("INSERT INTO watch_sources (source_key, kind, location, consecutive_errors, "
                            "articles) VALUES (?, ?, ?, 0, 0)", [source.key, source.kind, source.location])
            return SourceState()
        etag, modified, offset, lineno, errors = row
        return SourceState(etag=etag, last_modified=modified, byte_offset=offset or 0,
                           line_number=lineno or 0, consecutive_errors=errors or 0)

    def finish_poll(self, source: Source, state: dict[str, Any] | None, error: str | None,
                    errors: int) -> None:
        """After a poll: its state (None: keep the old one, some entry must be asked for again), when it
        ran, and its error or success."""
        sets = ["last_poll = ?", "consecutive_errors = ?"]
        values: list[Any] = [now(), errors]
        if error is None:
            sets.append("last_success = ?")
            values.append(now())
        else:
            sets += ["last_error = ?", "last_error_at = ?"]
            values += [error[:1000], now()]
        for column, value in (state or {}).items():
            if column in _STATE_COLUMNS:
                sets.append(f"{column} = ?")
                values.append(value)
        with self.transaction() as con:
            con.execute(f"UPDATE watch_sources SET {', '.join(sets)} WHERE source_key = ?",
                        [*values, source.key])

    # -- entries -----------------------------------------------------------
    def fingerprints(self, source: Source, keys: list[str]) -> dict[str, str | None]:
        """The fingerprint stored for each of `keys` that the source has settled before."""
        if not keys:
            return {}
        rows = self.con.execute(
            "SELECT entry_key, fingerprint FROM watch_entries WHERE source_key = ? "
            "AND entry_key IN (SELECT unnest(?))", [source.key, list(keys)]).fetchall()
        return {key: fingerprint for key, fingerprint in rows}

    def settled(self, source: Source, pairs: list[tuple[str, str | None]]) -> set[str]:
        """The keys among `pairs` that the store has settled with the same fingerprint."""
        stored = self.fingerprints(source, [key for key, _ in pairs])
        return {key for key, fingerprint in pairs if key in stored and stored[key] == fingerprint}

    def same_url(self, canonical: str | None, url: str | None) -> str | None:
        """The stored article at this URL (canonical, or as written), if any."""
        if not canonical and not url:
            return None
        row = self.con.execute(
            "SELECT article_id FROM ("
            " SELECT e.article_id, e.seen_at AS t FROM watch_entries e JOIN articles a USING (article_id)"
            " WHERE e.canonical_url = ? AND e.outcome IN ('coded', 'duplicate')"
            " UNION ALL SELECT article_id, stored_at FROM articles WHERE url = ? OR url = ?"
            ") ORDER BY t LIMIT 1", [canonical, url, canonical]).fetchone()
        return row[0] if row else None

    def same_text(self, content_hash: str, text_sha256: str | None) -> str | None:
        """The stored article with this text (as normalised by `content_hash`, or byte for byte)."""
        row = self.con.execute(
            "SELECT article_id FROM ("
            " SELECT e.article_id, e.seen_at AS t FROM watch_entries e JOIN articles a USING (article_id)"
            " WHERE e.content_hash = ? AND e.outcome IN ('coded', 'duplicate')"
            " UNION ALL SELECT article_id, stored_at FROM articles WHERE text_sha256 = ?"
            ") ORDER BY t LIMIT 1", [content_hash, text_sha256]).fetchone()
        return row[0] if row else None

    def holder(self, article_id: str) -> str | None:
        """Where the stored article with this id came from ("SOURCE entry KEY"), if one is stored."""
        if not self.con.execute("SELECT 1 FROM articles WHERE article_id = ?", [article_id]).fetchone():
            return None
        row = self.con.execute(
            "SELECT source_key, entry_key FROM watch_entries WHERE article_id = ? AND outcome = 'coded' "
            "ORDER BY seen_at LIMIT 1", [article_id]).fetchone()
        return f"{row[0]} entry {row[1]}" if row else "an earlier `thucydides code --store`"

    def record(self, source: Source, outcome: Outcome, con: duckdb.DuckDBPyConnection | None = None) -> None:
        """Write one entry's outcome and the source state that goes with it; in its own transaction, or
        in `con`'s open one (the transaction that stores the entry's article)."""
        if con is None:
            with self.transaction() as own:
                self._record(own, source, outcome)
        else:
            self._record(con, source, outcome)

    def store_article(self, source: Source, outcome: Outcome, doc: Document) -> None:
        """The coded article and its entry's outcome in one transaction."""
        def also(con: duckdb.DuckDBPyConnection, _: list[Document]) -> None:
            self._record(con, source, outcome)

        self.store.add_documents([doc], also=also)

    def _record(self, con: duckdb.DuckDBPyConnection, source: Source, outcome: Outcome) -> None:
        entry = outcome.entry
        con.execute("DELETE FROM watch_entries WHERE source_key = ? AND entry_key = ?",
                    [source.key, entry.key])
        con.execute(
            "INSERT INTO watch_entries (source_key, entry_key, fingerprint, outcome, article_id, url,"
            " canonical_url, content_hash, reason, seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [source.key, entry.key, entry.fingerprint, outcome.outcome, outcome.article_id, entry.url,
             outcome.canonical_url, outcome.content_hash, (outcome.reason or "")[:1000] or None, now()])
        sets = [f"{column} = ?" for column in entry.mark if column in _STATE_COLUMNS]
        values = [value for column, value in entry.mark.items() if column in _STATE_COLUMNS]
        if outcome.outcome == "coded":
            sets.append("articles = articles + 1")
        if sets:
            con.execute(f"UPDATE watch_sources SET {', '.join(sets)} WHERE source_key = ?",
                        [*values, source.key])


def stored_sources(store: EventStore) -> list[dict[str, Any]]:
    """Every source a watcher has polled into this store, as the store last recorded it."""
    exists = store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'watch_sources'").fetchone()
    if not exists or not exists[0]:
        return []
    df = store.sql("SELECT source_key AS source, kind, location, last_poll, last_success, last_error, "
                   "last_error_at, consecutive_errors, articles FROM watch_sources ORDER BY source_key")
    out = []
    for row in df.to_dict("records"):
        out.append({k: _plain(v) for k, v in row.items()})
    return out


def _plain(value: Any) -> Any:
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC).isoformat(timespec="seconds")
    if hasattr(value, "item"):
        return value.item()
    return value
