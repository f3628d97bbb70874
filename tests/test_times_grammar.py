"""The time grammar and calendar arithmetic, without spaCy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from thucydides.times import calendar as cal
from thucydides.times.grammar import iter_parses
from thucydides.times.lexicon import LEXICON_PATH, LexiconError, load_lexicon, parse_lexicon


def _parses(text: str) -> dict[str, tuple]:
    return {t: (p.kind, p.year, p.month, p.day, p.weekday, p.n, p.unit, p.rel) for t, p in iter_parses(text)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Nov. 12, 2015", ("abs", 2015, 11, 12)),
    ("12 November 2015", ("abs", 2015, 11, 12)),
    ("2015-11-12", ("abs", 2015, 11, 12)),
    ("11/12/2015", ("abs", 2015, 11, 12)),
    ("February 1947", ("abs", 1947, 2, None)),
    ("Sept 3", ("md", None, 9, 3)),
    ("March eighth", ("md", None, 3, 8)),
])
def test_explicit_dates(text: str, expected: tuple) -> None:
    got = _parses(f"It happened on {text} in the city.")
    assert got[text][:4] == expected


def test_extents_keep_modifiers_and_drop_prepositions() -> None:
    got = _parses("The truce began in late February, and in mid-April the talks resumed earlier Friday.")
    assert "late February" in got and "mid-April" in got and "earlier Friday" in got


def test_weekday_with_date_keeps_both() -> None:
    got = _parses("Talks are set for Wednesday, June 1 in Geneva.")
    assert got["Wednesday, June 1"][:5] == ("md", None, 6, 1, 2)


def test_relative_expressions() -> None:
    got = _parses("Prices rose last week, two days ago, last year, this month and early next year.")
    assert got["last week"][0] == "unit" and got["last week"][5:7] == (-1, "week")
    assert got["two days ago"][0] == "ago" and got["two days ago"][5:7] == (-2, "day")
    assert got["last year"][5:7] == (-1, "year")
    assert got["this month"][5:7] == (0, "month")
    assert got["early next year"][5:7] == (1, "year")


def test_ranges_and_decades() -> None:
    got = _parses("Talks ran between May 3 and 5 and the war lasted from 2010 to 2012, as in the 1990s.")
    assert got["between May 3 and 5"][0] == "range"
    assert got["from 2010 to 2012"][0] == "range"
    assert got["the 1990s"][:2] == ("decade", 1990)


def test_money_and_percent_are_not_years() -> None:
    got = _parses("The firm paid $1998 and 2015% more, with 1,998 staff and 3.2015 units.")
    assert not any(kind == "abs" for kind, *_ in got.values()), got


def test_lower_case_modal_is_not_a_month() -> None:
    assert _parses("Officials may 5 times reconsider.") == {}


def test_spelled_out_year() -> None:
    got = _parses("That was in nineteen ninety-seven, not two thousand and one.")
    assert got["nineteen ninety-seven"][:2] == ("abs", 1997)
    assert got["two thousand and one"][:2] == ("abs", 2001)


def test_weekday_arithmetic() -> None:
    friday = date(2016, 5, 20)
    assert cal.weekday_date(friday, 4, -1) == friday
    assert cal.weekday_date(friday, 2, +1) == date(2016, 5, 25)
    assert cal.weekday_date(friday, 2, -1) == date(2016, 5, 18)
    assert cal.weekday_date(friday, 4, -1, strict=True) == date(2016, 5, 13)


def test_month_and_day_years() -> None:
    anchor = date(1989, 10, 26)
    assert cal.month_day_year(anchor, 2, 1, 0) == 1990      # nearest: next February
    assert cal.month_day_year(anchor, 2, 1, -1) == 1989     # told it lies behind
    assert cal.month_day_year(anchor, 11, 16, -1) == 1989   # three weeks off: nearest wins
    assert cal.month_year(date(1998, 2, 6), 12, -1) == 1997
    assert cal.month_year(date(1998, 3, 4), 12, +1) == 1998


def test_weeks_take_the_month_holding_most_days() -> None:
    assert cal.unit_value(date(1998, 10, 25), -1, "week") == "1998-10"
    assert cal.unit_value(date(1998, 12, 5), 0, "week") == "1998-12"   # Nov 30 - Dec 6


def test_seasons() -> None:
    may = date(2016, 5, 20)
    summer, winter = (6, 8), (12, 2)
    assert cal.season_year(may, summer, -1) == 2015
    assert cal.season_year(may, summer, 0) == 2016
    assert cal.season_year(may, winter, -1) == 2015
    assert cal.season_months(winter, 2015) == ("2015-12", "2016-02")


def test_holidays() -> None:
    assert cal.holiday_date("nth:3:4:11", 1999) == date(1999, 11, 25)   # Thanksgiving
    assert cal.holiday_date("easter", 2016) == date(2016, 3, 27)
    assert cal.holiday_date("election", 2016) == date(2016, 11, 8)


def test_pin_year() -> None:
    assert 2016 in cal.pin_year(5, 25, 2)
    assert 2015 not in cal.pin_year(5, 25, 2)


def test_lexicon_loads() -> None:
    lex = load_lexicon()
    assert lex.months["sept"] == 9 and lex.weekdays["friday"] == 4


def test_lexicon_errors_name_file_and_line(tmp_path: Path) -> None:
    text = LEXICON_PATH.read_text(encoding="utf-8")
    broken = text.replace("  12: [december, dec]", "  13: [december, dec]")
    with pytest.raises(LexiconError, match=r"time_lexicon.yaml:\d+: months"):
        parse_lexicon(broken, Path("time_lexicon.yaml"))
    with pytest.raises(LexiconError, match="missing section 'holidays'"):
        parse_lexicon(text.replace("holidays:", "holidayz:"), Path("x.yaml"))
    with pytest.raises(LexiconError, match=r"x.yaml:\d+: holiday 'halloween'"):
        parse_lexicon(text.replace('"halloween": "10-31"', '"halloween": "October"'), Path("x.yaml"))


@pytest.mark.parametrize(("text", "expression", "expected"), [
    # a relative phrase wins over its first word: "this past" looks back, "this" alone does not
    ("The board met this past Monday to vote.", "this past Monday", ("weekday", -1)),
    ("The board meets this coming Monday to vote.", "this coming Monday", ("weekday", 1)),
    ("The board meets this Monday to vote.", "this Monday", ("weekday", 0)),
    ("Prices rose the previous week in the capital.", "the previous week", ("anaphor", None)),
    ("Exports fell this past year across the region.", "this past year", ("unit", None)),
])
def test_relative_words_from_the_word_lists(text: str, expression: str, expected: tuple) -> None:
    got = _parses(text)
    kind, rel = expected
    assert got[expression][0] == kind
    if kind == "weekday":
        assert got[expression][7] == rel


def test_approximators_and_the_unit_stop_words() -> None:
    got = _parses("The dam broke nearly two years ago. Officials counted the year in which it happened.")
    assert got["nearly two years ago"][:1] == ("ago",) and got["nearly two years ago"][5] == -2
    assert not any(t.startswith("the year") for t in got)  # "the year in which": not this year
    assert _parses("Growth slowed in the year, the bank said.")["the year"][:1] == ("unit",)
