"""The time stage: temporal expressions and event dates.

    resolver = TimeResolver()                 # once per process
    times = resolver.find(doc, pub_date)      # list[TimeExpr], values ISO at the precision known
    resolver.attach(events, times, doc, pub_date)
"""

from __future__ import annotations

from thucydides.times.resolver import TimeResolver

__all__ = ["TimeResolver"]
