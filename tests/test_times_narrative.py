"""Times across a long narrative: relative expressions count from the time a passage has set, not
from the publication date, once the text has left "now". Our own passages, in the shape of a long
feature article written on 2018-11-16 that goes back to 2013."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from thucydides.models import TimeExpr
from thucydides.times import TimeResolver
from thucydides.times.narrative import away_from, paragraph_starts, value_bounds

PUBLISHED = date(2018, 11, 16)

FEATURE = (
    "The valley waits for the winter\n\n"
    "The camp above the river is quiet this week. Aid workers say the snow will come early.\n\n"
    "On 3 March 2013, government forces shelled the market in the old town. Ten days earlier, "
    "rebels had seized the police station, and the next day the army sealed the district.\n\n"
    "On 29 August, militias ambushed a convoy near the bridge. Air strikes last week had killed "
    "dozens, the governor said at the time.\n\n"
    "Six months later, the rebels signed a truce with the army.\n\n"
    "On Tuesday, the foreign minister condemned new attacks on the camp."
)


@pytest.fixture(scope="module")
def resolver() -> TimeResolver:
    return TimeResolver()


@pytest.fixture(scope="module")
def feature_times(nlp: Language, resolver: TimeResolver) -> dict[str, TimeExpr]:
    return {t.text: t for t in resolver.find(nlp(FEATURE), PUBLISHED)}


def _values(nlp: Language, resolver: TimeResolver, text: str,
            pub: date | None = PUBLISHED) -> dict[str, str | None]:
    return {t.text: t.value for t in resolver.find(nlp(text), pub)}


def test_ten_days_earlier_counts_from_the_passage(feature_times: dict[str, TimeExpr]) -> None:
    earlier = feature_times["Ten days earlier"]
    assert (earlier.value, earlier.value_source) == ("2013-02-21", "narrative")
    assert feature_times["the next day"].value == "2013-02-22"


def test_a_month_and_day_take_the_passage_year(feature_times: dict[str, TimeExpr]) -> None:
    assert feature_times["29 August"].value == "2013-08-29"


def test_last_week_in_the_past_perfect_counts_from_the_passage(feature_times: dict[str, TimeExpr]) -> None:
    last_week = feature_times["last week"]
    assert (last_week.value, last_week.value_source) == ("2013-08", "narrative")


def test_months_later_stays_before_publication(feature_times: dict[str, TimeExpr]) -> None:
    later = feature_times["Six months later"]
    assert later.value is not None and later.value < PUBLISHED.isoformat()
    assert later.value.startswith(("2013", "2014"))


def test_times_of_now_still_count_from_publication(feature_times: dict[str, TimeExpr]) -> None:
    assert feature_times["this week"].value == "2018-11"
    tuesday = feature_times["Tuesday"]
    assert (tuesday.value, tuesday.value_source) == ("2018-11-13", "publication")
    assert feature_times["3 March 2013"].value_source == "explicit"


def test_without_a_past_passage_earlier_counts_from_now(nlp: Language, resolver: TimeResolver) -> None:
    got = _values(nlp, resolver, "The envoy met rebel leaders ten days earlier, his office said.")
    assert got["ten days earlier"] == "2018-11-06"


def test_earlier_counts_from_a_recent_day_the_text_sets(nlp: Language, resolver: TimeResolver) -> None:
    got = _values(nlp, resolver, "The minister resigned on Tuesday. Two days earlier, he had met the rebels.")
    assert got["Two days earlier"] == "2018-11-11"


def test_a_year_too_coarse_for_months_leaves_the_value_open(nlp: Language, resolver: TimeResolver) -> None:
    text = "In 2013, the rebels took the border town.\n\nSix months later, the army retook it."
    got = _values(nlp, resolver, text)
    assert got["2013"] == "2013"
    assert got["Six months later"] is None  # 2013 or 2014: the text does not say; never 2019


def test_a_day_or_two_from_a_coarse_passage_keeps_its_year(nlp: Language, resolver: TimeResolver) -> None:
    text = "In 2013, the rebels took the border town. Two days earlier, the garrison had fled."
    assert _values(nlp, resolver, text)["Two days earlier"] == "2013"


def test_a_side_remark_does_not_set_the_scene(nlp: Language, resolver: TimeResolver) -> None:
    # "since 2011" bounds the closing; it is no time the paragraph is told at
    text = ("The market, which has been closed since 2011, reopened on Monday.\n\n"
            "Police said on 2 November that thieves had broken in.")
    got = _values(nlp, resolver, text)
    assert got["2 November"] == "2018-11-02"


def test_that_week_and_a_year_before_count_from_the_passage(nlp: Language, resolver: TimeResolver) -> None:
    text = ("The border crossing is busy this week.\n\n"
            "On 14 May 2014, a car bomb hit the crossing. That week, the army closed the road, and "
            "the following week it reopened it.\n\n"
            "A year before, the rebels had held the hills above the town.")
    got = _values(nlp, resolver, text)
    assert got["this week"] == "2018-11"  # now, before the story leaves it
    # the calendar week of 14 May 2014 (Monday 12 May), as the month that holds it, not the
    # publication week
    assert got["That week"] == "2014-05"
    assert got["the following week"] == "2014-05"
    assert got["A year before"] == "2013"


def test_that_week_of_a_passage_at_month_end_is_its_week_s_month(nlp: Language,
                                                                  resolver: TimeResolver) -> None:
    # Sunday 3 March 2013 lies in the week of Monday 25 February, which is mostly February
    text = "On 3 March 2013, the army shelled the market.\n\nThat week, the rebels seized the police station."
    assert _values(nlp, resolver, text)["That week"] == "2013-02"


def test_until_with_the_past_perfect_is_no_look_back(nlp: Language, resolver: TimeResolver) -> None:
    text = "In 2013, the rebels took the town. Until Thursday they had not returned."
    assert _values(nlp, resolver, text)["Thursday"] == "2018-11-15"


def test_passage_helpers() -> None:
    assert paragraph_starts("One.\n\nTwo.\nThree.") == [0, 6, 11]
    assert value_bounds("2013-02") == (date(2013, 2, 1), date(2013, 2, 28))
    assert value_bounds("not a date") is None
    assert away_from("2013", PUBLISHED) and not away_from("2018-11", PUBLISHED)
    assert away_from("2019-03-01", PUBLISHED) and away_from("2013", None)


def test_a_weekday_in_the_past_perfect_is_the_last_one(nlp: Language, resolver: TimeResolver) -> None:
    # published on a Friday: the proposal came before the resignation, not next week
    text = ("The interior minister resigned on Friday. He had proposed a curfew on Thursday, but the "
            "cabinet rejected it.")
    assert _values(nlp, resolver, text)["Thursday"] == "2018-11-15"
    # a verb of planning in the past perfect looks back too
    text = "The dock workers' union had scheduled a strike on Monday, but it called the strike off."
    assert _values(nlp, resolver, text)["Monday"] == "2018-11-12"


def test_a_weekday_in_the_past_perfect_counts_back_from_the_passage(nlp: Language,
                                                                    resolver: TimeResolver) -> None:
    # Tuesday 3 May 2016: the Thursday before it, not the one after
    text = ("On 3 May 2016, the interior minister resigned. He had proposed a curfew on Thursday, "
            "but the cabinet rejected it.")
    assert _values(nlp, resolver, text)["Thursday"] == "2016-04-28"


def test_the_next_day_after_a_flashback_counts_from_the_line_it_left(nlp: Language,
                                                                     resolver: TimeResolver) -> None:
    text = ("The ferry port reopened this week.\n\n"
            "On 9 October 2015, the coast guard seized a fishing boat off the cape. A year before, the "
            "same crew had smuggled rifles across the strait.\n\n"
            "The next day, fishermen blocked the harbour in protest.")
    got = _values(nlp, resolver, text)
    assert got["A year before"] == "2014"
    assert got["The next day"] == "2015-10-10"  # the day after the seizure, not "2014"
    text = ("On 9 October 2015, the coast guard seized a fishing boat. Three weeks earlier, the crew had "
            "smuggled rifles across the strait. The following week, a court freed the crew.")
    assert _values(nlp, resolver, text)["The following week"] == "2015-10"


def test_a_flashback_goes_on_in_its_own_tense(nlp: Language, resolver: TimeResolver) -> None:
    # told on in the past perfect, or in the simple past with no flashback, "the next day" follows
    # the look back
    for smuggled, sold in (("had smuggled", "had sold"), ("smuggled", "sold")):
        text = (f"On 9 October 2015, the coast guard seized a fishing boat. Three weeks earlier, the crew "
                f"{smuggled} rifles across the strait. The next day they {sold} them in the market.")
        assert _values(nlp, resolver, text)["The next day"] == "2015-09-19"
