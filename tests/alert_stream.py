"""Synthetic streams of stored events for the alert tests: so many happenings per dyad and day.

Each happening of a day gets a place of its own, so that the store keeps them apart (reports
with the same day, dyad, code and place are one happening across articles).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from test_store import make_doc, make_event

from thucydides.models import Place
from thucydides.store import EventStore

FIRST_DAY = date(2024, 1, 1)  # a Monday
LAST_DAY = date(2024, 3, 3)  # a Sunday: nine full weeks

# (day) -> [(source, target, cameo, how many)]
Plan = Callable[[date], list[tuple[str, str, str, int]]]


def place(i: int) -> Place:
    return Place(f"Town {i}", 0, 6, f"Town {i}", 900000 + i, 40.0, 30.0, "TUR", "city")


def write_stream(
    path: Path, plan: Plan, first: date = FIRST_DAY, last: date = LAST_DAY, prefix: str = "s"
) -> int:
    """One article per day holding that day's happenings; returns how many happenings were stored."""
    docs = []
    total = 0
    day = first
    while day <= last:
        events = []
        for src, tgt, cameo, n in plan(day):
            for _ in range(n):
                events.append(
                    make_event(
                        len(events), src, tgt, cameo, date=day.isoformat(), location=place(len(events))
                    )
                )
        if events:
            docs.append(
                make_doc(
                    f"{prefix}-{day.isoformat()}",
                    events,
                    date=day.isoformat(),
                    text=f"Report of {day.isoformat()} ({prefix}). Second sentence. Third one.",
                )
            )
            total += len(events)
        day += timedelta(days=1)
    with EventStore(path) as store:
        store.add_documents(docs)
    return total


def steady(day: date) -> list[tuple[str, str, str, int]]:
    """Two consultations a day from Russia to Ukraine, one from the United States to China."""
    return [("RUS", "UKR", "040", 2), ("USA", "CHN", "040", 1)]


def surge_on(last: date) -> Plan:
    """The steady stream, with twelve RUS → UKR consultations on day `last` instead of two."""

    def plan(day: date) -> list[tuple[str, str, str, int]]:
        if day == last:
            return [("RUS", "UKR", "040", 12), ("USA", "CHN", "040", 1)]
        return steady(day)

    return plan


surge_on_last_day = surge_on(LAST_DAY)


def conflict_in_last_week(day: date) -> list[tuple[str, str, str, int]]:
    """One RUS → UKR event a day: consultations (+1.0) for eight weeks, then assaults (-10.0)."""
    cameo = "190" if day >= LAST_DAY - timedelta(days=6) else "040"
    return [("RUS", "UKR", cameo, 1)]
