"""Patterns the feature review found missing (issue 14): forces taking ground, terrorist
designations, hostage-taking; each with the doer, the name or the voice that tells it apart."""

from __future__ import annotations

import pytest
from spacy.language import Language

from thucydides.actors import ActorResolver
from thucydides.events import EventCoder
from thucydides.models import Event


def coded(nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> list[Event]:
    doc = nlp(text)
    return [e for e in coder.code(doc, resolver.resolve(doc, None), "t") if e.cameo[:2] >= "03"]


def asserted(events: list[Event]) -> list[Event]:
    return [e for e in events if not e.negated and e.modality == "asserted"]


def text_of(actor: object) -> str:
    return getattr(actor, "text", "") or ""


@pytest.mark.parametrize("text, source", [
    ("Syrian army troops entered Kobani on Tuesday.", "Syrian army troops"),
    ("Hundreds of soldiers entered the border town overnight.", "Hundreds of soldiers"),
    ("The YPG entered Tabqa after a week of fighting.", "The YPG"),
    ("Iraqi forces took control of Sinjar.", "Iraqi forces"),
    ("Jihadist fighters took the village on the river.", "Jihadist fighters"),
    ("Pro-government militias moved into the town.", "Pro-government militias"),
    ("Russian tanks rolled into Kherson.", "Russian tanks"),
])
def test_a_force_entering_or_taking_a_place_occupies_it(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, source: str) -> None:
    events = asserted(coded(nlp, resolver, coder, text))
    assert [e.cameo for e in events] == ["192"], [e.cameo for e in events]
    assert text_of(events[0].source) == source


def test_the_place_taken_control_of_is_the_target(nlp: Language, resolver: ActorResolver,
                                                  coder: EventCoder) -> None:
    events = asserted(coded(nlp, resolver, coder, "Iraqi forces took control of Sinjar."))
    assert text_of(events[0].target) == "Sinjar"


@pytest.mark.parametrize("text", [
    "The rebels entered talks with the government in Astana.",   # talks are no ground
    "The former general entered the race for president.",
    "The prime minister entered the hall to loud applause.",      # no force
    "The governor took control of the party after the vote.",
    "The foreign minister took the stage in Geneva.",
    "The bank moved into the city centre.",
    "Soldiers moved into position near the border.",
])
def test_entering_or_taking_what_is_no_ground_is_no_occupation(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> None:
    assert "192" not in [e.cameo for e in coded(nlp, resolver, coder, text)]


def test_forces_that_did_not_or_could_enter_took_nothing(nlp: Language, resolver: ActorResolver,
                                                         coder: EventCoder) -> None:
    assert not asserted(coded(nlp, resolver, coder, "Turkish troops did not enter Kobani."))
    assert not asserted(coded(nlp, resolver, coder, "Turkish troops could enter Kobani within days."))


@pytest.mark.parametrize("text, source, target", [
    ("Canada designated the Houthis a terrorist organisation.", "Canada", "the Houthis"),
    ("The United States listed Hamas's military wing as a foreign terrorist organization.",
     "The United States", "Hamas's military wing"),
    ("The Taliban were designated a terrorist group.", None, "The Taliban"),
])
def test_designating_a_group_terrorist_sanctions_it(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, source: str | None,
        target: str) -> None:
    events = asserted(coded(nlp, resolver, coder, text))
    assert [e.cameo for e in events] == ["163"], [e.cameo for e in events]
    if source is not None:
        assert text_of(events[0].source) == source
    assert text_of(events[0].target) == target


@pytest.mark.parametrize("text", [
    "Ankara branded the PKK terrorists.",
    "Moscow called the White Helmets terrorists.",
    "Egypt labelled the Muslim Brotherhood a terrorist group.",
])
def test_branding_a_group_terrorists_accuses_it(nlp: Language, resolver: ActorResolver, coder: EventCoder,
                                                text: str) -> None:
    events = asserted(coded(nlp, resolver, coder, text))
    assert [e.cameo for e in events] == ["112"], [e.cameo for e in events]
    assert events[0].target is not None


@pytest.mark.parametrize("text", [
    "The city council designated the square a pedestrian zone.",   # no terrorist label
    "The senator called the plan a disaster.",
    "Washington did not designate the militia a terrorist group.",
])
def test_other_names_and_unmade_designations_are_no_sanction(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str) -> None:
    assert not [e for e in asserted(coded(nlp, resolver, coder, text)) if e.cameo[:2] in ("11", "16")]


@pytest.mark.parametrize("text, code, captor, captive", [
    ("The insurgents took three engineers hostage.", "181", "The insurgents", "engineers"),
    ("Gunmen took them hostage near the border.", "181", "Gunmen", "them"),
    ("Four aid workers were taken captive by the militants.", "181", "the militants", "Four aid workers"),
    ("The navy pilot was taken prisoner by rebels.", "181", "rebels", "The navy pilot"),
    ("The rebels took two policemen prisoner.", "181", "The rebels", "policemen"),
    ("The army took 30 militants prisoner.", "173", "The army", "militants"),
])
def test_taking_people_captive_keeps_the_captor_as_source(
        nlp: Language, resolver: ActorResolver, coder: EventCoder, text: str, code: str, captor: str,
        captive: str) -> None:
    events = asserted(coded(nlp, resolver, coder, text))
    assert [e.cameo for e in events] == [code], [e.cameo for e in events]
    assert text_of(events[0].source) == captor
    assert captive in text_of(events[0].target)


def test_hostages_not_taken_are_negated(nlp: Language, resolver: ActorResolver, coder: EventCoder) -> None:
    events = coded(nlp, resolver, coder, "The gunmen did not take the passengers hostage.")
    assert events and all(e.negated for e in events)


@pytest.mark.parametrize("text, code", [
    ("Hezbollah handed over the bodies of three fighters.", "084"),
    ("The militia released the hostages on Sunday.", "0841"),
    ("Gunmen stormed the jail in Kirkuk.", "190"),
    ("Rebel forces laid siege to the provincial capital.", "191"),
    ("Syria shot down an Israeli drone.", "190"),
    ("Morocco expelled the Iranian ambassador.", "161"),
    ("Qatar recalled its ambassador from Riyadh.", "161"),
])
def test_acts_the_review_asked_about_keep_their_codes(nlp: Language, resolver: ActorResolver,
                                                      coder: EventCoder, text: str, code: str) -> None:
    got = [e.cameo for e in asserted(coded(nlp, resolver, coder, text))]
    assert any(c.startswith(code) for c in got), got
