"""`EventStore`: coded articles in an embedded DuckDB file, with a pandas query API."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

import duckdb

from thucydides.iterutil import chunked
from thucydides.models import Document
from thucydides.store.filters import EventFilter, as_date, check_actor, precise_enough
from thucydides.store.schema import ARTICLE_TABLES, COUNTED, COUNTRY_CODED, MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    import pandas as pd

PERIODS = ("day", "week", "month", "year")
# Stable row order for each level (undated events last).
ORDER = {
    "cluster": "event_date NULLS LAST, cluster_id",
    "mention": "event_date NULLS LAST, article_id, sentence_index, event_id",
}
_PANDAS_FREQ = {"day": "D", "week": "W-MON", "month": "MS", "year": "YS"}
# More rows written in a batch's own transaction (see `EventStore.add_documents`).
AlsoWrite = Callable[[duckdb.DuckDBPyConnection, list[Document]], None]


class StoreError(Exception):
    """The store file cannot be used as asked (missing, not DuckDB, newer schema …)."""


class StoreLockedError(StoreError):
    """Another process holds the store's write lock and did not let go in time."""

    def __init__(self, path: Path, waited: float, detail: str = ""):
        self.path = path
        self.waited = waited
        holder = ""
        found = re.search(r"held in (.+?) \(PID (\d+)\)", detail)
        if found:
            holder = f" (held by PID {found.group(2)}, {found.group(1)})"
        super().__init__(
            f"event store {path} is locked by another process{holder}; waited {waited:.1f}s. "
            "DuckDB allows one writer per file: wait for it to finish, or query a copy."
        )


@dataclass(slots=True)
class StoreStats:
    """What one write did. `replaced`: articles whose earlier rows (same id or same text) were dropped."""

    articles: int = 0
    replaced: int = 0
    events: int = 0
    actor_mentions: int = 0
    places: int = 0
    times: int = 0
    quotes: int = 0

    def __iadd__(self, other: StoreStats) -> StoreStats:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    def to_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def event_filters(start: str | date | None = None, end: str | date | None = None, actor: str | None = None,
                  code: str | None = None, **more: Any) -> tuple[str, list[Any]]:
    """A WHERE clause (or '') and its parameters over event_clusters / event_mentions columns.

    `actor` matches source or target by code prefix (RUS matches RUSMIL) or country;
    `code` matches the CAMEO code by prefix (19 matches 190 … 196); `more` takes the other
    `EventFilter` fields (source, target, country, root, plover, quad, min_confidence).
    """
    return EventFilter(start=start, end=end, actor=actor, code=code, **more).where()  # type: ignore[arg-type]


def _actor_match(role: str) -> str:
    return f"({role}_code LIKE ? OR {role}_country = ?)"


class EventStore:
    """Coded articles, their events, actors, places, times and quotes in one DuckDB file.

    >>> with EventStore("events.duckdb") as store:
    ...     store.add_documents(docs)
    ...     store.dyad("RUS", "USA", by="month")

    `read_only=True` lets several readers share the file; one writer excludes everyone
    else (DuckDB's file lock). Opening waits up to `lock_timeout` seconds for the lock,
    then raises `StoreLockedError`.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, lock_timeout: float = 30.0,
                 batch_size: int = 2000):
        self.path = Path(path)
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self.batch_size = max(1, batch_size)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._pending: list[Document] = []
        self._pending_texts: dict[str, str] = {}
        self.totals = StoreStats()

    # -- opening and closing -------------------------------------------------
    def __enter__(self) -> EventStore:
        self.open()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        # Documents queued before an error elsewhere were coded fine: keep them. A failing
        # flush must not hide the error that is already on its way out.
        try:
            self.flush()
        except Exception:
            if exc_type is None:
                raise
        finally:
            self.close()

    def open(self) -> EventStore:
        if self._con is not None:
            return self
        if self.read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such event store (write to it first with --store)")
        if not self.read_only:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = self._connect()
        try:
            self._migrate()
        except BaseException:
            self.close()
            raise
        return self

    def _connect(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.lock_timeout
        began = time.monotonic()
        delay = 0.05
        read_only = self.read_only
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only)
            except duckdb.ConnectionException as exc:
                # This process already has the file open for writing: share that instance.
                if read_only and "different configuration" in str(exc):
                    read_only = False
                    continue
                raise StoreError(f"{self.path}: {exc}") from None
            except duckdb.IOException as exc:
                message = str(exc)
                if "lock" not in message.lower():
                    raise StoreError(f"{self.path}: cannot open event store: {message}") from None
                now = time.monotonic()
                if now >= deadline:
                    raise StoreLockedError(self.path, now - began, message) from None
                time.sleep(min(delay, max(0.0, deadline - now)))
                delay = min(delay * 2, 0.5)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection (opens the store on first use)."""
        if self._con is None:
            self.open()
        assert self._con is not None
        return self._con

    # -- schema ------------------------------------------------------------
    def schema_version(self) -> int:
        con = self.con
        exists = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchall()
        if not exists or not exists[0][0]:
            return 0
        rows = con.execute("SELECT max(version) FROM schema_version").fetchall()
        return int(rows[0][0]) if rows and rows[0][0] is not None else 0

    def _migrate(self) -> None:
        current = self.schema_version()
        if current > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema v{current} is newer than this thucydides "
                             f"(v{SCHEMA_VERSION}); upgrade thucydides")
        if current == SCHEMA_VERSION:
            return
        if self.read_only:
            raise StoreError(f"{self.path}: store schema v{current} needs migrating to v{SCHEMA_VERSION}; "
                             "open it once for writing")
        con = self.con
        for version, description, statements in MIGRATIONS:
            if version <= current:
                continue
            con.execute("BEGIN TRANSACTION")
            try:
                for step in statements:
                    if callable(step):
                        step(con)
                    else:
                        con.execute(step)
                con.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                            [version, description, datetime.now(UTC).replace(tzinfo=None)])
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    # -- writing -----------------------------------------------------------
    def add_documents(self, docs: Iterable[Document], texts: dict[str, str] | None = None, *,
                      also: AlsoWrite | None = None) -> StoreStats:
        """Store coded documents, replacing earlier rows of the same article (same id or same text).

        `texts` maps document id to article text for documents whose `.text` is empty.
        Works through `docs` in batches of `batch_size`, one transaction per batch. `also(con, batch)`
        runs inside each batch's transaction, so rows that record where the batch came from (the
        watcher's ledger) commit or vanish together with it.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        stats = StoreStats()
        for chunk in chunked(docs, self.batch_size):
            stats += self._write(chunk, texts or {}, also)
        self.totals += stats
        return stats

    def add(self, doc: Document, text: str | None = None) -> None:
        """Queue one document; written with the next `batch_size` others, on `flush()` or on close."""
        self._pending.append(doc)
        if text:
            self._pending_texts[doc.id] = text
        if len(self._pending) >= self.batch_size:
            self.flush()

    def flush(self) -> StoreStats:
        if not self._pending:
            return StoreStats()
        docs, texts = self._pending, self._pending_texts
        self._pending, self._pending_texts = [], {}
        return self.add_documents(docs, texts)

    def _write(self, chunk: list[Document], texts: dict[str, str],
               also: AlsoWrite | None = None) -> StoreStats:
        from thucydides.store.flatten import flatten, text_sha256

        # Within the batch the last copy of an article wins, by id and by text.
        kept: dict[str, Document] = {}
        by_sha: dict[str, str] = {}
        text_of: dict[str, str] = {}
        dropped = 0
        for doc in chunk:
            text = texts.get(doc.id) or doc.text or ""
            sha = text_sha256(text)
            if doc.id in kept:
                del kept[doc.id]
                dropped += 1
            if sha is not None and sha in by_sha and by_sha[sha] in kept:
                del kept[by_sha[sha]]
                dropped += 1
            kept[doc.id] = doc
            text_of[doc.id] = text
            if sha is not None:
                by_sha[sha] = doc.id
        docs = _keep_metadata(self.con, list(kept.values()), text_of)
        tables = flatten(docs, text_of, datetime.now(UTC).replace(tzinfo=None))
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            keys = tables["articles"].select(["article_id", "text_sha256"])
            con.register("_thuc_new_keys", keys)
            old = con.execute(
                "SELECT DISTINCT article_id FROM articles"
                " WHERE article_id IN (SELECT article_id FROM _thuc_new_keys)"
                " OR text_sha256 IN (SELECT text_sha256 FROM _thuc_new_keys WHERE text_sha256 IS NOT NULL)"
            ).fetchall()
            con.unregister("_thuc_new_keys")
            if old:
                import pyarrow as pa

                con.register("_thuc_old", pa.table({"article_id": [r[0] for r in old]}))
                for table in ARTICLE_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT article_id FROM _thuc_old)")
                con.unregister("_thuc_old")
            for name, rows in tables.items():
                if rows.num_rows:
                    con.register("_thuc_rows", rows)
                    con.execute(f"INSERT INTO {name} BY NAME SELECT * FROM _thuc_rows")
                    con.unregister("_thuc_rows")
            if also is not None:
                also(con, chunk)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return StoreStats(
            articles=len(docs), replaced=len(old) + dropped, events=tables["events"].num_rows,
            actor_mentions=tables["actor_mentions"].num_rows, places=tables["places"].num_rows,
            times=tables["times"].num_rows, quotes=tables["quotes"].num_rows,
        )

    # -- reading -----------------------------------------------------------
    def count(self, table: str) -> int:
        rows = self.con.execute(f'SELECT count(*) FROM "{table}"').fetchall()
        return int(rows[0][0]) if rows else 0

    def sql(self, query: str, params: list[Any] | None = None) -> pd.DataFrame:
        """Any SQL over the store's tables and views, as a DataFrame."""
        return self.con.execute(query, params or []).df()

    def events(self, start: str | date | None = None, end: str | date | None = None, actor: str | None = None,
               code: str | None = None, limit: int | None = None, level: str = "cluster",
               **more: Any) -> pd.DataFrame:
        """Events in a date range, involving an actor, of a CAMEO code (prefix).

        level="cluster": one row per happening across articles (event_clusters, with GDELT counts);
        level="mention": one row per report (event_mentions), with article and span.
        """
        view = {"cluster": "event_clusters", "mention": "event_mentions"}.get(level)
        if view is None:
            raise ValueError(f"level must be 'cluster' or 'mention', not {level!r}")
        where, params = event_filters(start, end, actor, code, **more)
        sql = f"SELECT * FROM {view}{where} ORDER BY {ORDER[level]}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self.sql(sql, params)

    def dyad(self, actor1: str, actor2: str, start: str | date | None = None, end: str | date | None = None,
             by: str = "month", directed: bool = False, fill: bool = True, **more: Any) -> pd.DataFrame:
        """Events between two actors per period: counts by quad class, Goldstein sum and mean.

        Both directions unless `directed` (then actor1 is the source). Periods with no
        events are filled with zero counts (mean NaN) when `fill`, so a timeline has no gaps.
        An event dated coarser than the period ("in March", by week) is counted in none.
        """
        import pandas as pd

        if by not in PERIODS:
            raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")
        a, b = check_actor(actor1), check_actor(actor2)
        lo, hi = as_date(start, "--from"), as_date(end, "--to")
        pair = f"({_actor_match('source')} AND {_actor_match('target')})"
        params: list[Any] = [a + "%", a, b + "%", b]
        if not directed:
            pair = f"({pair} OR {pair})"
            params += [b + "%", b, a + "%", a]
        where, extra = event_filters(lo, hi, **more)
        cond = (f"{COUNTED} AND {COUNTRY_CODED} AND event_date IS NOT NULL AND {precise_enough(by)} "
                f"AND {pair}" + (f" AND {where[7:]}" if where else ""))
        # Every report of a happening shares its date, actors and code, so filtering the
        # narrow events table and collapsing to clusters equals filtering event_clusters.
        sql = f"""
            WITH c AS (
                SELECT cluster_id, any_value(event_date) AS event_date, any_value(quad_class) AS quad_class,
                       any_value(goldstein) AS goldstein, sum(1 + n_repeats) AS mentions
                FROM events e WHERE {cond} GROUP BY cluster_id
            )
            SELECT date_trunc('{by}', event_date)::DATE AS period,
                   count(*) AS events,
                   count(*) FILTER (WHERE quad_class = 1) AS verbal_cooperation,
                   count(*) FILTER (WHERE quad_class = 2) AS material_cooperation,
                   count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
                   count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
                   sum(goldstein) AS goldstein_sum,
                   avg(goldstein) AS goldstein_mean,
                   sum(mentions)::BIGINT AS mentions
            FROM c GROUP BY 1 ORDER BY 1"""
        df = self.sql(sql, params + extra)
        df["period"] = pd.to_datetime(df["period"])
        if fill and (len(df) or (lo and hi)):
            first = pd.Timestamp(lo) if lo else df["period"].min()
            last = pd.Timestamp(hi) if hi else df["period"].max()
            first, last = _period_start(first, by), _period_start(last, by)
            index = pd.date_range(first, last, freq=_PANDAS_FREQ[by], name="period")
            df = df.set_index("period").reindex(index)
            counts = [c for c in df.columns if c != "goldstein_mean"]
            df[counts] = df[counts].fillna(0)
            for c in counts:
                if c != "goldstein_sum":
                    df[c] = df[c].astype("int64")
            df = df.reset_index()
        return df

    def actors(self, start: str | date | None = None, end: str | date | None = None, code: str | None = None,
               limit: int = 20, by_country: bool = False, **more: Any) -> pd.DataFrame:
        """The most active actors (as source or target of counted events), most events first.

        Actors of no known country ("the government" with none fixed) come after the others,
        flagged `no_country`: their counts mix up whichever governments the reports meant.
        """
        where, params = event_filters(start, end, None, code, **more)
        key = "country" if by_country else "code"
        cond = f"{COUNTED} AND {COUNTRY_CODED}" + (f" AND {where[7:]}" if where else "")
        sql = f"""
            WITH c AS (
                SELECT cluster_id,
                       any_value(source_{key}) AS source_actor, any_value(source_name) AS source_name,
                       any_value(source_country) AS source_country,
                       any_value(target_{key}) AS target_actor, any_value(target_name) AS target_name,
                       any_value(target_country) AS target_country,
                       any_value(quad_class) AS quad_class, any_value(goldstein) AS goldstein
                FROM events e WHERE {cond} GROUP BY cluster_id
            ),
            roles AS (
                SELECT source_actor AS actor, source_name AS name, source_country AS country,
                       'source' AS role, quad_class, goldstein
                FROM c WHERE source_actor IS NOT NULL
                UNION ALL
                SELECT target_actor, target_name, target_country, 'target', quad_class, goldstein
                FROM c WHERE target_actor IS NOT NULL
            )
            SELECT actor AS {key},
                   mode(name) AS name,
                   bool_and(country IS NULL) AS no_country,
                   count(*) AS events,
                   count(*) FILTER (WHERE role = 'source') AS as_source,
                   count(*) FILTER (WHERE role = 'target') AS as_target,
                   count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
                   avg(goldstein) AS goldstein_mean
            FROM roles GROUP BY actor ORDER BY no_country, events DESC, actor LIMIT {int(limit)}"""
        df = self.sql(sql, params)
        if by_country:
            from thucydides.store.names import country_name

            df["name"] = df["country"].map(country_name)
        return df

    def summary(self) -> dict[str, int]:
        """Row counts: articles, events (as coded), mentions and clusters (counted), and the other tables."""
        tables = ("articles", "events", "actor_mentions", "places", "times", "quotes")
        out = {t: self.count(t) for t in tables}
        out["event_mentions"] = self.count("event_mentions")
        out["event_clusters"] = self.count("event_clusters")
        out["schema_version"] = self.schema_version()
        return out


def _keep_metadata(con: duckdb.DuckDBPyConnection, docs: list[Document],
                   texts: dict[str, str]) -> list[Document]:
    """`docs` with the title, publisher and url of the stored article each one replaces (same id,
    else same text) wherever the new copy has none: re-coding a text must not lose them."""
    from dataclasses import replace

    from thucydides.store.flatten import text_sha256

    if not any(d.title is None or d.source is None or d.url is None for d in docs):
        return docs
    shas = {d.id: text_sha256(texts.get(d.id) or d.text or "") for d in docs}
    found = con.execute(
        "SELECT article_id, text_sha256, title, source, url FROM articles "
        "WHERE article_id IN (SELECT unnest(?)) OR text_sha256 IN (SELECT unnest(?))",
        [list(shas), [s for s in shas.values() if s]]).fetchall()
    by_id = {r[0]: r[2:] for r in found}
    by_sha = {r[1]: r[2:] for r in found if r[1]}
    out = []
    for doc in docs:
        old = by_id.get(doc.id) or by_sha.get(shas[doc.id] or "")
        if old is not None:
            title, source, url = old
            doc = replace(doc, title=doc.title or title, source=doc.source or source, url=doc.url or url)
        out.append(doc)
    return out


def _period_start(ts: pd.Timestamp, by: str) -> pd.Timestamp:
    import pandas as pd

    ts = ts.normalize()
    if by == "week":
        return ts - pd.Timedelta(days=ts.weekday())
    if by == "month":
        return ts.replace(day=1)
    if by == "year":
        return ts.replace(month=1, day=1)
    return ts
