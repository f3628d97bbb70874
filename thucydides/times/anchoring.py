"""The day an article's relative times count from, when the article gives none.

With a publication date that day is simply the publication date. Without one, a dateline
("KABUL, May 20 (Reuters) -") gives it, and a weekday written near a month and day
("Wednesday … May 25") pins the year they fall in together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span

from thucydides.times import calendar as cal
from thucydides.times.parse import Match

_DATELINE_BEFORE = re.compile(r"^[ \t]*[A-Z][A-Za-z.'\u2019 -]*(?:,[ \t]*[A-Z][A-Za-z.'\u2019 -]*)*,[ \t]*$")
_DATELINE_AFTER = re.compile(r"^[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:-{1,2}|\u2014|\u2013|_|:|/)")
PIN_SENTENCES = 5  # how far apart a weekday and a month/day may stand and still name one day


@dataclass(slots=True)
class FoundTime:
    """A grammar match placed in the Doc, with what the resolver learns about it."""

    match: Match
    span: Span
    sentence: int
    direction: int = 0
    value: str | None = None
    end_value: str | None = None
    kind: str = "date"
    basis: str | None = None  # "narrative" when counted from a time the text set, else None
    past_perfect: bool = False  # its clause is told in the past perfect ("had shelled … last week")
    line: str | None = None  # the narrative time a look back was counted from ("a year before" what)


def mark_dateline(text: str, items: list[FoundTime]) -> None:
    """Marks a month and day at the head of the article, between a place name and a dash, as the dateline."""
    for item in items[:2]:
        m = item.match
        if m.start > 200 or m.parse.kind not in ("md", "abs") or m.parse.day is None:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        before, after = text[line_start:m.start], text[m.end:m.end + 48]
        if _DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(after):
            item.kind = "dateline"


def anchor_day(items: list[FoundTime], pub_date: date | None) -> tuple[date | None, int | None]:
    """The day relative expressions count from, and a year for month names when no day is known."""
    if pub_date is not None:
        return pub_date, pub_date.year
    years = sorted({p.year for p in (i.match.parse for i in items) if p.kind == "abs" and p.year}
                   | {p.start.year for p in (i.match.parse for i in items)
                      if p.kind == "range" and p.start and p.start.year})
    year = pinned_year(items, years)
    for item in items:
        p = item.match.parse
        if item.kind == "dateline":
            y = p.year if p.kind == "abs" else year
            if y is not None and p.month and p.day and cal.valid_day(y, p.month, p.day):
                return date(y, p.month, p.day), y
    return None, year


def pinned_year(items: list[FoundTime], years: list[int]) -> int | None:
    """The year in which the text's undated "Wednesday … May 25" fall together.

    A weekday written next to a month and day pins the year among 1980–2035; so does a
    month and day with a weekday named within two sentences of it ("planned for Wednesday"
    … "starting May 25"). Several years fit: the one nearest a year written in the text wins,
    and with no year written anywhere the year stays open.
    """
    weekday_sentences = [(i.sentence, i.match.parse.weekday) for i in items
                         if i.match.parse.kind == "weekday" and i.match.parse.weekday is not None]
    scores: dict[int, int] = {}
    for item in items:
        p = item.match.parse
        if p.kind != "md" or p.day is None or p.month is None:
            continue
        candidates: set[int] = set()
        if p.weekday is not None:
            candidates.update(cal.pin_year(p.month, p.day, p.weekday))
        else:
            for s, wd in weekday_sentences:
                if abs(s - item.sentence) <= PIN_SENTENCES:
                    candidates.update(cal.pin_year(p.month, p.day, wd))
        for y in candidates:
            scores[y] = scores.get(y, 0) + (2 if p.weekday is not None else 1)
    if not scores or not years:
        return None
    best = max(scores.values())
    top = [y for y, s in scores.items() if s == best]
    # nearest to a written year; a tie goes to the later year (articles look back at older dates)
    return min(top, key=lambda y: (min(abs(y - w) for w in years), -y)) if years else None


def weekdays_from_dates(items: list[FoundTime]) -> None:
    """Without a day to count from, a bare weekday takes a nearby date that falls on it: the
    same reading that pinned the year ("planned for Wednesday" … "starting May 25")."""
    dated = [(i.sentence, date.fromisoformat(i.value)) for i in items
             if i.value and len(i.value) == 10 and i.match.parse.kind == "md"]
    for item in items:
        p = item.match.parse
        if p.kind != "weekday" or item.value is not None or p.rel == -1 or "anaphoric" in p.flags:
            continue
        near = [(abs(s - item.sentence), d) for s, d in dated
                if abs(s - item.sentence) <= PIN_SENTENCES and d.weekday() == p.weekday]
        if near:
            item.value = cal.iso_day(min(near)[1])
