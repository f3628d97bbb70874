"""What a time expression says before it is anchored: the `Parse` of a match in the text."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Parse:
    """The meaning of one expression before anchoring.

    kind:
      abs      year [month [day]] all given ("Nov. 12, 2015", "1998", "February 1947")
      md       month [day] without a year ("May 25", "late February"); rel: -1 last, 0 this, +1 next
      weekday  a day of the week; rel as above, or None when bare
      deictic  yesterday/today/tomorrow: n days from the anchor
      unit     the calendar unit n steps away ("last week" n=-1 unit=week, "this year" n=0)
      ago      anchor shifted n units ("two days ago" n=-2 unit=day)
      anaphor  n units from the last date mentioned ("the next day", "that year")
      season   a season, with year or rel
      decade   the years from `year` to `year + 9`
      holiday  a named day, with year or rel
      range    `start` to `end`, both Parses
      vague    a date expression whose value cannot be written ("several years ago")
    """

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    n: int = 0
    unit: str | None = None
    rel: int | None = None
    season: str | None = None
    holiday: str | None = None
    start: Parse | None = None
    end: Parse | None = None
    needs_check: bool = False  # a bare word that may not be a date ("May", "March", "1984")
    flags: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Match:
    start: int
    end: int
    parse: Parse
