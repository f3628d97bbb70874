"""One vocabulary of event filters for the CLI, the Python API and the HTTP API.

`thucydides query events --from D --code 19 --min-confidence 0.6` and
`/v1/events?from=D&code=19&min_confidence=0.6` build the same `EventFilter`, whose
`where()` is bound SQL over the columns that `events`, `event_mentions` and
`event_clusters` share. Filter values are parameters, never spliced into SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

_ACTOR_RE = re.compile(r"^[A-Z0-9]{2,}$")
_CAMEO_RE = re.compile(r"^[0-9]{1,4}$")
_ROOT_RE = re.compile(r"^[0-9]{2}$")
_COUNTRY_RE = re.compile(r"^[A-Z]{3}$")

# name -> what it filters; the CLI's options are --NAME (min_confidence as --min-confidence)
FILTERS = {
    "from": "events on or after this day (YYYY-MM-DD)",
    "to": "events on or before this day (YYYY-MM-DD)",
    "actor": "source or target actor: code prefix (RUS matches RUSMIL) or country",
    "source": "source actor: code prefix or country",
    "target": "target actor: code prefix or country",
    "country": "ISO alpha-3 country of either actor or of the location",
    "code": "CAMEO code or prefix (19 matches 190-196)",
    "root": "CAMEO root code, 01-20",
    "plover": "PLOVER event type, e.g. ASSAULT",
    "quad": "quad class: 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict",
    "min_confidence": "only events of at least this confidence (0-1)",
}


# date precisions too coarse to be counted in a period: "in March" lies in no one day or week
_TOO_COARSE = {"day": ("month", "year"), "week": ("month", "year"), "month": ("year",), "year": ()}


def precise_enough(period: str) -> str:
    """SQL that keeps the events whose date is at least as precise as `period` (a row without a
    precision is from before the coder said, and counts as a day)."""
    coarse = _TOO_COARSE[period]
    if not coarse:
        return "TRUE"
    listed = ", ".join(f"'{p}'" for p in coarse)
    return f"(date_precision IS NULL OR date_precision NOT IN ({listed}))"


def check_actor(code: str) -> str:
    code = code.strip().upper()
    if not _ACTOR_RE.match(code):
        raise ValueError(f"{code!r} is not an actor code (letters/digits, e.g. RUS, USAGOV, IGOUNO)")
    return code


def check_cameo(code: str) -> str:
    code = code.strip()
    if not _CAMEO_RE.match(code):
        raise ValueError(f"{code!r} is not a CAMEO code or prefix (1-4 digits, e.g. 19, 042)")
    return code


def as_date(value: str | date | None, name: str = "date") -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{name}: {value!r} is not a date (YYYY-MM-DD)") from None


def check_period_and_actors(flt: Any) -> None:
    """The checks every store filter shares (events, alerts): `start`/`end` as dates in order,
    `actor`/`source`/`target` as well-formed codes; fails with the CLI option's name."""
    flt.start, flt.end = as_date(flt.start, "--from"), as_date(flt.end, "--to")
    if flt.start and flt.end and flt.start > flt.end:
        raise ValueError(f"--from {flt.start} is after --to {flt.end}")
    for name in ("actor", "source", "target"):
        value = getattr(flt, name)
        setattr(flt, name, check_actor(value) if value else None)


@dataclass(slots=True)
class EventFilter:
    """Filters over events; every field None means no filter. Values are checked on creation."""

    start: date | None = None
    end: date | None = None
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    country: str | None = None
    code: str | None = None
    root: str | None = None
    plover: str | None = None
    quad: int | None = None
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        check_period_and_actors(self)
        if self.country:
            self.country = self.country.strip().upper()
            if not _COUNTRY_RE.match(self.country):
                raise ValueError(f"--country: {self.country!r} is not an ISO alpha-3 code (e.g. SYR)")
        self.code = check_cameo(self.code) if self.code else None
        if self.root and not _ROOT_RE.match(self.root.strip()):
            raise ValueError(f"--root: {self.root!r} is not a CAMEO root code (01-20)")
        self.plover = self.plover.strip().upper() if self.plover else None
        if self.quad is not None and self.quad not in (1, 2, 3, 4):
            raise ValueError(f"--quad: {self.quad} is not a quad class (1-4)")
        if self.min_confidence is not None and not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"--min-confidence: {self.min_confidence} is not between 0 and 1")

    def conditions(self) -> tuple[list[str], list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.start is not None:
            clauses.append("event_date >= ?")
            params.append(self.start)
        if self.end is not None:
            clauses.append("event_date <= ?")
            params.append(self.end)
        if self.actor:
            clauses.append("(source_code LIKE ? OR target_code LIKE ? "
                           "OR source_country = ? OR target_country = ?)")
            params += [self.actor + "%", self.actor + "%", self.actor, self.actor]
        for role, value in (("source", self.source), ("target", self.target)):
            if value:
                clauses.append(f"({role}_code LIKE ? OR {role}_country = ?)")
                params += [value + "%", value]
        if self.country:
            clauses.append("(source_country = ? OR target_country = ? OR location_country = ?)")
            params += [self.country] * 3
        if self.code:
            clauses.append("cameo LIKE ?")
            params.append(self.code + "%")
        if self.root:
            clauses.append("root_code = ?")
            params.append(self.root.strip())
        if self.plover:
            clauses.append("plover_type = ?")
            params.append(self.plover)
        if self.quad is not None:
            clauses.append("quad_class = ?")
            params.append(self.quad)
        if self.min_confidence is not None:
            clauses.append("confidence >= ?")
            params.append(self.min_confidence)
        return clauses, params

    def where(self) -> tuple[str, list[Any]]:
        """A WHERE clause (or '') and its parameters."""
        clauses, params = self.conditions()
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))
