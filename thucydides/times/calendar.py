"""Calendar arithmetic for the time stage: pure functions over `datetime.date`, no text.

Direction is an int: -1 (the expression looks back), +1 (looks ahead), 0 (no clue).
Values are ISO strings at the precision known: "2016", "2016-05" or "2016-05-25".
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

MIN_YEAR = 1000
MAX_YEAR = 2999


def iso_day(d: date) -> str:
    return d.isoformat()


def iso_month(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def iso_year(year: int) -> str:
    return f"{year:04d}"


def valid_day(year: int, month: int, day: int) -> bool:
    if not (MIN_YEAR <= year <= MAX_YEAR and 1 <= month <= 12):
        return False
    return 1 <= day <= calendar.monthrange(year, month)[1]


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def weekday_date(anchor: date, weekday: int, direction: int, strict: bool = False) -> date:
    """The `weekday` nearest `anchor` looking back (direction <= 0) or ahead (> 0).

    The anchor's own day counts unless `strict` ("last Friday" said on a Friday means a week ago).
    """
    if direction > 0:
        delta = (weekday - anchor.weekday()) % 7
        if strict and delta == 0:
            delta = 7
        return anchor + timedelta(days=delta)
    delta = (anchor.weekday() - weekday) % 7
    if strict and delta == 0:
        delta = 7
    return anchor - timedelta(days=delta)


def month_year(anchor: date, month: int, direction: int) -> int:
    """The year of the named month nearest the anchor in the given direction.

    With no clue, the same year unless the month lies more than six months away, in which
    case the nearer neighbour year ("Feb." written in late October means next February).
    """
    if (month - anchor.month) % 12 in (0, 1, 11):
        direction = 0  # the month of writing or one beside it is meant, whatever the tense says
    if direction < 0:
        return anchor.year if month <= anchor.month else anchor.year - 1
    if direction > 0:
        return anchor.year if month >= anchor.month else anchor.year + 1
    diff = month - anchor.month
    if diff > 6:
        return anchor.year - 1
    if diff < -6:
        return anchor.year + 1
    return anchor.year


def month_day_year(anchor: date, month: int, day: int, direction: int, near_days: int = 60) -> int | None:
    """The year that puts month/day nearest the anchor in the given direction (None: no such day)."""
    candidates = [y for y in (anchor.year - 1, anchor.year, anchor.year + 1) if valid_day(y, month, day)]
    if not candidates:
        return None
    dated = [(date(y, month, day), y) for y in candidates]
    nearest = min(dated, key=lambda dy: (abs((dy[0] - anchor).days), dy[1]))
    if abs((nearest[0] - anchor).days) < near_days:
        # A day this close to the writing is meant, whatever the tense says: "was extended to
        # Nov. 16" written in late October is this November, not last year's.
        return nearest[1]
    if direction < 0:
        back = [(d, y) for d, y in dated if d <= anchor]
        if back:
            return max(back)[1]
    elif direction > 0:
        ahead = [(d, y) for d, y in dated if d >= anchor]
        if ahead:
            return min(ahead)[1]
    return nearest[1]


def week_value(monday: date) -> str:
    """A week as the month that holds most of it (its Thursday's, as ISO week numbering counts)."""
    thursday = monday + timedelta(days=3)
    return iso_month(thursday.year, thursday.month)


def shift(anchor: date, n: int, unit: str) -> str | None:
    """`anchor` moved n units (negative: back), at the precision of the unit."""
    try:
        if unit == "day":
            return iso_day(anchor + timedelta(days=n))
        if unit == "week":
            return iso_day(anchor + timedelta(weeks=n))
        if unit == "month":
            y, m = add_months(anchor.year, anchor.month, n)
            return iso_month(y, m) if MIN_YEAR <= y <= MAX_YEAR else None
        if unit == "year":
            y = anchor.year + n
            return iso_year(y) if MIN_YEAR <= y <= MAX_YEAR else None
        if unit == "decade":
            y = anchor.year + 10 * n
            return iso_year(y) if MIN_YEAR <= y <= MAX_YEAR else None
    except OverflowError:
        return None
    return None


def unit_value(anchor: date, n: int, unit: str) -> str | None:
    """The calendar unit n steps from the anchor's ("last week" n=-1, "this month" n=0); None when
    it falls off the calendar (a week after 9999-12-31)."""
    try:
        return _unit_value(anchor, n, unit)
    except OverflowError:
        return None


def _unit_value(anchor: date, n: int, unit: str) -> str | None:
    if unit == "day":
        return shift(anchor, n, "day")
    if unit == "week":
        monday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=n)
        return week_value(monday)
    if unit == "weekend":
        # the weekend of the anchor's week (n=0), the one before (n=-1) …; its Saturday's month
        saturday = anchor - timedelta(days=anchor.weekday()) + timedelta(days=5, weeks=n)
        return iso_month(saturday.year, saturday.month)
    if unit in ("month", "year", "decade"):
        return shift(anchor, n, unit)
    return None


def season_months(season: tuple[int, int], year: int) -> tuple[str, str]:
    """(first month, last month) of a season whose first month lies in `year`."""
    first, last = season
    end_year = year + 1 if last < first else year
    return iso_month(year, first), iso_month(end_year, last)


def _season_bounds(season: tuple[int, int], year: int) -> tuple[date, date]:
    first, last = season
    end_year = year + 1 if last < first else year
    return date(year, first, 1), date(end_year, last, calendar.monthrange(end_year, last)[1])


def season_year(anchor: date, season: tuple[int, int], n: int) -> int:
    """The year in which a season begins: n=0 the one nearest the anchor ("this summer"),
    n<0 the n-th that ended before the anchor ("last summer"), n>0 the n-th that starts after."""
    years = range(anchor.year - 3 + min(n, 0), anchor.year + 3 + max(n, 0))
    bounds = [(y, *_season_bounds(season, y)) for y in years]
    if n == 0:
        def distance(b: tuple[int, date, date]) -> int:
            _, start, end = b
            return 0 if start <= anchor <= end else min(abs((start - anchor).days), abs((end - anchor).days))
        return min(bounds, key=distance)[0]
    if n < 0:
        over = [y for y, _, end in bounds if end < anchor]
        return over[n]
    ahead = [y for y, start, _ in bounds if start > anchor]
    return ahead[n - 1]


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th `weekday` of a month (n = -1: the last one)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7 + 7 * (-n - 1))


def holiday_date(rule: str, year: int) -> date:
    """The day a holiday rule (see time_lexicon.yaml) falls on in `year`."""
    if rule == "election":  # US: the Tuesday after the first Monday of November
        return nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    if rule.startswith("easter"):
        offset = int(rule.split(":")[1]) if ":" in rule else 0
        return easter(year) + timedelta(days=offset)
    if rule.startswith("nth:"):
        _, wd, n, month = rule.split(":")
        return nth_weekday(year, int(month), int(wd), int(n))
    month, day = rule.split("-")
    return date(year, int(month), int(day))


def pin_year(month: int, day: int, weekday: int, low: int = 1980, high: int = 2035) -> list[int]:
    """Years in [low, high] in which month/day falls on `weekday`."""
    return [y for y in range(low, high + 1)
            if valid_day(y, month, day) and date(y, month, day).weekday() == weekday]
