"""An alert: which rule fired for which directed dyad and window, the figures, and the events behind it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from thucydides.alerts.detect import Finding, shift

# the JSON body of a webhook POST carries this kind and version (README.md, "Alerts")
WEBHOOK_KIND = "thucydides.alert"
WEBHOOK_VERSION = 1


@dataclass(frozen=True, slots=True)
class EventRef:
    """One report that an alert counted: the happening (cluster) and the article's own event."""

    cluster_id: int
    article_id: str
    event_id: str

    def to_dict(self) -> dict[str, Any]:
        return {"cluster_id": self.cluster_id, "article_id": self.article_id, "event_id": self.event_id}


@dataclass(frozen=True, slots=True)
class Alert:
    """A rule's test fired for a dyad's window. Figures are as at detection; an alert is raised once."""

    alert_id: str
    rule: str
    test: str  # count | goldstein
    level: str  # country | actor
    source: str
    target: str
    window: str  # day | week
    window_start: date
    window_end: date
    count: int
    baseline_windows: int
    baseline_count: int
    baseline_mean: float | None
    baseline_sd: float | None
    z: float | None  # count: the z-score; goldstein: Welch's t of the two means
    ratio: float | None
    goldstein_mean: float | None
    baseline_goldstein: float | None
    goldstein_shift: float | None
    message: str
    raised_at: datetime
    events: tuple[EventRef, ...] = ()
    webhook_attempts: int = 0
    webhook_sent_at: datetime | None = None
    webhook_error: str | None = None

    @property
    def baseline_start(self) -> date:
        return shift(self.window_start, self.window, -self.baseline_windows)

    def to_dict(self, delivery: bool = False) -> dict[str, Any]:
        """JSON-ready fields (the JSONL line and the webhook's `alert`); `delivery` adds the webhook state."""
        out: dict[str, Any] = {
            "alert_id": self.alert_id,
            "rule": self.rule,
            "test": self.test,
            "level": self.level,
            "source": self.source,
            "target": self.target,
            "window": self.window,
            "window_start": self.window_start.isoformat(),
            "window_end": self.window_end.isoformat(),
            "baseline_start": self.baseline_start.isoformat(),
            "count": self.count,
            "baseline_windows": self.baseline_windows,
            "baseline_count": self.baseline_count,
            "baseline_mean": _round(self.baseline_mean),
            "baseline_sd": _round(self.baseline_sd),
            "z": _round(self.z),
            "ratio": _round(self.ratio),
            "goldstein_mean": _round(self.goldstein_mean),
            "baseline_goldstein": _round(self.baseline_goldstein),
            "goldstein_shift": _round(self.goldstein_shift),
            "message": self.message,
            "raised_at": self.raised_at.isoformat(timespec="seconds") + "Z",
            "events": [e.to_dict() for e in self.events],
        }
        if delivery:
            out["webhook"] = {
                "attempts": self.webhook_attempts,
                "error": self.webhook_error,
                "sent_at": self.webhook_sent_at.isoformat(timespec="seconds") + "Z"
                if self.webhook_sent_at
                else None,
            }
        return out

    def webhook_body(self) -> dict[str, Any]:
        """What a webhook receives: `text` (the message, as chat webhooks show it) and the alert."""
        return {
            "kind": WEBHOOK_KIND,
            "version": WEBHOOK_VERSION,
            "text": format_alert(self),
            "alert": self.to_dict(),
        }


def alert_id(rule: str, level: str, source: str, target: str, window: str, start: date) -> str:
    """The same rule, dyad and window give the same id: the key that makes a re-check raise nothing new."""
    key = "|".join((rule, level, source, target, window, start.isoformat()))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()


def describe(test: str, source: str, target: str, window: str, start: date, found: Finding) -> str:
    """One sentence a person reads: what changed, by how much, against what."""
    when = f"in the week of {start.isoformat()}" if window == "week" else f"on {start.isoformat()}"
    per = f"per {window}"
    if test == "count":
        times = f", {found.ratio:.1f}x" if found.ratio is not None else ", none before"
        return (
            f"{source} -> {target}: {found.count} events {when}, against {found.baseline_mean:.1f} "
            f"{per} over the previous {found.baseline_windows} (z {found.z:.1f}{times})"
        )
    assert found.goldstein_mean is not None and found.baseline_goldstein is not None and found.z is not None
    way = "toward conflict" if (found.goldstein_shift or 0) < 0 else "toward cooperation"
    return (
        f"{source} -> {target}: mean Goldstein {found.goldstein_mean:+.1f} over {found.count} events "
        f"{when}, against {found.baseline_goldstein:+.1f} over the previous {found.baseline_windows} "
        f"{window}s ({found.goldstein_shift:+.1f}, t {found.z:.1f}, {way})"
    )


def format_alert(alert: Alert) -> str:
    """One line for a terminal or a log: `ALERT rule [window]: message (n events)`."""
    when = alert.window_start.isoformat()
    return f"ALERT {alert.rule} [{when}]: {alert.message} ({len(alert.events)} reports)"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
