"""Property tests (hypothesis) for the time grammar, the calendar and the resolver."""

from __future__ import annotations

import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from thucydides.times import TimeResolver
from thucydides.times import calendar as cal
from thucydides.times.grammar import find_matches

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

dates = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
anchors = st.dates(min_value=date(1950, 1, 1), max_value=date(2050, 12, 31))
styles = st.sampled_from(["{M} {d}, {y}", "{A} {d}, {y}", "{d} {M} {y}", "{y}-{mm}-{dd}"])


def _write(d: date, style: str) -> str:
    return style.format(M=MONTHS[d.month - 1], A=ABBR[d.month - 1], d=d.day, y=d.year,
                        mm=f"{d.month:02d}", dd=f"{d.day:02d}")


@given(dates, styles)
def test_explicit_dates_round_trip_in_the_grammar(d: date, style: str) -> None:
    written = _write(d, style)
    text = f"Officials said the accord was signed on {written} in the capital."
    found = find_matches(text)
    assert len(found) == 1
    m = found[0]
    assert text[m.start:m.end] == written
    assert (m.parse.kind, m.parse.year, m.parse.month, m.parse.day) == ("abs", d.year, d.month, d.day)


@given(st.text(max_size=300))
def test_grammar_never_crashes_and_spans_are_sane(text: str) -> None:
    found = find_matches(text)
    last_end = 0
    for m in found:
        assert 0 <= m.start < m.end <= len(text)
        assert m.start >= last_end  # sorted, no overlaps
        last_end = m.end


@given(anchors, st.integers(0, 6), st.sampled_from([-1, 0, 1]), st.booleans())
def test_weekday_date_lands_on_the_weekday_within_a_week(anchor: date, wd: int, direction: int,
                                                         strict: bool) -> None:
    d = cal.weekday_date(anchor, wd, direction, strict=strict)
    assert d.weekday() == wd
    gap = (d - anchor).days
    if direction > 0:
        assert (1 if strict else 0) <= gap <= 7
    else:
        assert -7 <= gap <= (-1 if strict else 0)


@given(anchors, st.integers(1, 12), st.integers(1, 28), st.sampled_from([-1, 0, 1]))
def test_month_day_year_is_a_neighbour_and_respects_direction(anchor: date, month: int, day: int,
                                                               direction: int) -> None:
    y = cal.month_day_year(anchor, month, day, direction)
    assert y is not None and abs(y - anchor.year) <= 1
    d = date(y, month, day)
    if abs((d - anchor).days) >= 60 and direction < 0:
        assert d <= anchor
    if abs((d - anchor).days) >= 60 and direction > 0:
        assert d >= anchor


@given(anchors, st.integers(-3, 3), st.sampled_from(["day", "week", "weekend", "month", "year", "decade"]))
def test_unit_values_are_iso(anchor: date, n: int, unit: str) -> None:
    value = cal.unit_value(anchor, n, unit)
    assert value is not None and ISO.match(value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200), st.one_of(st.none(), anchors))
def test_resolver_never_crashes(nlp: Language, text: str, pub: date | None) -> None:
    resolver = TimeResolver()
    for t in resolver.find(nlp(text), pub):
        assert text[t.start:t.end] == t.text
        assert t.value is None or ISO.match(t.value)
        assert t.end_value is None or ISO.match(t.end_value)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dates, styles, st.one_of(st.none(), anchors))
def test_resolver_round_trips_explicit_dates(nlp: Language, d: date, style: str, pub: date | None) -> None:
    written = _write(d, style)
    times = TimeResolver().find(nlp(f"The treaty was signed on {written}, officials said."), pub)
    assert [(t.text, t.value) for t in times] == [(written, d.isoformat())]
