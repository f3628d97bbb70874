"""Per directed dyad and window: the counted events of the store, as the alert tests read them.

Events are counted as the store's aggregates count them: asserted happenings (one per cluster,
however many articles report it) with a country on at least one side and a date. A side of a
dyad is its country (`country` level) or its full actor code (`actor` level); a side with no
country is kept only under a full code (IGOUNO, 6+ letters), never as a bare sector ("GOV",
"police"), which would lump together every government the reports meant.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from thucydides.alerts.detect import WindowStats
from thucydides.store.filters import precise_enough
from thucydides.store.schema import COUNTED, COUNTRY_CODED

Dyad = tuple[str, str]
Series = dict[Dyad, dict[date, WindowStats]]

_FULL_CODE = 6  # IGOUNO: a code that names one actor even without a country


# an event dated only to a month or a year ("in March") lies in no day or week window: filed
# under its period's first day, it would raise a false alarm there
_DAY_PRECISE = precise_enough("week")


def side_key(role: str, level: str) -> str:
    """SQL for one side's key at a level, NULL where the side names no single actor or country."""
    code, country = f"e.{role}_code", f"e.{role}_country"
    if level == "country":
        return (f"CASE WHEN {country} IS NOT NULL THEN {country} "
                f"WHEN length({code}) >= {_FULL_CODE} THEN {code} END")
    return f"CASE WHEN {country} IS NOT NULL OR length({code}) >= {_FULL_CODE} THEN {code} END"


def _happenings(level: str) -> str:
    """One row per counted happening, with its day, dyad keys and Goldstein score (params: first, last)."""
    return f"""
        SELECT cluster_id, any_value(event_date) AS day,
               any_value({side_key("source", level)}) AS src, any_value({side_key("target", level)}) AS tgt,
               any_value(goldstein) AS goldstein
        FROM events e
        WHERE {COUNTED} AND {COUNTRY_CODED} AND {_DAY_PRECISE} AND event_date BETWEEN ? AND ?
        GROUP BY cluster_id"""


def dyad_series(con: Any, level: str, window: str, first: date, last: date) -> Series:
    """Each dyad's WindowStats per window start, for events dated `first` to `last` (inclusive)."""
    assert window in ("day", "week") and level in ("country", "actor")
    rows = con.execute(
        f"""
        WITH h AS ({_happenings(level)})
        SELECT src, tgt, date_trunc('{window}', day)::DATE AS w, count(*) AS n,
               coalesce(sum(goldstein), 0) AS g_sum, count(goldstein) AS g_n,
               coalesce(sum(goldstein * goldstein), 0) AS g_sq
        FROM h WHERE src IS NOT NULL AND tgt IS NOT NULL
        GROUP BY ALL""",
        [first, last],
    ).fetchall()
    series: Series = {}
    for src, tgt, start, n, g_sum, g_n, g_sq in rows:
        series.setdefault((src, tgt), {})[start] = WindowStats(int(n), float(g_sum), int(g_n), float(g_sq))
    return series


def dyad_events(con: Any, level: str, dyad: Dyad, first: date, last: date) -> list[tuple[int, str, str]]:
    """(cluster_id, article_id, event_id) of every report of the dyad's happenings from `first` to `last`."""
    src, tgt = side_key("source", level), side_key("target", level)
    rows = con.execute(
        f"""
        SELECT e.cluster_id, e.article_id, e.event_id FROM events e
        WHERE {COUNTED} AND {COUNTRY_CODED} AND {_DAY_PRECISE} AND event_date BETWEEN ? AND ?
          AND {src} = ? AND {tgt} = ?
        ORDER BY e.event_date, e.cluster_id, e.article_id, e.event_id""",
        [first, last, dyad[0], dyad[1]],
    ).fetchall()
    return [(int(c), str(a), str(e)) for c, a, e in rows]
