"""Event dates across a long narrative: where each date came from and how precise it is. Our own
multi-paragraph passages, as a feature article written on 2018-11-16 that goes back years."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from thucydides.models import Event, Plover, Span
from thucydides.times import TimeResolver

PUBLISHED = date(2018, 11, 16)

FEATURE = (
    "The camp above the river is quiet this week, and aid workers say the snow will come early.\n\n"
    "On 3 March 2013, government forces shelled the market in the old town. Ten days earlier, "
    "rebels had seized the police station. The army sealed the district and detained the traders.\n\n"
    "On 29 August, militias ambushed a convoy near the bridge.\n\n"
    "Six months later, the rebels signed a truce with the army.\n\n"
    "Amal, a teacher, now lives in the camp. She had been persecuted before the war, and police "
    "arrested her brother years earlier.\n\n"
    "On Tuesday, the foreign minister condemned new attacks on the camp. Soldiers fired on "
    "protesters outside the governor's office."
)


@pytest.fixture(scope="module")
def resolver() -> TimeResolver:
    return TimeResolver()


def _event(doc: Doc, word: str, nth: int = 0) -> Event:
    tok = [t for t in doc if t.text == word][nth]
    sentence = next(i for i, s in enumerate(doc.sents) if s.start <= tok.i < s.end)
    return Event(id=f"e-{word}", sentence_index=sentence, trigger=Span(tok.text, tok.idx, tok.idx + len(tok)),
                 source=None, target=None, cameo="190", quad_class=4, goldstein=-10.0,
                 plover=Plover("ASSAULT"))


def _dated(nlp: Language, resolver: TimeResolver, text: str, words: list[str],
           pub: date | None = PUBLISHED) -> dict[str, Event]:
    doc = nlp(text)
    events = {w: _event(doc, w) for w in words}
    resolver.attach(list(events.values()), resolver.find(doc, pub), doc, pub)
    return events


@pytest.fixture(scope="module")
def feature(nlp: Language, resolver: TimeResolver) -> dict[str, Event]:
    words = ["shelled", "seized", "sealed", "detained", "ambushed", "signed", "persecuted", "arrested",
             "condemned", "fired"]
    return _dated(nlp, resolver, FEATURE, words)


def _when(event: Event) -> tuple[str | None, str | None, str | None]:
    return event.date, event.date_source, event.date_precision


def test_an_explicit_date_dates_its_clause(feature: dict[str, Event]) -> None:
    assert _when(feature["shelled"]) == ("2013-03-03", "explicit", "day")


def test_ten_days_earlier_counts_from_the_passage(feature: dict[str, Event]) -> None:
    assert _when(feature["seized"]) == ("2013-02-21", "relative-to-narrative", "day")


def test_an_event_without_a_time_takes_its_passage_time(feature: dict[str, Event]) -> None:
    for word in ("sealed", "detained"):
        assert _when(feature[word])[:2] == ("2013-02-21", "relative-to-narrative")
        assert feature[word].why["date"] == "passage"


def test_a_bare_day_in_the_passage_takes_its_year(feature: dict[str, Event]) -> None:
    assert _when(feature["ambushed"]) == ("2013-08-29", "relative-to-narrative", "day")


def test_months_later_never_lands_after_publication(feature: dict[str, Event]) -> None:
    signed = feature["signed"]
    assert signed.date_source == "relative-to-narrative"
    assert signed.date is not None and signed.date < PUBLISHED.isoformat()


def test_background_stays_undated_and_says_so(feature: dict[str, Event]) -> None:
    assert _when(feature["persecuted"]) == (None, "none", "past")
    assert _when(feature["arrested"]) == (None, "none", "past")
    assert feature["arrested"].why["date"] == "background: years earlier"


def test_news_of_now_counts_from_publication(feature: dict[str, Event]) -> None:
    assert _when(feature["condemned"]) == ("2018-11-13", "relative-to-publication", "day")
    # a time near now ends the 2013 passage: an untimed event is news of the publication day
    assert _when(feature["fired"]) == ("2018-11-16", "publication-fallback", "day")


def test_past_perfect_is_background_unless_reported(nlp: Language, resolver: TimeResolver) -> None:
    text = ("Rebels control the northern road.\n\n"
            "The militia had shelled the airport, and the governor said the rebels had stormed the depot.")
    got = _dated(nlp, resolver, text, ["shelled", "stormed"])
    assert _when(got["shelled"]) == (None, "none", "past")
    assert _when(got["stormed"]) == ("2018-11-16", "publication-fallback", "day")


def test_before_a_year_is_not_in_that_year(nlp: Language, resolver: TimeResolver) -> None:
    got = _dated(nlp, resolver, "Her family was persecuted before 2015 in the capital.", ["persecuted"])
    assert _when(got["persecuted"]) == (None, "none", "past")
    assert got["persecuted"].why["date"] == "before 2015"


def test_a_passage_back_at_now_is_not_carried(nlp: Language, resolver: TimeResolver) -> None:
    text = ("In 2009, rebels seized the port.\n\n"
            "Police arrested four smugglers on Monday. They charged the men.")
    got = _dated(nlp, resolver, text, ["seized", "arrested", "charged"])
    assert _when(got["seized"]) == ("2009", "explicit", "year")
    assert _when(got["arrested"]) == ("2018-11-12", "relative-to-publication", "day")
    assert _when(got["charged"]) == ("2018-11-16", "publication-fallback", "day")


def test_a_past_passage_carries_only_in_its_paragraph(nlp: Language, resolver: TimeResolver) -> None:
    text = ("In 2009, rebels seized the port. They burned the customs house.\n\n"
            "Officials say the port reopened. Police arrested four smugglers.\n\n"
            "Soldiers fired on protesters.")
    got = _dated(nlp, resolver, text, ["burned", "fired"])
    assert _when(got["burned"]) == ("2009", "relative-to-narrative", "year")
    assert _when(got["fired"]) == ("2018-11-16", "publication-fallback", "day")


def test_a_plan_may_lie_after_publication_but_a_deed_may_not(nlp: Language, resolver: TimeResolver) -> None:
    text = "The rebels will attack the port on 3 December. Police arrested the men six months later."
    got = _dated(nlp, resolver, text, ["attack", "arrested"])
    assert _when(got["attack"]) == ("2018-12-03", "relative-to-publication", "day")
    assert got["arrested"].date is None or got["arrested"].date <= PUBLISHED.isoformat()


def test_without_publication_date_an_untimed_event_is_unknown(nlp: Language, resolver: TimeResolver) -> None:
    got = _dated(nlp, resolver, "Rebels shelled the airport.", ["shelled"], pub=None)
    assert _when(got["shelled"]) == (None, "none", "unknown")


def test_a_side_event_takes_its_main_clause_date(nlp: Language, resolver: TimeResolver) -> None:
    text = ("The market has reopened.\n\n"
            "In March 2013, government forces shelled the old town. Soldiers stormed the market, "
            "killing four traders.\n\n"
            "Rebels had attacked a checkpoint near the bridge, wounding three soldiers.")
    got = _dated(nlp, resolver, text, ["stormed", "killing", "attacked", "wounding"])
    # a participle has no tense of its own: it happens when its main clause does
    assert _when(got["stormed"]) == ("2013-03", "relative-to-narrative", "month")
    assert _when(got["killing"]) == ("2013-03", "relative-to-narrative", "month")
    assert got["killing"].why["date"] == "main clause: passage"
    # … and is background with it, not news of the publication day
    assert _when(got["attacked"]) == (None, "none", "past")
    assert _when(got["wounding"]) == (None, "none", "past")


def test_a_side_event_with_a_time_of_its_own_keeps_it(nlp: Language, resolver: TimeResolver) -> None:
    text = "Troops raided the camp on Monday and arrested twelve suspects on Wednesday."
    got = _dated(nlp, resolver, text, ["raided", "arrested"])
    assert _when(got["raided"])[0] == "2018-11-12"
    assert _when(got["arrested"])[0] == "2018-11-14"


def test_a_year_that_names_the_object_does_not_date_the_act(nlp: Language, resolver: TimeResolver) -> None:
    events = _dated(nlp, resolver, "The new government withdrew from the 1999 border treaty.", ["withdrew"])
    assert events["withdrew"].date != "1999"
    # the subject's year still dates what the subject did
    events = _dated(nlp, resolver, "The 2004 offensive destroyed the old town.", ["destroyed"])
    assert events["destroyed"].date == "2004"
