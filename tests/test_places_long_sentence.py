"""One long sentence with many events, places and times: each event still gets the place and the
time of its own clause, and attaching them costs time in proportion to the sentence, not to the
number of events times the number of places or times. Our own generated sentences."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from thucydides.actors.analysis import ActorAnalysis
from thucydides.models import Event, Place, Plover, Span, TimeExpr
from thucydides.places import PlaceResolver
from thucydides.times import TimeResolver

CITIES = ["Latakia", "Homs", "Idlib", "Raqqa", "Mosul", "Tikrit", "Kirkuk", "Basra", "Najaf", "Hama"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PUBLISHED = date(2024, 5, 1)
TRIGGER = "shelled"


def _sentence(clauses: int) -> str:
    parts = [f"rebels {TRIGGER} a market in {CITIES[k % len(CITIES)]} on {DAYS[k % len(DAYS)]}"
             for k in range(clauses)]
    return "Officials said that " + ", and ".join(parts) + "."


@contextmanager
def _uncut(nlp: Language) -> Iterator[Language]:
    """The pipeline without the cap that cuts a long run of tokens into sentences, so that the
    generated sentence stays one sentence however long it is."""
    with nlp.select_pipes(disable=["cap_sentences"]):
        yield nlp


class _Parsed:
    def __init__(self, nlp: Language, clauses: int):
        with _uncut(nlp) as uncut:
            self.doc: Doc = uncut(_sentence(clauses))
        self.places: list[Place] = PlaceResolver().find(self.doc, ActorAnalysis())
        self.times: list[TimeExpr] = TimeResolver().find(self.doc, PUBLISHED)
        self.events = [Event(f"e{k}", 0, Span(TRIGGER, tok.idx, tok.idx + len(TRIGGER)), None, None, "195", 4,
                             -10.0, Plover("ASSAULT"))
                       for k, tok in enumerate(t for t in self.doc if t.text == TRIGGER)]

    def attach(self) -> float:
        """Seconds of CPU the date and place attachment take, the least of three runs."""
        took = []
        for _ in range(3):
            began = time.process_time()
            TimeResolver().attach(self.events, self.times, self.doc, PUBLISHED)
            PlaceResolver().attach(self.events, self.places, self.doc)
            took.append(time.process_time() - began)
        return min(took)


@pytest.fixture(scope="module")
def short(nlp: Language) -> _Parsed:
    return _Parsed(nlp, 50)


@pytest.fixture(scope="module")
def long(nlp: Language) -> _Parsed:
    return _Parsed(nlp, 400)


def test_the_generated_sentence_is_one_sentence(long: _Parsed) -> None:
    assert len(list(long.doc.sents)) == 1
    assert len(long.events) == 400 and len(long.places) >= 300 and len(long.times) >= 300


def test_each_event_of_a_long_sentence_gets_its_own_clause_s_place(long: _Parsed) -> None:
    long.attach()
    got = [(e.location.text if e.location else None, e.location_source) for e in long.events]
    assert got == [(CITIES[k % len(CITIES)], "clause") for k in range(len(long.events))]


def test_each_event_of_a_long_sentence_gets_its_own_clause_s_day(long: _Parsed) -> None:
    long.attach()
    assert all(e.why.get("date") == "clause" for e in long.events)
    dates_of_day: dict[str, set[str | None]] = {}
    for k, event in enumerate(long.events):
        dates_of_day.setdefault(DAYS[k % len(DAYS)], set()).add(event.date)
    # every Monday of the sentence is the same Monday, and no two weekdays share a date
    assert all(len(dates) == 1 for dates in dates_of_day.values())
    assert len(set().union(*dates_of_day.values())) == len(DAYS)


@pytest.mark.slow
def test_attaching_costs_in_proportion_to_the_sentence(short: _Parsed, long: _Parsed) -> None:
    growth = len(long.events) / len(short.events)
    ratio = long.attach() / max(short.attach(), 1e-4)
    # in proportion: about `growth`; a walk per event and place pair would be about growth squared
    assert ratio < 3 * growth, f"{growth:.0f} times the clauses took {ratio:.1f} times as long"
