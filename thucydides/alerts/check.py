"""`check_alerts`: run every rule over the store's events now, store what is new, then deliver it.

For each rule, each window it checks (the one holding today and `check - 1` before it) and each
directed dyad with events in that window, the window is tested against the `baseline` windows
before it (detect.py). An alert's id is a hash of rule, level, dyad and window, so a re-check
raises nothing it raised before. Order of work: store (one transaction), then append to the
JSONL file, then POST to the webhook: an alert that reached a file or a receiver is in the store.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thucydides.alerts import storage
from thucydides.alerts.deliver import MAX_WEBHOOK_ATTEMPTS, append_jsonl, check_webhook_url, post_webhook
from thucydides.alerts.detect import WindowStats, checked_windows, run_test, shift, window_end
from thucydides.alerts.model import Alert, EventRef, alert_id, describe
from thucydides.alerts.rules import Rule, load_rules
from thucydides.alerts.series import Series, dyad_events, dyad_series

if TYPE_CHECKING:
    from thucydides.store.db import EventStore

NOT_SENT = "not sent: an earlier POST of this check failed"


@dataclass(frozen=True)
class AlertOptions:
    """Where the rules come from (None: the shipped defaults) and where new alerts go besides the store."""

    rules_path: Path | None = None
    jsonl_path: Path | None = None
    webhook_url: str | None = None

    def __post_init__(self) -> None:
        if self.webhook_url is not None:
            check_webhook_url(self.webhook_url)


def check_alerts(store: EventStore, options: AlertOptions, *, now: datetime | None = None) -> list[Alert]:
    """Run the rules over `store` as of `now` (default: the current UTC time) and return the new alerts,
    stored and delivered. Raises RulesFileError for a broken rules file, StoreError for a read-only store."""
    if store.read_only:
        from thucydides.store.db import StoreError

        raise StoreError(
            f"{store.path}: opened read-only; checking alerts stores them, so open it for writing"
        )
    rules = load_rules(options.rules_path).rules
    store.flush()  # documents queued with store.add() count too
    raised_at = _utc_naive(now or datetime.now(UTC))
    today = raised_at.date()
    con = store.con
    found: list[Alert] = []
    for (level, window), group in _by_series(rules).items():
        first = min(shift(checked_windows(today, r)[-1], window, -r.baseline) for r in group)
        series = dyad_series(con, level, window, first, today)
        for rule in group:
            found += _findings(rule, series, today, raised_at)
    fresh_ids = {a.alert_id for a in found} - storage.known_ids(con, [a.alert_id for a in found])
    new = [_with_events(con, a, today) for a in found if a.alert_id in fresh_ids]
    storage.save_alerts(con, new)
    if options.jsonl_path is not None:
        append_jsonl(Path(options.jsonl_path), new)
    if options.webhook_url:
        retry = storage.undelivered(con, MAX_WEBHOOK_ATTEMPTS)  # read before this run's own POSTs
        delivered = _deliver_all(con, options.webhook_url, [*new, *retry])
        new = delivered[: len(new)]
    return new


def _by_series(rules: tuple[Rule, ...]) -> dict[tuple[str, str], list[Rule]]:
    """Rules grouped by what they count: one query per level and window serves a whole group."""
    groups: dict[tuple[str, str], list[Rule]] = {}
    for rule in rules:
        groups.setdefault((rule.level, rule.window), []).append(rule)
    return groups


def _findings(rule: Rule, series: Series, today: date, raised_at: datetime) -> list[Alert]:
    out = []
    for start in checked_windows(today, rule):
        base_starts = [shift(start, rule.window, -k) for k in range(rule.baseline, 0, -1)]
        for (source, target), windows in sorted(series.items()):
            current = windows.get(start)
            if current is None or not rule.follows(source, target):
                continue
            baseline = [windows.get(s, WindowStats()) for s in base_starts]
            finding = run_test(current, baseline, rule)
            if finding is None:
                continue
            out.append(
                Alert(
                    alert_id=alert_id(rule.name, rule.level, source, target, rule.window, start),
                    rule=rule.name,
                    test=rule.test,
                    level=rule.level,
                    source=source,
                    target=target,
                    window=rule.window,
                    window_start=start,
                    window_end=window_end(start, rule.window),
                    count=finding.count,
                    baseline_windows=finding.baseline_windows,
                    baseline_count=finding.baseline_count,
                    baseline_mean=finding.baseline_mean,
                    baseline_sd=finding.baseline_sd,
                    z=finding.z,
                    ratio=finding.ratio,
                    goldstein_mean=finding.goldstein_mean,
                    baseline_goldstein=finding.baseline_goldstein,
                    goldstein_shift=finding.goldstein_shift,
                    message=describe(rule.test, source, target, rule.window, start, finding),
                    raised_at=raised_at,
                )
            )
    return out


def _with_events(con: Any, alert: Alert, today: date) -> Alert:
    """The alert with the reports it counted: its window's up to today (later dates are plans)."""
    last = min(alert.window_end, today)
    refs = dyad_events(con, alert.level, (alert.source, alert.target), alert.window_start, last)
    return replace(alert, events=tuple(EventRef(*r) for r in refs))


def _deliver_all(con: Any, url: str, alerts: list[Alert]) -> list[Alert]:
    """POST each alert and record how it went. After the first failure the rest of this run is not
    tried (a receiver that is down would cost its timeout once per alert); the next check retries."""
    out = []
    down: str | None = None
    for alert in alerts:
        error = post_webhook(url, alert) if down is None else NOT_SENT
        down = down or error
        sent = None if error else _utc_naive(datetime.now(UTC))
        storage.record_webhook(con, alert.alert_id, sent, error)
        out.append(replace(alert, webhook_attempts=alert.webhook_attempts + 1, webhook_sent_at=sent,
                           webhook_error=error))
    return out


def _utc_naive(moment: datetime) -> datetime:
    """UTC without tzinfo, as the store keeps its timestamps; a naive `now` is taken as UTC already."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.replace(microsecond=0)
