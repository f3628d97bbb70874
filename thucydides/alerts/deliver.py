"""Where new alerts go besides the store: a JSONL file (one alert a line) and a webhook (HTTP POST).

Neither may stop a check: the alert is already stored, so a full disk or a webhook that is down
is reported (the returned reason, and a warning on the `thucydides.alerts` logger) and the
check goes on. A webhook POST that failed is tried again by the next checks, up to
`MAX_WEBHOOK_ATTEMPTS` times in all.
"""

from __future__ import annotations

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from thucydides.alerts.model import Alert
from thucydides.version import __version__

log = logging.getLogger("thucydides.alerts")

WEBHOOK_TIMEOUT_S = 10.0
MAX_WEBHOOK_ATTEMPTS = 5
USER_AGENT = f"thucydides/{__version__} (political event coder; alerts)"


def check_webhook_url(url: str) -> str:
    """The URL if it can be POSTed to (http or https with a host), else ValueError naming it."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"webhook URL {url!r}: not an http:// or https:// URL")
    return url


def append_jsonl(path: Path, alerts: list[Alert]) -> str | None:
    """Append one JSON line per alert; None when written, else why not (also logged)."""
    if not alerts:
        return None
    lines = "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in alerts)
    try:
        with path.open("a", encoding="utf-8") as out:
            out.write(lines)
    except OSError as exc:
        reason = f"alerts: cannot append to {path}: {exc.strerror or exc}"
        log.warning(reason)
        return reason
    return None


def post_webhook(url: str, alert: Alert, timeout: float = WEBHOOK_TIMEOUT_S) -> str | None:
    """POST the alert's webhook body as JSON; None on a 2xx answer, else why it failed (also logged)."""
    body = json.dumps(alert.webhook_body(), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", "User-Agent": USER_AGENT},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - http(s) checked
            status = response.status
    except urllib.error.HTTPError as exc:
        status = exc.code
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = f"alerts: webhook {url} failed for alert {alert.alert_id}: {getattr(exc, 'reason', exc)}"
        log.warning(reason)
        return reason
    if 200 <= status < 300:
        return None
    reason = f"alerts: webhook {url} answered HTTP {status} for alert {alert.alert_id}"
    log.warning(reason)
    return reason
