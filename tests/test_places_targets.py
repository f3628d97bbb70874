"""A place attacked is its state (issue 14 dyads): "shelled Aleppo" is aimed at Syria, as
annotators code it; a target named by an actor, and peaceful acts, keep what they had."""

from __future__ import annotations

from spacy.language import Language

from thucydides.actors.analysis import ActorAnalysis
from thucydides.models import Event, EventActor, Place, Plover, Span
from thucydides.places import PlaceResolver
from thucydides.places.place_targets import code_place_targets


def _event(doc_text: str, trigger: str, target: str, cameo: str, quad: int, code: str | None = None) -> Event:
    at, t = doc_text.index(trigger), doc_text.index(target)
    return Event("e", 0, Span(trigger, at, at + len(trigger)), None,
                 EventActor(target, t, t + len(target), code, code, None), cameo, quad, -10.0,
                 Plover("ASSAULT"))


def test_a_shelled_town_is_aimed_at_its_state(nlp: Language) -> None:
    text = "Rebels shelled the southern suburbs of Damascus overnight."
    doc = nlp(text)
    places = PlaceResolver().find(doc, ActorAnalysis())
    ev = _event(text, "shelled", "the southern suburbs of Damascus", "194", 4)
    code_place_targets([ev], places)
    assert ev.target is not None and ev.target.code == "SYR" and ev.target.sector is None


def test_cooperation_and_coded_targets_are_left_alone(nlp: Language) -> None:
    text = "Officials praised Aleppo and troops shelled the Kurdish fighters in Aleppo."
    doc = nlp(text)
    places = PlaceResolver().find(doc, ActorAnalysis())
    praise = _event(text, "praised", "Aleppo", "051", 1)
    shelled = _event(text, "shelled", "the Kurdish fighters in Aleppo", "194", 4, code="REB")
    code_place_targets([praise, shelled], places)
    assert praise.target is not None and praise.target.code is None
    assert shelled.target is not None and shelled.target.code == "REB"


def test_a_place_of_two_states_names_neither(nlp: Language) -> None:
    text = "Troops shelled the border between Iraq and Syria."
    doc = nlp(text)
    places = PlaceResolver().find(doc, ActorAnalysis())
    ev = _event(text, "shelled", "the border between Iraq and Syria", "194", 4)
    code_place_targets([ev], places)
    assert ev.target is not None and ev.target.code is None


def test_an_agentless_arrest_at_home_is_the_states_act() -> None:
    from thucydides.places.place_targets import authorities_at_home
    text = "BAKU - Two Azerbaijani reporters were arrested on Monday."
    ev = _event(text, "arrested", "Two Azerbaijani reporters", "173", 4, code="AZEJRN")
    ev.target.country = "AZE"
    ev.location, ev.location_source = Place("BAKU", 0, 4, "Baku", country="AZE", role="dateline"), "dateline"
    abroad = _event(text, "arrested", "Two Azerbaijani reporters", "173", 4, code="AZEJRN")
    abroad.target.country = "AZE"
    abroad.location, abroad.location_source = Place("Dubai", 0, 4, "Dubai", country="ARE"), "clause"
    authorities_at_home([ev, abroad])
    assert ev.source is not None and ev.source.code == "AZECOP"
    assert abroad.source is None  # a reporter arrested abroad is not his own state's act


def test_a_thing_struck_where_the_clause_says_is_in_that_state() -> None:
    text = "An Israeli drone struck a car near Tyre."
    tyre = Place("Tyre", text.index("Tyre"), text.index("Tyre") + 4, country="LBN")
    ev = _event(text, "struck", "a car", "190", 4)
    ev.source = EventActor("An Israeli drone", 0, 16, "ISRMIL", "ISR", "MIL")
    ev.location, ev.location_source = tyre, "clause"
    code_place_targets([ev], [tyre])
    assert ev.target is not None and ev.target.code == "LBN"
    # at home the place says nothing of whose the thing was
    home = _event(text, "struck", "a car", "190", 4)
    home.source = EventActor("An Israeli drone", 0, 16, "LBNMIL", "LBN", "MIL")
    home.location, home.location_source = tyre, "clause"
    code_place_targets([home], [tyre])
    assert home.target is not None and home.target.code is None
