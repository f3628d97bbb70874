"""Dyad alerts over the event store: change detection per directed dyad and window.

>>> from thucydides.alerts import AlertOptions, check_alerts, format_alert
>>> with EventStore("events.duckdb") as store:
...     for alert in check_alerts(store, AlertOptions(jsonl_path=Path("alerts.jsonl"))):
...         print(format_alert(alert))

The tests (detect.py), the rules file (rules.py, data/alert_rules.yaml) and the stored and
delivered forms of an alert are described in README.md, "Alerts".
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from thucydides.alerts.check import AlertOptions, check_alerts
    from thucydides.alerts.model import Alert, EventRef, format_alert
    from thucydides.alerts.rules import Rule, RuleSet, RulesFileError, load_rules

__all__ = [
    "Alert",
    "AlertOptions",
    "EventRef",
    "Rule",
    "RuleSet",
    "RulesFileError",
    "check_alerts",
    "format_alert",
    "load_rules",
]

# Where each name lives. The CLI registers `thucydides alerts` on every start, so nothing loads
# before it is asked for.
_HOMES = {
    "AlertOptions": "check",
    "check_alerts": "check",
    "Alert": "model",
    "EventRef": "model",
    "format_alert": "model",
    "Rule": "rules",
    "RuleSet": "rules",
    "RulesFileError": "rules",
    "load_rules": "rules",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
