"""Time expressions resolved against a publication date, and event dates, on our own sentences.

The story below follows the shape of the reference article (a Friday 2016-05-20 wire report:
a rejection said Friday, a proposal made earlier Friday for joint action planned for Wednesday,
starting May 25, a truce from late February, a withdrawal in March, a photo dated Nov. 12, 2015).
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from thucydides.models import Event, Plover, Span, TimeExpr
from thucydides.times import TimeResolver

FRIDAY = date(2016, 5, 20)

STORY = (
    "Ministry rebuffs offer of joint patrols\n\n"
    "BRUSSELS, The alliance turned down the proposal on Friday.\n\n"
    "Navy frigates leave the harbour after a drill Nov. 12, 2015, at Souda Bay, Greece.\n\n"
    'A ministry spokeswoman said Friday, "We do not plan any joint patrols."\n\n'
    "Earlier Friday, the defence minister proposed joint patrols planned for Wednesday near the strait. "
    '"We propose to start on May 25, joint patrols of both navies," the minister said Friday.\n\n'
    "A fragile truce, which began in late February, is barely holding.\n\n"
    "In March, the president began withdrawing ships from the region."
)


@pytest.fixture(scope="module")
def resolver() -> TimeResolver:
    return TimeResolver()


@pytest.fixture(scope="module")
def story(nlp: Language) -> Doc:
    return nlp(STORY)


def _values(times: list[TimeExpr]) -> dict[str, list[str | None]]:
    out: dict[str, list[str | None]] = {}
    for t in times:
        out.setdefault(t.text, []).append(t.value)
    return out


def _times(nlp: Language, resolver: TimeResolver, text: str, pub: date | None = FRIDAY) -> dict[str, list]:
    return _values(resolver.find(nlp(text), pub))


def test_story_against_publication_date(story: Doc, resolver: TimeResolver) -> None:
    got = _values(resolver.find(story, FRIDAY))
    assert set(got["Friday"]) == {"2016-05-20"}
    assert got["Earlier Friday"] == ["2016-05-20"]
    assert got["Wednesday"] == ["2016-05-25"]          # planned: looks ahead
    assert got["May 25"] == ["2016-05-25"]
    assert got["late February"] == ["2016-02"]
    assert got["March"] == ["2016-03"]                  # "In March": the preposition stays out
    assert got["Nov. 12, 2015"] == ["2015-11-12"]


def test_story_without_publication_date_pins_the_year(story: Doc, resolver: TimeResolver) -> None:
    got = _values(resolver.find(story, None))
    # May 25 fell on a Wednesday in 2016 (and 2011, 2022 …); the written 2015 picks 2016
    assert got["May 25"] == ["2016-05-25"]
    assert got["late February"] == ["2016-02"]
    assert got["Nov. 12, 2015"] == ["2015-11-12"]
    assert got["Friday"] == [None, None, None]          # no day to count from: left open
    assert got["Wednesday"] == ["2016-05-25"]           # the nearby date that falls on a Wednesday


def test_adjacent_weekday_and_date_pin_the_year(nlp: Language, resolver: TimeResolver) -> None:
    got = _times(nlp, resolver, "Elections were held in 2011. A new vote is due Wednesday, May 25.", None)
    assert got["Wednesday, May 25"] == ["2011-05-25"]


def test_no_year_anywhere_leaves_months_open(nlp: Language, resolver: TimeResolver) -> None:
    got = _times(nlp, resolver, "The rebels withdrew in March and returned on Friday.", None)
    assert got == {"March": [None], "Friday": [None]}


@pytest.mark.parametrize(("sentence", "text", "value"), [
    ("The talks resumed yesterday.", "yesterday", "2016-05-19"),
    ("The summit opens tomorrow.", "tomorrow", "2016-05-21"),
    ("Troops crossed the border two days ago.", "two days ago", "2016-05-18"),
    ("Prices fell last week.", "last week", "2016-05"),
    ("Exports rose last year.", "last year", "2015"),
    ("The deal was signed earlier this month.", "earlier this month", "2016-05"),
    ("The army attacked the town on Wednesday.", "Wednesday", "2016-05-18"),
    ("The ministers will meet on Tuesday.", "Tuesday", "2016-05-24"),
    ("The vote is scheduled for Monday.", "Monday", "2016-05-23"),
    ("The court hears the case next Friday.", "next Friday", "2016-05-27"),
    ("He was arrested last Friday.", "last Friday", "2016-05-13"),
    ("The embassy closed in December.", "December", "2015-12"),
    ("A new round of talks will open in December.", "December", "2016-12"),
    ("The strike ended in mid-April.", "mid-April", "2016-04"),
    ("The fighting began on 12 November 2015.", "12 November 2015", "2015-11-12"),
    ("The accord dates from 1998.", "1998", "1998"),
    ("The deadline was extended to June 2.", "June 2", "2016-06-02"),
    ("Relief arrived on Christmas Day.", "Christmas Day", "2015-12-25"),
    ("Officials announced exercisesplanned for Thursday.", "Thursday", "2016-05-26"),  # a lost space
    ("Turkish forces have shelled the area since December.", "December", "2015-12"),  # present perfect
    ("Two reporters have been held since September, officials said.", "September", "2015-09"),
    # no comma after the date: the model may read the day as a count
    ("On 5 May Israeli jets struck a depot near the border.", "5 May", "2016-05-05"),
])
def test_single_expressions(nlp: Language, resolver: TimeResolver, sentence: str, text: str,
                            value: str) -> None:
    got = _times(nlp, resolver, sentence)
    assert got.get(text) == [value], got


def test_seasons_and_decades_are_ranges(nlp: Language, resolver: TimeResolver) -> None:
    times = resolver.find(nlp("The offensive of last summer recalled the wars of the 1990s."), FRIDAY)
    by_text = {t.text: t for t in times}
    summer = by_text["last summer"]
    assert (summer.kind, summer.value, summer.end_value) == ("range", "2015-06", "2015-08")
    decade = by_text["the 1990s"]
    assert (decade.kind, decade.value, decade.end_value) == ("range", "1990", "1999")


def test_ranges(nlp: Language, resolver: TimeResolver) -> None:
    doc = nlp("Talks were held between May 3 and 5. The war lasted from 2010 to 2012.")
    times = resolver.find(doc, FRIDAY)
    got = {t.text: (t.kind, t.value, t.end_value) for t in times}
    assert got["between May 3 and 5"] == ("range", "2016-05-03", "2016-05-05")
    assert got["from 2010 to 2012"] == ("range", "2010", "2012")


def test_dateline(nlp: Language, resolver: TimeResolver) -> None:
    times = resolver.find(nlp("GENEVA, May 20 (Wire) - Envoys met on Friday."), FRIDAY)
    assert (times[0].text, times[0].kind, times[0].value) == ("May 20", "dateline", "2016-05-20")


def test_dateline_anchors_an_undated_story(nlp: Language, resolver: TimeResolver) -> None:
    times = resolver.find(nlp("GENEVA, May 20, 2016 (Wire) - Envoys met on Wednesday."), None)
    got = {t.text: t.value for t in times}
    assert got["May 20, 2016"] == "2016-05-20" and got["Wednesday"] == "2016-05-18"


def test_amounts_are_not_dates(nlp: Language, resolver: TimeResolver) -> None:
    # news writes counts with a comma ("1,998 workers"); amounts and decimals are no years either
    text = "The index closed at 1998.5, the budget is $2015 million, 1,998 workers left and they may return."
    assert _times(nlp, resolver, text) == {}


def test_anaphora_count_from_the_last_date(nlp: Language, resolver: TimeResolver) -> None:
    got = _times(nlp, resolver, "The siege began on March 3, 2014. The next day, the city fell.")
    assert got["The next day"] == ["2014-03-04"]


# --- event dates ---------------------------------------------------------------------------------

def _event(doc: Doc, word: str, nth: int = 0) -> Event:
    starts = [t for t in doc if t.text == word]
    tok = starts[nth]
    sentence = next(i for i, s in enumerate(doc.sents) if s.start <= tok.i < s.end)
    return Event(id=f"e-{word}", sentence_index=sentence, trigger=Span(tok.text, tok.idx, tok.idx + len(tok)),
                 source=None, target=None, cameo="010", quad_class=1, goldstein=0.0, plover=Plover(None))


def test_event_dates(story: Doc, resolver: TimeResolver) -> None:
    times = resolver.find(story, FRIDAY)
    proposed = _event(story, "proposed")
    patrols = _event(story, "patrols", 2)      # "joint patrols planned for Wednesday"
    withdrawing = _event(story, "withdrawing")
    began = _event(story, "began")
    plan = _event(story, "plan")               # inside the quote of "said Friday"
    events = [proposed, patrols, withdrawing, began, plan]
    resolver.attach(events, times, story, FRIDAY)
    by_publication = "relative-to-publication"
    assert (proposed.date, proposed.date_source) == ("2016-05-20", by_publication)
    assert (patrols.date, patrols.date_source) == ("2016-05-25", by_publication)
    assert proposed.why["date"] == patrols.why["date"] == "clause"
    assert (withdrawing.date, withdrawing.date_precision) == ("2016-03", "month")
    assert (began.date, began.why["date"]) == ("2016-02", "clause")
    assert (plan.date, plan.date_source, plan.why["date"]) == ("2016-05-20", by_publication, "sentence")


def test_event_without_time_takes_publication_or_nothing(nlp: Language, resolver: TimeResolver) -> None:
    doc = nlp("Rebels shelled the airport.")
    event = _event(doc, "shelled")
    resolver.attach([event], resolver.find(doc, FRIDAY), doc, FRIDAY)
    assert (event.date, event.date_source) == ("2016-05-20", "publication-fallback")
    assert event.date_precision == "day"
    resolver.attach([event], resolver.find(doc, None), doc, None)
    assert (event.date, event.date_source, event.date_precision) == (None, "none", "unknown")


def test_time_of_a_clause_below_the_event_is_not_its_date(nlp: Language, resolver: TimeResolver) -> None:
    doc = nlp("Police arrested two men who had attacked the consulate on Monday.")
    arrested = _event(doc, "arrested")
    attacked = _event(doc, "attacked")
    resolver.attach([arrested, attacked], resolver.find(doc, FRIDAY), doc, FRIDAY)
    assert (attacked.date, attacked.why["date"]) == ("2016-05-16", "clause")
    assert (arrested.date, arrested.date_source) == ("2016-05-20", "publication-fallback")


def test_time_of_a_governing_clause_is_the_sentence_fallback(nlp: Language, resolver: TimeResolver) -> None:
    doc = nlp("The envoy said on Monday that the rebels had shelled the airport.")
    shelled = _event(doc, "shelled")
    resolver.attach([shelled], resolver.find(doc, FRIDAY), doc, FRIDAY)
    assert (shelled.date, shelled.why["date"]) == ("2016-05-16", "sentence")


def test_token_and_text_triggers_find_the_same(story: Doc, resolver: TimeResolver) -> None:
    from thucydides.times.grammar import find_matches

    by_text = [(m.start, m.end) for m in find_matches(STORY)]
    by_tokens = [(m.start, m.end) for m in find_matches(STORY, resolver._triggers(story, STORY))]
    assert by_text == by_tokens and len(by_text) >= 9


def test_works_on_a_doc_without_parse(resolver: TimeResolver) -> None:
    import spacy

    doc = spacy.blank("en")("The ceasefire began on March 3, 2014, and held until last week.")
    got = {t.text: t.value for t in resolver.find(doc, FRIDAY)}
    assert got == {"March 3, 2014": "2014-03-03", "last week": "2016-05"}
    assert resolver.find(spacy.blank("en")(""), FRIDAY) == []


def test_a_time_in_a_relative_clause_on_another_noun_does_not_date_the_event(nlp: Language) -> None:
    text = "The truce, which took effect in early March, is being violated by both armies."
    doc = nlp(text)
    resolver = TimeResolver()
    pub = date(2019, 6, 14)
    times = resolver.find(doc, pub)
    assert [t.value for t in times] == ["2019-03"]
    start = text.index("violated")
    event = Event(id="e1", sentence_index=0, trigger=Span("violated", start, start + 8), source=None,
                  target=None, cameo="196", quad_class=4, goldstein=-9.5, plover=Plover("ASSAULT"))
    resolver.attach([event], times, doc, pub)
    assert (event.date, event.date_source) == ("2019-06-14", "publication-fallback")
