"""Alerts in the event store (tables `alerts` and `alert_events`, migration 3): write, find, list.

Listing filters follow the store's vocabulary: `start`/`end` (the CLI's --from/--to; an alert
matches when its window overlaps them), `actor`, `source`, `target` (code prefix or country),
plus `rule` and `open`. An alert is open while its window is one a run still checks by default:
the current window or the one just before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from thucydides.alerts.model import Alert, EventRef
from thucydides.store.filters import check_period_and_actors

_COLUMNS = (
    "alert_id",
    "rule",
    "test",
    "level",
    "source",
    "target",
    "window_kind",
    "window_start",
    "window_end",
    "count",
    "baseline_windows",
    "baseline_count",
    "baseline_mean",
    "baseline_sd",
    "z",
    "ratio",
    "goldstein_mean",
    "baseline_goldstein",
    "goldstein_shift",
    "message",
    "raised_at",
    "webhook_attempts",
    "webhook_sent_at",
    "webhook_error",
)
_SELECT = ", ".join(_COLUMNS)
# open: the window ends at most one window length before today
_OPEN = "window_end >= CAST(? AS DATE) - (CASE window_kind WHEN 'day' THEN 1 ELSE 7 END)"


@dataclass(slots=True)
class AlertFilter:
    """Filters over stored alerts; every field None means no filter. Values are checked on creation."""

    start: date | None = None
    end: date | None = None
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    rule: str | None = None
    open_on: date | None = None  # judge open and closed as on this day
    is_open: bool | None = None  # only the open (True) or the closed (False) ones

    def __post_init__(self) -> None:
        check_period_and_actors(self)

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.start is not None:
            clauses.append("window_end >= ?")
            params.append(self.start)
        if self.end is not None:
            clauses.append("window_start <= ?")
            params.append(self.end)
        if self.actor:
            clauses.append("(source LIKE ? OR target LIKE ?)")
            params += [self.actor + "%", self.actor + "%"]
        for column, value in (("source", self.source), ("target", self.target)):
            if value:
                clauses.append(f"{column} LIKE ?")
                params.append(value + "%")
        if self.rule:
            clauses.append("rule = ?")
            params.append(self.rule)
        if self.is_open is not None:
            clauses.append(_OPEN if self.is_open else f"NOT ({_OPEN})")
            params.append(self.open_on or datetime.now(UTC).date())
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def known_ids(con: Any, ids: Iterable[str]) -> set[str]:
    wanted = list(ids)
    if not wanted:
        return set()
    rows = con.execute(
        "SELECT alert_id FROM alerts WHERE alert_id IN (SELECT unnest(?))", [wanted]
    ).fetchall()
    return {r[0] for r in rows}


def save_alerts(con: Any, alerts: list[Alert]) -> None:
    """Store alerts with their events in one transaction (an alert already stored is kept as it was)."""
    if not alerts:
        return
    con.execute("BEGIN TRANSACTION")
    try:
        stored = known_ids(con, [a.alert_id for a in alerts])
        fresh = [a for a in alerts if a.alert_id not in stored]
        con.executemany(
            f"INSERT INTO alerts ({_SELECT}) VALUES ({', '.join('?' * len(_COLUMNS))})",
            [_row(a) for a in fresh],
        )
        refs = [(a.alert_id, e.cluster_id, e.article_id, e.event_id) for a in fresh for e in a.events]
        if refs:
            con.executemany("INSERT INTO alert_events VALUES (?, ?, ?, ?)", refs)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def record_webhook(con: Any, alert_id: str, sent_at: datetime | None, error: str | None) -> None:
    """One delivery attempt: sent (its time) or failed (why)."""
    con.execute(
        "UPDATE alerts SET webhook_attempts = webhook_attempts + 1, webhook_sent_at = ?, "
        "webhook_error = ? WHERE alert_id = ?",
        [sent_at, error, alert_id],
    )


def undelivered(con: Any, max_attempts: int) -> list[Alert]:
    """Alerts whose webhook POST failed so far, fewer than `max_attempts` times: a check retries them."""
    return _alerts(
        con,
        " WHERE webhook_sent_at IS NULL AND webhook_attempts BETWEEN 1 AND ?",
        [max_attempts - 1],
        "raised_at, alert_id",
        None,
        0,
    )


def list_alerts(
    con: Any, flt: AlertFilter, limit: int | None = None, offset: int = 0
) -> tuple[int, list[Alert]]:
    """(how many match, one page of them), newest window first."""
    where, params = flt.where()
    total = con.execute(f"SELECT count(*) FROM alerts{where}", params).fetchone()
    order = "window_start DESC, raised_at DESC, alert_id"
    return int(total[0]) if total else 0, _alerts(con, where, params, order, limit, offset)


def get_alert(con: Any, alert_id: str) -> Alert | None:
    found = _alerts(con, " WHERE alert_id = ?", [alert_id], "alert_id", None, 0)
    return found[0] if found else None


def is_open(alert: Alert, today: date) -> bool:
    return alert.window_end >= today - timedelta(days=1 if alert.window == "day" else 7)


def _alerts(
    con: Any, where: str, params: list[Any], order: str, limit: int | None, offset: int
) -> list[Alert]:
    page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
    rows = con.execute(f"SELECT {_SELECT} FROM alerts{where} ORDER BY {order}{page}", params).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    events: dict[str, list[EventRef]] = {}
    for aid, cluster, article, event in con.execute(
        "SELECT alert_id, cluster_id, article_id, event_id FROM alert_events "
        "WHERE alert_id IN (SELECT unnest(?)) ORDER BY alert_id, rowid",
        [ids],
    ).fetchall():
        events.setdefault(aid, []).append(EventRef(int(cluster), article, event))
    out = []
    for r in rows:
        values = dict(zip(_COLUMNS, r, strict=True))
        values["window"] = values.pop("window_kind")
        out.append(Alert(**values, events=tuple(events.get(values["alert_id"], ()))))
    return out


def _row(a: Alert) -> list[Any]:
    return [
        a.alert_id,
        a.rule,
        a.test,
        a.level,
        a.source,
        a.target,
        a.window,
        a.window_start,
        a.window_end,
        a.count,
        a.baseline_windows,
        a.baseline_count,
        a.baseline_mean,
        a.baseline_sd,
        a.z,
        a.ratio,
        a.goldstein_mean,
        a.baseline_goldstein,
        a.goldstein_shift,
        a.message,
        a.raised_at,
        a.webhook_attempts,
        a.webhook_sent_at,
        a.webhook_error,
    ]
